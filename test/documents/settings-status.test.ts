import { copyFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService } from '../support/service';
import { ApiError } from '../../shared/contract/errors';
import { makeP12, sealPng, tmpFile, write } from './support';

/**
 * What the 文书与签章设置 screen shows and refuses (issue 7): whether a seal is
 * set, which font each role prints with, and font refusals at the field they
 * belong to.
 */

const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';
const BASE = { agencyName: '', issuingBody: '乌鲁木齐市医疗保障事务服务中心', docNumberPrefix: '乌医保经' };

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-09-29');
});
afterEach(async () => {
  await t.cleanup();
});

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('documents.seal.status', () => {
  it('none, then set with its import time, then removed', async () => {
    expect(await t.service.call('documents.seal.status', {})).toEqual({ present: false, importedAt: null });
    await t.service.call('documents.seal.import', { path: write('seal-status.png', sealPng(60)) });
    expect(await t.service.call('documents.seal.status', {})).toEqual({ present: true, importedAt: '2025-09-29T04:00:00.000Z' });
    await t.service.call('documents.seal.import', { path: null });
    expect(await t.service.call('documents.seal.status', {})).toEqual({ present: false, importedAt: null });
  });
});

describe('documents.fonts.status and font refusals', () => {
  it('every role has a font before anything is chosen; a chosen face shows as configured', async () => {
    const before = await t.service.call('documents.fonts.status', {});
    expect(before.problem).toBeNull();
    expect(before.roles.map((r) => r.role)).toEqual(['title', 'body', 'heading', 'kai']);
    for (const r of before.roles) {
      expect(r.configured).toBe(false);
      expect(r.family.length).toBeGreaterThan(0);
      expect(r.roleLabel).toMatch(/[\u4e00-\u9fff]/);
    }
    await t.service.call('documents.settings.set', { ...BASE, fonts: { body: { path: UMING, face: 0 } } });
    const after = await t.service.call('documents.fonts.status', {});
    const body = after.roles.find((r) => r.role === 'body')!;
    expect(body.configured).toBe(true);
    expect(body.family).toMatch(/AR PL UMing/);
    expect(body.source).toContain('设置');
  });

  it('a missing .ttc face is refused at the face field, saying so; a non-font at the path field', async () => {
    const face = await refusal(t.service.call('documents.settings.set', { ...BASE, fonts: { body: { path: UMING, face: '不存在的字体' } } }));
    expect(face.fieldErrors).toEqual({ 'fonts.body.face': expect.stringContaining('字体集中没有名为“不存在的字体”的字体') });
    const index = await refusal(t.service.call('documents.settings.set', { ...BASE, fonts: { title: { path: UMING, face: 99 } } }));
    expect(index.fieldErrors?.['fonts.title.face']).toMatch(/字体集中没有序号为 99 的字体（共\d+个/);
    const notFont = await refusal(t.service.call('documents.settings.set', { ...BASE, fonts: { kai: { path: write('not-a-font.ttf', Buffer.from('plain text')) } } }));
    expect(notFont.fieldErrors?.['fonts.kai.path']).toContain('文件格式无法识别');
    expect((await t.service.call('documents.settings.get', {})).fonts).toEqual({}); // nothing saved
  });

  it('a chosen font removed later does not block saving the 发文机关', async () => {
    const copy = tmpFile('removed-later.ttc');
    copyFileSync(UMING, copy);
    await t.service.call('documents.settings.set', { ...BASE, fonts: { body: { path: copy, face: 0 } } });
    rmSync(copy);
    const saved = await t.service.call('documents.settings.set', { ...BASE, issuingBody: '乌鲁木齐市医疗保障局', fonts: { body: { path: copy, face: 0 } } });
    expect(saved.issuingBody).toBe('乌鲁木齐市医疗保障局');
    // choosing it again (a changed choice) is checked and refused
    const again = await refusal(t.service.call('documents.settings.set', { ...BASE, fonts: { body: { path: copy, face: 1 } } }));
    expect(again.fieldErrors?.['fonts.body.path']).toContain('找不到字体文件');
  });
});

describe('certificate and seal refusals name their field', () => {
  it('a wrong passphrase at passphrase; an unusable certificate file or a non-PNG seal at path', async () => {
    const p12 = write('agency-fields.p12', makeP12({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') }));
    const wrong = await refusal(t.service.call('documents.certificate.import', { path: p12, passphrase: 'wrong' }));
    expect(wrong.fieldErrors).toEqual({ passphrase: '证书密码不正确，请重新输入' });
    const notP12 = await refusal(t.service.call('documents.certificate.import', { path: write('not-a-cert.p12', Buffer.from('plain text')), passphrase: 'x' }));
    expect(notP12.fieldErrors).toEqual({ path: '该文件不是有效的数字证书文件（.p12/.pfx）' });
    const expired = write('agency-expired.p12', makeP12({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2024-01-01T00:00:00Z') }));
    expect((await refusal(t.service.call('documents.certificate.import', { path: expired, passphrase: 'test-pass' }))).fieldErrors?.path).toMatch(/^证书已过期/);
    const seal = await refusal(t.service.call('documents.seal.import', { path: write('not-a-seal.png', Buffer.from('plain text')) }));
    expect(seal.fieldErrors).toEqual({ path: '印章图片须为PNG格式' });
    expect(await t.service.call('documents.certificate.status', {})).toMatchObject({ imported: false });
  });
});
