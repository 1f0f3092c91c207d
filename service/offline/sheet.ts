import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../context';
import { nowIso, operator } from '../context';
import { refuse } from '../errors';
import type { Db } from '../../db/queries/types';
import { appendAudit } from '../../db/queries/audit';
import { getRound } from '../../db/queries/rounds';
import { getPanelMember } from '../../db/queries/panel';
import { lockReason, lockedApplicants, type ApplicantLock } from '../deliberation/lock';
import { getSheet, insertScoresBulk, listMemberLines, upsertSheet, type ScoreInsert } from '../../db/queries/scores';
import {
  currentRegisteredKey,
  existingScoreIds,
  getPackage,
  insertSheetExport,
  insertSheetImport,
  insertSheetRefusal,
  lastRefusalOfFile,
  lastSheetExport,
  listMemberScores,
  listSheetImportsOfMember,
  nextEventNo,
  rebuildMemberScoreLines,
  type MemberScoreRow,
} from '../../db/queries/offline';
import { loadScoringState, type ScoringState } from '../handlers/scoring';
import { requireMember, requireSession, steppedAsideText, type MemberInfo } from '../handlers/panel';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { scoreProblem } from '../../shared/rubric/rubric';
import { APPLICATION_STATUS_LABEL } from '../../shared/domain/application';
import type { ImportResult } from '../../shared/contract/slices/offline';
import { sha256Hex, signDetached, verifyDetached } from './crypto';
import { SHEET_FORMAT, envelopeText, readEnvelope, readLimited, signedBodyBytes, writeFileAtomic, type ReadFile, type Refusal } from './files';
import { parseSheetBody, schemaProblem, type SheetBody, type SheetScore } from './formats';
import { deviceId, unlockKey } from './keys';
import { localKeyFor, packageMembers } from './package';

/**
 * The signed score sheet (ltc-score-sheet/1).
 *
 * On a member's laptop, `exportSheet` writes every score row of the member for
 * the round's rubric version — each criterion's whole history, with the score
 * UUIDs and `supersedes` links, comments and reasons — with the round, rubric
 * version, member, device id, a sequence number (one more than the last sheet
 * this laptop wrote for that member and round) and the time, signed with the
 * member's key. Writing it is submitting: the local sheet becomes 'submitted'.
 *
 * On the clerk's laptop, `previewImport` reads and checks a sheet without
 * writing scores; `commitImport` checks it again inside ONE transaction and
 * merges it: new rows are inserted as they are (same UUIDs, `origin` = the
 * device id), so a sheet imported twice changes nothing, and a corrected
 * sheet only adds the correcting rows. Nothing is ever deleted or updated.
 */

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
const MAX_REFUSALS_LISTED = 200;
const MAX_CHANGES_LISTED = 2000;
/**
 * Page cache while merging: every page the merged rows touch stays in memory
 * until the commit writes it once, rather than being spilled to the WAL and
 * read back for the next rows. About 0.5 KiB per score row (the row and its
 * two index entries), at least 16 MiB, at most 512 MiB.
 */
const importCacheKib = (scores: number) => Math.min(512 * 1024, Math.max(16 * 1024, Math.ceil(scores * 0.5)));
/** below this many rows the default page cache is enough */
const IMPORT_CACHE_FROM_ROWS = 2000;

/** For tests: runs inside the import transaction after the scores are inserted (a crash there must leave nothing). */
export const importHooks: { afterInsert?: () => void | Promise<void> } = {};

/** For the benchmark: where a merge spends its time (read, check, insert, lines, record, commit), in ms. */
export const importTimings: { record?: (phase: ImportPhase, ms: number) => void } = {};
export type ImportPhase = 'read' | 'check' | 'insert' | 'lines' | 'record' | 'commit';

function timed<T>(phase: ImportPhase, fn: () => T): T {
  const rec = importTimings.record;
  if (!rec) return fn();
  const t = performance.now();
  const out = fn();
  if (out instanceof Promise) return out.finally(() => rec(phase, performance.now() - t)) as T;
  rec(phase, performance.now() - t);
  return out;
}

/** Runs `fn` with the page cache enlarged for `scores` rows, put back before the transaction ends. */
async function withImportCache<T>(trx: Db, scores: number, fn: () => Promise<T>): Promise<T> {
  if (scores < IMPORT_CACHE_FROM_ROWS) return fn();
  const cache = (await sql<{ cache_size: number }>`pragma cache_size`.execute(trx)).rows[0]?.cache_size;
  await sql.raw(`pragma cache_size = ${-importCacheKib(scores)}`).execute(trx);
  try {
    return await fn();
  } finally {
    if (cache !== undefined) await sql.raw(`pragma cache_size = ${Number(cache)}`).execute(trx);
  }
}

/** Beijing time, to the minute, for messages */
const when = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
};

// ---------------------------------------------------------------------------
// Export (member's laptop)

