import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../service/documents/fonts';
import { generatePdf } from '../../service/documents/generate';
import type { DocumentSpec } from '../../service/documents/layout/blocks';
import { chineseDate } from '../../service/documents/layout/blocks';
import { MM, gb9704 } from '../../service/documents/layout/geometry';
import { Renderer } from '../../service/documents/layout/render';
import { CLOSING, OPENING, breakLines, place } from '../../service/documents/layout/text';
import { TEXT_AREA, darkPixels, pageCount, pageText, pdftotext, qpdfCheck, renderGray, savePngs, write } from './support';

const NOW = new Date('2025-10-13T02:00:00Z');
const fonts = loadFontSet({});
const g = gb9704();

describe('GB/T 9704 geometry', () => {
  it('has a 156 × 225 mm text area 37 mm from the top and 28 mm from the left, 28 characters × 22 lines', () => {
    expect(g.textWidth / MM).toBeCloseTo(156, 6);
    expect(g.textHeight / MM).toBeCloseTo(225, 6);
    expect(g.top / MM).toBeCloseTo(37, 6);
    expect(g.left / MM).toBeCloseTo(28, 6);
    expect(g.linePitch * 22).toBeCloseTo(g.textHeight, 6);
    expect(g.charPitch * 28).toBeCloseTo(g.textWidth, 6);
  });

  it('puts exactly 28 characters on a line and 22 lines on a page', () => {
    const text = '审'.repeat(28 * 22);
    const pages = new Renderer(fonts, g).render({ title: 't', blocks: [{ type: 'paragraph', text, indent: 0 }], pageNumbers: 'none' });
    expect(pages).toHaveLength(1);
    const lines = pages[0]!.ops.filter((o) => o.op === 'text');
    expect(lines).toHaveLength(22);
    for (const l of lines) if (l.op === 'text') expect(l.chars).toHaveLength(28);
    const more = new Renderer(fonts, g).render({ title: 't', blocks: [{ type: 'paragraph', text: `${text}审`, indent: 0 }], pageNumbers: 'none' });
    expect(more).toHaveLength(2);
  });

  it('writes dates the 公文 way', () => {
    expect(chineseDate('2025-10-13')).toBe('2025年10月13日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});

describe('Chinese line breaking (禁则)', () => {
  const style = { role: 'body' as const, size: 16, tracking: g.charPitch - 16 };

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // every position of a comma, full stop and brackets against the line end
    for (let k = 20; k < 34; k++) {
      const text = `${'审'.repeat(k)}，核。（合格）“结果”。${'查'.repeat(30)}、；：？！》」』。`;
      const lines = breakLines(place(fonts, text, style), g.textWidth, 2 * g.charPitch);
      for (const [i, l] of lines.entries()) {
        const first = l.chars[0]!.ch;
        const last = l.chars[l.chars.length - 1]!.ch;
        if (i > 0) expect(CLOSING.has(first), `line ${i} starts with ${first} (k=${k})`).toBe(false);
        expect(OPENING.has(last), `line ${i} ends with ${last} (k=${k})`).toBe(false);
        expect(l.width + l.extra * (l.chars.length - 1) + l.indent).toBeLessThanOrEqual(g.textWidth + 0.01);
      }
    }
  });

  it('keeps a USCC or a number whole', () => {
    const text = `${'审'.repeat(20)}统一社会信用代码91650100MA7ABCDE12。`;
    const lines = breakLines(place(fonts, text, style), g.textWidth, 0);
    expect(lines.map((l) => l.chars.map((c) => c.ch).join('')).some((s) => s.includes('91650100MA7ABCDE12'))).toBe(true);
  });

  it('in a real PDF no line starts with 。 or ，', async () => {
    const para = '根据本地区长期护理保险定点管理的规定，经形式审查，你单位提交的申请材料不齐全。请于规定期限内补正，逾期未补正的，视为放弃本次申请。';
    const spec: DocumentSpec = { title: '断行', blocks: Array.from({ length: 12 }, (_, i) => ({ type: 'paragraph' as const, text: '审'.repeat(i) + para })) };
    const pdf = await generatePdf([spec], { fonts, now: NOW });
    const file = write('breaking.pdf', pdf.bytes);
    const lines = pdftotext(file).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThan(24);
    for (const l of lines) expect(/^[。，]/.test(l), `line starts with punctuation: ${l}`).toBe(false);
  });
});

describe('tables and pages', () => {
  it('splits a long table across pages and repeats its header row on each', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), `第${i + 1}号测试养老院`, '乌鲁木齐市天山区测试路100号', '91650100MA7ABCDE12']);
    const spec: DocumentSpec = {
      title: '表格',
      blocks: [
        { type: 'title', text: '表格跨页测试' },
        { type: 'table', columns: [{ title: '序号', width: 1 }, { title: '机构名称', width: 4 }, { title: '机构地址', width: 4 }, { title: '统一社会信用代码', width: 4 }], rows },
        { type: 'signature', issuer: '测试医疗保障事务中心', date: '2025-10-13' },
      ],
    };
    const pdf = await generatePdf([spec], { fonts, now: NOW });
    const file = write('table.pdf', pdf.bytes);
    expect(qpdfCheck(file).ok).toBe(true);
    const n = pageCount(file);
    expect(n).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= n; p++) {
      const t = pageText(file, p);
      if (!/第\d+号测试养老院/.test(t)) continue;
      expect(t, `page ${p} repeats the header`).toContain('统一社会信用代码');
      expect(t).toContain('机构名称');
      expect(t).toContain(`— ${p} —`);
    }
    const all = pdftotext(file);
    for (const r of rows) expect(all).toContain(r[1]!);
    // page numbers: odd pages right, even pages left (GB/T 9704 7.5)
    const p1 = renderGray(file, 1, 150);
    const p2 = renderGray(file, 2, 150);
    const band = { top: TEXT_AREA.top + TEXT_AREA.height + 4, height: 10, width: 60 };
    const ink = (img: typeof p1, left: number) => darkPixels(img, { ...band, left }, 150);
    expect(ink(p1, 124)).toBeGreaterThan(20);
    expect(ink(p1, 26)).toBe(0);
    expect(ink(p2, 26)).toBeGreaterThan(20);
    expect(ink(p2, 124)).toBe(0);
    savePngs(file, 'table', 60);
  });
});
