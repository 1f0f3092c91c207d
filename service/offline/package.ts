import type { ServiceContext } from '../context';
import { nowIso, operator } from '../context';
import { refuse } from '../errors';
import type { Db } from '../../db/queries/types';
import { getSetting, setSetting } from '../../db/queries/settings';
import { appendAudit } from '../../db/queries/audit';
import { getRoundByCode, getRound, insertRound } from '../../db/queries/rounds';
import { insertApplication, listApplications, updateApplication } from '../../db/queries/applications';
import { listChecklistMarksOfRound } from '../../db/queries/reviewChecklist';
import { deletePanelMember, insertPanelMember, listConflicts, listPanelMembers, setChair, upsertConflict, upsertGapAck } from '../../db/queries/panel';
import { getScoringConfig, insertRubric, listRubrics, upsertScoringConfig } from '../../db/queries/scores';
import {
  currentRegisteredKey,
  getAgencyKey,
  getKeyByFingerprint,
  getPackage,
  insertTrustedAgency,
  listKeys,
  listTrustedAgencies,
  relockPackageWrites,
  unlockPackageWrites,
  upsertPackage,
  upsertPackageApplication,
} from '../../db/queries/offline';
import { loadScoringState } from '../handlers/scoring';
import { loadProfile } from '../profiles';
import { applicationData } from '../views';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { digitsOfFingerprint } from '../../shared/offline/fingerprint';
import { pickPackageApplicationData } from '../../shared/offline/packageData';
import { staffToBedRatio, type ApplicationData } from '../../shared/domain/application';
import { OVERALL_STATE_LABEL, evaluateBound, ruleCatalogue, type ReviewerMark } from '../../shared/rules/eligibility';
import { rubricDefinitionSchema } from '../../shared/rubric/rubric';
import type { PackagePreview } from '../../shared/contract/slices/offline';
import { fingerprintOf, sha256Hex, signDetached, verifyDetached } from './crypto';
import { PACKAGE_FORMAT, envelopeText, parseEnvelope, readLimited, writeFileAtomic } from './files';
import { packageBodySchema, schemaProblem, type PackageBody, type PackageMember } from './formats';
import { requireFingerprintMatch, unlockKey } from './keys';

/**
 * The round package (ltc-round-package/1): what a member's laptop needs to
 * score a round offline, signed by the agency key.
 *
 * Contents: the round, its region profile version (public policy data), the
 * frozen rubric version, the scoring config, the panel (names, roles, fields,
 * registered key fingerprints), the chair's gap acknowledgements, every 回避
 * decision, and the accepted applications with ONLY the allow-listed 申请表
 * fields (shared/offline/packageData.ts) and their eligibility results (the
 * only record of their 基础性指标; `basicCheck` is always null). No phones, ID numbers, names of the
 * applicant's people, addresses, USCCs or member contacts.
 *
 * A package is exported only when nothing would make a member's laptop see a
 * different picture than the clerk's: rubric frozen, panel valid, no
 * undecided 回避 flag (flags read names the package does not carry).
 */

export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
const PACKAGE_SEQ_SETTING = 'offline.packageSeq:';

// ---------------------------------------------------------------------------
// Export (clerk's laptop)