export async function exportSheet(ctx: ServiceContext, input: { roundId: string; actingMemberId: string; session: string; passphrase: string; outPath: string }) {
  requireSession(ctx, input);
  const db = ctx.db;
  const pkg = await getPackage(db, input.roundId);
  if (!pkg) {
    refuse('STATE', '只有从评分包导入的批次（成员电脑）才能导出签名评分表；在经办机构电脑上评分的成员请直接“提交评分表”', `round ${input.roundId} is not a package round`);
  }
  const s = await loadScoringState(db, input.roundId);
  const member = requireMember(s.panel, input.actingMemberId);
  if (s.panel.round.status !== 'open') refuse('STATE', '本批次已关闭，不能再导出评分表', `round ${input.roundId} closed`);
  if (!s.rubric || !s.frozen) refuse('STATE', '评分细则尚未确定，不能导出评分表', `round ${input.roundId} rubric not frozen`);
  const rubric = s.rubric;
  const n = s.criteria.length;
  const lines = new Map((await listMemberLines(db, rubric.id, member.id)).map((l) => [l.application_id, l.scored]));
  const pending = s.accepted.filter((a) => s.conflicts.standing(member.id, a.id) === 'flag_pending');
  if (pending.length > 0) refuse('STATE', `有${pending.length}个申请存在待确认的回避提示（${names(pending)}），请联系经办机构确认后重新导出评分包`, `member ${member.id} has pending flags`);
  const missing = s.accepted.filter((a) => s.conflicts.standing(member.id, a.id) !== 'conflicted' && s.basic.get(a.id) !== 'failed' && (lines.get(a.id) ?? 0) < n);
  if (missing.length > 0) refuse('STATE', `还有${missing.length}个申请未评完（${names(missing)}），全部评完后才能导出签名评分表`, `sheet of ${member.id} incomplete`);

  const pm = packageMembers(pkg.members_json).find((m) => m.memberId === member.id);
  if (!pm?.keyFingerprint) {
    refuse('STATE', `${member.name}的公钥尚未在经办机构登记，不能签名评分表：请把公钥交经办机构登记（核对指纹）后，导入经办机构重新导出的评分包`, `member ${member.id} has no registered key in the package`);
  }
  const keyRow = await localKeyFor(db, pm.keyFingerprint);
  if (!keyRow) refuse('STATE', `本机没有${member.name}在经办机构登记的私钥（指纹 ${pm.keyFingerprint}），请在生成该密钥的电脑上导出评分表`, `private key ${pm.keyFingerprint} not on this laptop`);
  const privateKey = await unlockKey(ctx, keyRow, input.passphrase);

  const stepped = new Set(s.accepted.filter((a) => s.conflicts.standing(member.id, a.id) === 'conflicted').map((a) => a.id));
  const accepted = new Set(s.accepted.map((a) => a.id));
  const byApp = new Map<string, SheetScore[]>();
  for (const r of await listMemberScores(db, rubric.id, member.id)) {
    if (stepped.has(r.application_id) || !accepted.has(r.application_id)) continue;
    let list = byApp.get(r.application_id);
    if (!list) byApp.set(r.application_id, (list = []));
    list.push({
      id: r.id,
      criterionId: r.criterion_id,
      points: r.points,
      ...(r.comment !== null ? { comment: r.comment } : {}),
      ...(r.supersedes !== null ? { supersedes: r.supersedes } : {}),
      ...(r.reason !== null ? { reason: r.reason } : {}),
      enteredAt: r.entered_at,
    });
  }
  const applications = s.accepted.filter((a) => byApp.has(a.id)).map((a) => ({ applicationId: a.id, scores: byApp.get(a.id)! }));
  const scoreCount = applications.reduce((k, a) => k + a.scores.length, 0);

  let out: { path: string; name: string; bytes: number; seq: number; sheetHash: string; sha256: string; createdAt: string; device: string } | undefined;
  await db.transaction().execute(async (trx) => {
    const device = await deviceId(trx);
    const seq = ((await lastSheetExport(trx, s.panel.round.id, member.id))?.seq ?? 0) + 1;
    const createdAt = nowIso(ctx);
    const body: SheetBody = {
      format: SHEET_FORMAT,
      round: { id: s.panel.round.id, code: s.panel.round.code, name: s.panel.round.name },
      rubric: { id: rubric.id, version: rubric.version },
      member: { id: member.id, personId: member.personId, name: member.name },
      deviceId: device,
      seq,
      createdAt,
      keyFingerprint: keyRow.fingerprint,
      applications,
      steppedAside: [...stepped],
      counts: { applications: applications.length, scores: scoreCount },
    };
    const canonical = canonicalJson(body);
    const signature = signDetached(privateKey, Buffer.from(canonical, 'utf8'));
    const text = envelopeText(SHEET_FORMAT, { alg: 'Ed25519', keyFingerprint: keyRow.fingerprint, value: signature.toString('base64') }, canonical);
    const sheetHash = sha256Hex(canonical);
    const sha256 = sha256Hex(text);
    const file = writeFileAtomic(input.outPath, text);
    await insertSheetExport(trx, {
      round_id: s.panel.round.id,
      member_id: member.id,
      seq,
      rubric_id: rubric.id,
      sheet_hash: sheetHash,
      file_sha256: sha256,
      file_name: file.name,
      device_id: device,
      scores: scoreCount,
      applications: applications.length,
      created_at: createdAt,
    });
    const sheet = s.sheets.get(member.id);
    await upsertSheet(trx, { rubric_id: rubric.id, member_id: member.id, round_id: s.panel.round.id, status: 'submitted', submitted_at: sheet?.status === 'submitted' ? sheet.submittedAt : createdAt, updated_at: createdAt });
    await appendAudit(trx, {
      at: createdAt,
      actor: `${member.name}（${member.role === 'chair' ? '组长' : '审核小组成员'}）`,
      action: 'offline.exportSheet',
      entity: 'round',
      entityId: s.panel.round.id,
      after: { memberId: member.id, rubricVersion: rubric.version, seq, sheetHash, fileSha256: sha256, deviceId: device, scores: scoreCount, applications: applications.length, steppedAside: stepped.size, keyFingerprint: keyRow.fingerprint },
    });
    out = { path: file.path, name: file.name, bytes: file.bytes, seq, sheetHash, sha256, createdAt, device };
  });
  return {
    path: out!.path,
    fileName: out!.name,
    bytes: out!.bytes,
    seq: out!.seq,
    createdAt: out!.createdAt,
    sheetHash: out!.sheetHash,
    fileSha256: out!.sha256,
    scores: scoreCount,
    applications: applications.length,
    steppedAside: stepped.size,
    rubricVersion: rubric.version,
    deviceId: out!.device,
  };
}

