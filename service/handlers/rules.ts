import type { HandlerSlice } from './types';
import { nowIso, operator } from '../context';
import { listApplications } from '../../db/queries/applications';
import { appendAudit } from '../../db/queries/audit';
import { insertChecklistMark, listChecklistMarks, listChecklistMarksOfRound, type ReviewChecklistMarkRow } from '../../db/queries/reviewChecklist';
import { countRoundsByVersion, insertProfileVersion, listProfileVersions, profileExists } from '../../db/queries/profileVersions';
import type { ApplicationRow } from '../../db/queries/applications';
import type { RoundRow } from '../../db/queries/rounds';
import type { Db } from '../../db/queries/types';
import { loadProfile } from '../profiles';
import { applicationData } from '../views';
import { requireApplication } from './applications';
import { requireRound } from './rounds';
import { notFound, refuse } from '../errors';
import { formatCitation, regionProfileSchema, type RegionProfile } from '../../shared/profiles/schema';
import {
  OVERALL_STATE_LABEL,
  buildChecklist,
  catalogueOf,
  checklistCounts,
  evaluateBound,
  groupResults,
  ruleCatalogue,
  type CellState,
  type Eligibility,
  type Matrix,
  type RoundStates,
  type StoredMark,
} from '../../shared/rules/eligibility';
import { basicExclusion } from '../../shared/rules/aggregation';
import type { ApplicationStatus } from '../../shared/domain/application';
import { roundEligibility, standingOf } from '../eligibility/roundStates';
import { diffProfiles } from '../../shared/rules/profileDiff';

// ---------------------------------------------------------------------------
// Eligibility: rules evaluated on read, from the stored application data and
// the round's profile version, with the reviewer's checklist marks.

function profileRef(p: RegionProfile) {
  return { id: p.id, version: p.version, name: p.name, shortName: p.shortName, sourceFile: p.sourceFile };
}

/** Latest mark per item, and every mark per item newest first (rows come newest first). */
function marksOf(rows: readonly ReviewChecklistMarkRow[]) {
  const latest = new Map<string, StoredMark>();
  const history = new Map<string, StoredMark[]>();
  for (const r of rows) {
    const m: StoredMark = { state: r.state, note: r.note, markedBy: r.marked_by, markedAt: r.marked_at };
    if (!latest.has(r.item_id)) latest.set(r.item_id, m);
    history.set(r.item_id, [...(history.get(r.item_id) ?? []), m]);
  }
  return { latest, history };
}

/** Why the checklist of this application cannot be marked now, or null. */
function markBlocker(round: RoundRow, app: ApplicationRow): string | null {
  if (round.status !== 'open') return '本批次已关闭，不能再修改审核内容';
  if (app.status === 'withdrawn' || app.status === 'not_accepted') return '该申请已办结（视作放弃或不予受理），不能再修改审核内容';
  return null;
}

async function eligibilityView(db: Db, applicationId: string): Promise<Eligibility> {
  const app = await requireApplication(db, applicationId);
  const round = await requireRound(db, app.round_id);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const data = applicationData(app);
  const { latest, history } = marksOf(await listChecklistMarks(db, applicationId));
  const evaluation = evaluateBound(ruleCatalogue(profile), data, latest);
  const items = buildChecklist(profile, data, evaluation, latest, history);
  const blocker = markBlocker(round, app);
  return {
    applicationId,
    applicationNo: app.application_no,
    name: app.name,
    profile: profileRef(profile),
    referenceDate: data.receivedOn,
    title: '基础性指标',
    overall: evaluation.overall,
    overallLabel: OVERALL_STATE_LABEL[evaluation.overall],
    counts: evaluation.counts,
    groups: groupResults(evaluation.results),
    notApplicable: evaluation.notApplicable,
    checklist: { items, counts: checklistCounts(items), canMark: blocker === null, blocker },
  };
}

