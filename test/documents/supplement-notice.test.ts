import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService, makeRound, sampleApplication } from '../support/service';
import { listDocumentsOfApplication } from '../../db/queries/documents';
import { flatText, makeP12, pdffonts, pdfsig, qpdfCheck, savePngs, sealPng, write } from './support';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-09-29');
});
afterEach(async () => {
  await t.cleanup();
});

async function applicationWithNotice(missing: number[] = [1, 3]) {
  const r = await makeRound(t.service, { code: 'WLMQ-2025-2' });
  const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(0, { name: '乌鲁木齐市水磨沟区福康护理院' }) });
  let fc = await t.service.call('formalCheck.get', { applicationId: a.id });
  for (const [i, m] of fc.materials.entries()) {
    fc = await t.service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: missing.includes(i) ? 'missing' : 'received' });
  }
  fc = await t.service.call('formalCheck.issueNotice', { applicationId: a.id, issuedOn: '2025-09-29' });
  return { round: r, app: a, fc };
}

describe('documents.supplementNotice end to end', () => {
  it('generates an unsigned 草稿 without a certificate, says why, and registers it', async () => {
    const { app, fc } = await applicationWithNotice();
    const doc = await t.service.call('documents.supplementNotice', { applicationId: app.id });
    expect(doc.signed).toBe(false);
    expect(doc.draftReason).toContain('未导入数字证书');
    expect(doc.path.startsWith(path.join(t.dir, 'documents', 'WLMQ-2025-2'))).toBe(true);
    const bytes = readFileSync(doc.path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
    const text = flatText(doc.path);
    expect(text).toContain('乌鲁木齐市水磨沟区福康护理院：');
    for (const m of fc.notice!.missingItems) expect(text).toContain(m.title);
    expect(text).toContain('请于2025年10月13日前（自本通知书发出之日起5个工作日内）');
    expect(text).toContain('逾期未补正的，视为放弃本次申请。');
    expect(pdfsig(doc.path)).toMatch(/does not contain any signatures/);
    const rows = await listDocumentsOfApplication(t.service.ctx.db, app.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'supplementNotice', sha256: doc.sha256, template_id: 'supplement-notice', template_version: 1, signed: 0, pages: doc.pages });
  });

  it('with an imported certificate: signed, sealed, red header and 文号, reused on regeneration', async () => {
    const { app } = await applicationWithNotice();
    await t.service.call('documents.settings.set', {
      agencyName: '乌鲁木齐市医疗保障事务服务中心',
      issuingBody: '乌鲁木齐市医疗保障事务服务中心',
      docNumberPrefix: '乌医保经',
      fonts: {},
    });
    const p12 = write('agency.p12', makeP12({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') }));
    await expect(t.service.call('documents.certificate.import', { path: p12, passphrase: 'wrong' })).rejects.toThrow('证书密码不正确');
    expect(existsSync(path.join(t.dir, 'certs', 'agency.p12'))).toBe(false); // refused before anything was written
    const st = await t.service.call('documents.certificate.import', { path: p12, passphrase: 'test-pass' });
    expect(st).toMatchObject({ imported: true, unlocked: true, subject: '测试医疗保障事务中心' });
    // the passphrase is stored nowhere
    const settings = await t.service.ctx.db.selectFrom('setting').selectAll().execute();
    expect(JSON.stringify(settings)).not.toContain('test-pass');

    const notPng = write('seal.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]));
    await expect(t.service.call('documents.seal.import', { path: notPng })).rejects.toThrow('印章图片须为PNG格式');
    await t.service.call('documents.seal.import', { path: write('seal.png', sealPng()) });

    const doc = await t.service.call('documents.supplementNotice', { applicationId: app.id });
    expect(doc.signed).toBe(true);
    expect(doc.draftReason).toBeNull();
    expect(doc.docNumber).toBe('乌医保经〔2025〕1号');
    const sig = pdfsig(doc.path);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    expect(qpdfCheck(doc.path).ok).toBe(true);
    for (const f of pdffonts(doc.path)) expect([f.emb, f.sub]).toEqual(['yes', 'yes']);
    const text = flatText(doc.path);
    expect(text.startsWith('乌鲁木齐市医疗保障事务服务中心乌医保经〔2025〕1号')).toBe(true);
    savePngs(doc.path, 'supplement-notice-service');

    const again = await t.service.call('documents.supplementNotice', { applicationId: app.id });
    expect(again.docNumber).toBe('乌医保经〔2025〕1号');
    expect(again.path).not.toBe(doc.path);
    expect(readdirSync(path.dirname(doc.path)).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  });

  it('refuses an application without an issued notice, and an unusable font in settings', async () => {
    const r = await makeRound(t.service, { code: 'R2' });
    const a = await t.service.call('applications.create', { roundId: r.id, data: sampleApplication(1) });
    await expect(t.service.call('documents.supplementNotice', { applicationId: a.id })).rejects.toThrow('尚未发出补正通知');
    await expect(
      t.service.call('documents.settings.set', { agencyName: '', issuingBody: '测试中心', docNumberPrefix: '', fonts: { body: { path: '/nonexistent/simfang.ttf' } } }),
    ).rejects.toThrow('找不到字体文件');
  });
});
