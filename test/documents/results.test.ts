import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService } from '../support/service';
import { startBatch } from '../../service/documents/batch/jobs';
import { startHost } from '../../host/server';
import { xinjiangProfile } from '../../shared/profiles/xinjiang';
import { loadFontSet } from '../../service/documents/fonts';
import { generatePdf } from '../../service/documents/generate';
import { RESULT_UNQUALIFIED, documentFromTemplate, letterReason, resultLetterInput, resultLetterValues } from '../../service/documents/templates';
import { ADVICE_BEDS, ADVICE_SITE, DISSENT, NAMES, PLACE, REFUSAL, SITE_REASON, decidedRound, waitForJob } from './sealedRound';
import { flatText, makeP12, pageCount, pdffonts, pdfsig, qpdfCheck, savePngs, sealPng, tmpFile, write } from './support';

/**
 * The documents that follow 集体评议, from a real sealed meeting: result
 * letters, the minutes, the 备案表, the batch job and the document register,
 * each checked on the real PDF with poppler and qpdf.
 */

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
});
afterEach(async () => {
  await t.cleanup();
});

const AGENCY = '乌鲁木齐市医疗保障事务服务中心';

async function signWithCertificate() {
  await t.service.call('documents.settings.set', { agencyName: AGENCY, issuingBody: AGENCY, docNumberPrefix: '乌医保经', fonts: {} });
  const p12 = write('agency-results.p12', makeP12({ notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') }));
  await t.service.call('documents.certificate.import', { path: p12, passphrase: 'test-pass' });
  await t.service.call('documents.seal.import', { path: write('seal-results.png', sealPng()) });
}

/** The text without whitespace and without the page numbers (— 1 —) a page break puts in the middle. */
function body(file: string): string {
  return flatText(file).replace(/—\d+—/g, '');
}

function expectSignedWhole(file: string) {
  const sig = pdfsig(file);
  expect(sig).toContain('Signature is Valid');
  expect(sig).toContain('Total document signed');
  expect(qpdfCheck(file).ok).toBe(true);
  const fonts = pdffonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect([f.emb, f.sub, f.uni]).toEqual(['yes', 'yes', 'yes']);
    expect(f.name).toMatch(/^[A-Z]{6}\+/);
  }
}

/** One byte flipped inside the first signed range (the metadata title): the signature must fail. */
function expectTamperedCopyFails(file: string) {
  const bytes = Buffer.from(readFileSync(file));
  const at = bytes.indexOf('/Title');
  expect(at).toBeGreaterThan(0);
  bytes[at + 9] = bytes[at + 9]! ^ 0x01;
  const out = pdfsig(write(`tampered-${path.basename(file)}`, bytes));
  expect(out).not.toContain('Signature is Valid');
  expect(out).toMatch(/Signature is Invalid|Digest Mismatch|not valid/i);
}

describe('result letters from a sealed meeting', () => {
  it('are refused until the meeting is sealed; then 合格 and 不合格 letters carry the names, reasons with articles, 整改建议 and dates exactly, signed', { timeout: 120_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2025-3', heldOn: '2025-10-20' });
    const [a0, a1] = r.apps;
    await signWithCertificate();

    // an unsealed meeting: nothing is issued, and the message says why
    await expect(s.call('documents.resultLetter', { applicationId: a0!.id })).rejects.toThrow('第1次集体评议中作出，该会议纪要尚未封存，不能出具审核结果告知书');
    await expect(s.call('documents.batch.start', { roundId: r.roundId, kinds: ['resultLetters'] })).rejects.toThrow('第1次集体评议的会议纪要尚未封存，不能出具审核结果告知书');
    await expect(s.call('documents.minutes', { meetingId: r.meetingId })).rejects.toThrow('会议纪要尚未封存，不能出具正式的会议纪要');
    await expect(s.call('documents.filingForm', { roundId: r.roundId })).rejects.toThrow('尚无已封存的集体评议审核结论');
    expect(await s.call('documents.list', { roundId: r.roundId })).toEqual([]);
    await r.seal();

    // 合格
    const pass = await s.call('documents.resultLetter', { applicationId: a0!.id });
    expect(pass).toMatchObject({ signed: true, draftReason: null, docNumber: '乌医保经〔2025〕1号' });
    const passText = body(pass.path);
    expect(passText.startsWith(`${AGENCY}乌医保经〔2025〕1号长期护理保险定点护理服务机构审核结果告知书${NAMES[0]}：`)).toBe(true);
    expect(passText).toContain(`你单位（统一社会信用代码：${a0!.uscc}）于2025年9月1日提出的长期护理保险定点护理服务机构申请（申请编号：${a0!.applicationNo}），经审核，结果为合格。`);
    expect(passText).toContain('根据《长期护理保险护理服务机构定点管理实施细则》第十四条的规定，审核合格的机构名单将向社会公示，公示期不少于5个工作日。');
    expect(passText).toContain('公示无异议的，请于公示期满后3个月内与我单位协商谈判，签订长期护理保险服务协议，首次协议期限为1年。');
    expect(passText).toContain(`${AGENCY}2025年10月20日`);
    expect(pageCount(pass.path)).toBe(1);
    expectSignedWhole(pass.path);
    expectTamperedCopyFails(pass.path);
    savePngs(pass.path, 'round-result-qualified', 70);

    // 不合格: the failed rule as “title：explanation” with its article, the panel's reason on its own authority
    const fail = await s.call('documents.resultLetter', { applicationId: a1!.id });
    expect(fail).toMatchObject({ signed: true, docNumber: '乌医保经〔2025〕2号' });
    const failText = body(fail.path);
    expect(failText).toContain(`${NAMES[1]}：`);
    expect(failText).toContain(`（申请编号：${a1!.applicationNo}），经审核，结果为不合格。主要原因如下：`);
    expect(failText).toContain('1．专区护理床位数：护理床位5张，少于20张（依据：第七条（三））');
    expect(failText).toContain(`2．${SITE_REASON}（依据：审核小组集体评议意见）`);
    expect(failText).toContain(`整改建议：1．${ADVICE_BEDS}。2．${ADVICE_SITE}。`);
    expect(failText).toContain('根据《长期护理保险护理服务机构定点管理实施细则》第十四条的规定，你单位可以在收到本告知书之日起3个月内进行整改，整改完成后可以申请再次审核，再次审核以1次为限。再次审核仍不合格的，自再次审核结果告知之日起1年内不得再次申请。');
    // the profile names no remedies: the statutory ones, with their time limits
    expect(failText).toContain('如对本审核结果有异议，可以依法申请行政复议，或者依法向人民法院提起行政诉讼。');
    expect(failText).toContain('自知道或者应当知道本审核结果之日起60日内申请行政复议');
    expect(failText).toContain('2025年9月1日');
    expect(failText).toContain(`${AGENCY}2025年10月20日`);
    expectSignedWhole(fail.path);
    expectTamperedCopyFails(fail.path);
    savePngs(fail.path, 'round-result-unqualified', 70);

    // regenerating keeps the 文号
    const again = await s.call('documents.resultLetter', { applicationId: a1!.id });
    expect(again.docNumber).toBe('乌医保经〔2025〕2号');

    // the register: hash, template and version, signer; verify finds the issued file and detects a change
    const reg = await s.call('documents.list', { roundId: r.roundId });
    expect(reg.map((d) => [d.kind, d.title, d.institution, d.templateId, d.templateVersion, d.signed, d.signer])).toEqual([
      ['resultLetter', '审核结果告知书（合格）', NAMES[0], 'result-qualified', 2, true, '测试医疗保障事务中心'],
      ['resultLetter', '审核结果告知书（不合格）', NAMES[1], 'result-unqualified', 3, true, '测试医疗保障事务中心'],
      ['resultLetter', '审核结果告知书（不合格）', NAMES[1], 'result-unqualified', 3, true, '测试医疗保障事务中心'],
    ]);
    expect(reg[0]).toMatchObject({ documentId: pass.documentId, sha256: pass.sha256, docNumber: '乌医保经〔2025〕1号', fileExists: true, kindLabel: '审核结果告知书' });
    expect(reg[0]!.signedAt).toBe('2025-10-20T04:00:00.000Z');
    expect(createHash('sha256').update(readFileSync(pass.path)).digest('hex')).toBe(reg[0]!.sha256);
    const ok = await s.call('documents.verify', { documentId: pass.documentId });
    expect(ok).toMatchObject({ state: 'match', ok: true, actualSha256: pass.sha256, institution: NAMES[0] });
    expect(ok.message).toContain('文件与登记一致');
    const original = readFileSync(fail.path);
    const changed = Buffer.from(original);
    changed[changed.length - 10] = changed[changed.length - 10]! ^ 0x20;
    writeFileSync(fail.path, changed);
    const bad = await s.call('documents.verify', { documentId: fail.documentId });
    expect(bad).toMatchObject({ state: 'modified', ok: false, expectedSha256: fail.sha256 });
    expect(bad.message).toContain('文件与登记不一致');
    rmSync(fail.path);
    expect(await s.call('documents.verify', { documentId: fail.documentId })).toMatchObject({ state: 'missing', ok: false, actualSha256: null });
    expect((await s.call('documents.list', { roundId: r.roundId })).find((d) => d.documentId === fail.documentId)?.fileExists).toBe(false);
    writeFileSync(fail.path, original);
    expect((await s.call('documents.verify', { documentId: fail.documentId })).ok).toBe(true);

    // every issue went through the audit chain
    const actions = (await s.call('audit.list', { limit: 500 })).entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'documents.resultLetter')).toHaveLength(3);
    expect((await s.call('audit.verify', {})).ok).toBe(true);
  });
});

