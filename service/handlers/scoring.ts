import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../ids';
import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { nowIso, operator } from '../context';
import { appendAudit } from '../../db/queries/audit';
import type { Db } from '../../db/queries/types';
import { getPerson } from '../../db/queries/panel';
import {
  countScoresByRubric,
  freezeRubric,
  getCurrentRubric,
  getScoringConfig,
  headScoresOfPair,
  insertExplanation,
  insertRubric,
  insertScores,
  listExplanations,
  listLineTotals,
  listLinesOfApplication,
  listMemberLines,
  listRubrics,
  listScoreLines,
  listSheets,
  refreshScoreLine,
  scoreChain,
  updateRubricDefinition,
  upsertScoringConfig,
  upsertSheet,
  type RubricRow,
  type ScoreInsert,
} from '../../db/queries/scores';
import { loadProfile } from '../profiles';
import { notFound, refuse } from '../errors';
import { refuseIfApplicantLocked, refuseIfRoundLocked } from '../deliberation/lock';
import {
  ConflictMatrix,
  checkPin,
  closeSession,
  loadApplicants,
  loadConflicts,
  loadPanel,
  openSession,
  refuseUnlessClear,
  requireMember,
  requireSession,
  steppedAsideText,
  type ApplicantInfo,
  type MemberInfo,
  type PanelState,
} from './panel';
import { panelInvalidMessage } from '../../shared/rules/panel';
import {
  DEFAULT_AGGREGATION_CONFIG,
  aggregateTotals,
  allSheetsIn,
  configIssues,
  criterionSpread,
  deliberationBlockers,
  rankByServiceType,
  basicExclusion,
  rankingExclusion,
  type AggregationConfig,
  type Blocker,
  type BlockerFacts,
  type MemberTotal,
  type TotalsAggregate,
} from '../../shared/rules/aggregation';
import { flatCriteria, rubricDefinitionSchema, rubricIssues, scoreProblem, type RubricDefinition } from '../../shared/rubric/rubric';
import { rubricTemplates } from '../../shared/rubric/templates';
import { APPLICATION_STATUS_LABEL } from '../../shared/domain/application';
import { OVERALL_STATE_LABEL, ruleCatalogue } from '../../shared/rules/eligibility';
import type { ApplicantDetail, BasicView, EntryView, ProgressView, ResultsView, RubricState, SheetView } from '../../shared/contract/slices/scoring';
import { basicStateOf, roundEligibility, standingOf, type BasicState, type RoundEligibility } from '../eligibility/roundStates';

type SheetStatus = 'draft' | 'submitted';

// ---------------------------------------------------------------------------
// Everything about a round's scoring, read once per call

export interface ScoringState {
  panel: PanelState;
  applicants: ApplicantInfo[];
  /** passed formal check: the applicants the panel scores */
  accepted: ApplicantInfo[];
  conflicts: ConflictMatrix;
  /** the latest rubric version (draft or frozen) */
  rubric: RubricRow | undefined;
  definition: RubricDefinition | null;
  criteria: ReturnType<typeof flatCriteria>;
  frozen: boolean;
  config: AggregationConfig;
  sheets: Map<string, { status: SheetStatus; submittedAt: string | null }>;
  /**
   * 基础性指标 per application of the round (every status), from the
   * eligibility evaluation: the only record of them (service/eligibility/roundStates.ts).
   */
  eligibility: RoundEligibility;
  /** the same as passed / failed / pending, per application */
  basic: Map<string, BasicState>;
  /** latest 评分畸高畸低说明 per member × applicant */
  explanations: Map<string, { note: string; at: string }>;
}

const pairKey = (memberId: string, applicationId: string) => `${memberId}|${applicationId}`;

function configOf(row: Awaited<ReturnType<typeof getScoringConfig>>): AggregationConfig {
  if (!row) return { ...DEFAULT_AGGREGATION_CONFIG };
  return { trimEnabled: row.trim_enabled === 1, trimMinCount: row.trim_min_count, deviationShare: row.deviation_share, spreadShare: row.spread_share };
}

function definitionOf(row: RubricRow): RubricDefinition {
  return rubricDefinitionSchema.parse(JSON.parse(row.definition_json));
}

export async function loadScoringState(db: Db, roundId: string): Promise<ScoringState> {
  const panel = await loadPanel(db, roundId);
  const applicants = await loadApplicants(db, roundId);
  const accepted = applicants.filter((a) => a.status === 'accepted');
  const conflicts = await loadConflicts(db, roundId, panel.members, accepted);
  const rubric = await getCurrentRubric(db, roundId);
  const definition = rubric ? definitionOf(rubric) : null;
  const frozen = rubric?.status === 'frozen';
  const sheets = new Map<string, { status: SheetStatus; submittedAt: string | null }>();
  const explanations = new Map<string, { note: string; at: string }>();
  if (rubric) {
    for (const s of await listSheets(db, rubric.id)) sheets.set(s.member_id, { status: s.status, submittedAt: s.submitted_at });
    for (const e of await listExplanations(db, rubric.id)) explanations.set(pairKey(e.member_id, e.application_id), { note: e.note, at: e.created_at });
  }
  const eligibility = await roundEligibility(db, roundId, panel.round);
  const basic = new Map([...eligibility.states.values()].map((e) => [e.applicationId, basicStateOf(e.overall)] as const));
  return {
    panel,
    applicants,
    accepted,
    conflicts,
    rubric,
    definition,
    criteria: definition ? flatCriteria(definition) : [],
    frozen,
    config: configOf(await getScoringConfig(db, roundId)),
    sheets,
    eligibility,
    basic,
    explanations,
  };
}