export async function exportPackage(ctx: ServiceContext, input: { roundId: string; outPath: string; passphrase: string }) {
  const db = ctx.db;
  if (await getPackage(db, input.roundId)) {
    refuse('STATE', '本批次来自评分包（成员电脑），不能再导出评分包；评分包只能在经办机构电脑上导出', `round ${input.roundId} is a package round`);
  }
  const s = await loadScoringState(db, input.roundId);
  const round = s.panel.round;
  if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能导出评分包', `round ${round.id} closed`);
  if (!s.rubric || !s.frozen || !s.definition) {
    refuse('STATE', '评分细则尚未确定（请先“开始评分”冻结评分细则），不能导出评分包', `round ${round.id} has no frozen rubric`);
  }
  if (!s.panel.validation.valid) refuse('STATE', '审核小组不符合要求，不能导出评分包（成员电脑上将无法评分）', `panel of ${round.id} invalid`);
  const acceptedIds = new Set(s.accepted.map((a) => a.id));
  const memberIds = new Set(s.panel.members.map((m) => m.id));
  const pending = s.conflicts.pending().filter((p) => acceptedIds.has(p.applicationId) && memberIds.has(p.memberId));
  if (pending.length > 0) {
    const names = pending.slice(0, 3).map((p) => `${s.panel.members.find((m) => m.id === p.memberId)!.name}—${s.accepted.find((a) => a.id === p.applicationId)!.name}`);
    refuse('STATE', `还有${pending.length}条回避提示未确认（${names.join('、')}${pending.length > 3 ? '等' : ''}），请先在“回避”页确认回避或排除，再导出评分包`, `round ${round.id} has ${pending.length} pending conflict flags`);
  }
  const agency = await getAgencyKey(db);
  if (!agency) refuse('STATE', '本机尚未生成经办机构签名密钥，请先在“离线评分 › 密钥”中生成', 'no agency key');
  const privateKey = await unlockKey(ctx, agency, input.passphrase);

  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const profileRow = await db.selectFrom('region_profile').select(['json', 'builtin']).where('id', '=', round.profile_id).where('version', '=', round.profile_version).executeTakeFirstOrThrow();
  const bound = ruleCatalogue(profile);
  const latestMarks = new Map<string, Map<string, ReviewerMark>>();
  for (const m of await listChecklistMarksOfRound(db, round.id)) {
    let per = latestMarks.get(m.application_id);
    if (!per) latestMarks.set(m.application_id, (per = new Map()));
    if (!per.has(m.item_id)) per.set(m.item_id, { state: m.state, note: m.note });
  }
  const rows = (await listApplications(db, round.id)).filter((a) => acceptedIds.has(a.id));
  const applications: PackageBody['applications'] = rows.map((row) => {
    const data: ApplicationData = applicationData(row);
    const e = evaluateBound(bound, data, latestMarks.get(row.id) ?? new Map());
    return {
      id: row.id,
      seq: row.seq,
      applicationNo: row.application_no,
      status: 'accepted' as const,
      data: pickPackageApplicationData(data),
      staffToBedRatio: staffToBedRatio(data.careStaff, data.careBeds),
      eligibility: {
        overall: e.overall,
        overallLabel: OVERALL_STATE_LABEL[e.overall],
        counts: e.counts,
        results: e.results.map((r) => ({ ruleId: r.ruleId, title: r.title, state: r.state, explanation: r.explanation, citations: r.citations })),
      },
      // Retired: the eligibility results above are the only record of the 基础性指标 (kept in the format as null).
      basicCheck: null,
    };
  });
  const members: PackageMember[] = [];
  for (const m of s.panel.members) {
    const key = await currentRegisteredKey(db, m.personId);
    members.push({ id: m.id, personId: m.personId, name: m.name, role: m.role, fields: m.fields, addedAt: (await memberAddedAt(db, m.id)) ?? round.created_at, keyFingerprint: key?.fingerprint ?? null });
  }
  const config = await getScoringConfig(db, round.id);
  const exportedAt = nowIso(ctx);
  const conflicts = (await listConflicts(db, round.id))
    .filter((c) => acceptedIds.has(c.application_id) && memberIds.has(c.member_id))
    .map((c) => ({ id: c.id, memberId: c.member_id, applicationId: c.application_id, decision: c.decision, kind: c.kind, note: c.note, source: c.source, flagReason: c.flag_reason, decidedBy: c.decided_by, decidedAt: c.decided_at }));
  const rubric = s.rubric;
  let out: { written: { path: string; name: string; bytes: number }; sha256: string; packageHash: string } | undefined;
  await db.transaction().execute(async (trx) => {
    const seqKey = `${PACKAGE_SEQ_SETTING}${round.id}`;
    const seq = Number((await getSetting(trx, seqKey)) ?? '0') + 1;
    await setSetting(trx, seqKey, String(seq));
    const body: PackageBody = {
      format: PACKAGE_FORMAT,
      seq,
      exportedAt,
      agency: { name: agency.name, publicKey: agency.public_key, fingerprint: agency.fingerprint },
      round: {
        id: round.id,
        code: round.code,
        name: round.name,
        region: round.region,
        openedOn: round.opened_on,
        status: round.status,
        quota: JSON.parse(round.quota_json) as PackageBody['round']['quota'],
        profileId: round.profile_id,
        profileVersion: round.profile_version,
        createdAt: round.created_at,
      },
      profile: { id: round.profile_id, version: round.profile_version, builtin: profileRow.builtin === 1, json: profileRow.json },
      rubric: {
        id: rubric.id,
        version: rubric.version,
        definition: JSON.parse(rubric.definition_json) as unknown,
        reason: rubric.reason,
        createdAt: rubric.created_at,
        createdBy: rubric.created_by,
        frozenAt: rubric.frozen_at ?? exportedAt,
        frozenBy: rubric.frozen_by ?? '',
      },
      scoringConfig: config
        ? { trimEnabled: config.trim_enabled === 1, trimMinCount: config.trim_min_count, deviationShare: config.deviation_share, spreadShare: config.spread_share, updatedAt: config.updated_at, updatedBy: config.updated_by }
        : null,
      panel: { members, gapAcks: s.panel.acks.map((a) => ({ field: a.field, note: a.note, memberId: a.byMemberId, acknowledgedAt: a.at })) },
      conflicts,
      applications,
    };
    // The body must read back exactly as a member's laptop will read it.
    const checked = packageBodySchema.safeParse(body);
    if (!checked.success) refuse('STATE', `评分包内容不符合格式要求（${schemaProblem(checked.error)}），未导出`, `package body invalid: ${checked.error.message}`);
    const canonical = canonicalJson(body);
    const signature = signDetached(privateKey, Buffer.from(canonical, 'utf8'));
    const text = envelopeText(PACKAGE_FORMAT, { alg: 'Ed25519', keyFingerprint: agency.fingerprint, value: signature.toString('base64') }, canonical);
    const packageHash = sha256Hex(canonical);
    const sha256 = sha256Hex(text);
    await appendAudit(trx, {
      at: exportedAt,
      actor: await operator(trx),
      action: 'offline.exportPackage',
      entity: 'round',
      entityId: round.id,
      after: { seq, packageHash, fileSha256: sha256, exportedAt, rubricVersion: rubric.version, applications: applications.length, members: members.length, agencyFingerprint: agency.fingerprint },
    });
    out = { written: writeFileAtomic(input.outPath, text), sha256, packageHash };
  });
  const written = out!.written;
  return {
    path: written.path,
    fileName: written.name,
    bytes: written.bytes,
    sha256: out!.sha256,
    packageHash: out!.packageHash,
    exportedAt,
    applications: applications.length,
    members: members.length,
    membersWithoutKey: members.filter((m) => !m.keyFingerprint).map((m) => m.name),
    agencyFingerprint: agency.fingerprint,
  };
}