function names(list: readonly { name: string }[]): string {
  return `${list.slice(0, 3).map((a) => a.name).join('、')}${list.length > 3 ? '等' : ''}`;
}

// ---------------------------------------------------------------------------
// Import (clerk's laptop)

interface Plan {
  result: ImportResult;
  /** claimed by the file, for the refusal record */
  claimed: { roundId: string | null; memberId: string | null; seq: number | null };
  rows: ScoreInsert[];
  body?: SheetBody;
  member?: MemberInfo;
  state?: ScoringState;
}

function emptyResult(file: { path: string; name: string; bytes: number; sha256: string }): ImportResult {
  return {
    file,
    verdict: 'refused',
    committed: false,
    message: '',
    sheet: null,
    counts: { new: 0, changed: 0, unchanged: 0, total: 0 },
    applications: [],
    changes: [],
    changesTruncated: false,
    refusals: [],
    refusalCount: 0,
    warnings: [],
    marksSubmitted: false,
    importId: null,
    duplicateOf: null,
  };
}

function refused(plan: Plan, refusals: Refusal[]): Plan {
  const r = plan.result;
  r.verdict = 'refused';
  r.refusalCount = refusals.length;
  r.refusals = refusals.slice(0, MAX_REFUSALS_LISTED).map((x) => ({ code: x.code, message: x.message, applicationId: x.applicationId ?? null, criterionId: x.criterionId ?? null, scoreId: x.scoreId ?? null }));
  r.message = refusals.length > 1 ? `${refusals[0]!.message}（另有${refusals.length - 1}处问题）` : refusals[0]!.message;
  plan.rows = [];
  return plan;
}

type ReadResult = ReadFile | { refusal: Refusal; file: Omit<ReadFile, 'bytes'> };

function fileRef(read: ReadResult) {
  return 'refusal' in read ? { path: read.file.path, name: read.file.name, bytes: 0, sha256: read.file.sha256 } : { path: read.path, name: read.name, bytes: read.bytes.length, sha256: read.sha256 };
}

interface ParsedSheet {
  plan: Plan;
  body: SheetBody;
  /** canonicalJson(body): the signed bytes */
  canonical: Buffer;
  signature: string;
  sheetHash: string;
  scoreTotal: number;
}

/** The checks that need no database: the file is an intact, well-formed sheet (its signature is checked later, against the registered key). */
function parseSheet(read: ReadResult): { parsed: ParsedSheet } | { plan: Plan } {
  const plan: Plan = { result: emptyResult(fileRef(read)), claimed: { roundId: null, memberId: null, seq: null }, rows: [] };
  if ('refusal' in read) return { plan: refused(plan, [read.refusal]) };
  const env = readEnvelope(read.bytes, SHEET_FORMAT);
  if ('refusal' in env) return { plan: refused(plan, [env.refusal]) };
  const parsed = parseSheetBody(env.envelope.body);
  if (!parsed.success) return { plan: refused(plan, [{ code: 'bad_structure', message: `评分表内容不完整或有误（${schemaProblem(parsed.error)}），不予导入` }]) };
  const body = parsed.data;
  plan.body = body;
  plan.claimed = { roundId: body.round.id, memberId: body.member.id, seq: body.seq };
  const canonical = signedBodyBytes(read.bytes, env.text, env.envelope);
  const sheetHash = sha256Hex(canonical);
  const scoreTotal = body.applications.reduce((k, a) => k + a.scores.length, 0);
  plan.result.sheet = {
    roundId: body.round.id,
    roundCode: body.round.code,
    roundName: body.round.name,
    rubricId: body.rubric.id,
    rubricVersion: body.rubric.version,
    memberId: body.member.id,
    memberName: body.member.name,
    personId: body.member.personId,
    deviceId: body.deviceId,
    seq: body.seq,
    createdAt: body.createdAt,
    sheetHash,
    keyFingerprint: body.keyFingerprint,
    applications: body.applications.length,
    scores: scoreTotal,
    steppedAside: body.steppedAside.length,
  };
  if (env.envelope.signature.keyFingerprint !== body.keyFingerprint) {
    return { plan: refused(plan, [{ code: 'bad_structure', message: '评分表的签名信息与正文中的密钥指纹不一致，不予导入' }]) };
  }
  if (body.counts.scores !== scoreTotal || body.counts.applications !== body.applications.length) {
    return { plan: refused(plan, [{ code: 'bad_structure', message: `评分表自述含${body.counts.scores}条评分，实际为${scoreTotal}条，内容不完整，不予导入` }]) };
  }
  return { parsed: { plan, body, canonical, signature: env.envelope.signature.value, sheetHash, scoreTotal } };
}