function sheetStatus(s: ScoringState, memberId: string): SheetStatus {
  return s.sheets.get(memberId)?.status ?? 'draft';
}

/** The applicants a member must score: accepted, not stepped aside, not failed on basic indicators. */
function requiredFor(s: ScoringState, memberId: string): ApplicantInfo[] {
  return s.accepted.filter((a) => s.conflicts.standing(memberId, a.id) !== 'conflicted' && s.basic.get(a.id) !== 'failed');
}

/** The frozen rubric scoring runs on, or a refusal saying why there is none. */
function requireScoringRubric(s: ScoringState): { rubric: RubricRow; definition: RubricDefinition } {
  if (!s.rubric || !s.definition) refuse('STATE', '尚未建立评分细则，不能评分', `round ${s.panel.round.id} has no rubric`);
  if (!s.frozen) {
    refuse(
      'STATE',
      s.rubric.version === 1 ? '评分细则尚未确定（请先“开始评分”冻结评分细则），不能评分' : `评分细则正在修订（第${s.rubric.version}版草稿），确定后才能继续评分`,
      `rubric ${s.rubric.id} is a draft`,
    );
  }
  return { rubric: s.rubric, definition: s.definition };
}

function requireOpenRound(s: ScoringState) {
  if (s.panel.round.status !== 'open') refuse('STATE', '本批次已关闭，不能再修改', `round ${s.panel.round.id} is closed`);
}

function requireValid(s: ScoringState) {
  if (!s.panel.validation.valid) refuse('STATE', `审核小组不符合要求，不能评分：${panelInvalidMessage(s.panel.validation)}`, `panel of ${s.panel.round.id} invalid`);
}

function requireAccepted(s: ScoringState, applicationId: string): ApplicantInfo {
  const a = s.applicants.find((x) => x.id === applicationId);
  if (!a) notFound('申请', applicationId);
  if (a.status !== 'accepted') refuse('STATE', `“${a.name}”尚未通过形式审查（${APPLICATION_STATUS_LABEL[a.status]}），不参加评分`, `application ${applicationId} is ${a.status}`);
  return a;
}

// ---------------------------------------------------------------------------
// Aggregation over the score lines

interface LineLike {
  application_id: string;
  member_id: string;
  total: number;
  scored: number;
  /** points × 10, big-endian uint16 per criterion in rubric order (see decodeLinePoints) */
  points_x10?: Uint8Array;
}

interface ApplicantAggregate {
  totals: MemberTotal[];
  agg: TotalsAggregate;
  /** flagged criteria (only when points were read) */
  criterionFlags: { criterionId: string; min: number; max: number }[];
}

/**
 * Per applicant: the totals that count (submitted sheets, complete lines,
 * members not stepped aside), their aggregate and, with points, the criteria
 * whose scores spread widely. 9,000 lines for 1,000 applicants × 9 members:
 * plain loops and typed arrays, no per-score objects.
 */
function aggregateLines(s: ScoringState, lines: readonly LineLike[], withPoints: boolean): Map<string, ApplicantAggregate> {
  const n = s.criteria.length;
  const submitted = new Set(s.panel.members.filter((m) => sheetStatus(s, m.id) === 'submitted').map((m) => m.id));
  const byApp = new Map<string, LineLike[]>();
  if (n > 0) {
    for (const l of lines) {
      if (l.scored < n || !submitted.has(l.member_id)) continue;
      const list = byApp.get(l.application_id);
      if (list) list.push(l);
      else byApp.set(l.application_id, [l]);
    }
  }
  const spreadLimit = s.criteria.map((c) => c.maxPoints * s.config.spreadShare * 10);
  const out = new Map<string, ApplicantAggregate>();
  const min = new Uint16Array(n);
  const max = new Uint16Array(n);
  for (const a of s.accepted) {
    const all = byApp.get(a.id) ?? [];
    const list = all.filter((l) => s.conflicts.standing(l.member_id, a.id) !== 'conflicted');
    const totals = list.map((l) => ({ memberId: l.member_id, total: l.total }));
    const criterionFlags: ApplicantAggregate['criterionFlags'] = [];
    if (withPoints && list.length >= 2) {
      min.fill(0xffff);
      max.fill(0);
      for (const l of list) {
        const b = l.points_x10!;
        for (let i = 0, j = 0; i < n; i++, j += 2) {
          const v = (b[j]! << 8) | b[j + 1]!;
          if (v < min[i]!) min[i] = v;
          if (v > max[i]!) max[i] = v;
        }
      }
      for (let i = 0; i < n; i++) {
        // isWideSpread in tenths of a point: range > spreadShare × max points
        if (max[i]! - min[i]! - spreadLimit[i]! > 1e-6) criterionFlags.push({ criterionId: s.criteria[i]!.id, min: min[i]! / 10, max: max[i]! / 10 });
      }
    }
    out.set(a.id, { totals, agg: aggregateTotals(totals, s.config), criterionFlags });
  }
  return out;
}

interface MemberProgress {
  member: MemberInfo;
  status: SheetStatus;
  submittedAt: string | null;
  required: number;
  done: number;
}

function memberProgress(s: ScoringState, lines: readonly LineLike[]): MemberProgress[] {
  const n = s.criteria.length;
  const complete = new Map<string, Set<string>>();
  if (n > 0) {
    for (const l of lines) {
      if (l.scored < n) continue;
      const set = complete.get(l.member_id);
      if (set) set.add(l.application_id);
      else complete.set(l.member_id, new Set([l.application_id]));
    }
  }
  return s.panel.members.map((m) => {
    const req = requiredFor(s, m.id);
    const sheet = s.sheets.get(m.id);
    const mine = complete.get(m.id);
    return {
      member: m,
      status: sheet?.status ?? 'draft',
      submittedAt: sheet?.submittedAt ?? null,
      required: req.length,
      done: mine ? req.filter((a) => mine.has(a.id)).length : 0,
    };
  });
}

