import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService } from '../support/service';
import { decidedRound } from './sealedRound';
import { makeP12, write } from './support';

/**
 * 发文字号 (文号) of issued documents: a re-issued letter or 备案表 keeps the
 * number it was issued with, and an unsigned 草稿 never takes a new number, so
 * the agency's official sequence has no gaps left by drafts.
 */

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
});
afterEach(async () => {
  await t.cleanup();
});

const AGENCY = '乌鲁木齐市医疗保障事务服务中心';

describe('文号', () => {
  it('drafts take none; signed documents number on from 1; re-issues keep their number', async () => {
    await t.service.call('documents.settings.set', { agencyName: AGENCY, issuingBody: AGENCY, docNumberPrefix: '乌医保经', fonts: {} });
    const r = await decidedRound(t.service, { code: 'WLMQ-2025-8', heldOn: '2025-10-15' });
    await r.seal();
    const [first] = r.apps;

    const draftForm = await t.service.call('documents.filingForm', { roundId: r.roundId });
    const draftLetter = await t.service.call('documents.resultLetter', { applicationId: first!.id });
    expect([draftForm.signed, draftForm.docNumber, draftLetter.signed, draftLetter.docNumber]).toEqual([false, null, false, null]);

    const p12 = write('agency-numbers.p12', makeP12({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') }));
    await t.service.call('documents.certificate.import', { path: p12, passphrase: 'test-pass' });
    const form = await t.service.call('documents.filingForm', { roundId: r.roundId });
    const letter = await t.service.call('documents.resultLetter', { applicationId: first!.id });
    expect([form.signed, form.docNumber, letter.docNumber]).toEqual([true, '乌医保经〔2025〕1号', '乌医保经〔2025〕2号']);

    const formAgain = await t.service.call('documents.filingForm', { roundId: r.roundId });
    const letterAgain = await t.service.call('documents.resultLetter', { applicationId: first!.id });
    expect([formAgain.docNumber, letterAgain.docNumber]).toEqual(['乌医保经〔2025〕1号', '乌医保经〔2025〕2号']);
    expect(formAgain.documentId).not.toBe(form.documentId);
  });
});