/** Every check, in order; reads only. */
async function planImport(db: Db, read: ReadResult, opts: { roundId?: string | undefined }, checkIdClash: boolean): Promise<Plan> {
  const p = parseSheet(read);
  return 'plan' in p ? p.plan : checkSheet(db, p.parsed, opts, checkIdClash);
}

/** The checks against this laptop's data: round, member, registered key and signature, sequence, rubric, every score, every chain. */
async function checkSheet(db: Db, parsed: ParsedSheet, opts: { roundId?: string | undefined }, checkIdClash: boolean): Promise<Plan> {
  const { plan, body, canonical, sheetHash, scoreTotal } = parsed;
  // Round and member
  if (opts.roundId && body.round.id !== opts.roundId) {
    const cur = await getRound(db, opts.roundId);
    return refused(plan, [{ code: 'other_round', message: `该评分表属于批次“${body.round.code} ${body.round.name}”，不是当前批次“${cur ? `${cur.code} ${cur.name}` : opts.roundId}”，不予导入` }]);
  }
  const round = await getRound(db, body.round.id);
  if (!round) return refused(plan, [{ code: 'unknown_round', message: `该评分表所属批次“${body.round.code} ${body.round.name}”不在本机（可能来自其他经办机构或其他电脑），不予导入` }]);
  if (await getPackage(db, round.id)) {
    return refused(plan, [{ code: 'package_round', message: '这是成员电脑（本批次来自评分包），评分表只能在经办机构电脑上导入' }]);
  }
  const pm = await getPanelMember(db, body.member.id);
  if (!pm || pm.round_id !== round.id || pm.person_id !== body.member.personId) {
    return refused(plan, [{ code: 'not_member', message: `评分表署名成员“${body.member.name}”不是批次“${round.code} ${round.name}”审核小组成员，不予导入` }]);
  }

  // Key and signature
  const reg = await currentRegisteredKey(db, pm.person_id);
  if (!reg) return refused(plan, [{ code: 'no_registered_key', message: `${pm.name}尚未在本机登记签名公钥，无法核验其评分表：请先登记公钥（当面核对指纹）后再导入` }]);
  if (reg.fingerprint !== body.keyFingerprint) {
    return refused(plan, [{ code: 'unknown_key', message: `评分表由未登记的密钥签名（指纹 ${body.keyFingerprint}），与${pm.name}登记的公钥（指纹 ${reg.fingerprint}）不符，不予导入` }]);
  }
  if (!verifyDetached(Buffer.from(reg.public_key, 'base64'), canonical, Buffer.from(parsed.signature, 'base64'))) {
    return refused(plan, [{ code: 'bad_signature', message: `签名无效：评分表内容在${pm.name}签名后被改动（或文件已损坏），不予导入` }]);
  }

  // Sequence
  const imports = await listSheetImportsOfMember(db, round.id, pm.id);
  const dup = imports.find((i) => i.sheet_hash === sheetHash);
  if (dup) {
    plan.result.verdict = 'duplicate';
    plan.result.duplicateOf = { seq: dup.seq, importedAt: dup.imported_at };
    plan.result.counts = { new: 0, changed: 0, unchanged: scoreTotal, total: scoreTotal };
    plan.result.message = `该评分表（${pm.name}第${dup.seq}号）已于${when(dup.imported_at)}导入，无需再次导入；本次未作任何修改`;
    return plan;
  }
  const last = imports[0];
  if (last && body.seq < last.seq) {
    return refused(plan, [
      { code: 'older_sequence', message: `这是${pm.name}较早的评分表（第${body.seq}号，${when(body.createdAt)}签名），本机已导入其第${last.seq}号评分表（${when(last.signed_at)}签名），较早的评分表不予导入` },
    ]);
  }
  if (last && body.seq === last.seq) {
    return refused(plan, [{ code: 'sequence_reused', message: `${pm.name}的第${body.seq}号评分表已导入过，而本文件内容不同（可能被改动或来自另一台电脑），不予导入` }]);
  }

  // Round state and rubric version
  const s = await loadScoringState(db, round.id);
  plan.state = s;
  if (round.status !== 'open') return refused(plan, [{ code: 'round_closed', message: '本批次已关闭，不能再导入评分表' }]);
  if (!s.rubric || !s.frozen) {
    return refused(plan, [{ code: 'rubric_not_frozen', message: s.rubric ? `本批次评分细则第${s.rubric.version}版正在修订（尚未确定），不能导入评分表` : '本批次尚未建立评分细则，不能导入评分表' }]);
  }
  if (body.rubric.id !== s.rubric.id) {
    return refused(plan, [
      {
        code: 'rubric_version',
        message: `评分表依据第${body.rubric.version}版评分细则，本批次现行为第${s.rubric.version}版，不予导入：请让${pm.name}导入新的评分包，按第${s.rubric.version}版评分后重新导出`,
      },
    ]);
  }
  if (!s.panel.validation.valid) return refused(plan, [{ code: 'panel_invalid', message: '审核小组目前不符合要求，不能导入评分表（请先完善审核小组）' }]);
  const member = requireMember(s.panel, pm.id);
  plan.member = member;
  const rubric = s.rubric;

  // Every score: applicant of this round, not stepped aside, criterion of this rubric version, value in range
  const refusals: Refusal[] = [];
  const appsById = new Map(s.applicants.map((a) => [a.id, a]));
  const crits = new Map(s.criteria.map((c) => [c.id, c]));
  const sheetIds = new Set<string>();
  const seenApps = new Set<string>();
  for (const sa of body.applications) {
    const a = appsById.get(sa.applicationId);
    if (seenApps.has(sa.applicationId)) refusals.push({ code: 'bad_structure', message: `评分表中同一申请出现两次（${a?.name ?? sa.applicationId}），不予导入`, applicationId: sa.applicationId });
    seenApps.add(sa.applicationId);
    if (!a) {
      refusals.push({ code: 'application_unknown', message: `评分表中有不属于本批次的申请（编号 ${sa.applicationId}），不予导入`, applicationId: sa.applicationId });
      continue;
    }
    if (a.status !== 'accepted') {
      refusals.push({ code: 'application_not_accepted', message: `“${a.name}”${APPLICATION_STATUS_LABEL[a.status]}，不参加评分，评分表中却有其评分，不予导入`, applicationId: a.id });
      continue;
    }
    const standing = s.conflicts.standing(member.id, a.id);
    if (standing === 'conflicted') {
      refusals.push({ code: 'conflicted', message: `${member.name}已就“${a.name}”${steppedAsideText(s.conflicts.decision(member.id, a.id)!)}，评分表中却有其对该申请的评分，整份评分表不予导入`, applicationId: a.id });
    } else if (standing === 'flag_pending') {
      const reasons = s.conflicts.flagsOf(member.id, a.id).map((f) => f.reason).join('；');
      refusals.push({ code: 'flag_pending', message: `系统提示${member.name}与“${a.name}”可能存在利害关系（${reasons}），须先确认回避或排除，才能导入其评分表`, applicationId: a.id });
    }
    for (const sc of sa.scores) {
      if (sheetIds.has(sc.id)) refusals.push({ code: 'bad_structure', message: `评分表中同一评分记录出现两次（${sc.id}），不予导入`, scoreId: sc.id });
      sheetIds.add(sc.id);
      const c = crits.get(sc.criterionId);
      if (!c) {
        refusals.push({ code: 'criterion_unknown', message: `“${a.name}”的评分项“${sc.criterionId}”不在第${rubric.version}版评分细则中，不予导入`, applicationId: a.id, criterionId: sc.criterionId, scoreId: sc.id });
        continue;
      }
      const problem = scoreProblem(c, sc.points);
      if (problem) refusals.push({ code: 'out_of_range', message: `“${a.name}”${problem}，不予导入`, applicationId: a.id, criterionId: c.id, scoreId: sc.id });
    }
  }
  if (refusals.length > 0) return refused(plan, refusals);

  // Chains: per criterion one root, each row superseded at most once, and whatever this laptop already holds is a prefix
  const dbRows = await listMemberScores(db, rubric.id, member.id);
  const dbById = new Map(dbRows.map((r) => [r.id, r]));
  const dbByKey = new Map<string, MemberScoreRow[]>();
  for (const r of dbRows) {
    const k = `${r.application_id}|${r.criterion_id}`;
    const list = dbByKey.get(k);
    if (list) list.push(r);
    else dbByKey.set(k, [r]);
  }
  const dbSuperseded = new Set(dbRows.map((r) => r.supersedes).filter((x): x is string => x !== null));
  const noDbRows: MemberScoreRow[] = [];
  const rows: ScoreInsert[] = [];
  const counts = { new: 0, changed: 0, unchanged: 0, total: 0 };
  const changes: ImportResult['changes'] = [];
  const perApp: ImportResult['applications'] = [];
  const origin = body.deviceId;
  for (const sa of body.applications) {
    const a = appsById.get(sa.applicationId)!;
    const byCrit = new Map<string, SheetScore[]>();
    for (const sc of sa.scores) {
      const list = byCrit.get(sc.criterionId);
      if (list) list.push(sc);
      else byCrit.set(sc.criterionId, [sc]);
    }
    const app = { applicationId: a.id, applicationNo: a.applicationNo, name: a.name, new: 0, changed: 0, unchanged: 0, totalBefore: null as number | null, totalAfter: null as number | null };
    for (const [critId, list] of byCrit) {
      const c = crits.get(critId)!;
      // 30,000 criteria per sheet: the label, the sets and the keys below are only built when needed
      const chain = orderChain(list);
      if (!chain) {
        refusals.push({ code: 'bad_chain', message: `${cellLabel(a, c)}的评分记录链不完整（缺少最初的评分、有多个起点或修改关系错乱），不予导入`, applicationId: a.id, criterionId: c.id });
        continue;
      }
      const dbChain = dbByKey.size > 0 ? (dbByKey.get(`${a.id}|${critId}`) ?? noDbRows) : noDbRows;
      const inSheet = dbChain.length > 0 ? new Set(chain.map((x) => x.id)) : undefined;
      let conflict = false;
      for (const d of dbChain) {
        if (!inSheet!.has(d.id)) {
          refusals.push({
            code: 'chain_conflict',
            message: `本机已有${member.name}对${cellLabel(a, c)}的评分（${d.points}分，${d.origin === 'local' ? '在本机录入' : '来自此前导入的评分表'}），评分表中没有这条记录，无法合并；请与该成员核实`,
            applicationId: a.id,
            criterionId: c.id,
            scoreId: d.id,
          });
          conflict = true;
          break;
        }
      }
      if (conflict) continue;
      for (const sc of chain) {
        const d = dbById.size > 0 ? dbById.get(sc.id) : undefined;
        if (d) {
          if (d.application_id !== a.id || d.criterion_id !== critId || d.points !== sc.points || d.comment !== (sc.comment ?? null) || d.supersedes !== (sc.supersedes ?? null)) {
            refusals.push({ code: 'score_mismatch', message: `${cellLabel(a, c)}的评分记录与本机已有记录不一致（可能被改动），不予导入`, applicationId: a.id, criterionId: c.id, scoreId: sc.id });
          }
          continue;
        }
        rows.push({
          id: sc.id,
          round_id: round.id,
          rubric_id: rubric.id,
          rubric_version: rubric.version,
          member_id: member.id,
          application_id: a.id,
          criterion_id: critId,
          points: sc.points,
          comment: sc.comment ?? null,
          supersedes: sc.supersedes ?? null,
          reason: sc.reason ?? null,
          entered_by: member.name,
          entered_at: sc.enteredAt,
          origin,
        });
      }
      const head = chain[chain.length - 1]!;
      const dbHead = dbChain.length > 0 ? dbChain.find((d) => !dbSuperseded.has(d.id)) : undefined;
      counts.total++;
      if (!dbHead) {
        counts.new++;
        app.new++;
      } else if (dbHead.id === head.id) {
        counts.unchanged++;
        app.unchanged++;
      } else {
        counts.changed++;
        app.changed++;
        if (changes.length < MAX_CHANGES_LISTED) {
          changes.push({ applicationId: a.id, criterionId: critId, criterionTitle: c.title, before: dbHead.points, after: head.points, comment: head.comment ?? null, reason: head.reason ?? null, scoreId: head.id });
        }
      }
    }
    perApp.push(app);
  }
  // 评议锁定 (service/deliberation/lock.ts): a sheet may not add or change scores of an applicant on an open
  // meeting's agenda or decided in a sealed one; importing the same scores again changes nothing and is fine
  const touched = perApp.filter((p) => p.new + p.changed > 0);
  const locks = touched.length > 0 ? await lockedApplicants(db, round.id) : new Map<string, ApplicantLock>();
  for (const p of touched) {
    const lock = locks.get(p.applicationId);
    if (lock) refusals.push({ code: 'applicant_locked', message: `${lockReason(lock, p.name, '导入对其的评分', 'sheet import').zh}；整份评分表不予导入`, applicationId: p.applicationId });
  }
  if (refusals.length > 0) return refused(plan, refusals);
  // ids used by another member or rubric version: looked up for a preview; a commit lets the primary key refuse them (see commitImport)
  const clash = checkIdClash ? await existingScoreIds(db, rows.map((r) => r.id)) : new Set<string>();
  if (clash.size > 0) return refused(plan, [idClash(clash.size, [...clash][0]!)]);

  // Totals before and after, and whether the member's sheet is complete once merged
  const heads: Heads = new Map();
  for (const r of dbRows) if (!dbSuperseded.has(r.id)) setHead(heads, r.application_id, r.criterion_id, r.points);
  const before = sumByApp(heads);
  const newSuperseded = new Set(rows.map((r) => r.supersedes).filter((x): x is string => x !== null));
  for (const r of rows) if (!newSuperseded.has(r.id)) setHead(heads, r.application_id, r.criterion_id, r.points);
  const after = sumByApp(heads);
  for (const p of perApp) {
    p.totalBefore = before.get(p.applicationId)?.total ?? null;
    p.totalAfter = after.get(p.applicationId)?.total ?? null;
  }
  const n = s.criteria.length;
  const required = s.accepted.filter((a) => s.conflicts.standing(member.id, a.id) !== 'conflicted' && s.basic.get(a.id) !== 'failed');
  const incomplete = required.filter((a) => (after.get(a.id)?.scored ?? 0) < n);
  const warnings: string[] = [];
  if (incomplete.length > 0) warnings.push(`合并后${member.name}仍有${incomplete.length}个申请未评完（${names(incomplete)}），其评分表状态保持“未提交”`);
  const inSheetApps = new Set(body.applications.map((sa) => sa.applicationId));
  const localOnly = [...dbByKey.keys()].filter((k) => !inSheetApps.has(k.slice(0, k.indexOf('|')))).length;
  if (localOnly > 0) warnings.push(`本机另有${member.name}在本机录入的${localOnly}项评分不在评分表中，保持不变`);
  if (s.sheets.get(member.id)?.status === 'submitted' && counts.changed > 0) warnings.push(`${member.name}的评分表此前已提交，本次导入含${counts.changed}处修改`);

  plan.rows = rows;
  const r = plan.result;
  r.verdict = 'accept';
  r.counts = counts;
  r.applications = perApp;
  r.changes = changes;
  r.changesTruncated = counts.changed > changes.length;
  r.warnings = warnings;
  r.marksSubmitted = incomplete.length === 0;
  r.message =
    rows.length === 0
      ? `可导入：${member.name}第${body.seq}号评分表与本机已有评分完全一致（${counts.unchanged}项未变），导入只记录收到该评分表`
      : `可导入：${member.name}第${body.seq}号评分表，新增${counts.new}项、修改${counts.changed}项、未变${counts.unchanged}项评分`;
  return plan;
}