function blockersOf(s: ScoringState, progress: MemberProgress[], aggs: Map<string, ApplicantAggregate>): Blocker[] {
  const names = new Map(s.panel.members.map((m) => [m.id, m.name]));
  const facts: BlockerFacts = {
    panel: { valid: s.panel.validation.valid, message: panelInvalidMessage(s.panel.validation) },
    rubricFrozen: s.frozen,
    deviationShare: s.config.deviationShare,
    members: progress.map((p) => ({ id: p.member.id, name: p.member.name, required: p.required, done: p.done, submitted: p.status === 'submitted' })),
    pendingFlags: s.conflicts.pending().flatMap((p) => {
      const a = s.accepted.find((x) => x.id === p.applicationId);
      const name = names.get(p.memberId);
      return a && name ? [{ memberId: p.memberId, memberName: name, applicationId: a.id, applicationName: a.name }] : [];
    }),
    flagged: s.accepted.flatMap((a) =>
      (aggs.get(a.id)?.agg.memberFlags ?? []).map((f) => ({
        memberId: f.memberId,
        memberName: names.get(f.memberId) ?? f.memberId,
        applicationId: a.id,
        applicationName: a.name,
        direction: f.direction,
        explained: s.explanations.has(pairKey(f.memberId, a.id)),
      })),
    ),
  };
  return deliberationBlockers(facts);
}

/**
 * What keeps 集体评议 from starting for a round (issue 6 calls this before
 * opening a deliberation session): empty when it may start.
 */
export async function deliberationBlockersOf(db: Db, roundId: string): Promise<Blocker[]> {
  const s = await loadScoringState(db, roundId);
  const lines = s.rubric ? await listLineTotals(db, s.rubric.id) : [];
  return blockersOf(s, memberProgress(s, lines), aggregateLines(s, lines, false));
}

// ---------------------------------------------------------------------------
// Views

/** Basic indicators naming a rule the round's profile version does not have: nothing would say whether they are met. */
async function unknownRuleIssues(db: Db, round: { profile_id: string; profile_version: number }, def: RubricDefinition) {
  if (!def.basic.some((b) => b.ruleId)) return [];
  const known = new Set(ruleCatalogue(await loadProfile(db, round.profile_id, round.profile_version)).map((b) => b.def.id));
  return def.basic.flatMap((b, i) =>
    b.ruleId && !known.has(b.ruleId) ? [{ path: `basic.${i}.ruleId`, message: `基础性指标“${b.title}”对应的规则“${b.ruleId}”不在本批次的地区政策配置中` }] : [],
  );
}

async function rubricState(db: Db, roundId: string): Promise<RubricState> {
  const versions = await listRubrics(db, roundId);
  const counts = new Map((await countScoresByRubric(db, roundId)).map((c) => [c.rubric_id, Number(c.n)]));
  const current = versions[versions.length - 1];
  const round = (await loadPanel(db, roundId)).round;
  const closed = round.status !== 'open' ? '本批次已关闭，不能再修改' : null;
  let currentView: RubricState['current'] = null;
  let freezeBlocker: string | null = closed;
  if (current) {
    const definition = definitionOf(current);
    const issues = [...rubricIssues(definition), ...(await unknownRuleIssues(db, round, definition))];
    currentView = {
      id: current.id,
      version: current.version,
      status: current.status,
      reason: current.reason,
      definition,
      issues,
      criteriaCount: flatCriteria(definition).length,
      createdAt: current.created_at,
      createdBy: current.created_by,
      frozenAt: current.frozen_at,
      frozenBy: current.frozen_by,
    };
    if (!freezeBlocker) {
      if (current.status === 'frozen') freezeBlocker = `第${current.version}版已确定，评分已开始`;
      else if (issues.length > 0) freezeBlocker = `评分细则有${issues.length}处问题，须先修改：${issues[0]!.message}`;
      else {
        const p = await loadPanel(db, roundId);
        if (!p.validation.valid) freezeBlocker = `审核小组不符合要求：${panelInvalidMessage(p.validation)}`;
      }
    }
  } else freezeBlocker ??= '尚未建立评分细则';
  return {
    roundId,
    current: currentView,
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, reason: v.reason, createdAt: v.created_at, frozenAt: v.frozen_at, scoreCount: counts.get(v.id) ?? 0 })),
    config: configOf(await getScoringConfig(db, roundId)),
    blockers: {
      saveDraft: closed ?? (current?.status === 'frozen' ? `第${current.version}版评分细则已确定（已开始评分），修改须新建版本并说明原因` : null),
      freeze: freezeBlocker,
      newVersion: closed ?? (!current || current.status === 'draft' ? '当前版本尚未确定，直接修改草稿即可' : null),
    },
  };
}

