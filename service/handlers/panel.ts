import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { nowIso, operator } from '../context';
import { appendAudit } from '../../db/queries/audit';
import type { Db } from '../../db/queries/types';
import {
  deletePanelMember,
  findPanelMemberByPerson,
  getConflict,
  getPerson,
  insertPanelMember,
  insertPerson,
  listApplicantsForPanel,
  listConflicts,
  listGapAcks,
  listPanelMembers,
  listPanelRoundsOfPerson,
  listPersons,
  setChair,
  setPersonPin,
  updatePerson,
  upsertConflict,
  upsertGapAck,
  type ConflictRow,
  type PanelMemberRow,
  type PersonRow,
} from '../../db/queries/panel';
import { listRubrics, listScoredPairsOfRound } from '../../db/queries/scores';
import { loadProfile } from '../profiles';
import { requireRound } from './rounds';
import { notFound, refuse } from '../errors';
import { refuseIfConflictLocked, refuseIfRoundLocked } from '../deliberation/lock';
import type { ApplicationStatus } from '../../shared/domain/application';
import { EXPERTISE_FIELD_LABEL, type ExpertiseField, type InstitutionType, type ServiceType } from '../../shared/domain/enums';
import {
  CONFLICT_KIND_LABEL,
  conflictFlagger,
  conflictStanding,
  normalizeName,
  panelInvalidMessage,
  panelRuleOf,
  validatePanel,
  type ConflictStanding,
  type GapAcknowledgement,
  type LikelyConflict,
  type PanelRule,
  type PanelValidation,
} from '../../shared/rules/panel';
import type { ConflictCell, ConflictsView, PanelView, Person } from '../../shared/contract/slices/panel';

// ---------------------------------------------------------------------------
// PINs: scrypt (node:crypto), so a stored hash does not give the PIN away.

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 } as const;