function idClash(n: number, scoreId?: string): Refusal {
  return { code: 'score_id_clash', message: `评分表中有${n > 1 ? `${n}条` : ''}评分记录的编号与本机其他记录重复（可能被改动），不予导入`, ...(scoreId ? { scoreId } : {}) };
}

/** The rows of one criterion as a chain from its root, or null when they do not form exactly one. */
function orderChain(list: SheetScore[]): SheetScore[] | null {
  // the usual case: a single score, never corrected
  if (list.length === 1) return list[0]!.supersedes ? null : list;
  const roots = list.filter((x) => !x.supersedes);
  if (roots.length !== 1) return null;
  const next = new Map<string, SheetScore>();
  const ids = new Set(list.map((x) => x.id));
  for (const x of list) {
    if (!x.supersedes) continue;
    if (!ids.has(x.supersedes) || next.has(x.supersedes)) return null;
    next.set(x.supersedes, x);
  }
  const chain: SheetScore[] = [roots[0]!];
  while (chain.length <= list.length) {
    const n = next.get(chain[chain.length - 1]!.id);
    if (!n) break;
    chain.push(n);
  }
  return chain.length === list.length ? chain : null;
}

/** “applicant”“criterion”, for messages */
function cellLabel(a: { name: string }, c: { title: string }): string {
  return `“${a.name}”“${c.title}”`;
}

