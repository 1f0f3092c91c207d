import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../service/documents/fonts';
import { generatePdf } from '../../service/documents/generate';
import type { DocumentSpec } from '../../service/documents/layout/blocks';
import { prepareSeal } from '../../service/documents/layout/pdf';
import { assertPng, loadP12 } from '../../service/documents/signing';
import { flatText, makeP12, pdffonts, pdfsig, qpdfCheck, renderGray, savePngs, sealPng, write } from './support';
import { readFileSync, writeFileSync } from 'node:fs';

const NOW = new Date();
const fonts = loadFontSet({});
const DAY = 86_400_000;

function letter(name: string): DocumentSpec {
  return {
    title: '审核结果告知书',
    author: '测试医疗保障事务中心',
    seal: true,
    blocks: [
      { type: 'title', text: '长期护理保险定点护理服务机构\n审核结果告知书' },
      { type: 'paragraph', text: `${name}：`, indent: 0 },
      { type: 'paragraph', text: '经审核，你单位审核结果为合格。' },
      { type: 'signature', issuer: '测试医疗保障事务中心', date: '2025-10-13' },
    ],
  };
}

describe('loading the agency certificate', () => {
  it('opens a valid .p12 and reads its subject', () => {
    const id = loadP12(makeP12(), 'test-pass', NOW);
    expect(id.subject).toBe('测试医疗保障事务中心');
    expect(id.certs).toHaveLength(1);
  });

  it('refuses a wrong passphrase', () => {
    expect(() => loadP12(makeP12(), 'wrong', NOW)).toThrow('证书密码不正确');
  });

  it('refuses an expired and a not-yet-valid certificate', () => {
    const expired = makeP12({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(() => loadP12(expired, 'test-pass', NOW)).toThrow(/证书已过期（有效期至\d{4}年\d+月\d+日）/);
    const future = makeP12({ notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 400 * DAY) });
    expect(() => loadP12(future, 'test-pass', NOW)).toThrow(/证书尚未生效/);
  });

  it('refuses a file without private key, and a file that is no certificate', () => {
    expect(() => loadP12(makeP12({ withKey: false }), 'test-pass', NOW)).toThrow('证书文件中没有私钥');
    expect(() => loadP12(Buffer.from('not a p12 file at all'), 'x', NOW)).toThrow('不是有效的数字证书文件');
  });
});

describe('signed PDFs', () => {
  it('pdfsig reports every signature valid and the whole document signed, for many documents with one key', async () => {
    const id = loadP12(makeP12(), 'test-pass', NOW);
    const seal = await prepareSeal(sealPng());
    for (const name of ['阿勒泰康养中心', '天山区颐养院', '米东区护理院']) {
      const pdf = await generatePdf([letter(name)], { fonts, identity: id, seal, now: NOW });
      expect(pdf.signed).toBe(true);
      const file = write(`signed-${name}.pdf`, pdf.bytes);
      const sig = pdfsig(file);
      expect(sig).toContain('Signature is Valid');
      expect(sig).toContain('Total document signed');
      expect(sig).toContain('adbe.pkcs7.detached');
      expect(qpdfCheck(file).ok).toBe(true);
      expect(flatText(file)).toContain(`${name}：`);
      for (const f of pdffonts(file)) expect([f.emb, f.sub]).toEqual(['yes', 'yes']);
    }
  });

  it('a copy with one byte changed inside the signed range fails pdfsig', async () => {
    const id = loadP12(makeP12(), 'test-pass', NOW);
    const pdf = await generatePdf([letter('测试养老院')], { fonts, identity: id, now: NOW });
    const file = write('to-tamper.pdf', pdf.bytes);
    expect(pdfsig(file)).toContain('Signature is Valid');
    const bytes = Buffer.from(readFileSync(file));
    const at = bytes.indexOf('/Title');
    expect(at).toBeGreaterThan(0);
    const target = at + 9; // inside the metadata title string, well within the first signed range
    bytes[target] = bytes[target]! ^ 0x01;
    const tampered = write('tampered.pdf', bytes);
    const out = pdfsig(tampered);
    expect(out).not.toContain('Signature is Valid');
    expect(out).toMatch(/Signature is Invalid|Digest Mismatch|not valid/i);
  });

  it('places the seal over the date of a signed letter', async () => {
    const id = loadP12(makeP12(), 'test-pass', NOW);
    const seal = await prepareSeal(sealPng());
    const pdf = await generatePdf([letter('测试养老院')], { fonts, identity: id, seal, now: NOW });
    const file = write('sealed.pdf', pdf.bytes);
    savePngs(file, 'sealed-letter', 60);
    // the seal is red: in gray it turns dark around the signature block
    const withSeal = renderGray(file, 1);
    const plain = renderGray(write('unsealed.pdf', (await generatePdf([letter('测试养老院')], { fonts, identity: id, now: NOW })).bytes), 1);
    let diff = 0;
    for (let i = 0; i < withSeal.data.length; i++) if (Math.abs(withSeal.data[i]! - plain.data[i]!) > 40) diff++;
    expect(diff).toBeGreaterThan(200);
  });

  it('without a certificate the document is an unsigned 草稿, visibly marked', async () => {
    const pdf = await generatePdf([letter('测试养老院')], { fonts, now: NOW });
    expect(pdf.signed).toBe(false);
    const file = write('draft.pdf', pdf.bytes);
    expect(pdfsig(file)).toMatch(/does not contain any signatures/);
    // the watermark's outlines put light gray across the middle of the page
    const gray = renderGray(file, 1);
    let light = 0;
    for (const v of gray.data) if (v > 180 && v < 240) light++;
    expect(light).toBeGreaterThan(2000);
    savePngs(file, 'draft-letter', 60);
  });
});

describe('seal image', () => {
  it('accepts only PNG (checked by its signature bytes)', () => {
    expect(() => assertPng(sealPng())).not.toThrow();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    expect(() => assertPng(jpeg)).toThrow('印章图片须为PNG格式');
    const p = write('seal.png', sealPng());
    writeFileSync(p, sealPng());
  });
});