describe('the minutes and the 备案表', () => {
  it('the signed minutes print the minutes hash and the audit head; the 备案表 lists every applicant with decision, tally, reasons and dates', { timeout: 120_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2025-4', heldOn: '2025-10-20' });
    await signWithCertificate();
    const sealed = await r.seal();

    const minutes = await s.call('documents.minutes', { meetingId: r.meetingId });
    expect(minutes.signed).toBe(true);
    const text = body(minutes.path);
    expect(text).toContain('长护服务机构定点申请集体评议会议纪要');
    expect(text).toContain(`2025年10月20日，测试批次审核小组在${PLACE}召开第1次集体评议会议，会议由组长张国华主持。`);
    expect(text).toContain('出席：张国华（组长）、李秀英、王志强、赵丽娟、陈海燕、刘永刚、孙玉兰，共7人。');
    expect(text).toContain('出席人数符合第十三条“审核小组人数不少于5人”的要求。');
    for (const n of NAMES) expect(text).toContain(n);
    expect(text).toContain('合格1票，不合格6票不合格'); // the 不合格 row: its tally cell, then its decision cell
    expect(text).toContain('评议结果：合格2个，不合格1个。');
    expect(text).toContain(`（2）${SITE_REASON}（依据：审核小组集体评议意见）`);
    expect(text).toContain(`李秀英就“${NAMES[2]}”回避，未参加评分和表决（回避（亲属关系）：其配偶为该机构主要负责人）。`);
    expect(text).toContain(`陈海燕对“${NAMES[1]}”投“合格”票，理由：${DISSENT}。`);
    expect(text).toContain(`会议纪要确认情况张国华（组长）、李秀英、王志强、赵丽娟、陈海燕、刘永刚确认本纪要。孙玉兰拒绝确认本纪要，理由：${REFUSAL}。`);
    // the seal: the minutes hash and the audit head, exactly (grouped in 8s on paper)
    expect(text).toContain(`会议纪要哈希（SHA-256）：${sealed.minutesHash}`);
    expect(text).toContain(`封存时审计日志头：第${sealed.auditHead.seq}条，其哈希（SHA-256）：${sealed.auditHead.hash}`);
    expect(flatText(minutes.path).length).toBeGreaterThan(500);
    expectSignedWhole(minutes.path);
    savePngs(minutes.path, 'round-minutes', 70);

    const form = await s.call('documents.filingForm', { roundId: r.roundId });
    expect(form).toMatchObject({ signed: true, docNumber: '乌医保经〔2025〕1号' });
    const ft = body(form.path);
    expect(ft).toContain('长期护理保险定点护理服务机构审核结果备案表');
    expect(ft).toContain('乌鲁木齐市医疗保障局：'); // no authority in the settings: the round's region
    expect(ft).toContain('本批次共收到申请3个，经集体评议作出审核结论3个，其中合格2个、不合格1个。');
    expect(ft).toContain(`第1次集体评议会议于2025年10月20日召开，会议纪要已封存（哈希${sealed.minutesHash.slice(0, 16)}…）`);
    expect(ft).toContain('合格机构名单尚未公示');
    for (const [i, a] of r.apps.entries()) {
      expect(ft).toContain(`${i + 1}${a.name}${a.uscc}`);
    }
    expect(ft).toContain(`${r.apps[0]!.uscc}合格7:02025-10-20未登记`);
    expect(ft).toContain(`${r.apps[1]!.uscc}不合格1:62025-10-20未登记`);
    expect(ft).toContain(`${r.apps[2]!.uscc}合格6:02025-10-20未登记`);
    expect(ft).toContain(`1．${NAMES[1]}。不合格理由：（1）专区护理床位数：护理床位5张，少于20张（依据：第七条（三））；（2）${SITE_REASON}（依据：审核小组集体评议意见）。整改建议：（1）${ADVICE_BEDS}；（2）${ADVICE_SITE}。`);
    expectSignedWhole(form.path);
    savePngs(form.path, 'round-filing-form', 70);
  });
});