async function memberAddedAt(db: Db, memberId: string): Promise<string | undefined> {
  return (await db.selectFrom('panel_member').select('added_at').where('id', '=', memberId).executeTakeFirst())?.added_at;
}

// ---------------------------------------------------------------------------
// Import (member's laptop)

interface ReadPackage {
  body: PackageBody;
  canonical: string;
  file: { path: string; name: string; bytes: number; sha256: string };
  preview: PackagePreview;
}

/** Reads, verifies and describes a package; refuses (throws) when it is not a valid, intact package. */
export async function readPackage(ctx: ServiceContext, filePath: string): Promise<ReadPackage> {
  const db = ctx.db;
  const read = readLimited(filePath, MAX_PACKAGE_BYTES, '评分包');
  if ('refusal' in read) refuse('VALIDATION', read.refusal.message, `package refused: ${read.refusal.code}`, { path: read.refusal.message });
  const env = parseEnvelope(read.bytes, PACKAGE_FORMAT);
  if ('refusal' in env) refuse('VALIDATION', env.refusal.message, `package refused: ${env.refusal.code}`, { path: env.refusal.message });
  const parsed = packageBodySchema.safeParse(env.envelope.body);
  if (!parsed.success) refuse('VALIDATION', `评分包内容不完整或有误（${schemaProblem(parsed.error)}），不予导入`, `package body invalid: ${parsed.error.message}`, { path: '评分包内容有误' });
  const body = parsed.data;
  const publicRaw = Buffer.from(body.agency.publicKey, 'base64');
  const fingerprint = publicRaw.length === 32 ? fingerprintOf(publicRaw) : '';
  if (fingerprint !== body.agency.fingerprint || env.envelope.signature.keyFingerprint !== fingerprint) {
    refuse('VALIDATION', '评分包的签名信息与其中的经办机构公钥不一致，不予导入', 'package key fingerprint mismatch', { path: '签名信息不一致' });
  }
  // the body exactly as signed: canonical JSON of what was parsed (before zod, which may drop nothing here: bodies are strict)
  const canonical = canonicalJson(env.envelope.body);
  if (!verifyDetached(publicRaw, Buffer.from(canonical, 'utf8'), Buffer.from(env.envelope.signature.value, 'base64'))) {
    refuse('VALIDATION', '评分包签名无效：文件内容在经办机构签名后被改动（或文件已损坏），不予导入', 'package signature invalid', { path: '签名无效' });
  }
  if (!rubricDefinitionSchema.safeParse(body.rubric.definition).success) {
    refuse('VALIDATION', '评分包中的评分细则无法读取（可能由更新版本的程序导出），不予导入', 'package rubric unreadable', { path: '评分细则无法读取' });
  }
  const trusted = (await listTrustedAgencies(db)).some((t) => t.fingerprint === fingerprint);
  const existing = await getPackage(db, body.round.id);
  const packageHash = sha256Hex(canonical);
  let state: PackagePreview['state'] = 'new';
  let blocker: string | null = null;
  if (existing) {
    if (existing.package_hash === packageHash) state = 'same';
    else if (existing.package_seq >= body.seq) {
      state = 'older';
      blocker = `本机已有该批次第${existing.package_seq}次导出的评分包（${new Date(Date.parse(existing.exported_at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}），不能用较早的（第${body.seq}次）评分包覆盖`;
    } else state = 'update';
    if (existing.agency_fingerprint !== fingerprint) {
      blocker = `该批次原先的评分包由另一把经办机构密钥签名（指纹 ${existing.agency_fingerprint}），与本评分包（${fingerprint}）不符，不予导入`;
    }
  } else {
    const local = await getRound(db, body.round.id);
    if (local) blocker = '本机已有该批次的原始数据（这是经办机构的电脑），不能导入评分包';
    else {
      const clash = await getRoundByCode(db, body.round.code);
      if (clash) blocker = `本机已有批次编号为“${body.round.code}”的另一批次，不能导入`;
    }
  }
  const localKeys = new Set((await listKeys(db)).filter((k) => k.kind === 'member').map((k) => k.fingerprint));
  return {
    body,
    canonical,
    file: { path: read.path, name: read.name, bytes: read.bytes.length, sha256: read.sha256 },
    preview: {
      file: { path: read.path, name: read.name, bytes: read.bytes.length, sha256: read.sha256 },
      agency: { name: body.agency.name, fingerprint, fingerprintDigits: digitsOfFingerprint(fingerprint), trusted },
      round: { id: body.round.id, code: body.round.code, name: body.round.name },
      exportedAt: body.exportedAt,
      rubricVersion: body.rubric.version,
      applications: body.applications.length,
      conflicts: body.conflicts.filter((c) => c.decision === 'conflicted').length,
      members: body.panel.members.map((m) => ({
        memberId: m.id,
        personId: m.personId,
        name: m.name,
        role: m.role,
        keyFingerprint: m.keyFingerprint,
        keyOnThisLaptop: m.keyFingerprint !== null && localKeys.has(m.keyFingerprint),
      })),
      state,
      blocker,
    },
  };
}