/** The current points per applicant and criterion, in the order first seen. */
type Heads = Map<string, Map<string, number>>;

function setHead(heads: Heads, applicationId: string, criterionId: string, points: number) {
  let m = heads.get(applicationId);
  if (!m) heads.set(applicationId, (m = new Map()));
  m.set(criterionId, points);
}

function sumByApp(heads: Heads): Map<string, { total: number; scored: number }> {
  const out = new Map<string, { total: number; scored: number }>();
  for (const [app, m] of heads) {
    const t = { total: 0, scored: 0 };
    for (const p of m.values()) {
      t.total = Math.round((t.total + p) * 100) / 100;
      t.scored++;
    }
    out.set(app, t);
  }
  return out;
}

/** Records a refused file once per (file, reason), with its audit entry. */
async function recordRefusal(ctx: ServiceContext, plan: Plan) {
  const r = plan.result;
  const first = r.refusals[0];
  if (!first) return;
  const prev = await lastRefusalOfFile(ctx.db, r.file.sha256);
  if (prev && prev.code === first.code && prev.reason === r.message) return;
  await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso(ctx);
    const by = await operator(trx);
    await insertSheetRefusal(trx, { id: randomUUID(), event_no: await nextEventNo(trx), at, round_id: plan.claimed.roundId, member_id: plan.claimed.memberId, seq: plan.claimed.seq, file_sha256: r.file.sha256, file_name: r.file.name, code: first.code, reason: r.message, by });
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'offline.refuseSheet',
      entity: 'round',
      entityId: plan.claimed.roundId ?? '-',
      after: { fileSha256: r.file.sha256, fileName: r.file.name, bytes: r.file.bytes, code: first.code, reason: r.message, memberId: plan.claimed.memberId, seq: plan.claimed.seq, sheetHash: r.sheet?.sheetHash ?? null },
    });
  });
}

