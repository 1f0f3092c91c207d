import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, truncateSync, openSync, closeSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { freshService, makeRound, sampleApplication } from '../support/service';
import type { Service } from '../../service';
import type { RubricDefinitionInput } from '../../shared/rubric/rubric';
import { listScoreLines, rebuildScoreLines } from '../../db/queries/scores';
import { verifyAudit } from '../../db/queries/audit';
import { getKeyByFingerprint } from '../../db/queries/offline';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { PACKAGE_APPLICATION_FIELDS } from '../../shared/offline/packageData';
import { decryptPrivateKey, fingerprintOf, generateSigningKey, signDetached } from '../../service/offline/crypto';
import { envelopeText } from '../../service/offline/files';
import { CRITERIA, PEOPLE as REVIEW_PEOPLE, RUBRIC as REVIEW_RUBRIC } from '../support/reviewFixtures';
import { importHooks } from '../../service/offline/sheet';

/**
 * Issue 5 with two real SQLite files: a clerk's laptop and a member's laptop
 * (two services on two temp folders), a "USB stick" folder between them.
 */

// the review fixtures' rubric without its basic indicator, and the first five of its people
const RUBRIC: RubricDefinitionInput = { ...REVIEW_RUBRIC, basic: [] };
const PEOPLE = REVIEW_PEOPLE.slice(0, 5);

const CONTACT = (i: number) => `1390991000${i}`;
const PASS = (i: number) => `口令-member-${i}-2025`;
const AGENCY_PASS = 'agency-passphrase-2025';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  importHooks.afterInsert = undefined;
  while (cleanups.length) await cleanups.pop()!();
});

async function acceptedApplication(service: Service, roundId: string, i: number) {
  const a = await service.call('applications.create', { roundId, data: sampleApplication(i) });
  const fc = await service.call('formalCheck.get', { applicationId: a.id });
  for (const m of fc.materials) await service.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: 'received' });
  await service.call('formalCheck.pass', { applicationId: a.id });
  return a;
}

interface World {
  clerk: Service;
  laptop: Service;
  usb: string;
  roundId: string;
  apps: { id: string; name: string }[];
  members: { id: string; personId: string; name: string }[];
  keys: Map<number, { keyId: string; fingerprint: string; fingerprintDigits: string }>;
  agencyFingerprint: string;
  packagePath: string;
}

/** Clerk's laptop with a 5-member panel, 3 accepted applicants and a frozen rubric; members 1 and 2 share one laptop. */
async function world(opts: { laptopMembers?: number[]; apps?: number } = {}): Promise<World> {
  const c = await freshService('2025-10-20');
  const l = await freshService('2025-10-20');
  const usb = mkdtempSync(path.join(os.tmpdir(), 'ltc-usb-'));
  cleanups.push(c.cleanup, l.cleanup, () => rmSync(usb, { recursive: true, force: true }));
  const clerk = c.service;
  const laptop = l.service;
  await clerk.call('settings.setOperator', { operator: '王经办' });
  const round = await makeRound(clerk, { code: 'S-1' });
  const persons = [];
  for (const [i, p] of PEOPLE.entries()) persons.push(await clerk.call('persons.save', { name: p.name, fields: [...p.fields], employer: p.employer, contact: CONTACT(i) }));
  let panel = await clerk.call('panel.addMember', { roundId: round.id, personId: persons[0]!.id, role: 'chair' });
  for (const p of persons.slice(1)) panel = await clerk.call('panel.addMember', { roundId: round.id, personId: p.id });
  const apps = [];
  for (let i = 0; i < (opts.apps ?? 3); i++) apps.push(await acceptedApplication(clerk, round.id, i));
  await clerk.call('rubric.saveDraft', { roundId: round.id, definition: RUBRIC });
  await clerk.call('rubric.freeze', { roundId: round.id });
  const agency = await clerk.call('offline.createKey', { kind: 'agency', name: '乌鲁木齐市医疗保障事务中心', passphrase: AGENCY_PASS });

  const members = persons.map((p) => {
    const m = panel.members.find((x) => x.personId === p.id)!;
    return { id: m.id, personId: p.id, name: p.name };
  });
  const keys = new Map<number, { keyId: string; fingerprint: string; fingerprintDigits: string }>();
  for (const idx of opts.laptopMembers ?? [1, 2]) {
    const key = await laptop.call('offline.createKey', { kind: 'member', name: PEOPLE[idx]!.name, passphrase: PASS(idx) });
    const file = path.join(usb, `公钥-${idx}.json`);
    await laptop.call('offline.exportPublicKey', { keyId: key.id, outPath: file });
    // the clerk types the fingerprint the member reads aloud, here in its digit form
    await clerk.call('offline.registerKey', { personId: persons[idx]!.id, path: file, fingerprint: key.fingerprintDigits });
    keys.set(idx, { keyId: key.id, fingerprint: key.fingerprint, fingerprintDigits: key.fingerprintDigits });
  }
  const packagePath = path.join(usb, '评分包.json');
  await clerk.call('offline.exportPackage', { roundId: round.id, outPath: packagePath, passphrase: AGENCY_PASS });
  const imported = await laptop.call('offline.packageImport', { path: packagePath, agencyFingerprint: agency.fingerprint });
  expect(imported.result).toBe('imported');
  return { clerk, laptop, usb, roundId: round.id, apps: apps.map((a) => ({ id: a.id, name: a.data.name })), members, keys, agencyFingerprint: agency.fingerprint, packagePath };
}

