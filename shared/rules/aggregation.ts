/**
 * Aggregating the panel's scores, pure: per applicant the total of each member,
 * the mean, the trimmed mean (去掉一个最高分和一个最低分), dispersion flags that
 * prompt discussion, the blockers that keep deliberation (集体评议) from
 * starting, and the ranking per service type against the round's quota plan
 * (配置规划; 001 “申请机构需先满足基础性指标要求，再以差异化指标分值高低作为纳入定点管理
 * 的核心依据”).
 *
 * Conventions, decided here once:
 * - Scores are published to two decimals; ranking and ties use the published
 *   value, so two applicants who show the same score are tied, never split by
 *   a difference nobody can see.
 * - Trimming drops exactly one highest and one lowest member total, and only
 *   when at least `trimMinCount` totals (default 5) remain after recusals; when
 *   the highest (or lowest) is shared, one of the equal totals is dropped and
 *   the tie is reported.
 * - A member is flagged when their total deviates from the mean of the other
 *   members' totals by more than `deviationShare` (default 20%) of that mean.
 * - A criterion is flagged when its scores' range (max − min) exceeds
 *   `spreadShare` (default 50%) of the criterion's maximum points.
 * Flags are prompts for discussion, not errors; a flagged member total must be
 * explained in writing (评分畸高畸低说明) or revised before deliberation starts.
 */
import { SERVICE_TYPES, SERVICE_TYPE_LABEL, type ServiceType } from '../domain/enums';
import type { OverallState } from './eligibility/schemas';

export interface AggregationConfig {
  trimEnabled: boolean;
  /** trim only when at least this many member totals remain (≥3) */
  trimMinCount: number;
  /** share of the others' mean beyond which a member total is flagged (0.2 = 20%) */
  deviationShare: number;
  /** share of a criterion's max points beyond which its range is flagged (0.5 = 50%) */
  spreadShare: number;
}

export const DEFAULT_AGGREGATION_CONFIG: AggregationConfig = {
  trimEnabled: true,
  trimMinCount: 5,
  deviationShare: 0.2,
  spreadShare: 0.5,
};

const EPS = 1e-9;

/** Two decimals, the published precision. */
export function round2(x: number): number {
  return Math.round((x + (x >= 0 ? EPS : -EPS)) * 100) / 100;
}

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export interface MemberTotal {
  memberId: string;
  total: number;
}

export interface MemberFlag {
  memberId: string;
  total: number;
  othersMean: number;
  /** (total − othersMean) / othersMean; null when the others' mean is 0 */
  deviation: number | null;
  direction: 'high' | 'low';
}

export interface TotalsAggregate {
  count: number;
  mean: number | null;
  trimmed: boolean;
  trimmedMean: number | null;
  /** what the ranking uses: the trimmed mean when trimming applied, else the mean (two decimals) */
  score: number | null;
  dropped: { highMemberId: string; lowMemberId: string; highTied: boolean; lowTied: boolean } | null;
  memberFlags: MemberFlag[];
}

/** The totals of one applicant's members, aggregated. */
export function aggregateTotals(totals: readonly MemberTotal[], cfg: AggregationConfig = DEFAULT_AGGREGATION_CONFIG): TotalsAggregate {
  const n = totals.length;
  if (n === 0) return { count: 0, mean: null, trimmed: false, trimmedMean: null, score: null, dropped: null, memberFlags: [] };
  // Deterministic order: by total, then member id, so the dropped member of a tie is stable.
  const sorted = [...totals].sort((a, b) => a.total - b.total || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  let sum = 0;
  for (const t of sorted) sum += t.total;
  const m = sum / n;
  const trim = cfg.trimEnabled && n >= Math.max(3, cfg.trimMinCount);
  let trimmedMean: number | null = null;
  let dropped: TotalsAggregate['dropped'] = null;
  if (trim) {
    const low = sorted[0]!;
    const high = sorted[n - 1]!;
    trimmedMean = (sum - low.total - high.total) / (n - 2);
    dropped = {
      highMemberId: high.memberId,
      lowMemberId: low.memberId,
      highTied: Math.abs(sorted[n - 2]!.total - high.total) < EPS,
      lowTied: Math.abs(sorted[1]!.total - low.total) < EPS,
    };
  }
  const memberFlags: MemberFlag[] = [];
  if (n >= 2) {
    for (const t of totals) {
      const othersMean = (sum - t.total) / (n - 1);
      const deviation = Math.abs(othersMean) < EPS ? null : (t.total - othersMean) / othersMean;
      const flagged = deviation === null ? Math.abs(t.total) > EPS : Math.abs(deviation) - cfg.deviationShare > EPS;
      if (flagged) memberFlags.push({ memberId: t.memberId, total: t.total, othersMean: round2(othersMean), deviation: deviation === null ? null : Math.round(deviation * 1000) / 1000, direction: t.total > othersMean ? 'high' : 'low' });
    }
  }
  return {
    count: n,
    mean: round2(m),
    trimmed: trim,
    trimmedMean: trimmedMean === null ? null : round2(trimmedMean),
    score: round2(trimmedMean ?? m),
    dropped,
    memberFlags,
  };
}

/** Whether a criterion's scores spread too widely (range > spreadShare × max points). */
export function isWideSpread(min: number, max: number, maxPoints: number, cfg: AggregationConfig = DEFAULT_AGGREGATION_CONFIG): boolean {
  return max - min - cfg.spreadShare * maxPoints > EPS;
}

export interface CriterionSpread {
  criterionId: string;
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  flagged: boolean;
}

export function criterionSpread(criterionId: string, maxPoints: number, values: readonly number[], cfg: AggregationConfig = DEFAULT_AGGREGATION_CONFIG): CriterionSpread {
  if (values.length === 0) return { criterionId, count: 0, min: null, max: null, mean: null, flagged: false };
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { criterionId, count: values.length, min, max, mean: round2(mean(values)!), flagged: values.length >= 2 && isWideSpread(min, max, maxPoints, cfg) };
}

/** Check a config before storing it; Chinese messages per field. */
export function configIssues(c: AggregationConfig): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Number.isInteger(c.trimMinCount) || c.trimMinCount < 3 || c.trimMinCount > 99) out.trimMinCount = '去掉最高最低分的最少人数应为3至99之间的整数';
  if (!(c.deviationShare > 0 && c.deviationShare < 1)) out.deviationShare = '总分偏离比例应大于0%且小于100%';
  if (!(c.spreadShare > 0 && c.spreadShare <= 1)) out.spreadShare = '单项分差比例应大于0%且不超过100%';
  return out;
}