async function sheetView(db: Db, s: ScoringState, member: MemberInfo): Promise<SheetView> {
  const { rubric, definition } = requireScoringRubric(s);
  const n = s.criteria.length;
  const own = new Map((await listMemberLines(db, rubric.id, member.id)).map((l) => [l.application_id, l]));
  const status = sheetStatus(s, member.id);
  const allLines = await listLineTotals(db, rubric.id);
  const progress = memberProgress(s, allLines);
  const allIn = allSheetsIn(progress.map((p) => ({ id: p.member.id, name: p.member.name, required: p.required, done: p.done, submitted: p.status === 'submitted' })));
  const aggs = allIn ? aggregateLines(s, allLines, false) : null;
  const applicants: SheetView['applicants'] = s.accepted.map((a) => {
    const standing = s.conflicts.standing(member.id, a.id);
    const line = own.get(a.id);
    let state: SheetView['applicants'][number]['state'] = 'to_score';
    let reason: string | null = null;
    if (standing === 'conflicted') {
      state = 'stepped_aside';
      reason = steppedAsideText(s.conflicts.decision(member.id, a.id)!);
    } else if (standing === 'flag_pending') {
      state = 'flag_pending';
      reason = `系统提示可能存在利害关系，须先确认回避或排除：${s.conflicts.flagsOf(member.id, a.id).map((f) => f.reason).join('；')}`;
    } else if (s.basic.get(a.id) === 'failed') {
      state = 'not_required';
      reason = '未通过基础性指标，无需评分（可选评）';
    }
    const f = aggs?.get(a.id)?.agg.memberFlags.find((x) => x.memberId === member.id);
    return {
      applicationId: a.id,
      applicationNo: a.applicationNo,
      name: a.name,
      institutionType: a.institutionType,
      serviceTypes: a.serviceTypes,
      state,
      reason,
      scored: line?.scored ?? 0,
      total: line ? line.total : null,
      complete: n > 0 && (line?.scored ?? 0) >= n,
      flag: f ? { direction: f.direction, deviation: f.deviation, explained: s.explanations.has(pairKey(member.id, a.id)) } : null,
    };
  });
  const mine = progress.find((p) => p.member.id === member.id)!;
  const pending = applicants.filter((a) => a.state === 'flag_pending');
  const missing = applicants.filter((a) => a.state !== 'stepped_aside' && a.state !== 'not_required' && !a.complete);
  let submitBlocker: string | null = null;
  if (status === 'submitted') submitBlocker = '评分表已提交';
  else if (!s.panel.validation.valid) submitBlocker = `审核小组不符合要求：${panelInvalidMessage(s.panel.validation)}`;
  else if (pending.length > 0) submitBlocker = `有${pending.length}个申请存在待确认的回避提示（${pending.slice(0, 3).map((a) => a.name).join('、')}${pending.length > 3 ? '等' : ''}），请先确认回避或排除`;
  else if (missing.length > 0) submitBlocker = `还有${missing.length}个申请未评完（${missing.slice(0, 3).map((a) => a.name).join('、')}${missing.length > 3 ? '等' : ''}）`;
  return {
    roundId: s.panel.round.id,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    rubric: definition,
    member: { id: member.id, name: member.name, role: member.role },
    status,
    submittedAt: s.sheets.get(member.id)?.submittedAt ?? null,
    applicants,
    progress: { required: mine.required, done: mine.done },
    canSubmit: submitBlocker === null,
    submitBlocker,
    allSheetsIn: allIn,
  };
}

function applicantState(s: ScoringState, memberId: string, a: ApplicantInfo): { state: EntryView['state']; reason: string | null } {
  const standing = s.conflicts.standing(memberId, a.id);
  if (standing === 'conflicted') return { state: 'stepped_aside', reason: steppedAsideText(s.conflicts.decision(memberId, a.id)!) };
  if (standing === 'flag_pending') return { state: 'flag_pending', reason: s.conflicts.flagsOf(memberId, a.id).map((f) => f.reason).join('；') };
  if (s.basic.get(a.id) === 'failed') return { state: 'not_required', reason: '未通过基础性指标，无需评分（可选评）' };
  return { state: 'to_score', reason: null };
}

async function entryView(db: Db, s: ScoringState, member: MemberInfo, a: ApplicantInfo): Promise<EntryView> {
  const { rubric } = requireScoringRubric(s);
  const heads = new Map((await headScoresOfPair(db, rubric.id, a.id, member.id)).map((h) => [h.criterion_id, h]));
  let total = 0;
  let scored = 0;
  const scores = s.criteria.map((c) => {
    const h = heads.get(c.id);
    if (h) {
      total += h.points;
      scored++;
    }
    return { criterionId: c.id, points: h?.points ?? null, comment: h?.comment ?? null, scoreId: h?.id ?? null, enteredAt: h?.entered_at ?? null, revisions: h?.depth ?? 0 };
  });
  return {
    applicationId: a.id,
    applicationNo: a.applicationNo,
    name: a.name,
    ...applicantState(s, member.id, a),
    sheetStatus: sheetStatus(s, member.id),
    scores,
    total: Math.round(total * 100) / 100,
    complete: scores.length > 0 && scored === scores.length,
    explanation: s.explanations.get(pairKey(member.id, a.id))?.note ?? null,
  };
}

function progressView(s: ScoringState, lines: readonly LineLike[]): ProgressView {
  const progress = memberProgress(s, lines);
  const blockers = blockersOf(s, progress, aggregateLines(s, lines, false));
  const facts = progress.map((p) => ({ id: p.member.id, name: p.member.name, required: p.required, done: p.done, submitted: p.status === 'submitted' }));
  return {
    roundId: s.panel.round.id,
    panelValid: s.panel.validation.valid,
    panelMessage: s.panel.validation.valid ? null : panelInvalidMessage(s.panel.validation),
    rubricFrozen: s.frozen,
    rubricVersion: s.rubric?.version ?? null,
    members: progress.map((p) => ({
      memberId: p.member.id,
      name: p.member.name,
      role: p.member.role,
      hasPin: p.member.hasPin,
      status: p.required === 0 && p.status === 'draft' ? 'nothing_to_score' : p.status,
      required: p.required,
      done: p.done,
      submittedAt: p.submittedAt,
    })),
    allSheetsIn: facts.length > 0 && allSheetsIn(facts),
    blockers,
    canStartDeliberation: blockers.length === 0,
  };
}