export async function importPackage(ctx: ServiceContext, input: { path: string; agencyFingerprint?: string | undefined }) {
  const r = await readPackage(ctx, input.path);
  const { body, preview } = r;
  if (preview.blocker) refuse('STATE', preview.blocker, `package import blocked: ${preview.state}`);
  if (!preview.agency.trusted) {
    if (!input.agencyFingerprint) {
      refuse(
        'VALIDATION',
        `首次导入“${body.agency.name}”的评分包：请与经办人员当面（或电话）核对经办机构密钥指纹，并输入对方念出的指纹。本评分包的指纹为 ${preview.agency.fingerprint}`,
        'agency key not trusted yet',
        { agencyFingerprint: '请输入经办机构密钥指纹' },
      );
    }
    requireFingerprintMatch(input.agencyFingerprint, preview.agency.fingerprint, '评分包签名密钥', 'agencyFingerprint');
  }
  if (preview.state === 'same') return { ...preview, result: 'unchanged' as const };
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    await unlockPackageWrites(trx);
    await applyPackage(trx, body, now);
    await upsertPackage(trx, {
      round_id: body.round.id,
      package_seq: body.seq,
      package_hash: sha256Hex(r.canonical),
      file_sha256: r.file.sha256,
      exported_at: body.exportedAt,
      agency_fingerprint: preview.agency.fingerprint,
      agency_name: body.agency.name,
      rubric_id: body.rubric.id,
      members_json: JSON.stringify(body.panel.members.map((m) => ({ memberId: m.id, personId: m.personId, name: m.name, role: m.role, keyFingerprint: m.keyFingerprint }))),
      imported_at: now,
    });
    if (!preview.agency.trusted) {
      await insertTrustedAgency(trx, { fingerprint: preview.agency.fingerprint, public_key: body.agency.publicKey, name: body.agency.name, trusted_at: now });
    }
    await relockPackageWrites(trx);
    await appendAudit(trx, {
      at: now,
      actor: await operator(trx),
      action: preview.state === 'new' ? 'offline.importPackage' : 'offline.updatePackage',
      entity: 'round',
      entityId: body.round.id,
      after: {
        fileSha256: r.file.sha256,
        packageHash: sha256Hex(r.canonical),
        packageSeq: body.seq,
        exportedAt: body.exportedAt,
        agencyFingerprint: preview.agency.fingerprint,
        agencyNewlyTrusted: !preview.agency.trusted,
        rubricVersion: body.rubric.version,
        applications: body.applications.length,
        members: body.panel.members.length,
      },
    });
  });
  return { ...preview, agency: { ...preview.agency, trusted: true }, result: preview.state === 'new' ? ('imported' as const) : ('updated' as const) };
}