async function matrixView(db: Db, roundId: string): Promise<Matrix> {
  const round = await requireRound(db, roundId);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const bound = ruleCatalogue(profile);
  const [apps, markRows] = await Promise.all([listApplications(db, roundId), listChecklistMarksOfRound(db, roundId)]);
  const rowsByApp = new Map<string, ReviewChecklistMarkRow[]>();
  for (const r of markRows) rowsByApp.set(r.application_id, [...(rowsByApp.get(r.application_id) ?? []), r]);
  return {
    roundId,
    profile: profileRef(profile),
    rules: bound.map((b) => ({ id: b.def.id, title: b.def.title, group: b.def.group, kind: b.def.kind, citation: formatCitation(b.citations[0]!) })),
    rows: apps.map((a) => {
      const e = evaluateBound(bound, applicationData(a), marksOf(rowsByApp.get(a.id) ?? []).latest);
      const cells: Record<string, CellState> = {};
      const notes: Record<string, string> = {};
      for (const b of bound) cells[b.def.id] = 'na';
      for (const r of e.results) {
        cells[r.ruleId] = r.state;
        if (r.state !== 'pass') notes[r.ruleId] = r.explanation;
      }
      return { applicationId: a.id, applicationNo: a.application_no, name: a.name, status: a.status, overall: e.overall, counts: e.counts, cells, notes };
    }),
  };
}

// ---------------------------------------------------------------------------
// Profiles: copies and versioned edits. A stored version is never changed.

const BUILTIN_REFUSAL = '内置的地区政策配置不能直接修改，请先复制为本机构的配置，再修改副本';

async function versionsOf(db: Db, id: string) {
  const rows = await listProfileVersions(db, id);
  if (rows.length === 0) notFound('地区政策配置', id);
  return rows;
}

async function roundStatesView(db: Db, roundId: string): Promise<RoundStates> {
  const round = await requireRound(db, roundId);
  const e = await roundEligibility(db, roundId, round);
  const counts = { all_pass: 0, some_fail: 0, manual_pending: 0 };
  const applications = e.applications.map((a) => {
    const st = e.states.get(a.id)!;
    counts[st.overall]++;
    return {
      applicationId: a.id,
      applicationNo: a.application_no,
      name: a.name,
      status: a.status as ApplicationStatus,
      overall: st.overall,
      overallLabel: OVERALL_STATE_LABEL[st.overall],
      counts: st.counts,
      failedRuleIds: st.failed,
      pendingRuleIds: st.pending,
      exclusion: basicExclusion({ status: a.status, basic: standingOf(st, e.rules) }),
    };
  });
  return { roundId, profile: profileRef(e.profile), rules: [...e.rules.values()], applications, counts };
}

export const rulesHandlers: HandlerSlice<'rules.catalogue' | 'eligibility.get' | 'eligibility.matrix' | 'eligibility.roundStates' | 'checklist.mark'> = {
  async 'rules.catalogue'(ctx, input) {
    if ('roundId' in input) {
      const round = await requireRound(ctx.db, input.roundId);
      return catalogueOf(await loadProfile(ctx.db, round.profile_id, round.profile_version));
    }
    return catalogueOf(await loadProfile(ctx.db, input.profileId, input.version));
  },

  async 'eligibility.get'(ctx, { applicationId }) {
    return eligibilityView(ctx.db, applicationId);
  },

  async 'eligibility.matrix'(ctx, { roundId }) {
    return matrixView(ctx.db, roundId);
  },

  async 'eligibility.roundStates'(ctx, { roundId }) {
    return roundStatesView(ctx.db, roundId);
  },

  async 'checklist.mark'(ctx, { applicationId, itemId, state, note }) {
    await ctx.db.transaction().execute(async (trx) => {
      const app = await requireApplication(trx, applicationId);
      const round = await requireRound(trx, app.round_id);
      const blocker = markBlocker(round, app);
      if (blocker) refuse('STATE', blocker, `checklist.mark refused for application ${applicationId} (round ${round.status}, status ${app.status})`);
      const view = await eligibilityView(trx, applicationId);
      const item = view.checklist.items.find((i) => i.itemId === itemId);
      if (!item) {
        refuse('VALIDATION', '该审核内容不在本申请的审核清单中', `checklist item ${itemId} does not apply to application ${applicationId}`, { itemId: '不在审核清单中' });
      }
      if (state === 'not_met' && !note) {
        refuse('VALIDATION', '标记为“不符合”时请写明理由', 'not_met without a note', { note: '请写明不符合的理由' });
      }
      if (item.source === 'reviewer' && item.state === state && item.note === (note ?? null)) {
        refuse('STATE', '该项已是此标记，无需重复提交', `checklist item ${itemId} already ${state}`);
      }
      const now = nowIso(ctx);
      const actor = await operator(trx);
      await insertChecklistMark(trx, { application_id: applicationId, item_id: itemId, state, note: note ?? null, marked_by: actor, marked_at: now });
      await appendAudit(trx, {
        at: now,
        actor,
        action: 'checklist.mark',
        entity: 'application',
        entityId: applicationId,
        before: item.source === 'reviewer' ? { itemId, state: item.state, note: item.note } : { itemId, state: null, suggested: item.suggestion?.state ?? null },
        after: { itemId, title: item.title, citation: item.citation, state, note: note ?? null },
      });
    });
    return eligibilityView(ctx.db, applicationId);
  },
};