export async function previewImport(ctx: ServiceContext, input: { path: string; roundId?: string | undefined }): Promise<ImportResult> {
  const read = readLimited(input.path, MAX_SHEET_BYTES, '评分表');
  const plan = await planImport(ctx.db, read, input, true);
  if (plan.result.verdict === 'refused') await recordRefusal(ctx, plan);
  return plan.result;
}

export async function commitImport(ctx: ServiceContext, input: { path: string; roundId?: string | undefined; expectedSha256?: string | undefined }): Promise<ImportResult> {
  const read = readLimited(input.path, MAX_SHEET_BYTES, '评分表');
  const sha = 'refusal' in read ? read.file.sha256 : read.sha256;
  if (input.expectedSha256 && sha !== input.expectedSha256) {
    refuse('STATE', '文件在预览后被改动（或换成了另一个文件），请重新预览后再导入', `file ${sha} differs from previewed ${input.expectedSha256}`);
  }
  let plan: Plan | undefined;
  const parsed = timed('read', () => parseSheet(read));
  let committing = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // checked again inside the transaction: what was previewed may no longer hold
      plan = 'plan' in parsed ? parsed.plan : await timed('check', () => checkSheet(trx, parsed.parsed, input, false));
      if (plan.result.verdict !== 'accept') return;
      const p = plan;
      await withImportCache(trx, p.rows.length, () => merge(ctx, trx, p));
      committing = performance.now();
    });
    if (committing) importTimings.record?.('commit', performance.now() - committing);
  } catch (e) {
    // a score id already used elsewhere: the primary key refused the insert and the transaction rolled back
    if (plan?.result.verdict === 'accept' && isPrimaryKeyClash(e)) refused(plan, [idClash(1)]);
    else throw e;
  }
  const p = plan!;
  if (p.result.verdict === 'refused') {
    await recordRefusal(ctx, p);
    refuse('VALIDATION', p.result.message, `sheet ${p.result.file.sha256} refused: ${p.result.refusals[0]?.code}`);
  }
  return p.result;
}

/**
 * Several sheets at once (the files of one USB stick): read and parsed first,
 * then checked and merged in ONE transaction, a member's sheets in sequence
 * order. A refused sheet writes nothing and does not stop the others; every
 * index page is written once for all of them rather than once per sheet.
 */