/** The chair's results: aggregates, dispersion, ranking per service type. Exported for the benchmark. */
export async function roundResults(db: Db, s: ScoringState): Promise<ResultsView> {
  const { rubric } = requireScoringRubric(s);
  const lines = await listScoreLines(db, rubric.id);
  const progress = memberProgress(s, lines);
  const aggs = aggregateLines(s, lines, true);
  const blockers = blockersOf(s, progress, aggs);
  const quota = JSON.parse(s.panel.round.quota_json) as Record<'institutional' | 'home' | 'community', number>;
  const applicants: ResultsView['applicants'] = s.accepted.map((a) => {
    const x = aggs.get(a.id)!;
    const e = s.eligibility.states.get(a.id)!;
    const basic = basicStateOf(e.overall);
    // Ranked only when accepted at formal check and every basic indicator is met (eligibility all_pass).
    const ineligibleReason = rankingExclusion({ status: a.status, basic: standingOf(e, s.eligibility.rules), score: x.agg.score });
    return {
      applicationId: a.id,
      applicationNo: a.applicationNo,
      name: a.name,
      status: a.status,
      serviceTypes: a.serviceTypes,
      basic,
      eligible: ineligibleReason === null,
      ineligibleReason,
      memberTotals: x.totals,
      steppedAside: s.panel.members
        .filter((m) => s.conflicts.standing(m.id, a.id) === 'conflicted')
        .map((m) => {
          const d = s.conflicts.decision(m.id, a.id)!;
          return { memberId: m.id, kind: d.kind, note: d.note };
        }),
      count: x.agg.count,
      mean: x.agg.mean,
      trimmed: x.agg.trimmed,
      trimmedMean: x.agg.trimmedMean,
      score: x.agg.score,
      dropped: x.agg.dropped,
      memberFlags: x.agg.memberFlags.map((f) => ({ ...f, explanation: s.explanations.get(pairKey(f.memberId, a.id))?.note ?? null })),
      criterionFlags: x.criterionFlags,
    };
  });
  const rankings = rankByServiceType(
    quota,
    applicants.map((a) => ({ applicationId: a.applicationId, serviceTypes: a.serviceTypes, score: a.score, eligible: a.eligible, reason: a.ineligibleReason })),
  );
  return {
    roundId: s.panel.round.id,
    rubric: { id: rubric.id, version: rubric.version, totalPoints: s.definition!.totalPoints, criteria: s.criteria.map((c) => ({ id: c.id, title: c.title, groupTitle: c.groupTitle, maxPoints: c.maxPoints })) },
    config: s.config,
    members: progress.map((p) => ({ id: p.member.id, name: p.member.name, role: p.member.role, status: p.required === 0 && p.status === 'draft' ? 'nothing_to_score' : p.status, submittedAt: p.submittedAt })),
    allSheetsIn: allSheetsIn(progress.map((p) => ({ id: p.member.id, name: p.member.name, required: p.required, done: p.done, submitted: p.status === 'submitted' }))),
    applicants,
    rankings,
    blockers,
  };
}

/** The chair sees everyone's scores, and only after submitting their own sheet. */
function requireChairAfterSubmit(s: ScoringState, member: MemberInfo) {
  if (member.role !== 'chair') refuse('STATE', '在集体评议前，只有组长可以查看全部成员的评分；成员只能查看自己的评分', `member ${member.id} is not the chair`);
  if (sheetStatus(s, member.id) !== 'submitted') refuse('STATE', '请先提交您本人的评分表，提交后方可查看全部成员的评分', `chair ${member.id} has not submitted`);
}

/**
 * 基础性指标 of one applicant, read-only: the eligibility results (the only
 * record), and the current 评分细则's basic indicators as a list that points at
 * them by rule id.
 */
function basicView(s: ScoringState, a: ApplicantInfo): BasicView {
  const e = s.eligibility.states.get(a.id)!;
  const rules = s.eligibility.rules;
  const outcome = new Map(e.outcomes.map((o) => [o.ruleId, o]));
  const na = new Set(e.notApplicable);
  const listed = new Set((s.definition?.basic ?? []).flatMap((b) => (b.ruleId ? [b.ruleId] : [])));
  return {
    applicationId: a.id,
    applicationNo: a.applicationNo,
    name: a.name,
    rubricVersion: s.rubric?.version ?? null,
    state: basicStateOf(e.overall),
    overall: e.overall,
    overallLabel: OVERALL_STATE_LABEL[e.overall],
    exclusion: basicExclusion({ status: a.status, basic: standingOf(e, rules) }),
    source: e.source,
    indicators: (s.definition?.basic ?? []).map((b) => {
      const o = b.ruleId ? outcome.get(b.ruleId) : undefined;
      return {
        id: b.id,
        ruleId: b.ruleId,
        title: b.title,
        requirement: b.requirement,
        citation: b.citation,
        state: o ? o.state : b.ruleId && na.has(b.ruleId) ? ('na' as const) : null,
        explanation: o?.explanation ?? null,
      };
    }),
    results: e.outcomes.map((o) => ({
      ruleId: o.ruleId,
      title: rules.get(o.ruleId)?.title ?? o.ruleId,
      state: o.state,
      explanation: o.explanation,
      citations: rules.get(o.ruleId)?.citations ?? [],
      inRubric: listed.has(o.ruleId),
    })),
  };
}