describe('batch: every document of a round in one job, off the main thread', () => {
  it('writes N registered files and one combined, signed PDF of all their pages; a cancelled job leaves only whole, registered files', { timeout: 180_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2025-5', heldOn: '2025-10-20' });
    await signWithCertificate();
    await r.seal();

    const started = await s.call('documents.batch.start', { roundId: r.roundId, kinds: ['resultLetters', 'minutes', 'filingForm'] });
    expect(started).toMatchObject({ state: 'running', total: 5, signed: true, kinds: ['resultLetters', 'minutes', 'filingForm'] });
    await expect(s.call('documents.batch.start', { roundId: r.roundId, kinds: ['minutes'] })).rejects.toThrow('已有批量生成任务正在进行');
    await expect(s.call('documents.resultLetter', { applicationId: r.apps[0]!.id })).rejects.toThrow('本批次正在批量生成文书');
    const done = await waitForJob(s, started.jobId);
    expect(done).toMatchObject({ state: 'done', phase: 'finished', done: 5, total: 5, errors: [], current: null, message: null });
    expect(done.documents.map((d) => d.label)).toEqual(
      expect.arrayContaining([`审核结果告知书（合格）·${NAMES[0]}`, `审核结果告知书（不合格）·${NAMES[1]}`, `审核结果告知书（合格）·${NAMES[2]}`, '集体评议会议纪要·第1次', '审核结果备案表']),
    );
    const files = readdirSync(done.folder).sort();
    expect(files).toHaveLength(6);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files[0]).toBe('00_打印合订本_WLMQ-2025-5.pdf');
    expect(files.slice(1).map((f) => f.slice(0, 3))).toEqual(['01_', '02_', '03_', '04_', '05_']);

    const reg = await s.call('documents.list', { roundId: r.roundId });
    const mine = reg.filter((d) => done.documents.some((x) => x.documentId === d.documentId));
    expect(mine).toHaveLength(5);
    let pages = 0;
    for (const d of mine) {
      expect(createHash('sha256').update(readFileSync(d.path)).digest('hex')).toBe(d.sha256);
      expect(d.signed).toBe(true);
      expectSignedWhole(d.path);
      pages += pageCount(d.path);
    }
    // 文号 continue in order: letters 1–3, the 备案表 4
    expect(mine.filter((d) => d.kind === 'resultLetter').map((d) => d.docNumber).sort()).toEqual(['乌医保经〔2025〕1号', '乌医保经〔2025〕2号', '乌医保经〔2025〕3号']);
    expect(mine.find((d) => d.kind === 'filingForm')?.docNumber).toBe('乌医保经〔2025〕4号');

    // the combined PDF: every page of every document, signed once, registered
    const combined = done.combined!;
    expect(combined.path).toBe(path.join(done.folder, files[0]!));
    expect(pageCount(combined.path)).toBe(pages);
    expect(combined.pages).toBe(pages);
    expectSignedWhole(combined.path);
    expect((pdfsig(combined.path).match(/Signature #/g) ?? []).length).toBe(1);
    const bundleText = body(combined.path);
    for (const n of NAMES) expect(bundleText).toContain(`${n}：`);
    expect(reg.find((d) => d.documentId === combined.documentId)).toMatchObject({ kind: 'printBundle', title: '打印合订本', pages });
    expect((await s.call('documents.verify', { documentId: combined.documentId })).ok).toBe(true);
    expect((await s.call('documents.batch.list', { roundId: r.roundId })).map((j) => j.jobId)).toEqual([started.jobId]);

    // cancelled midway: stops after the document in hand; what was written is whole and registered; no combined PDF
    const slow = await startBatch(s.ctx, { roundId: r.roundId, kinds: ['resultLetters', 'minutes', 'filingForm'], workers: 1, throttleMs: 400 });
    for (let st = slow; ; ) {
      if (st.done >= 1) break;
      await new Promise((res) => setTimeout(res, 20));
      st = await s.call('documents.batch.status', { jobId: slow.jobId });
    }
    const cancelling = await s.call('documents.batch.cancel', { jobId: slow.jobId });
    expect(['cancelling', 'cancelled']).toContain(cancelling.state);
    const cancelled = await waitForJob(s, slow.jobId);
    expect(cancelled).toMatchObject({ state: 'cancelled', combined: null });
    expect(cancelled.documents.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.documents.length).toBeLessThan(5);
    const left = readdirSync(cancelled.folder);
    expect(left.sort()).toEqual(cancelled.documents.map((d) => path.basename(d.path)).sort());
    for (const d of cancelled.documents) {
      expect(qpdfCheck(d.path).ok).toBe(true);
      expect(pdfsig(d.path)).toContain('Total document signed');
      expect((await s.call('documents.verify', { documentId: d.documentId })).ok).toBe(true);
    }
    const after = await s.call('documents.list', { roundId: r.roundId });
    expect(after.length).toBe(reg.length + cancelled.documents.length);
    expect((await s.call('audit.list', { limit: 500 })).entries.filter((e) => e.action === 'documents.batch').map((e) => (e.after as { state: string }).state)).toEqual(
      expect.arrayContaining(['done', 'cancelled']),
    );
  });

  it('without a certificate writes unsigned 草稿 and says so; a modified file in the folder is detected', { timeout: 120_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2025-6', heldOn: '2025-10-20' });
    await r.seal();
    const started = await s.call('documents.batch.start', { roundId: r.roundId, kinds: ['resultLetters'] });
    expect(started.draftReason).toContain('未导入数字证书');
    const done = await waitForJob(s, started.jobId);
    expect(done).toMatchObject({ state: 'done', signed: false, total: 3 });
    for (const d of done.documents) {
      expect(path.basename(d.path)).toContain('草稿');
      expect(pdfsig(d.path)).toMatch(/does not contain any signatures/);
      expect(flatText(d.path)).toContain('长期护理保险定点护理服务机构审核结果告知书');
    }
    expect(pageCount(done.combined!.path)).toBeGreaterThanOrEqual(3);
    // the Node host serves a registered document (the combined PDF for printing) at a loopback URL, only while it matches the register
    const host = await startHost(s, { port: 0, staticDir: path.dirname(tmpFile('static')) });
    try {
      const res = await fetch(`${host.url}documents/${done.combined!.documentId}.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(createHash('sha256').update(readFileSync(done.combined!.path)).digest('hex'));
      writeFileSync(done.combined!.path, Buffer.concat([readFileSync(done.combined!.path), Buffer.from('%x')]));
      expect((await fetch(`${host.url}documents/${done.combined!.documentId}.pdf`)).status).toBe(404);
      expect((await fetch(`${host.url}documents/..%2F..%2Fetc%2Fpasswd.pdf`)).status).not.toBe(200);
    } finally {
      await host.close();
    }

    // a character no font has: refused before anything is written, naming the document and the character
    const app = await s.call('applications.get', { applicationId: r.apps[0]!.id });
    await s.call('applications.update', { applicationId: app.id, data: { ...app.data, name: '乌鲁木齐市𠀀康宁护理院' } });
    const before = (await s.call('documents.list', { roundId: r.roundId })).length;
    const folders = readdirSync(path.dirname(done.folder)).length;
    await expect(s.call('documents.batch.start', { roundId: r.roundId, kinds: ['resultLetters'] })).rejects.toThrow(
      '审核结果告知书（合格）·乌鲁木齐市𠀀康宁护理院：字符“𠀀”（U+20000）在可用字体中都没有，无法生成文档',
    );
    await expect(s.call('documents.resultLetter', { applicationId: app.id })).rejects.toThrow('字符“𠀀”（U+20000）在可用字体中都没有');
    expect((await s.call('documents.list', { roundId: r.roundId })).length).toBe(before);
    expect(readdirSync(path.dirname(done.folder)).length).toBe(folders);

    // someone edits a letter in the folder: the register says it is not what was issued
    const victim = done.documents[0]!;
    const copy = tmpFile('victim.pdf');
    copyFileSync(victim.path, copy);
    const bytes = readFileSync(victim.path);
    writeFileSync(victim.path, Buffer.concat([bytes, Buffer.from('\n% edited\n')]));
    expect(await s.call('documents.verify', { documentId: victim.documentId })).toMatchObject({ state: 'modified', ok: false });
  });
});

describe('a failed re-review', () => {
  it('states the bar instead of offering another re-review', async () => {
    const input = resultLetterInput(xinjiangProfile, {
      institution: { name: NAMES[1], uscc: '52650102MA77011115' },
      applicationNo: 'WLMQ-2026-1-002',
      receivedOn: '2026-02-02',
      decision: 'unqualified',
      reasons: [letterReason({ kind: 'rule', title: '专区护理床位数', text: '护理床位 12 张，少于 20 张', citation: '000 第七条（三）' })],
      suggestions: [ADVICE_BEDS],
      finalFailure: true,
    });
    const spec = documentFromTemplate(RESULT_UNQUALIFIED, resultLetterValues(input), { issuer: AGENCY, date: '2026-04-20' });
    const file = write('re-review-failed.pdf', (await generatePdf([spec], { fonts: loadFontSet({}), now: new Date() })).bytes);
    const text = body(file);
    expect(text).toContain('1．专区护理床位数：护理床位12张，少于20张（依据：第七条（三））');
    expect(text).toContain('本次审核为你单位整改后的再次审核，审核仍不合格。根据《长期护理保险护理服务机构定点管理实施细则》第十四条的规定，自本告知书送达之日起1年内，你单位不得再次提出定点管理申请。');
    expect(text).not.toContain('可以申请再次审核');
    expect(text).toContain('可以依法申请行政复议');
    // the first failure still offers the re-review
    const first = resultLetterValues({ ...input, finalFailure: false });
    expect(first.再次审核仍不合格).toBe(false);
  });
});