// ---------------------------------------------------------------------------
// Ranking against the quota plan

export interface RankEntry {
  applicationId: string;
  /** published score (two decimals), null when there is none yet */
  score: number | null;
  /** passed formal check and meets every basic indicator (see rankingExclusion) */
  eligible: boolean;
  /** why not eligible, in Chinese */
  reason?: string | null;
}

/**
 * An applicant's 基础性指标 as the ranking sees them: the eligibility
 * evaluation (rules from the application's data and the reviewer's 审核内容
 * marks) is the only record of them.
 */
export interface BasicIndicatorStanding {
  overall: OverallState;
  /** titles of the rules not met, in catalogue order */
  failed: readonly string[];
  /** how many rules still wait for a reviewer's check */
  pending: number;
}

/**
 * Why an applicant is left out of the ranking, or null when it is ranked: it
 * must have passed formal check ('accepted'), meet every basic indicator
 * (all_pass; 001 “申请机构需先满足基础性指标要求”) and have a published score.
 */
export function rankingExclusion(a: { status: string; basic: BasicIndicatorStanding; score: number | null }): string | null {
  return basicExclusion(a) ?? (a.score === null ? '尚无已提交的有效评分' : null);
}

/** rankingExclusion before any score: the formal check and the basic indicators only. */
export function basicExclusion(a: { status: string; basic: BasicIndicatorStanding }): string | null {
  if (a.status !== 'accepted') return '未通过形式审查';
  if (a.basic.overall === 'some_fail') return `基础性指标不符合：${a.basic.failed.join('、')}`;
  if (a.basic.overall === 'manual_pending') return `基础性指标待人工核查（${a.basic.pending}项）`;
  return null;
}

export const RANK_STATUSES = ['within', 'tie_at_line', 'outside', 'not_ranked'] as const;
export type RankStatus = (typeof RANK_STATUSES)[number];
export const RANK_STATUS_LABEL: Record<RankStatus, string> = {
  within: '名额内',
  tie_at_line: '并列（名额线）',
  outside: '名额外',
  not_ranked: '不参与排序',
};

export interface RankRow {
  applicationId: string;
  /** competition ranking (1, 2, 2, 4); null when not ranked */
  rank: number | null;
  score: number | null;
  status: RankStatus;
  reason: string | null;
  /** the other applicants with the same score, when tied at the quota line */
  tiedWith: string[];
}

export interface QuotaTie {
  /** seats left for the tied group */
  seats: number;
  applicationIds: string[];
  score: number;
  message: string;
}

/**
 * Ranks eligible applicants by score (descending) against `quota`. Equal
 * scores share a rank. A group of equal scores that straddles the quota line
 * is marked 'tie_at_line' — all of them, never broken silently: the panel
 * decides.
 */