/** Writes (or brings up to date) every row of the package; the caller has unlocked the package tables. */
async function applyPackage(db: Db, body: PackageBody, now: string) {
  const b = body;
  await db
    .insertInto('region_profile')
    .values({ id: b.profile.id, version: b.profile.version, json: b.profile.json, builtin: b.profile.builtin ? 1 : 0, created_at: now })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();

  const maxSeq = b.applications.reduce((m, a) => Math.max(m, a.seq), 0);
  const roundFields = {
    code: b.round.code,
    name: b.round.name,
    region: b.round.region,
    profile_id: b.round.profileId,
    profile_version: b.round.profileVersion,
    quota_json: JSON.stringify(b.round.quota),
    opened_on: b.round.openedOn,
    status: b.round.status,
    closed_at: b.round.status === 'closed' ? b.exportedAt : null,
    next_seq: maxSeq + 1,
  };
  if (await getRound(db, b.round.id)) await db.updateTable('round').set(roundFields).where('id', '=', b.round.id).execute();
  else await insertRound(db, { id: b.round.id, ...roundFields, note: null, created_at: b.round.createdAt });

  // People and the panel
  for (const m of b.panel.members) {
    await db
      .insertInto('person')
      .values({ id: m.personId, name: m.name, fields_json: JSON.stringify(m.fields), employer: null, contact: null, pin_hash: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: m.name, fields_json: JSON.stringify(m.fields), updated_at: now }))
      .execute();
  }
  const local = await listPanelMembers(db, b.round.id);
  const inPackage = new Set(b.panel.members.map((m) => m.id));
  await db.deleteFrom('panel_gap_ack').where('round_id', '=', b.round.id).execute();
  for (const m of local) {
    if (inPackage.has(m.id)) continue;
    const scored = await db.selectFrom('score').select('id').where('member_id', '=', m.id).limit(1).executeTakeFirst();
    if (!scored) await deletePanelMember(db, m.id);
  }
  const localIds = new Set(local.map((m) => m.id));
  for (const m of b.panel.members) {
    if (!localIds.has(m.id)) await insertPanelMember(db, { id: m.id, round_id: b.round.id, person_id: m.personId, role: 'member', added_at: m.addedAt });
  }
  const chair = b.panel.members.find((m) => m.role === 'chair');
  if (chair) await setChair(db, b.round.id, chair.id);
  else await db.updateTable('panel_member').set({ role: 'member' }).where('round_id', '=', b.round.id).execute();
  for (const a of b.panel.gapAcks) await upsertGapAck(db, { round_id: b.round.id, field: a.field, note: a.note, member_id: a.memberId, acknowledged_at: a.acknowledgedAt });

  // Applications: the allow-listed data only (the USCC column holds a placeholder)
  const existing = new Map((await listApplications(db, b.round.id)).map((a) => [a.id, a]));
  for (const a of b.applications) {
    const fields = { name: a.data.name, institution_type: a.data.institutionType, received_on: a.data.receivedOn, data_json: JSON.stringify(a.data), status: 'accepted', updated_at: now };
    if (existing.has(a.id)) await updateApplication(db, a.id, fields);
    else {
      await insertApplication(db, {
        id: a.id,
        round_id: b.round.id,
        seq: a.seq,
        application_no: a.applicationNo,
        uscc: `package:${a.id}`,
        not_accepted_reason_id: null,
        not_accepted_note: null,
        created_at: now,
        ...fields,
      });
    }
    await upsertPackageApplication(db, { application_id: a.id, round_id: b.round.id, eligibility_json: JSON.stringify({ eligibility: a.eligibility, staffToBedRatio: a.staffToBedRatio }) });
  }
  const packaged = new Set(b.applications.map((a) => a.id));
  for (const id of existing.keys()) {
    // no longer accepted on the clerk's laptop: no longer scored here
    if (!packaged.has(id)) await updateApplication(db, id, { status: 'registered', updated_at: now });
  }

  for (const c of b.conflicts) {
    await upsertConflict(db, {
      id: c.id,
      round_id: b.round.id,
      member_id: c.memberId,
      application_id: c.applicationId,
      decision: c.decision,
      kind: c.kind,
      note: c.note,
      source: c.source,
      flag_reason: c.flagReason,
      decided_by: c.decidedBy,
      decided_at: c.decidedAt,
    });
  }

  // The rubric version (earlier versions stay as they were)
  const rubrics = await listRubrics(db, b.round.id);
  if (!rubrics.some((r) => r.id === b.rubric.id)) {
    const previous = rubrics.filter((r) => r.version < b.rubric.version).at(-1);
    await insertRubric(db, {
      id: b.rubric.id,
      round_id: b.round.id,
      version: b.rubric.version,
      status: 'frozen',
      definition_json: JSON.stringify(b.rubric.definition),
      reason: b.rubric.reason,
      based_on: previous?.id ?? null,
      created_at: b.rubric.createdAt,
      created_by: b.rubric.createdBy,
      frozen_at: b.rubric.frozenAt,
      frozen_by: b.rubric.frozenBy,
    });
  }
  if (b.scoringConfig) {
    const c = b.scoringConfig;
    await upsertScoringConfig(db, { round_id: b.round.id, trim_enabled: c.trimEnabled ? 1 : 0, trim_min_count: c.trimMinCount, deviation_share: c.deviationShare, spread_share: c.spreadShare, updated_at: c.updatedAt, updated_by: c.updatedBy });
  }
  // A package's `basicCheck` (a separate 基础性指标 record, retired) is not imported:
  // the packaged eligibility results (offline_package_application) are what the
  // member's laptop uses (service/eligibility/roundStates.ts).
}

/** The local member keys matching the package's registered fingerprints. */
export async function localKeyFor(db: Db, fingerprint: string | null) {
  if (!fingerprint) return undefined;
  const k = await getKeyByFingerprint(db, fingerprint);
  return k?.kind === 'member' ? k : undefined;
}

export interface PackagedMember {
  memberId: string;
  personId: string;
  name: string;
  role: 'chair' | 'member';
  keyFingerprint: string | null;
}

export function packageMembers(membersJson: string): PackagedMember[] {
  return JSON.parse(membersJson) as PackagedMember[];
}