async function signIn(w: World, idx: number) {
  const s = await w.laptop.call('offline.signIn', { roundId: w.roundId, memberId: w.members[idx]!.id, passphrase: PASS(idx) });
  return { roundId: w.roundId, actingMemberId: w.members[idx]!.id, session: s.session };
}

async function scoreAll(w: World, idx: number, points: (appIndex: number) => number[], reason?: string) {
  const actor = await signIn(w, idx);
  for (const [ai, a] of w.apps.entries()) {
    await w.laptop.call('scoring.save', { ...actor, applicationId: a.id, entries: points(ai).map((p, ci) => ({ criterionId: CRITERIA[ci]!, points: p, comment: ci === 0 ? `第${ai}家照护师持证情况良好` : undefined })), ...(reason ? { reason } : {}) });
  }
  return actor;
}

async function exportSheet(w: World, idx: number, name: string) {
  const actor = await signIn(w, idx);
  return w.laptop.call('offline.exportSheet', { ...actor, passphrase: PASS(idx), outPath: path.join(w.usb, name) });
}

async function count(s: Service, table: string): Promise<number> {
  return (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(s.ctx.db)).rows[0]!.n;
}

/** What "nothing written" is checked against. */
async function snapshot(s: Service) {
  return {
    score: await count(s, 'score'),
    score_line: await count(s, 'score_line'),
    score_sheet: await count(s, 'score_sheet'),
    imports: await count(s, 'offline_sheet_import'),
    lines: JSON.stringify((await s.ctx.db.selectFrom('score_line').selectAll().orderBy('application_id').orderBy('member_id').execute()).map((l) => [l.application_id, l.member_id, l.total, l.scored])),
  };
}

async function memberPrivateKey(w: World, idx: number): Promise<KeyObject> {
  const fp = w.keys.get(idx)!.fingerprint;
  const row = (await getKeyByFingerprint(w.laptop.ctx.db, fp))!;
  return (await decryptPrivateKey(row.private_key_enc, PASS(idx), fp))!;
}

/** The sheet with its body changed and signed again with `key` (what a forger or a buggy laptop could produce). */
function resign(file: string, mutate: (body: Record<string, unknown>) => void, key: KeyObject, fingerprint: string): string {
  const env = JSON.parse(readFileSync(file, 'utf8')) as { format: string; body: Record<string, unknown> };
  mutate(env.body);
  env.body.keyFingerprint = fingerprint;
  const canonical = canonicalJson(env.body);
  return envelopeText(env.format, { alg: 'Ed25519', keyFingerprint: fingerprint, value: signDetached(key, Buffer.from(canonical, 'utf8')).toString('base64') }, canonical);
}

type SheetBodyLike = { applications: { applicationId: string; scores: { points: number; id: string }[] }[]; round: { id: string; code: string; name: string } };

describe('round package', () => {
  it('carries what members score with and no phone numbers, ID numbers or names of the applicants’ people', async () => {
    const w = await world();
    const text = readFileSync(w.packagePath, 'utf8');
    // every phone, ID number, licence number, address and person name of every application on the clerk's laptop
    for (const a of w.apps) {
      const full = await w.clerk.call('applications.get', { applicationId: a.id });
      const d = full.data;
      const secrets = [d.legalRep, d.principal, d.actualController, d.contact].flatMap((p) => [p.phone, p.name]);
      secrets.push(d.uscc, d.address, d.legalCertNo);
      if (d.elderlyCareLicenceNo) secrets.push(d.elderlyCareLicenceNo);
      if (d.medicalLicenceNo) secrets.push(d.medicalLicenceNo);
      for (const x of secrets) expect(text.includes(x), `package contains “${x}”`).toBe(false);
    }
    // no mobile number at all, the members' contacts included; a number must stand alone, so
    // digits inside signatures, hashes and UUIDs (base64 or hex) cannot trip the check by chance
    expect(text).not.toMatch(/(?<![0-9A-Za-z+/])1[3-9]\d{9}(?![0-9A-Za-z+/])/);
    expect(text).not.toMatch(/0991-\d{7}/);
    for (const i of PEOPLE.keys()) expect(text.includes(CONTACT(i))).toBe(false);
    const body = (JSON.parse(text) as { body: { applications: { data: Record<string, unknown> }[]; panel: { members: { keyFingerprint: string | null }[] } } }).body;
    for (const a of body.applications) for (const k of Object.keys(a.data)) expect(PACKAGE_APPLICATION_FIELDS as readonly string[]).toContain(k);
    expect(body.panel.members.map((m) => m.keyFingerprint)).toEqual([null, w.keys.get(1)!.fingerprint, w.keys.get(2)!.fingerprint, null, null]);

    // the member laptop shows the allow-listed data and the eligibility results
    const view = await w.laptop.call('offline.packageApplication', { roundId: w.roundId, applicationId: w.apps[0]!.id });
    expect(view.data).toMatchObject({ name: '测试养老院0', careStaff: 30, institutionType: 'elderly_care' });
    expect(view.eligibility.results.length).toBeGreaterThan(0);
    const info = await w.laptop.call('offline.packageInfo', { roundId: w.roundId });
    expect(info.origin).toBe('package');
    expect(info.package!.members.filter((m) => m.keyOnThisLaptop).map((m) => m.name)).toEqual(['李秀英', '王志强']);
    expect((await w.clerk.call('offline.packageInfo', { roundId: w.roundId })).origin).toBe('local');
    // the round lists and reads on the member laptop like any other
    const rounds = await w.laptop.call('rounds.list', {});
    expect(rounds.map((r) => [r.code, r.applicationCount])).toEqual([['S-1', 3]]);
  });

  it('is refused when altered, and the first package of an agency needs its fingerprint', async () => {
    const w = await world();
    const l2 = await freshService('2025-10-20');
    cleanups.push(l2.cleanup);
    await expect(l2.service.call('offline.packageImport', { path: w.packagePath })).rejects.toThrow(/首次导入.*请与经办人员当面.*核对经办机构密钥指纹/);
    await expect(l2.service.call('offline.packageImport', { path: w.packagePath, agencyFingerprint: '0000-0000-0000-0000-0000-0000-0000-0000' })).rejects.toThrow(/指纹不一致/);
    const tampered = path.join(w.usb, '改过的评分包.json');
    writeFileSync(tampered, readFileSync(w.packagePath, 'utf8').replace('"careStaff":30', '"careStaff":90'));
    await expect(l2.service.call('offline.packagePreview', { path: tampered })).rejects.toThrow(/评分包签名无效/);
    const preview = await l2.service.call('offline.packagePreview', { path: w.packagePath });
    expect(preview).toMatchObject({ state: 'new', blocker: null, agency: { trusted: false }, applications: 3 });
    // the same package again on the first laptop: nothing to do
    expect((await w.laptop.call('offline.packageImport', { path: w.packagePath })).result).toBe('unchanged');
    // the clerk's own laptop already has the round: a package cannot overwrite it
    const clerkPreview = await w.clerk.call('offline.packagePreview', { path: w.packagePath });
    expect(clerkPreview.blocker).toMatch(/本机已有该批次的原始数据/);
  });
});