export function rankAgainstQuota(quota: number, entries: readonly RankEntry[]): { rows: RankRow[]; tie: QuotaTie | null } {
  const ranked = entries.filter((e) => e.eligible && e.score !== null) as (RankEntry & { score: number })[];
  ranked.sort((a, b) => b.score - a.score || (a.applicationId < b.applicationId ? -1 : 1));
  const rows: RankRow[] = [];
  let tie: QuotaTie | null = null;
  let i = 0;
  while (i < ranked.length) {
    let j = i;
    while (j + 1 < ranked.length && Math.abs(ranked[j + 1]!.score - ranked[i]!.score) < 0.005 - EPS) j++;
    const rank = i + 1;
    const last = j + 1; // position of the group's last member
    const group = ranked.slice(i, j + 1);
    const status: RankStatus = last <= quota ? 'within' : rank > quota ? 'outside' : 'tie_at_line';
    const ids = group.map((g) => g.applicationId);
    for (const g of group) {
      rows.push({ applicationId: g.applicationId, rank, score: g.score, status, reason: null, tiedWith: status === 'tie_at_line' ? ids.filter((x) => x !== g.applicationId) : [] });
    }
    if (status === 'tie_at_line') {
      const seats = quota - (rank - 1);
      tie = {
        seats,
        applicationIds: ids,
        score: group[0]!.score,
        message: `第${rank}名起有${group.length}个申请并列（${group[0]!.score.toFixed(2)}分），名额只剩${seats}个，须由审核小组集体评议决定，系统不自动取舍`,
      };
    }
    i = j + 1;
  }
  for (const e of entries) {
    if (e.eligible && e.score !== null) continue;
    rows.push({ applicationId: e.applicationId, rank: null, score: e.score, status: 'not_ranked', reason: e.reason ?? (e.score === null ? '尚无有效评分' : '不符合排序条件'), tiedWith: [] });
  }
  return { rows, tie };
}

export interface ServiceTypeRanking {
  serviceType: ServiceType;
  label: string;
  quota: number;
  rows: RankRow[];
  withinCount: number;
  tie: QuotaTie | null;
}

/** One ranking per service type; an applicant applying for several types appears in each. */
export function rankByServiceType(
  quota: Record<ServiceType, number>,
  entries: readonly (RankEntry & { serviceTypes: readonly ServiceType[] })[],
): ServiceTypeRanking[] {
  return SERVICE_TYPES.map((t) => {
    const { rows, tie } = rankAgainstQuota(quota[t], entries.filter((e) => e.serviceTypes.includes(t)));
    return { serviceType: t, label: SERVICE_TYPE_LABEL[t], quota: quota[t], rows, withinCount: rows.filter((r) => r.status === 'within').length, tie };
  });
}

// ---------------------------------------------------------------------------
// What keeps deliberation from starting

export const BLOCKER_CODES = [
  'panel_invalid',
  'rubric_not_frozen',
  'sheet_not_submitted',
  'sheet_incomplete',
  'conflict_flag_pending',
  'explanation_missing',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface Blocker {
  code: BlockerCode;
  message: string;
  memberId: string | null;
  applicationId: string | null;
}

export interface BlockerFacts {
  panel: { valid: boolean; message: string };
  rubricFrozen: boolean;
  deviationShare: number;
  members: readonly { id: string; name: string; required: number; done: number; submitted: boolean }[];
  pendingFlags: readonly { memberId: string; memberName: string; applicationId: string; applicationName: string }[];
  /** flagged member totals (computed from the submitted sheets) */
  flagged: readonly { memberId: string; memberName: string; applicationId: string; applicationName: string; direction: 'high' | 'low'; explained: boolean }[];
}

/** Whether every required sheet is submitted and complete. */
export function allSheetsIn(members: BlockerFacts['members']): boolean {
  return members.every((m) => m.required === 0 || (m.submitted && m.done >= m.required));
}

/**
 * Everything that must be settled before 集体评议 starts, in the order a clerk
 * would settle it. Explanations are asked for only once all sheets are in:
 * before that the others' mean still moves.
 */
export function deliberationBlockers(f: BlockerFacts): Blocker[] {
  const out: Blocker[] = [];
  if (!f.panel.valid) out.push({ code: 'panel_invalid', message: f.panel.message, memberId: null, applicationId: null });
  if (!f.rubricFrozen) out.push({ code: 'rubric_not_frozen', message: '评分细则尚未确定（未开始评分）', memberId: null, applicationId: null });
  for (const p of f.pendingFlags) {
    out.push({ code: 'conflict_flag_pending', message: `${p.memberName}与“${p.applicationName}”存在系统提示的可能利害关系，须确认回避或排除`, memberId: p.memberId, applicationId: p.applicationId });
  }
  for (const m of f.members) {
    if (m.required === 0) continue;
    if (!m.submitted) {
      out.push({ code: 'sheet_not_submitted', message: `${m.name}的评分表尚未提交（已评${m.done}/${m.required}个申请）`, memberId: m.id, applicationId: null });
    } else if (m.done < m.required) {
      out.push({ code: 'sheet_incomplete', message: `${m.name}的评分表已提交，但还有${m.required - m.done}个申请未评分（提交后新增的待评申请），须补评`, memberId: m.id, applicationId: null });
    }
  }
  if (allSheetsIn(f.members)) {
    const pct = `${Math.round(f.deviationShare * 100)}%`;
    for (const x of f.flagged) {
      if (x.explained) continue;
      out.push({
        code: 'explanation_missing',
        message: `${x.memberName}对“${x.applicationName}”的评分总分${x.direction === 'high' ? '高于' : '低于'}其他成员均值超过${pct}，须填写评分畸高畸低说明或修改评分`,
        memberId: x.memberId,
        applicationId: x.applicationId,
      });
    }
  }
  return out;
}