export const profileEditHandlers: HandlerSlice<'profiles.copy' | 'profiles.update' | 'profiles.versions'> = {
  async 'profiles.copy'(ctx, { id, version, newId, name, shortName }) {
    const source = await loadProfile(ctx.db, id, version);
    const copy: RegionProfile = { ...structuredClone(source), id: newId, version: 1, name, shortName: shortName ?? name };
    const checked = regionProfileSchema.safeParse(copy);
    if (!checked.success) refuse('VALIDATION', checked.error.issues[0]?.message ?? '配置无效', `copy of ${id}@${source.version} invalid`);
    await ctx.db.transaction().execute(async (trx) => {
      if (await profileExists(trx, newId)) {
        refuse('CONFLICT', `配置编号“${newId}”已被使用，请换一个`, `profile ${newId} already exists`, { newId: '配置编号已被使用' });
      }
      const now = nowIso(ctx);
      await insertProfileVersion(trx, { id: newId, version: 1, json: JSON.stringify(copy) }, now);
      await appendAudit(trx, {
        at: now,
        actor: await operator(trx),
        action: 'profiles.copy',
        entity: 'region_profile',
        entityId: newId,
        before: { copiedFrom: `${id}@${source.version}` },
        after: copy,
      });
    });
    return loadProfile(ctx.db, newId, 1);
  },

  async 'profiles.update'(ctx, { id, profile }) {
    let next = 0;
    await ctx.db.transaction().execute(async (trx) => {
      const rows = await versionsOf(trx, id);
      if (rows.some((r) => r.builtin === 1)) refuse('STATE', BUILTIN_REFUSAL, `profile ${id} is builtin`);
      if (profile.id !== id) {
        refuse('VALIDATION', '配置编号不能修改；如需新的编号请复制配置', `profile id changed from ${id} to ${profile.id}`, { 'profile.id': '配置编号不能修改' });
      }
      const latest = regionProfileSchema.parse(JSON.parse(rows[0]!.json));
      if (profile.version !== latest.version) {
        refuse('CONFLICT', `该配置已有第${latest.version}版，您修改的是第${profile.version}版；请在最新版本上重新修改`, `stale edit of ${id}: base ${profile.version}, latest ${latest.version}`);
      }
      next = latest.version + 1;
      const stored: RegionProfile = { ...profile, version: next };
      const changes = diffProfiles(latest, stored);
      if (changes.length === 0) refuse('STATE', '配置没有任何修改，未保存新版本', `update of ${id} changes nothing`);
      const now = nowIso(ctx);
      await insertProfileVersion(trx, { id, version: next, json: JSON.stringify(stored) }, now);
      await appendAudit(trx, {
        at: now,
        actor: await operator(trx),
        action: 'profiles.update',
        entity: 'region_profile',
        entityId: id,
        before: { version: latest.version },
        after: { version: next, changes, profile: stored },
      });
    });
    return loadProfile(ctx.db, id, next);
  },

  async 'profiles.versions'(ctx, { id }) {
    const rows = await versionsOf(ctx.db, id);
    const rounds = await countRoundsByVersion(ctx.db, id);
    const parsed = rows.map((r) => regionProfileSchema.parse(JSON.parse(r.json)));
    return rows.map((r, i) => ({
      id: r.id,
      version: r.version,
      name: parsed[i]!.name,
      builtin: r.builtin === 1,
      createdAt: r.created_at,
      rounds: rounds.get(r.version) ?? 0,
      changes: parsed[i + 1] ? diffProfiles(parsed[i + 1]!, parsed[i]!) : [],
    }));
  },
};
