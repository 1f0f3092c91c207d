import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DERIVED, derivedFontBytes, loadFontFile, loadFontSet } from '../../service/documents/fonts';
import { collectionFaceOffsets, containerKind, extractCollectionFace, readTableDirectory } from '../../service/documents/sfnt/sfnt';
import { TrueTypeFont } from '../../service/documents/sfnt/truetype';
import { subsetTrueType } from '../../service/documents/sfnt/subset';
import { generatePdf } from '../../service/documents/generate';
import type { DocumentSpec } from '../../service/documents/layout/blocks';
import { TEXT_AREA, darkPixels, pdffonts, pdftotext, renderGray, savePngs, write } from './support';

const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';
const NOW = new Date('2025-10-13T02:00:00Z');

function spec(text: string): DocumentSpec {
  return { title: '测试', blocks: [{ type: 'paragraph', text, indent: 0 }], pageNumbers: 'none' };
}

describe('TrueType collections and WOFF', () => {
  it('splits one face out of a .ttc into a standalone font with the same glyphs', () => {
    const ttc = readFileSync(UMING);
    const offsets = collectionFaceOffsets(ttc);
    expect(offsets.length).toBeGreaterThan(1);
    const face = extractCollectionFace(ttc, 2);
    expect(containerKind(face)).toBe('truetype');
    const font = new TrueTypeFont(face, 'uming-2');
    // the same glyph bytes as read through the collection's own directory
    const dir = readTableDirectory(ttc, offsets[2]);
    expect(dir.get('glyf')!.length).toBe(font.table('glyf').length);
    const gid = font.glyphId('审'.codePointAt(0)!);
    expect(gid).toBeGreaterThan(0);
    expect(font.hasOutline(gid)).toBe(true);
  });

  it('derives Noto Serif SC from the npm package once, as TrueType with glyf outlines, cached in the data dir', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ltc-fonts-'));
    const bytes = derivedFontBytes(DERIVED.regular, dir)!;
    const cached = path.join(dir, `${DERIVED.regular.id}.ttf`);
    expect(existsSync(cached)).toBe(true);
    const font = new TrueTypeFont(bytes, 'noto');
    expect(font.tables.has('glyf')).toBe(true);
    expect(font.tables.has('CFF ')).toBe(false);
    expect(font.glyphId('医'.codePointAt(0)!)).toBeGreaterThan(0);
    const mtime = statSync(cached).mtimeMs;
    derivedFontBytes(DERIVED.regular, dir);
    expect(statSync(cached).mtimeMs).toBe(mtime); // read from the cache, not derived again
  });

  it('refuses a CFF (OpenType/PostScript) font with a Chinese reason', () => {
    const fake = Buffer.alloc(64);
    fake.write('OTTO', 0, 'latin1');
    const p = path.join(mkdtempSync(path.join(os.tmpdir(), 'ltc-fonts-')), 'fake.otf');
    writeFileSync(p, fake);
    expect(() => loadFontFile({ path: p })).toThrow(/不是TrueType轮廓字体/);
  });
});

describe('font set', () => {
  it('uses installed fonts here and the heaviest face for titles', () => {
    const fonts = loadFontSet({});
    const byRole = Object.fromEntries(fonts.choices.map((c) => [c.role, c]));
    expect(byRole.body!.family).toContain('UMing');
    expect(byRole.title!.source).toContain('noto-serif-sc-900');
    expect(fonts.chains.title[0]!.metrics.weightClass).toBe(900);
  });

  it('falls back per character across fonts', () => {
    const fonts = loadFontSet({});
    const body = fonts.chains.body[0]!;
    // ‱ (U+2031) is not in AR PL UMing but is in WenQuanYi Zen Hei
    const cp = 0x2031;
    expect(body.glyphId(cp)).toBe(0);
    const g = fonts.glyph('body', cp)!;
    expect(g.font).not.toBe(body);
    expect(g.font.familyName).toContain('WenQuanYi');
    expect(fonts.glyph('body', '审'.codePointAt(0)!)!.font).toBe(body);
  });

  it('refuses a character no font has, naming it', async () => {
    const fonts = loadFontSet({});
    await expect(generatePdf([spec('机构𠀀名称')], { fonts, now: NOW })).rejects.toThrow('字符“𠀀”（U+20000）在可用字体中都没有，无法生成文档');
  });
});

describe('subsets', () => {
  it('pads every glyph and uses the long loca format', () => {
    const font = loadFontSet({}).chains.body[0]!;
    const gids = [0, ...[...'中文'].map((c) => font.glyphId(c.codePointAt(0)!))];
    const sub = subsetTrueType(font, gids);
    const dir = readTableDirectory(sub.bytes);
    const dv = new DataView(sub.bytes.buffer, sub.bytes.byteOffset, sub.bytes.byteLength);
    expect(dv.getInt16(dir.get('head')!.offset + 50)).toBe(1); // long loca
    expect(dv.getUint16(dir.get('maxp')!.offset + 4)).toBe(3);
    const loca = dir.get('loca')!;
    expect(loca.length).toBe(4 * 4);
    for (let i = 0; i < 4; i++) expect(dv.getUint32(loca.offset + 4 * i) % 4).toBe(0);
    // both glyphs keep their outlines
    for (let i = 1; i < 3; i++) expect(dv.getUint32(loca.offset + 4 * (i + 1)) - dv.getUint32(loca.offset + 4 * i)).toBeGreaterThan(10);
  });

  for (const [label, opts] of [
    ['installed fonts', {}],
    ['the derived Noto font', { useInstalled: false }],
  ] as const) {
    it(`a two-character document shows ink, embedded subset fonts and its text (${label})`, async () => {
      const fonts = loadFontSet(opts);
      const pdf = await generatePdf([{ ...spec('中文'), watermark: undefined }], { fonts, now: NOW, identity: null });
      // the 草稿 mark is outlines, so the text layer holds only the two characters
      const file = write(`two-${label}.pdf`, pdf.bytes);
      expect(pdftotext(file).trim()).toBe('中文');
      const rows = pdffonts(file);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.emb).toBe('yes');
        expect(r.sub).toBe('yes');
        expect(r.uni).toBe('yes');
        expect(r.name).toMatch(/^[A-Z]{6}\+/);
      }
      // ink in the first line of the text area: the two glyphs really render
      const gray = renderGray(file, 1, 100);
      const ink = darkPixels(gray, { left: TEXT_AREA.left, top: TEXT_AREA.top, width: 20, height: 12 }, 100);
      expect(ink).toBeGreaterThan(40);
      savePngs(file, `two-chars-${opts === undefined || !('useInstalled' in opts) ? 'installed' : 'derived'}`, 60);
    });
  }
});