export async function commitImportMany(ctx: ServiceContext, input: { paths: string[]; roundId?: string | undefined }): Promise<ImportResult[]> {
  const items = timed('read', () => input.paths.map((p, i) => ({ i, parsed: parseSheet(readLimited(p, MAX_SHEET_BYTES, '评分表')) })));
  const plans = new Map<number, Plan>();
  const ordered = items
    .filter((x): x is { i: number; parsed: { parsed: ParsedSheet } } => 'parsed' in x.parsed)
    .sort((a, b) => {
      const x = a.parsed.parsed.body;
      const y = b.parsed.parsed.body;
      return x.member.id < y.member.id ? -1 : x.member.id > y.member.id ? 1 : x.seq - y.seq;
    });
  for (const x of items) if ('plan' in x.parsed) plans.set(x.i, x.parsed.plan);
  let current: Plan | undefined;
  // one cache size for the whole batch: the pages the first sheets dirtied stay in memory for the next ones
  const scores = ordered.reduce((k, x) => k + x.parsed.parsed.scoreTotal, 0);
  let committing = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await withImportCache(trx, scores, async () => {
        for (const x of ordered) {
          current = await timed('check', () => checkSheet(trx, x.parsed.parsed, input, false));
          plans.set(x.i, current);
          if (current.result.verdict === 'accept') await merge(ctx, trx, current);
        }
      });
      committing = performance.now();
    });
    if (committing) importTimings.record?.('commit', performance.now() - committing);
  } catch (e) {
    if (current?.result.verdict === 'accept' && isPrimaryKeyClash(e)) {
      refused(current, [idClash(1)]);
      await recordRefusal(ctx, current);
      refuse('VALIDATION', `“${current.result.file.name}”：${current.result.message}；本次选择的评分表均未导入`, `batch import aborted by ${current.result.file.sha256}`);
    }
    throw e;
  }
  const results: ImportResult[] = [];
  for (const x of items) {
    const plan = plans.get(x.i)!;
    if (plan.result.verdict === 'refused') await recordRefusal(ctx, plan);
    results.push(plan.result);
  }
  return results;
}

function isPrimaryKeyClash(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Writes an accepted plan: the new rows (as they are), the member's score
 * lines, the sheet status, the import record and its audit entry. The caller
 * enlarges the page cache for the whole transaction (withImportCache).
 */
async function merge(ctx: ServiceContext, trx: Db, plan: Plan) {
  const { body, member, state: s } = plan as Required<Plan>;
  const rubric = s.rubric!;
  const now = nowIso(ctx);
  // New chains first, in id order: with time-ordered ids (service/ids.ts) the primary-key index grows at its
  // end, and the member's roots fill one range of score_root_uq (migration 008). Then the corrections, in
  // the order of their chains, so none precedes the row it supersedes (the foreign keys are checked per statement).
  const roots = plan.rows.filter((r) => !r.supersedes).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const rows = roots.length === plan.rows.length ? roots : [...roots, ...plan.rows.filter((r) => r.supersedes)];
  await timed('insert', () => insertScoresBulk(trx, rows));
  if (importHooks.afterInsert) await importHooks.afterInsert();
  await timed('lines', () => rebuildMemberScoreLines(trx, rubric.id, member.id, s.criteria.map((c) => c.id)));
  const tRecord = performance.now();
  const sheet = await getSheet(trx, rubric.id, member.id);
  if (plan.result.marksSubmitted) {
    await upsertSheet(trx, { rubric_id: rubric.id, member_id: member.id, round_id: s.panel.round.id, status: 'submitted', submitted_at: sheet?.status === 'submitted' ? sheet.submitted_at : body.createdAt, updated_at: now });
  } else if (!sheet) {
    await upsertSheet(trx, { rubric_id: rubric.id, member_id: member.id, round_id: s.panel.round.id, status: 'draft', submitted_at: null, updated_at: now });
  }
  const importId = randomUUID();
  const by = await operator(trx);
  const sh = plan.result.sheet!;
  await insertSheetImport(trx, {
    id: importId,
    event_no: await nextEventNo(trx),
    round_id: s.panel.round.id,
    member_id: member.id,
    rubric_id: rubric.id,
    rubric_version: rubric.version,
    seq: body.seq,
    sheet_hash: sh.sheetHash,
    file_sha256: plan.result.file.sha256,
    file_name: plan.result.file.name,
    device_id: body.deviceId,
    key_fingerprint: body.keyFingerprint,
    signed_at: body.createdAt,
    scores_total: sh.scores,
    scores_new: rows.length,
    scores_changed: plan.result.counts.changed,
    imported_at: now,
    imported_by: by,
  });
  await appendAudit(trx, {
    at: now,
    actor: by,
    action: 'offline.importSheet',
    entity: 'round',
    entityId: s.panel.round.id,
    after: {
      importId,
      memberId: member.id,
      memberName: member.name,
      rubricVersion: rubric.version,
      seq: body.seq,
      sheetHash: sh.sheetHash,
      fileSha256: plan.result.file.sha256,
      fileName: plan.result.file.name,
      deviceId: body.deviceId,
      keyFingerprint: body.keyFingerprint,
      signedAt: body.createdAt,
      rowsInserted: rows.length,
      counts: plan.result.counts,
      marksSubmitted: plan.result.marksSubmitted,
    },
  });
  importTimings.record?.('record', performance.now() - tRecord);
  plan.result.committed = true;
  plan.result.importId = importId;
  plan.result.message = `已导入${member.name}第${body.seq}号评分表：新增${plan.result.counts.new}项、修改${plan.result.counts.changed}项、未变${plan.result.counts.unchanged}项评分`;
}