function scrypt(pin: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(pin, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** 'scrypt$N$r$p$salt$hash' with base64 salt and hash. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltB64, hashB64] = stored.split('$');
  if (kind !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(pin, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
const failures = new WeakMap<ServiceContext, Map<string, { count: number; lockedUntil: number }>>();

/** Checks a person's PIN, locking them out for 5 minutes after 5 wrong tries in a row. */
export async function checkPin(ctx: ServiceContext, person: Pick<PersonRow, 'id' | 'name' | 'pin_hash'>, pin: string): Promise<void> {
  if (!person.pin_hash) refuse('STATE', `${person.name}尚未设置个人PIN，请先设置`, `person ${person.id} has no PIN`);
  let table = failures.get(ctx);
  if (!table) failures.set(ctx, (table = new Map()));
  const now = ctx.now().getTime();
  const f = table.get(person.id) ?? { count: 0, lockedUntil: 0 };
  if (f.lockedUntil > now) {
    refuse('STATE', `PIN连续输错${MAX_FAILURES}次，请${Math.ceil((f.lockedUntil - now) / 60_000)}分钟后再试`, `person ${person.id} locked out`);
  }
  if (await verifyPin(pin, person.pin_hash)) {
    table.delete(person.id);
    return;
  }
  f.count += 1;
  if (f.count >= MAX_FAILURES) {
    f.count = 0;
    f.lockedUntil = now + LOCK_MS;
  }
  table.set(person.id, f);
  refuse('VALIDATION', 'PIN不正确', `wrong PIN for person ${person.id}`, { pin: 'PIN不正确' });
}

// ---------------------------------------------------------------------------
// Sessions: a member signs in with their PIN once; scoring calls carry the token.

const SESSION_IDLE_MS = 30 * 60_000;
interface Session {
  roundId: string;
  memberId: string;
  expires: number;
}
const sessions = new WeakMap<ServiceContext, Map<string, Session>>();

function sessionTable(ctx: ServiceContext) {
  let t = sessions.get(ctx);
  if (!t) sessions.set(ctx, (t = new Map()));
  return t;
}

export function openSession(ctx: ServiceContext, roundId: string, memberId: string): { token: string; expiresAt: string } {
  const token = randomBytes(24).toString('base64url');
  const expires = ctx.now().getTime() + SESSION_IDLE_MS;
  sessionTable(ctx).set(token, { roundId, memberId, expires });
  return { token, expiresAt: new Date(expires).toISOString() };
}

export function closeSession(ctx: ServiceContext, token: string) {
  sessionTable(ctx).delete(token);
}

/** The caller is `actingMemberId`, signed in for this round; the idle timer restarts. */
export function requireSession(ctx: ServiceContext, a: { roundId: string; actingMemberId: string; session: string }) {
  const s = sessionTable(ctx).get(a.session);
  const now = ctx.now().getTime();
  if (!s || s.expires <= now) {
    if (s) sessionTable(ctx).delete(a.session);
    refuse('STATE', '登录已过期，请重新输入PIN', `no live session for member ${a.actingMemberId}`);
  }
  if (s.memberId !== a.actingMemberId || s.roundId !== a.roundId) {
    refuse('STATE', '当前登录的不是该成员，请以本人PIN重新登录', `session of ${s.memberId}@${s.roundId} used for ${a.actingMemberId}@${a.roundId}`);
  }
  s.expires = now + SESSION_IDLE_MS;
}

// ---------------------------------------------------------------------------
// Loading a round's panel

export interface MemberInfo {
  id: string;
  personId: string;
  name: string;
  role: 'chair' | 'member';
  fields: ExpertiseField[];
  employer: string | null;
  contact: string | null;
  hasPin: boolean;
}

function memberInfo(r: PanelMemberRow): MemberInfo {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    role: r.role,
    fields: JSON.parse(r.fields_json) as ExpertiseField[],
    employer: r.employer,
    contact: r.contact,
    hasPin: r.pin_hash !== null,
  };
}

export interface PanelState {
  round: Awaited<ReturnType<typeof requireRound>>;
  rule: PanelRule;
  members: MemberInfo[];
  acks: (GapAcknowledgement & { byName: string; at: string })[];
  validation: PanelValidation;
}

export async function loadPanel(db: Db, roundId: string): Promise<PanelState> {
  const round = await requireRound(db, roundId);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const rule = panelRuleOf(profile);
  const members = (await listPanelMembers(db, roundId)).map(memberInfo);
  const acks = (await listGapAcks(db, roundId)).map((a) => ({ field: a.field as ExpertiseField, note: a.note, byMemberId: a.member_id, byName: a.by_name, at: a.acknowledged_at }));
  return { round, rule, members, acks, validation: validatePanel(rule, members, acks) };
}

/** Scoring and voting start only on a valid panel: call inside the action's transaction. */
export async function requireValidPanel(db: Db, roundId: string): Promise<PanelState> {
  const p = await loadPanel(db, roundId);
  if (!p.validation.valid) refuse('STATE', `审核小组不符合要求，不能开始评分或表决：${panelInvalidMessage(p.validation)}`, `panel of round ${roundId} invalid: ${p.validation.issues.map((i) => i.code).join(',')}`);
  return p;
}

export function requireMember(p: PanelState, memberId: string): MemberInfo {
  const m = p.members.find((x) => x.id === memberId);
  if (!m) notFound('审核小组成员', memberId);
  return m;
}

function requireOpen(round: { status: string; id: string }) {
  if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能再修改', `round ${round.id} is closed`);
}

async function scoringStarted(db: Db, roundId: string): Promise<boolean> {
  return (await listRubrics(db, roundId)).some((r) => r.status === 'frozen');
}

// ---------------------------------------------------------------------------
// Applicants and 回避

export interface ApplicantInfo {
  id: string;
  applicationNo: string;
  name: string;
  status: ApplicationStatus;
  institutionType: InstitutionType;
  serviceTypes: ServiceType[];
  legalRep: string;
  principal: string;
  actualController: string;
}

export async function loadApplicants(db: Db, roundId: string): Promise<ApplicantInfo[]> {
  return (await listApplicantsForPanel(db, roundId)).map((a) => ({
    id: a.id,
    applicationNo: a.application_no,
    name: a.name,
    status: a.status as ApplicationStatus,
    institutionType: a.institution_type as InstitutionType,
    serviceTypes: JSON.parse(a.service_types_json) as ServiceType[],
    legalRep: a.legal_rep ?? '',
    principal: a.principal ?? '',
    actualController: a.actual_controller ?? '',
  }));
}

const pairKey = (memberId: string, applicationId: string) => `${memberId}|${applicationId}`;

/**
 * Who may score whom: decisions recorded plus what the app flags, for every
 * member × applicant. Looked up per score line (9,000 times for a large
 * round), hence the nested maps rather than string keys.
 */
export class ConflictMatrix {
  private readonly decisions = new Map<string, Map<string, ConflictRow>>();
  private readonly flags = new Map<string, Map<string, LikelyConflict[]>>();

  constructor(members: readonly MemberInfo[], applicants: readonly ApplicantInfo[], rows: readonly ConflictRow[]) {
    for (const r of rows) nested(this.decisions, r.member_id).set(r.application_id, r);
    const flag = conflictFlagger(members);
    for (const a of applicants) {
      for (const [memberId, f] of flag(a)) nested(this.flags, memberId).set(a.id, f);
    }
  }

  decision(memberId: string, applicationId: string): ConflictRow | undefined {
    return this.decisions.get(memberId)?.get(applicationId);
  }

  flagsOf(memberId: string, applicationId: string): LikelyConflict[] {
    return this.flags.get(memberId)?.get(applicationId) ?? [];
  }

  standing(memberId: string, applicationId: string): ConflictStanding {
    const d = this.decisions.get(memberId)?.get(applicationId);
    if (d) return conflictStanding(d.decision, []);
    return this.flags.get(memberId)?.has(applicationId) ? 'flag_pending' : 'clear';
  }

  /** Flags nobody has decided yet. */
  pending(): { memberId: string; applicationId: string }[] {
    const out: { memberId: string; applicationId: string }[] = [];
    for (const [memberId, apps] of this.flags) {
      for (const applicationId of apps.keys()) if (!this.decision(memberId, applicationId)) out.push({ memberId, applicationId });
    }
    return out;
  }

  /** Pairs to show: every decision and every flag. */
  pairs(): { memberId: string; applicationId: string }[] {
    const seen = new Set<string>();
    const out: { memberId: string; applicationId: string }[] = [];
    for (const source of [this.decisions, this.flags] as Map<string, Map<string, unknown>>[]) {
      for (const [memberId, apps] of source) {
        for (const applicationId of apps.keys()) {
          const k = pairKey(memberId, applicationId);
          if (!seen.has(k)) out.push({ memberId, applicationId });
          seen.add(k);
        }
      }
    }
    return out;
  }
}

function nested<V>(m: Map<string, Map<string, V>>, k: string): Map<string, V> {
  let inner = m.get(k);
  if (!inner) m.set(k, (inner = new Map()));
  return inner;
}

export async function loadConflicts(db: Db, roundId: string, members: readonly MemberInfo[], applicants: readonly ApplicantInfo[]) {
  return new ConflictMatrix(members, applicants, await listConflicts(db, roundId));
}

/** Chinese reason a member stepped aside, for sheets and results. */
export function steppedAsideText(d: ConflictRow): string {
  const kind = d.kind ? CONFLICT_KIND_LABEL[d.kind] : '回避';
  return d.note ? `回避（${kind}）：${d.note}` : `回避（${kind}）`;
}

/** Refuses a member × applicant pair that may not score or vote. */
export function refuseUnlessClear(m: ConflictMatrix, member: MemberInfo, applicant: { id: string; name: string }, what: '评分' | '表决') {
  const standing = m.standing(member.id, applicant.id);
  if (standing === 'conflicted') {
    const d = m.decision(member.id, applicant.id)!;
    refuse('STATE', `${member.name}已就“${applicant.name}”${steppedAsideText(d)}，不能${what}`, `member ${member.id} conflicted with ${applicant.id}`);
  }
  if (standing === 'flag_pending') {
    const reasons = m.flagsOf(member.id, applicant.id).map((f) => f.reason).join('；');
    refuse('STATE', `系统提示${member.name}与“${applicant.name}”可能存在利害关系（${reasons}），须先确认回避或排除后才能${what}`, `member ${member.id} has a pending conflict flag with ${applicant.id}`);
  }
}

// ---------------------------------------------------------------------------
// Views

function personView(r: PersonRow): Person {
  return {
    id: r.id,
    name: r.name,
    fields: JSON.parse(r.fields_json) as ExpertiseField[],
    employer: r.employer,
    contact: r.contact,
    hasPin: r.pin_hash !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function panelView(db: Db, roundId: string): Promise<PanelView> {
  const p = await loadPanel(db, roundId);
  const scored = new Set((await listScoredPairsOfRound(db, roundId)).map((x) => x.member_id));
  return {
    roundId,
    roundOpen: p.round.status === 'open',
    rule: { minMembers: p.rule.minMembers, oddOnly: p.rule.oddOnly, fields: [...p.rule.fields], citation: p.rule.citation, note: p.rule.note },
    members: p.members.map((m) => ({ ...m, hasScores: scored.has(m.id) })),
    validation: {
      valid: p.validation.valid,
      size: p.validation.size,
      issues: p.validation.issues.map((i) => ({ code: i.code, message: i.message, citation: i.citation, ...(i.field ? { field: i.field } : {}) })),
      coverage: p.validation.coverage.map((c) => {
        const ack = c.state === 'acknowledged' ? p.acks.find((a) => a.field === c.field) : undefined;
        return { ...c, acknowledgement: ack ? { note: ack.note, byMemberId: ack.byMemberId, byName: ack.byName, at: ack.at } : null };
      }),
    },
    scoringStarted: await scoringStarted(db, roundId),
  };
}

async function conflictsView(db: Db, roundId: string): Promise<ConflictsView> {
  const p = await loadPanel(db, roundId);
  const applicants = (await loadApplicants(db, roundId)).filter((a) => a.status !== 'withdrawn' && a.status !== 'not_accepted');
  const m = await loadConflicts(db, roundId, p.members, applicants);
  const scored = new Set((await listScoredPairsOfRound(db, roundId)).map((x) => pairKey(x.member_id, x.application_id)));
  const memberIds = new Set(p.members.map((x) => x.id));
  const appIds = new Set(applicants.map((a) => a.id));
  const cells: ConflictCell[] = [];
  for (const { memberId, applicationId } of m.pairs()) {
    const key = pairKey(memberId, applicationId);
    if (!memberIds.has(memberId) || !appIds.has(applicationId)) continue;
    const d = m.decision(memberId, applicationId);
    cells.push({
      memberId,
      applicationId,
      standing: m.standing(memberId, applicationId),
      decision: d?.decision ?? null,
      kind: d?.kind ?? null,
      note: d?.note ?? null,
      source: d?.source ?? null,
      flags: m.flagsOf(memberId, applicationId),
      decidedBy: d?.decided_by ?? null,
      decidedAt: d?.decided_at ?? null,
      hasScores: scored.has(key),
    });
  }
  return {
    roundId,
    members: p.members.map((x) => ({ id: x.id, name: x.name, role: x.role })),
    applications: applicants.map((a) => ({ id: a.id, applicationNo: a.applicationNo, name: a.name, status: a.status })),
    cells,
    pendingFlags: cells.filter((c) => c.standing === 'flag_pending').length,
  };
}

/**
 * Panel changes once scoring has started must leave the panel valid (an even
 * or headless panel would stop scoring for everyone).
 */
function refuseIfBreaksStartedPanel(p: PanelState, next: MemberInfo[], started: boolean, what: string) {
  if (!started) return;
  const v = validatePanel(p.rule, next, p.acks);
  if (!v.valid) refuse('STATE', `评分已经开始，${what}后审核小组将不符合要求：${panelInvalidMessage(v)}`, `panel change would invalidate started round ${p.round.id}`);
}

async function requirePerson(db: Db, id: string) {
  const p = await getPerson(db, id);
  if (!p) notFound('人员', id);
  return p;
}

export const panelHandlers: HandlerSlice<
  | 'persons.list'
  | 'persons.save'
  | 'persons.setPin'
  | 'persons.resetPin'
  | 'panel.get'
  | 'panel.addMember'
  | 'panel.removeMember'
  | 'panel.setChair'
  | 'panel.acknowledgeGap'
  | 'panel.conflicts'
  | 'panel.setConflict'
> = {
  async 'persons.list'(ctx, { query }) {
    const q = normalizeName(query);
    const rows = await listPersons(ctx.db);
    return rows.filter((r) => !q || normalizeName(r.name).includes(q) || normalizeName(r.employer).includes(q)).map(personView);
  },

  async 'persons.save'(ctx, input) {
    const id = input.id ?? randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      const fields = { name: input.name, fields_json: JSON.stringify(input.fields), employer: input.employer ?? null, contact: input.contact ?? null };
      if (input.id) {
        const before = await requirePerson(trx, input.id);
        // A started round's panel must stay valid: its members' fields cannot be taken away.
        for (const r of await listPanelRoundsOfPerson(trx, id)) {
          const p = await loadPanel(trx, r.round_id);
          if (p.round.status !== 'open' || !(await scoringStarted(trx, r.round_id))) continue;
          const next = p.members.map((m) => (m.id === r.id ? { ...m, fields: input.fields } : m));
          refuseIfBreaksStartedPanel(p, next, true, `修改${before.name}的专业领域`);
        }
        await updatePerson(trx, id, { ...fields, updated_at: now });
        await appendAudit(trx, { at: now, actor: await operator(trx), action: 'persons.update', entity: 'person', entityId: id, before: personView(before), after: fields });
      } else {
        await insertPerson(trx, { id, ...fields, pin_hash: null, created_at: now, updated_at: now });
        await appendAudit(trx, { at: now, actor: await operator(trx), action: 'persons.create', entity: 'person', entityId: id, after: fields });
      }
    });
    return personView(await requirePerson(ctx.db, id));
  },

  async 'persons.setPin'(ctx, { personId, pin, currentPin }) {
    const person = await requirePerson(ctx.db, personId);
    if (person.pin_hash) {
      if (!currentPin) refuse('VALIDATION', '修改PIN须先输入原PIN', `PIN change for ${personId} without the current PIN`, { currentPin: '请输入原PIN' });
      await checkPin(ctx, person, currentPin);
    }
    const hash = await hashPin(pin);
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      await setPersonPin(trx, personId, hash, now);
      // never the PIN or its hash in the log
      await appendAudit(trx, { at: now, actor: person.name, action: person.pin_hash ? 'persons.changePin' : 'persons.setPin', entity: 'person', entityId: personId });
    });
    return { ok: true as const };
  },

  async 'persons.resetPin'(ctx, { personId, reason }) {
    await ctx.db.transaction().execute(async (trx) => {
      const person = await requirePerson(trx, personId);
      if (!person.pin_hash) refuse('STATE', `${person.name}尚未设置PIN，无需重置`, `person ${personId} has no PIN`);
      const now = nowIso(ctx);
      await setPersonPin(trx, personId, null, now);
      await appendAudit(trx, { at: now, actor: await operator(trx), action: 'persons.resetPin', entity: 'person', entityId: personId, after: { reason } });
    });
    return { ok: true as const };
  },

  async 'panel.get'(ctx, { roundId }) {
    return panelView(ctx.db, roundId);
  },

  async 'panel.addMember'(ctx, { roundId, personId, role }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '增加审核小组成员', 'panel.addMember', { afterDecisions: false });
      const p = await loadPanel(trx, roundId);
      requireOpen(p.round);
      const person = await requirePerson(trx, personId);
      if (await findPanelMemberByPerson(trx, roundId, personId)) {
        refuse('CONFLICT', `${person.name}已在本批次审核小组中`, `person ${personId} already on panel of ${roundId}`);
      }
      const id = randomUUID();
      const info: MemberInfo = { ...memberInfo({ id, round_id: roundId, person_id: personId, role, added_at: '', name: person.name, fields_json: person.fields_json, employer: person.employer, contact: person.contact, pin_hash: person.pin_hash }) };
      const next = [...p.members.map((m) => (role === 'chair' ? { ...m, role: 'member' as const } : m)), info];
      refuseIfBreaksStartedPanel(p, next, await scoringStarted(trx, roundId), `增加${person.name}`);
      const now = nowIso(ctx);
      await insertPanelMember(trx, { id, round_id: roundId, person_id: personId, role: 'member', added_at: now });
      if (role === 'chair') await setChair(trx, roundId, id);
      await appendAudit(trx, { at: now, actor: await operator(trx), action: 'panel.addMember', entity: 'round', entityId: roundId, after: { memberId: id, personId, name: person.name, role } });
    });
    return panelView(ctx.db, roundId);
  },

  async 'panel.removeMember'(ctx, { roundId, memberId }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '移出审核小组成员', 'panel.removeMember', { afterDecisions: false });
      const p = await loadPanel(trx, roundId);
      requireOpen(p.round);
      const m = requireMember(p, memberId);
      const scored = (await listScoredPairsOfRound(trx, roundId)).some((x) => x.member_id === memberId);
      if (scored) refuse('STATE', `${m.name}已有评分记录，不能移出审核小组（评分记录不可删除）`, `member ${memberId} has scores`);
      const rest = { ...p, acks: p.acks.filter((a) => a.byMemberId !== memberId) };
      refuseIfBreaksStartedPanel(rest, p.members.filter((x) => x.id !== memberId), await scoringStarted(trx, roundId), `移出${m.name}`);
      await deletePanelMember(trx, memberId);
      await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'panel.removeMember', entity: 'round', entityId: roundId, before: { memberId, personId: m.personId, name: m.name, role: m.role } });
    });
    return panelView(ctx.db, roundId);
  },

  async 'panel.setChair'(ctx, { roundId, memberId }) {
    await ctx.db.transaction().execute(async (trx) => {
      const p = await loadPanel(trx, roundId);
      requireOpen(p.round);
      const m = requireMember(p, memberId);
      if (m.role === 'chair') refuse('STATE', `${m.name}已经是组长`, `member ${memberId} already chair`);
      const former = p.members.find((x) => x.role === 'chair');
      await setChair(trx, roundId, memberId);
      await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'panel.setChair', entity: 'round', entityId: roundId, before: { chair: former?.id ?? null }, after: { chair: memberId, name: m.name } });
    });
    return panelView(ctx.db, roundId);
  },

  async 'panel.acknowledgeGap'(ctx, { roundId, field, note, chairMemberId, pin }) {
    const p = await loadPanel(ctx.db, roundId);
    requireOpen(p.round);
    const chair = requireMember(p, chairMemberId);
    if (chair.role !== 'chair') refuse('STATE', `只有组长才能说明缺少的领域，${chair.name}不是组长`, `member ${chairMemberId} is not the chair`);
    if (!p.rule.fields.includes(field)) refuse('VALIDATION', `“${EXPERTISE_FIELD_LABEL[field]}”不在本地区要求的领域中，无需说明`, `field ${field} not in profile`);
    if (p.members.some((m) => m.fields.includes(field))) refuse('STATE', `已有成员属于“${EXPERTISE_FIELD_LABEL[field]}”领域，无需说明`, `field ${field} covered`);
    const person = await requirePerson(ctx.db, chair.personId);
    await checkPin(ctx, person, pin);
    await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      await upsertGapAck(trx, { round_id: roundId, field, note, member_id: chairMemberId, acknowledged_at: now });
      await appendAudit(trx, { at: now, actor: `${chair.name}（组长）`, action: 'panel.acknowledgeGap', entity: 'round', entityId: roundId, after: { field, note, chairMemberId } });
    });
    return panelView(ctx.db, roundId);
  },

  async 'panel.conflicts'(ctx, { roundId }) {
    return conflictsView(ctx.db, roundId);
  },

  async 'panel.setConflict'(ctx, { roundId, memberId, applicationId, decision, kind, note }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfConflictLocked(trx, roundId, memberId, applicationId);
      const p = await loadPanel(trx, roundId);
      requireOpen(p.round);
      const member = requireMember(p, memberId);
      const applicant = (await loadApplicants(trx, roundId)).find((a) => a.id === applicationId);
      if (!applicant) notFound('申请', applicationId);
      const matrix = new ConflictMatrix([member], [applicant], []);
      const flags = matrix.flagsOf(memberId, applicationId);
      const before = await getConflict(trx, memberId, applicationId);
      if (flags.length > 0 && !note) {
        refuse('VALIDATION', `系统提示：${flags.map((f) => f.reason).join('；')}。确认回避或排除都须写明说明`, `flag decision without note`, { note: '请写明说明' });
      }
      if (decision === 'cleared' && flags.length === 0 && before?.decision !== 'conflicted') {
        refuse('STATE', `${member.name}与“${applicant.name}”没有回避记录或系统提示，无需排除`, `nothing to clear for ${memberId}/${applicationId}`);
      }
      const now = nowIso(ctx);
      const row = {
        id: before?.id ?? randomUUID(),
        round_id: roundId,
        member_id: memberId,
        application_id: applicationId,
        decision,
        kind: decision === 'conflicted' ? kind! : null,
        note: note ?? null,
        source: flags.length > 0 ? ('flag' as const) : ('declared' as const),
        flag_reason: flags.length > 0 ? flags.map((f) => f.reason).join('；') : null,
        decided_by: await operator(trx),
        decided_at: now,
      };
      await upsertConflict(trx, row);
      await appendAudit(trx, { at: now, actor: row.decided_by, action: 'panel.setConflict', entity: 'round', entityId: roundId, before: before ?? null, after: row });
    });
    return conflictsView(ctx.db, roundId);
  },
};