describe('member laptop', () => {
  it('is read-only except the member’s own scores', async () => {
    const w = await world();
    const L = w.laptop;
    const actor = await signIn(w, 1);
    const entry = await L.call('scoring.save', { ...actor, applicationId: w.apps[0]!.id, entries: [{ criterionId: 'carers', points: 20 }] });
    expect(entry.total).toBe(20);
    const before = await snapshot(L);
    const refusals: [string, Promise<unknown>][] = [
      ['applications.create', L.call('applications.create', { roundId: w.roundId, data: sampleApplication(7) })],
      ['panel.setConflict', L.call('panel.setConflict', { roundId: w.roundId, memberId: w.members[1]!.id, applicationId: w.apps[1]!.id, decision: 'conflicted', kind: 'kinship', note: '亲属' })],
      ['panel.removeMember', L.call('panel.removeMember', { roundId: w.roundId, memberId: w.members[4]!.id })],
      ['rubric.newVersion', L.call('rubric.newVersion', { roundId: w.roundId, reason: '改分值', definition: RUBRIC })],
      ['scoring.setConfig', L.call('scoring.setConfig', { roundId: w.roundId, trimEnabled: false, trimMinCount: 5, deviationShare: 0.3, spreadShare: 0.5, reason: '调整' })],
      ['checklist.mark', L.call('checklist.mark', { applicationId: w.apps[0]!.id, itemId: 'rule:x', state: 'met' })],
      ['rounds.close', L.call('rounds.close', { roundId: w.roundId })],
      ['persons.save', L.call('persons.save', { id: w.members[1]!.personId, name: '改名', fields: ['finance'] })],
      ['formalCheck.markMaterial', L.call('formalCheck.markMaterial', { applicationId: w.apps[0]!.id, materialId: 'x', state: 'missing' })],
    ];
    for (const [method, p] of refusals) await expect(p, method).rejects.toThrow(/本批次来自经办机构导出的评分包，在成员电脑上只读：只能录入本人评分/);
    await expect(L.call('scoring.submit', { ...actor, pin: '123456' })).rejects.toThrow(/请用“导出签名评分表”提交评分/);
    await expect(L.call('applications.get', { applicationId: w.apps[0]!.id })).rejects.toThrow(/成员电脑上只有评分所需的申请信息/);
    await expect(L.call('persons.setPin', { personId: w.members[1]!.personId, pin: '123456' })).rejects.toThrow(/用本人密钥口令登录/);
    // below the service, the database refuses too
    await expect(L.ctx.db.updateTable('conflict').set({ decision: 'cleared' }).execute()).resolves.toBeDefined(); // no rows yet: nothing to refuse
    await expect(L.ctx.db.updateTable('application').set({ name: '改名' }).where('id', '=', w.apps[0]!.id).execute()).rejects.toThrow(/在成员电脑上只读/);
    await expect(L.ctx.db.deleteFrom('offline_package' as never).execute()).rejects.toThrow(/在成员电脑上只读/);
    expect(await snapshot(L)).toEqual(before);
    // one member cannot act for another on a shared laptop
    const other = await signIn(w, 2);
    await expect(L.call('scoring.save', { ...other, actingMemberId: w.members[1]!.id, applicationId: w.apps[0]!.id, entries: [{ criterionId: 'carers', points: 1 }] })).rejects.toThrow(/当前登录的不是该成员/);
    await expect(L.call('offline.signIn', { roundId: w.roundId, memberId: w.members[2]!.id, passphrase: PASS(1) })).rejects.toThrow('密钥口令不正确');
    await expect(L.call('offline.signIn', { roundId: w.roundId, memberId: w.members[3]!.id, passphrase: PASS(3) })).rejects.toThrow(/赵丽娟的公钥尚未在经办机构登记/);
  });
});