/** Signed-in member, in a state loaded inside the caller's transaction. */
async function actor(ctx: ServiceContext, db: Db, input: { roundId: string; actingMemberId: string; session: string }) {
  requireSession(ctx, input);
  const s = await loadScoringState(db, input.roundId);
  return { s, member: requireMember(s.panel, input.actingMemberId) };
}

const memberActor = (m: MemberInfo) => `${m.name}（${m.role === 'chair' ? '组长' : '审核小组成员'}）`;

export const scoringHandlers: HandlerSlice<
  | 'rubric.get'
  | 'rubric.templates'
  | 'rubric.saveDraft'
  | 'rubric.freeze'
  | 'rubric.newVersion'
  | 'scoring.setConfig'
  | 'scoring.signIn'
  | 'scoring.signOut'
  | 'scoring.sheet'
  | 'scoring.entry'
  | 'scoring.save'
  | 'scoring.history'
  | 'scoring.submit'
  | 'scoring.explain'
  | 'scoring.progress'
  | 'scoring.results'
  | 'scoring.applicantDetail'
  | 'scoring.basic'
> = {
  async 'rubric.get'(ctx, { roundId }) {
    return rubricState(ctx.db, roundId);
  },

  async 'rubric.templates'(ctx, { roundId }) {
    const round = (await loadPanel(ctx.db, roundId)).round;
    return rubricTemplates(await loadProfile(ctx.db, round.profile_id, round.profile_version));
  },

  async 'rubric.saveDraft'(ctx, { roundId, definition }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '修改评分细则', 'rubric.saveDraft', { afterDecisions: true });
      const st = await rubricState(trx, roundId);
      if (st.blockers.saveDraft) refuse('STATE', st.blockers.saveDraft, `rubric of ${roundId} not editable`);
      const now = nowIso(ctx);
      const actorName = await operator(trx);
      const json = JSON.stringify(definition);
      if (st.current) {
        await updateRubricDefinition(trx, st.current.id, json);
        await appendAudit(trx, { at: now, actor: actorName, action: 'rubric.saveDraft', entity: 'rubric', entityId: st.current.id, before: st.current.definition, after: definition });
      } else {
        const id = randomUUID();
        await insertRubric(trx, { id, round_id: roundId, version: 1, status: 'draft', definition_json: json, reason: null, based_on: null, created_at: now, created_by: actorName, frozen_at: null, frozen_by: null });
        await appendAudit(trx, { at: now, actor: actorName, action: 'rubric.create', entity: 'rubric', entityId: id, after: { version: 1, definition } });
      }
    });
    return rubricState(ctx.db, roundId);
  },

  async 'rubric.freeze'(ctx, { roundId }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '启用新的评分细则', 'rubric.freeze', { afterDecisions: true });
      const st = await rubricState(trx, roundId);
      if (st.blockers.freeze) refuse('STATE', `不能开始评分：${st.blockers.freeze}`, `rubric of ${roundId} cannot be frozen`);
      const now = nowIso(ctx);
      const by = await operator(trx);
      await freezeRubric(trx, st.current!.id, now, by);
      await appendAudit(trx, { at: now, actor: by, action: 'rubric.freeze', entity: 'rubric', entityId: st.current!.id, after: { version: st.current!.version, status: 'frozen' } });
    });
    return rubricState(ctx.db, roundId);
  },

  async 'rubric.newVersion'(ctx, { roundId, reason, definition }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '修订评分细则', 'rubric.newVersion', { afterDecisions: true });
      const st = await rubricState(trx, roundId);
      if (st.blockers.newVersion) refuse('STATE', st.blockers.newVersion, `no new rubric version for ${roundId}`);
      const prev = st.current!;
      const id = randomUUID();
      const now = nowIso(ctx);
      const by = await operator(trx);
      await insertRubric(trx, { id, round_id: roundId, version: prev.version + 1, status: 'draft', definition_json: JSON.stringify(definition), reason, based_on: prev.id, created_at: now, created_by: by, frozen_at: null, frozen_by: null });
      await appendAudit(trx, { at: now, actor: by, action: 'rubric.newVersion', entity: 'rubric', entityId: id, before: { version: prev.version }, after: { version: prev.version + 1, reason, definition } });
    });
    return rubricState(ctx.db, roundId);
  },

  async 'scoring.setConfig'(ctx, { roundId, trimEnabled, trimMinCount, deviationShare, spreadShare, reason }) {
    await ctx.db.transaction().execute(async (trx) => {
      await refuseIfRoundLocked(trx, roundId, '调整计分规则', 'scoring.setConfig', { afterDecisions: true });
      const round = (await loadPanel(trx, roundId)).round;
      if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能再修改', `round ${roundId} closed`);
      const next = { trimEnabled, trimMinCount, deviationShare, spreadShare };
      const problems = configIssues(next);
      if (Object.keys(problems).length > 0) refuse('VALIDATION', Object.values(problems)[0]!, `bad scoring config for ${roundId}`, problems);
      const started = (await listRubrics(trx, roundId)).some((r) => r.status === 'frozen');
      if (started && !reason) refuse('VALIDATION', '评分已经开始，调整计分规则须说明原因', `config change without reason after start`, { reason: '请填写调整原因' });
      const before = configOf(await getScoringConfig(trx, roundId));
      const now = nowIso(ctx);
      const by = await operator(trx);
      await upsertScoringConfig(trx, { round_id: roundId, trim_enabled: trimEnabled ? 1 : 0, trim_min_count: trimMinCount, deviation_share: deviationShare, spread_share: spreadShare, updated_at: now, updated_by: by });
      await appendAudit(trx, { at: now, actor: by, action: 'scoring.setConfig', entity: 'round', entityId: roundId, before, after: { ...next, reason: reason ?? null } });
    });
    return rubricState(ctx.db, roundId);
  },

  async 'scoring.signIn'(ctx, { roundId, memberId, pin }) {
    const p = await loadPanel(ctx.db, roundId);
    const m = requireMember(p, memberId);
    const person = await getPerson(ctx.db, m.personId);
    if (!person) notFound('人员', m.personId);
    await checkPin(ctx, person, pin);
    const { token, expiresAt } = openSession(ctx, roundId, memberId);
    return { session: token, memberId, name: m.name, role: m.role, expiresAt };
  },

  async 'scoring.signOut'(ctx, { session }) {
    closeSession(ctx, session);
    return { ok: true as const };
  },

  async 'scoring.sheet'(ctx, input) {
    const { s, member } = await actor(ctx, ctx.db, input);
    return sheetView(ctx.db, s, member);
  },

  async 'scoring.entry'(ctx, input) {
    const { s, member } = await actor(ctx, ctx.db, input);
    return entryView(ctx.db, s, member, requireAccepted(s, input.applicationId));
  },

  async 'scoring.save'(ctx, input) {
    const { applicationId, entries, reason } = input;
    await ctx.db.transaction().execute(async (trx) => {
      const { s, member } = await actor(ctx, trx, input);
      await refuseIfApplicantLocked(trx, input.roundId, applicationId, '修改评分', 'scoring.save');
      requireOpenRound(s);
      const { rubric } = requireScoringRubric(s);
      requireValid(s);
      const a = requireAccepted(s, applicationId);
      refuseUnlessClear(s.conflicts, member, a, '评分');
      const byId = new Map(s.criteria.map((c) => [c.id, c]));
      const errors: Record<string, string> = {};
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const c = byId.get(e.criterionId);
        if (!c) errors[`entries.${i}.criterionId`] = `评分项“${e.criterionId}”不在第${rubric.version}版评分细则中`;
        else if (seen.has(c.id)) errors[`entries.${i}.criterionId`] = `“${c.title}”重复录入`;
        else {
          const problem = scoreProblem(c, e.points);
          if (problem) errors[`entries.${i}.points`] = problem;
        }
        seen.add(e.criterionId);
      });
      if (Object.keys(errors).length > 0) {
        const list = Object.values(errors);
        refuse('VALIDATION', list.length > 1 ? `${list[0]}（另有${list.length - 1}处需要修改）` : list[0]!, `scores refused for ${applicationId} by ${member.id}`, errors);
      }
      const heads = new Map((await headScoresOfPair(trx, rubric.id, a.id, member.id)).map((h) => [h.criterion_id, h]));
      const now = nowIso(ctx);
      const rows: ScoreInsert[] = [];
      for (const e of entries) {
        const head = heads.get(e.criterionId);
        const comment = e.comment === undefined ? (head?.comment ?? null) : e.comment || null;
        if (head && head.points === e.points && head.comment === comment) continue;
        rows.push({
          id: uuidv7(), // time-ordered: the score primary key grows at its end (service/ids.ts)
          round_id: s.panel.round.id,
          rubric_id: rubric.id,
          rubric_version: rubric.version,
          member_id: member.id,
          application_id: a.id,
          criterion_id: e.criterionId,
          points: e.points,
          comment,
          supersedes: head?.id ?? null,
          reason: head ? (reason ?? null) : null,
          entered_by: member.name,
          entered_at: now,
        });
      }
      if (rows.length === 0) return;
      const submitted = sheetStatus(s, member.id) === 'submitted';
      if (submitted && rows.some((r) => r.supersedes !== null) && !reason) {
        refuse('VALIDATION', '评分表已提交，修改评分须填写修改原因', `correction after submit without reason`, { reason: '请填写修改原因' });
      }
      await insertScores(trx, rows);
      await refreshScoreLine(trx, rubric.id, a.id, member.id, s.criteria.map((c) => c.id));
      if (!s.sheets.has(member.id)) await upsertSheet(trx, { rubric_id: rubric.id, member_id: member.id, round_id: s.panel.round.id, status: 'draft', submitted_at: null, updated_at: now });
      await appendAudit(trx, {
        at: now,
        actor: memberActor(member),
        action: rows.some((r) => r.supersedes) ? 'scoring.correct' : 'scoring.save',
        entity: 'application',
        entityId: a.id,
        after: { memberId: member.id, rubricId: rubric.id, rubricVersion: rubric.version, reason: reason ?? null, scores: rows.map((r) => ({ id: r.id, criterionId: r.criterion_id, points: r.points, comment: r.comment, supersedes: r.supersedes })) },
      });
    });
    const { s, member } = await actor(ctx, ctx.db, input);
    return entryView(ctx.db, s, member, requireAccepted(s, applicationId));
  },

  async 'scoring.history'(ctx, input) {
    const { s, member } = await actor(ctx, ctx.db, input);
    const { rubric } = requireScoringRubric(s);
    const rows = await scoreChain(ctx.db, rubric.id, input.applicationId, member.id, input.criterionId);
    return rows.map((r) => ({ scoreId: r.id, points: r.points, comment: r.comment, supersedes: r.supersedes, reason: r.reason, enteredBy: r.entered_by, enteredAt: r.entered_at }));
  },

  async 'scoring.submit'(ctx, input) {
    const pre = await actor(ctx, ctx.db, input);
    const person = await getPerson(ctx.db, pre.member.personId);
    if (!person) notFound('人员', pre.member.personId);
    await checkPin(ctx, person, input.pin);
    await ctx.db.transaction().execute(async (trx) => {
      const { s, member } = await actor(ctx, trx, input);
      await refuseIfRoundLocked(trx, input.roundId, '提交评分表', 'scoring.submit', { afterDecisions: false });
      requireOpenRound(s);
      const { rubric } = requireScoringRubric(s);
      const view = await sheetView(trx, s, member);
      if (view.submitBlocker) refuse('STATE', `不能提交评分表：${view.submitBlocker}`, `sheet of ${member.id} not submittable`);
      const now = nowIso(ctx);
      await upsertSheet(trx, { rubric_id: rubric.id, member_id: member.id, round_id: s.panel.round.id, status: 'submitted', submitted_at: now, updated_at: now });
      await appendAudit(trx, { at: now, actor: memberActor(member), action: 'scoring.submit', entity: 'round', entityId: s.panel.round.id, after: { memberId: member.id, rubricId: rubric.id, rubricVersion: rubric.version, applicants: view.progress.done, pinVerified: true } });
    });
    const { s, member } = await actor(ctx, ctx.db, input);
    return sheetView(ctx.db, s, member);
  },

  async 'scoring.explain'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      const { s, member } = await actor(ctx, trx, input);
      await refuseIfApplicantLocked(trx, input.roundId, input.applicationId, '填写评分畸高畸低说明', 'scoring.explain');
      requireOpenRound(s);
      const { rubric } = requireScoringRubric(s);
      const a = requireAccepted(s, input.applicationId);
      const lines = await listLineTotals(trx, rubric.id);
      const progress = memberProgress(s, lines);
      const facts = progress.map((p) => ({ id: p.member.id, name: p.member.name, required: p.required, done: p.done, submitted: p.status === 'submitted' }));
      if (!allSheetsIn(facts)) refuse('STATE', '全部成员提交评分表后，才需要填写评分畸高畸低说明', `explanation before all sheets are in`);
      const flag = aggregateLines(s, lines, false).get(a.id)?.agg.memberFlags.find((f) => f.memberId === member.id);
      if (!flag) refuse('STATE', `您对“${a.name}”的评分总分未被标记为畸高畸低，无需说明`, `member ${member.id} not flagged on ${a.id}`);
      const now = nowIso(ctx);
      const id = randomUUID();
      await insertExplanation(trx, { id, round_id: s.panel.round.id, rubric_id: rubric.id, member_id: member.id, application_id: a.id, note: input.note, created_at: now, created_by: member.name });
      await appendAudit(trx, { at: now, actor: memberActor(member), action: 'scoring.explain', entity: 'application', entityId: a.id, after: { id, memberId: member.id, rubricVersion: rubric.version, direction: flag.direction, deviation: flag.deviation, note: input.note } });
    });
    const { s, member } = await actor(ctx, ctx.db, input);
    return sheetView(ctx.db, s, member);
  },

  async 'scoring.progress'(ctx, { roundId }) {
    const s = await loadScoringState(ctx.db, roundId);
    const lines = s.rubric ? await listLineTotals(ctx.db, s.rubric.id) : [];
    return progressView(s, lines);
  },

  async 'scoring.results'(ctx, input) {
    const { s, member } = await actor(ctx, ctx.db, input);
    requireScoringRubric(s);
    requireChairAfterSubmit(s, member);
    return roundResults(ctx.db, s);
  },

  async 'scoring.applicantDetail'(ctx, input) {
    const { s, member } = await actor(ctx, ctx.db, input);
    const { rubric } = requireScoringRubric(s);
    requireChairAfterSubmit(s, member);
    const a = requireAccepted(s, input.applicationId);
    const lines = await listLinesOfApplication(ctx.db, rubric.id, a.id);
    const included = aggregateLines(s, lines, false).get(a.id)!.totals;
    const members = s.panel.members.filter((m) => included.some((t) => t.memberId === m.id));
    const perMember = new Map<string, Map<string, { points: number; comment: string | null }>>();
    for (const m of members) perMember.set(m.id, new Map((await headScoresOfPair(ctx.db, rubric.id, a.id, m.id)).map((h) => [h.criterion_id, { points: h.points, comment: h.comment }])));
    const criteria: ApplicantDetail['criteria'] = s.criteria.map((c) => {
      const scores = members.flatMap((m) => {
        const h = perMember.get(m.id)!.get(c.id);
        return h ? [{ memberId: m.id, points: h.points, comment: h.comment }] : [];
      });
      const spread = criterionSpread(c.id, c.maxPoints, scores.map((x) => x.points), s.config);
      return { criterionId: c.id, title: c.title, groupTitle: c.groupTitle, maxPoints: c.maxPoints, scores, min: spread.min, max: spread.max, mean: spread.mean, flagged: spread.flagged };
    });
    return {
      applicationId: a.id,
      applicationNo: a.applicationNo,
      name: a.name,
      members: members.map((m) => ({ id: m.id, name: m.name })),
      criteria,
      memberTotals: included,
      explanations: s.panel.members.flatMap((m) => {
        const e = s.explanations.get(pairKey(m.id, a.id));
        return e ? [{ memberId: m.id, note: e.note, at: e.at }] : [];
      }),
    };
  },

  async 'scoring.basic'(ctx, { roundId, applicationId }) {
    const s = await loadScoringState(ctx.db, roundId);
    return basicView(s, requireAccepted(s, applicationId));
  },
};