describe('signed sheet: member laptop → clerk laptop', () => {
  it('end to end: two members on one laptop score, sign, and the clerk previews, merges and sees the status board', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, (ai) => [20 + ai, 22, 15, 12.5]);
    await scoreAll(w, 2, (ai) => [18, 20, 14 + ai, 16]);
    // member 1 cannot export before everything is scored by... member 1 (done) — member 3 has no key here
    const s1 = await exportSheet(w, 1, '李秀英-1.json');
    expect(s1).toMatchObject({ seq: 1, scores: 12, applications: 3, steppedAside: 0, rubricVersion: 1 });
    const s2 = await exportSheet(w, 2, '王志强-1.json');
    expect(s2.seq).toBe(1);
    expect(s2.deviceId).toBe(s1.deviceId);
    // exporting is submitting on the laptop
    const sheet1 = await w.laptop.call('scoring.sheet', await signIn(w, 1));
    expect(sheet1.status).toBe('submitted');
    // sheets go to the clerk's laptop, not into another member laptop
    expect((await w.laptop.call('offline.importPreview', { path: s1.path })).message).toMatch(/评分表只能在经办机构电脑上导入/);

    let status = await C.call('offline.status', { roundId: w.roundId });
    expect(status.members.map((m) => [m.name, m.state, m.keyFingerprint !== null])).toEqual([
      ['张国华', 'missing', false],
      ['李秀英', 'missing', true],
      ['王志强', 'missing', true],
      ['赵丽娟', 'missing', false],
      ['陈海燕', 'missing', false],
    ]);
    const before = await snapshot(C);
    const preview = await C.call('offline.importPreview', { path: s1.path, roundId: w.roundId });
    expect(preview).toMatchObject({ verdict: 'accept', committed: false, counts: { new: 12, changed: 0, unchanged: 0, total: 12 }, marksSubmitted: true, refusals: [] });
    expect(preview.sheet).toMatchObject({ memberName: '李秀英', seq: 1, rubricVersion: 1, keyFingerprint: w.keys.get(1)!.fingerprint });
    expect(preview.applications.map((a) => [a.name, a.new, a.totalBefore, a.totalAfter])).toEqual([
      ['测试养老院0', 4, null, 69.5],
      ['测试养老院1', 4, null, 70.5],
      ['测试养老院2', 4, null, 71.5],
    ]);
    expect(await snapshot(C)).toEqual(before);
    const committed = await C.call('offline.importCommit', { path: s1.path, roundId: w.roundId, expectedSha256: preview.file.sha256 });
    expect(committed).toMatchObject({ verdict: 'accept', committed: true });
    expect(committed.message).toMatch(/已导入李秀英第1号评分表：新增12项/);
    // via the CLI-style call without a round: the sheet names its own
    expect((await C.call('offline.importCommit', { path: s2.path })).committed).toBe(true);

    // the clerk's scoring sees both members' sheets as submitted, with the same UUIDs as on the laptop
    const progress = await C.call('scoring.progress', { roundId: w.roundId });
    expect(progress.members.filter((m) => m.status === 'submitted').map((m) => m.name)).toEqual(['李秀英', '王志强']);
    const laptopIds = (await w.laptop.ctx.db.selectFrom('score').select('id').orderBy('id').execute()).map((r) => r.id);
    const clerkRows = await C.ctx.db.selectFrom('score').select(['id', 'origin', 'entered_by']).orderBy('id').execute();
    expect(clerkRows.map((r) => r.id)).toEqual(laptopIds);
    expect(new Set(clerkRows.map((r) => r.origin))).toEqual(new Set([s1.deviceId]));
    // score lines merged for one member equal a full rebuild
    const rubric = await C.call('rubric.get', { roundId: w.roundId });
    const incremental = await listScoreLines(C.ctx.db, rubric.current!.id);
    await rebuildScoreLines(C.ctx.db, rubric.current!.id, CRITERIA);
    expect(await listScoreLines(C.ctx.db, rubric.current!.id)).toEqual(expect.arrayContaining(incremental));
    expect(incremental).toHaveLength(6);

    status = await C.call('offline.status', { roundId: w.roundId });
    const li = status.members.find((m) => m.name === '李秀英')!;
    expect(li).toMatchObject({ state: 'received', sheetStatus: 'submitted', sheets: 1, lastSheet: { seq: 1, scores: 12, newScores: 12, current: true, fileSha256: preview.file.sha256 } });
    expect(status.counts).toEqual({ received: 2, refused: 0, missing: 3, withoutKey: 3 });

    // importing the same sheet twice changes nothing
    const mid = await snapshot(C);
    const auditBefore = await count(C, 'audit_log');
    const again = await C.call('offline.importCommit', { path: s1.path, roundId: w.roundId });
    expect(again).toMatchObject({ verdict: 'duplicate', committed: false, duplicateOf: { seq: 1 } });
    expect(again.message).toMatch(/已于.*导入，无需再次导入；本次未作任何修改/);
    expect(await snapshot(C)).toEqual(mid);
    expect(await count(C, 'audit_log')).toBe(auditBefore);

    // the import is in the audit log with the file's SHA-256, and the chain holds
    const audit = await C.ctx.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', 'offline.importSheet').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after_json).toContain(preview.file.sha256);
    expect((await verifyAudit(C.ctx.db)).ok).toBe(true);
    expect((await verifyAudit(w.laptop.ctx.db)).ok).toBe(true);
  });

  it('a corrected sheet supersedes by sequence number; an older sequence after a newer one is refused', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const first = await exportSheet(w, 1, 'seq1.json');
    // after submitting, a correction needs a reason (as on the clerk's laptop)
    const actor = await signIn(w, 1);
    await expect(w.laptop.call('scoring.save', { ...actor, applicationId: w.apps[0]!.id, entries: [{ criterionId: 'carers', points: 25 }] })).rejects.toThrow('修改评分须填写修改原因');
    await w.laptop.call('scoring.save', { ...actor, applicationId: w.apps[0]!.id, entries: [{ criterionId: 'carers', points: 25, comment: '复核证书后上调' }], reason: '复核后上调' });
    const second = await exportSheet(w, 1, 'seq2.json');
    expect(second.seq).toBe(2);
    expect(second.scores).toBe(13);

    await C.call('offline.importCommit', { path: first.path });
    const preview = await C.call('offline.importPreview', { path: second.path });
    expect(preview.counts).toEqual({ new: 0, changed: 1, unchanged: 11, total: 12 });
    expect(preview.changes).toEqual([expect.objectContaining({ criterionId: 'carers', before: 20, after: 25, reason: '复核后上调', comment: '复核证书后上调' })]);
    expect(preview.applications[0]).toMatchObject({ changed: 1, totalBefore: 60, totalAfter: 65 });
    const before = await count(C, 'score');
    await C.call('offline.importCommit', { path: second.path });
    // nothing deleted or updated: one row added, superseding the first
    expect(await count(C, 'score')).toBe(before + 1);
    const chair = (await C.call('panel.get', { roundId: w.roundId })).members[0]!;
    expect(chair.name).toBe('张国华');
    const rows = await C.ctx.db.selectFrom('score').select(['points', 'supersedes', 'reason']).where('member_id', '=', w.members[1]!.id).where('application_id', '=', w.apps[0]!.id).where('criterion_id', '=', 'carers').orderBy('entered_at').execute();
    expect(rows.map((r) => [r.points, r.supersedes !== null, r.reason])).toEqual([
      [20, false, null],
      [25, true, '复核后上调'],
    ]);
    const line = (await listScoreLines(C.ctx.db, (await C.call('rubric.get', { roundId: w.roundId })).current!.id)).find((l) => l.member_id === w.members[1]!.id && l.application_id === w.apps[0]!.id)!;
    expect(line.total).toBe(65);

    // a fresh clerk database: seq 2 first, then seq 1 is refused as older
    const w2 = await world();
    await scoreAll(w2, 1, () => [20, 20, 10, 10]);
    const a1 = await exportSheet(w2, 1, 'a1.json');
    const a2 = await exportSheet(w2, 1, 'a2.json');
    await w2.clerk.call('offline.importCommit', { path: a2.path });
    const snap = await snapshot(w2.clerk);
    await expect(w2.clerk.call('offline.importCommit', { path: a1.path })).rejects.toThrow(/这是李秀英较早的评分表（第1号.*本机已导入其第2号评分表/);
    expect(await snapshot(w2.clerk)).toEqual(snap);
    const status = await w2.clerk.call('offline.status', { roundId: w2.roundId });
    expect(status.members[1]).toMatchObject({ state: 'refused', lastRefusal: { code: 'older_sequence' }, lastSheet: { seq: 2 } });
  });

  it('a long history of corrections (more rows than one insert statement) goes in parent before child', async () => {
    const w = await world();
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const sheet = await exportSheet(w, 1, 'sheet.json');
    // 700 corrections of one criterion, signed by the member's key (what a long evening of second thoughts gives)
    const text = resign(
      sheet.path,
      (b) => {
        const app = (b as unknown as { applications: { scores: { id: string; criterionId: string; points: number; supersedes?: string; reason?: string; enteredAt: string }[] }[] }).applications[0]!;
        let prev = app.scores.find((x) => x.criterionId === 'carers')!;
        for (let i = 0; i < 700; i++) {
          const next = { id: randomUUID(), criterionId: 'carers', points: i % 2 ? 20 : 20.5, supersedes: prev.id, reason: `第${i + 1}次修改`, enteredAt: prev.enteredAt };
          app.scores.push(next);
          prev = next;
        }
        (b as { counts: { scores: number } }).counts.scores += 700;
      },
      await memberPrivateKey(w, 1),
      w.keys.get(1)!.fingerprint,
    );
    const file = path.join(w.usb, 'long.json');
    writeFileSync(file, text);
    const r = await w.clerk.call('offline.importCommit', { path: file });
    expect(r).toMatchObject({ committed: true, counts: { new: 12 } });
    expect(r.applications[0]!.totalAfter).toBe(60);
    expect(await count(w.clerk, 'score')).toBe(712);
  });

  it('several files at once: merged in one transaction, a member’s sheets in sequence order, a bad file refused on its own', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    await scoreAll(w, 2, () => [15, 15, 15, 15]);
    const a1 = await exportSheet(w, 1, 'a1.json');
    const actor = await signIn(w, 1);
    await w.laptop.call('scoring.save', { ...actor, applicationId: w.apps[1]!.id, entries: [{ criterionId: 'rules', points: 12 }], reason: '补充材料后上调' });
    const a2 = await exportSheet(w, 1, 'a2.json');
    const b1 = await exportSheet(w, 2, 'b1.json');
    const junk = path.join(w.usb, '说明.txt');
    writeFileSync(junk, '请查收评分表');
    // given newest first: still merged as seq 1 then seq 2
    const { results } = await C.call('offline.importCommitMany', { paths: [a2.path, junk, b1.path, a1.path], roundId: w.roundId });
    expect(results.map((r) => [r.file.name, r.verdict, r.committed])).toEqual([
      ['a2.json', 'accept', true],
      ['说明.txt', 'refused', false],
      ['b1.json', 'accept', true],
      ['a1.json', 'accept', true],
    ]);
    expect(results[3]!.counts).toMatchObject({ new: 12 });
    expect(results[0]!.counts).toMatchObject({ new: 0, changed: 1, unchanged: 11 });
    expect(results[1]!.message).toMatch(/文件不是JSON格式/);
    const status = await C.call('offline.status', { roundId: w.roundId });
    expect(status.members.filter((m) => m.state === 'received').map((m) => [m.name, m.lastSheet!.seq])).toEqual([
      ['李秀英', 2],
      ['王志强', 1],
    ]);
    expect(await count(C, 'score')).toBe(25);
  });

  it('refuses each tampered or wrong sheet for its own reason, and writes nothing', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const good = await exportSheet(w, 1, 'good.json');
    const goodText = readFileSync(good.path, 'utf8');
    const key1 = await memberPrivateKey(w, 1);
    const fp1 = w.keys.get(1)!.fingerprint;
    const other = await makeRound(C, { code: 'S-2' });
    const stranger = generateSigningKey();

    const cases: { name: string; content: () => string | Buffer; message: RegExp; code: string }[] = [
      { name: 'one byte changed', content: () => goodText.replace('"points":20', '"points":21'), message: /签名无效：评分表内容在李秀英签名后被改动/, code: 'bad_signature' },
      {
        name: 'unknown key',
        content: () => resign(good.path, () => {}, stranger.privateKey, fingerprintOf(stranger.publicRaw)),
        message: /评分表由未登记的密钥签名（指纹 .*），与李秀英登记的公钥（指纹 .*）不符/,
        code: 'unknown_key',
      },
      {
        name: 'another round',
        content: () => resign(good.path, (b) => ((b as unknown as SheetBodyLike).round = { id: other.id, code: 'S-2', name: '测试批次' }), key1, fp1),
        message: /该评分表属于批次“S-2 测试批次”，不是当前批次“S-1 测试批次”/,
        code: 'other_round',
      },
      {
        name: 'another rubric version',
        content: () => resign(good.path, (b) => ((b as { rubric: { id: string; version: number } }).rubric = { id: 'rubric-v2-elsewhere', version: 2 }), key1, fp1),
        message: /评分表依据第2版评分细则，本批次现行为第1版，不予导入/,
        code: 'rubric_version',
      },
      {
        name: 'a value out of range, validly signed',
        content: () => resign(good.path, (b) => ((b as unknown as SheetBodyLike).applications[0]!.scores[0]!.points = 31), key1, fp1),
        message: /“长期照护师配备”的得分应在0至30分之间（录入31分）/,
        code: 'out_of_range',
      },
      { name: 'truncated', content: () => goodText.slice(0, Math.floor(goodText.length / 2)), message: /评分表文件不完整.*可能在拷贝时被截断/, code: 'truncated' },
      { name: 'not JSON', content: () => '姓名,评分项,得分\n李秀英,长期照护师配备,20\n', message: /文件不是JSON格式，不是本程序导出的签名评分表/, code: 'not_json' },
      { name: 'several MB of junk', content: () => randomBytes(5 * 1024 * 1024), message: /文件内容不是文本.*不是签名评分表/, code: 'not_text' },
      { name: 'a round package instead of a sheet', content: () => readFileSync(w.packagePath), message: /这是评分包（ltc-round-package\/1），不是签名评分表/, code: 'wrong_format' },
    ];
    const before = await snapshot(C);
    for (const [i, k] of cases.entries()) {
      const file = path.join(w.usb, `bad-${i}.json`);
      writeFileSync(file, k.content());
      const auditBefore = await count(C, 'audit_log');
      const preview = await C.call('offline.importPreview', { path: file, roundId: w.roundId });
      expect(preview.verdict, k.name).toBe('refused');
      expect(preview.refusals[0]!.code, k.name).toBe(k.code);
      expect(preview.message, k.name).toMatch(k.message);
      await expect(C.call('offline.importCommit', { path: file, roundId: w.roundId }), k.name).rejects.toThrow(k.message);
      expect(await snapshot(C), k.name).toEqual(before);
      // the refusal is in the audit log once, with the file's SHA-256
      const log = await C.ctx.db.selectFrom('audit_log').select(['action', 'after_json']).where('seq', '>', auditBefore).execute();
      expect(log.map((l) => l.action), k.name).toEqual(['offline.refuseSheet']);
      expect(log[0]!.after_json, k.name).toContain(preview.file.sha256);
    }
    // larger than the limit: refused before reading
    const huge = path.join(w.usb, 'huge.json');
    closeSync(openSync(huge, 'w'));
    truncateSync(huge, 21 * 1024 * 1024);
    await expect(C.call('offline.importCommit', { path: huge })).rejects.toThrow(/大小为21 MB，超过评分表上限20 MB，未读取/);
    await expect(C.call('offline.importCommit', { path: path.join(w.usb, 'missing.json') })).rejects.toThrow(/找不到文件/);
    expect(await snapshot(C)).toEqual(before);

    // the status board shows the refusal and its reason
    const status = await C.call('offline.status', { roundId: w.roundId });
    const li = status.members.find((m) => m.name === '李秀英')!;
    expect(li.state).toBe('refused');
    expect(li.lastRefusal!.code).toBe('out_of_range');
    expect(status.otherRefusals.map((r) => r.code)).toEqual(expect.arrayContaining(['not_json', 'not_text', 'truncated', 'wrong_format', 'too_large']));
    // and the intact sheet still goes in
    expect((await C.call('offline.importCommit', { path: good.path, roundId: w.roundId })).committed).toBe(true);
    expect((await C.call('offline.status', { roundId: w.roundId })).members.find((m) => m.name === '李秀英')!.state).toBe('received');
  });

  it('refuses a sheet with a score by a member who stepped aside, and one for a superseded rubric version', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const sheet = await exportSheet(w, 1, 'sheet.json');
    // the clerk records 回避 after the package was exported
    await C.call('panel.setConflict', { roundId: w.roundId, memberId: w.members[1]!.id, applicationId: w.apps[0]!.id, decision: 'conflicted', kind: 'kinship', note: '其配偶为该机构主要负责人' });
    const before = await snapshot(C);
    await expect(C.call('offline.importCommit', { path: sheet.path })).rejects.toThrow(/李秀英已就“测试养老院0”回避（亲属关系）：其配偶为该机构主要负责人，评分表中却有其对该申请的评分，整份评分表不予导入/);
    expect(await snapshot(C)).toEqual(before);

    // the way out: a new package carries the conflict; the laptop leaves that applicant out of the next sheet
    const pkg2 = path.join(w.usb, '评分包2.json');
    await C.call('offline.exportPackage', { roundId: w.roundId, outPath: pkg2, passphrase: AGENCY_PASS });
    expect((await w.laptop.call('offline.packageImport', { path: pkg2 })).result).toBe('updated');
    const sheet2 = await exportSheet(w, 1, 'sheet2.json');
    expect(sheet2).toMatchObject({ seq: 2, applications: 2, steppedAside: 1, scores: 8 });
    const ok = await C.call('offline.importCommit', { path: sheet2.path });
    expect(ok).toMatchObject({ committed: true, counts: { new: 8 }, marksSubmitted: true });

    // a new rubric version on the clerk's laptop: sheets of version 1 no longer count
    await C.call('rubric.newVersion', { roundId: w.roundId, reason: '“医护人员”评分标准细化', definition: RUBRIC });
    await C.call('rubric.freeze', { roundId: w.roundId });
    await scoreAll(w, 2, () => [18, 18, 9, 9]);
    const old = await exportSheet(w, 2, 'v1.json');
    const snap = await snapshot(C);
    await expect(C.call('offline.importCommit', { path: old.path })).rejects.toThrow(/评分表依据第1版评分细则，本批次现行为第2版，不予导入：请让王志强导入新的评分包/);
    expect(await snapshot(C)).toEqual(snap);
  });

  it('refuses a sheet that changes scores of an applicant on an open meeting’s agenda (评议锁定); the same scores again change nothing', async () => {
    const w = await world({ laptopMembers: [1] });
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const first = await exportSheet(w, 1, 'sheet1.json');
    expect(await C.call('offline.importCommit', { path: first.path })).toMatchObject({ committed: true, marksSubmitted: true });
    // the other four members score on the clerk's laptop with their PINs and submit
    const sessions: Record<number, string> = {};
    for (const idx of [0, 2, 3, 4]) {
      const m = w.members[idx]!;
      await C.call('persons.setPin', { personId: m.personId, pin: `13579${idx}` });
      const session = (await C.call('scoring.signIn', { roundId: w.roundId, memberId: m.id, pin: `13579${idx}` })).session;
      sessions[idx] = session;
      for (const a of w.apps) {
        await C.call('scoring.save', { roundId: w.roundId, actingMemberId: m.id, session, applicationId: a.id, entries: CRITERIA.map((c, ci) => ({ criterionId: c, points: [21, 19, 11, 9][ci]! })) });
      }
      await C.call('scoring.submit', { roundId: w.roundId, actingMemberId: m.id, session, pin: `13579${idx}` });
    }
    await C.call('deliberation.open', {
      roundId: w.roundId,
      actingMemberId: w.members[0]!.id,
      session: sessions[0]!,
      heldOn: '2025-10-20',
      place: '三楼会议室',
      presentMemberIds: w.members.map((m) => m.id),
      absences: [],
    });
    // on the laptop the member changes one score and signs a new sheet
    const actor = await signIn(w, 1);
    await w.laptop.call('scoring.save', { ...actor, applicationId: w.apps[0]!.id, entries: [{ criterionId: 'carers', points: 25 }], reason: '复核照护师持证材料后调整' });
    const second = await exportSheet(w, 1, 'sheet2.json');
    const before = await snapshot(C);
    const preview = await C.call('offline.importPreview', { path: second.path });
    expect(preview.verdict).toBe('refused');
    expect(preview.refusals[0]).toMatchObject({ code: 'applicant_locked', applicationId: w.apps[0]!.id });
    await expect(C.call('offline.importCommit', { path: second.path })).rejects.toThrow(/“测试养老院0”已列入第1次集体评议（2025年10月20日）的议程，会议封存前不能导入对其的评分：.*；整份评分表不予导入/);
    expect(await snapshot(C)).toEqual(before);
    // the first sheet again: nothing new, accepted as before, nothing written
    expect(await C.call('offline.importCommit', { path: first.path })).toMatchObject({ counts: { new: 0, changed: 0 } });
    expect((await snapshot(C)).score).toBe(before.score);
  });

  it('refuses a sheet signed with a key not registered yet, and a score already entered on the clerk’s laptop that the sheet lacks', async () => {
    const w = await world({ laptopMembers: [1] });
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const sheet = await exportSheet(w, 1, 'sheet.json');
    // the member's key is replaced on the clerk's laptop (a new laptop, say): the old sheet's key is no longer the registered one
    const fresh = generateSigningKey();
    const fp = fingerprintOf(fresh.publicRaw);
    await expect(C.call('offline.registerKey', { personId: w.members[1]!.personId, publicKey: fresh.publicRaw.toString('base64'), fingerprint: fp })).rejects.toThrow(/更换须填写原因/);
    await expect(C.call('offline.registerKey', { personId: w.members[1]!.personId, publicKey: fresh.publicRaw.toString('base64'), fingerprint: w.keys.get(1)!.fingerprint, reason: '更换电脑' })).rejects.toThrow(/指纹不一致/);
    await C.call('offline.registerKey', { personId: w.members[1]!.personId, publicKey: fresh.publicRaw.toString('base64'), fingerprint: fp.toLowerCase().replace(/-/g, ' '), reason: '更换电脑' });
    await expect(C.call('offline.importCommit', { path: sheet.path })).rejects.toThrow(/评分表由未登记的密钥签名.*与李秀英登记的公钥.*不符/);
    const keys = await C.call('offline.registeredKeys', {});
    expect(keys.find((k) => k.personName === '李秀英')).toMatchObject({ fingerprint: fp, replaced: 1, source: 'text' });

    // back to the laptop's key; then member 1 also typed one score on the clerk's laptop (PIN sign-in)
    await C.call('offline.registerKey', { personId: w.members[1]!.personId, path: path.join(w.usb, '公钥-1.json'), fingerprint: w.keys.get(1)!.fingerprint, reason: '恢复原电脑的密钥' });
    await C.call('persons.setPin', { personId: w.members[1]!.personId, pin: '246810' });
    const si = await C.call('scoring.signIn', { roundId: w.roundId, memberId: w.members[1]!.id, pin: '246810' });
    await C.call('scoring.save', { roundId: w.roundId, actingMemberId: w.members[1]!.id, session: si.session, applicationId: w.apps[2]!.id, entries: [{ criterionId: 'it', points: 5 }] });
    const before = await snapshot(C);
    await expect(C.call('offline.importCommit', { path: sheet.path })).rejects.toThrow(/本机已有李秀英对“测试养老院2”“医保信息平台对接”的评分（5分，在本机录入），评分表中没有这条记录，无法合并/);
    expect(await snapshot(C)).toEqual(before);
  });

  it('a crash during the import leaves the database as it was', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const sheet = await exportSheet(w, 1, 'sheet.json');
    const before = await snapshot(C);
    const auditBefore = await count(C, 'audit_log');
    importHooks.afterInsert = () => {
      throw new Error('simulated crash after the scores were inserted');
    };
    const r = await C.dispatch('offline.importCommit', { path: sheet.path });
    expect(r.ok).toBe(false);
    expect(await snapshot(C)).toEqual(before);
    expect(await count(C, 'audit_log')).toBe(auditBefore);
    importHooks.afterInsert = undefined;
    expect((await C.call('offline.importCommit', { path: sheet.path })).committed).toBe(true);
  });

  it('a process killed in the middle of the import (power cut) leaves the database as it was', async () => {
    const w = await world();
    const C = w.clerk;
    await scoreAll(w, 1, () => [20, 20, 10, 10]);
    const sheet = await exportSheet(w, 1, 'sheet.json');
    const before = await snapshot(C);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/offlineCrashChild.ts'), C.ctx.dataDir, sheet.path], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout).toContain('scores inserted, killing the process');
    expect(child.stdout).not.toContain('committed');
    expect(child.signal).toBe('SIGKILL');
    expect(await snapshot(C)).toEqual(before);
    expect((await verifyAudit(C.ctx.db)).ok).toBe(true);
    // and the same sheet goes in afterwards
    expect((await C.call('offline.importCommit', { path: sheet.path })).committed).toBe(true);
  });
});
