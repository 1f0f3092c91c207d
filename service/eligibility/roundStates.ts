/**
 * 基础性指标 of a round's applications: the eligibility evaluation (rules from
 * the application's data and the round's profile version, manual rules decided
 * by the reviewer's 审核内容 marks) is the single record of them. The ranking,
 * the scoring sheets, 集体评议 and the round overview all read it from here;
 * the 评分细则 only lists the indicators (by rule id) for display.
 *
 * A round is read with a fixed number of queries (round, profile version,
 * applications, the latest checklist marks, packaged results) and evaluated in
 * memory with the same `decide` as the 基础性指标 tab (evaluateOutcomes), so a
 * round of 1,000 applications costs no more queries than a round of one. The
 * evaluation is a pure function of (profile version, application data, latest
 * marks); each application's result is remembered with the data it was made
 * from and its marks' stamp, so a read that finds nothing changed skips the
 * rules and the mark contents, and a changed application is evaluated afresh.
 *
 * On a member's laptop (a round imported from a round package) the
 * application rows carry only allow-listed fields and no checklist marks: there
 * the results the clerk's laptop evaluated and packaged are used as they are.
 */
import type { Db } from '../../db/queries/types';
import { latestMarks } from '../../db/queries/reviewChecklist';
import { listApplicationsForEligibility, listPackagedEligibility, type EligibilityApplicationRow } from '../../db/queries/eligibility';
import type { RoundRow } from '../../db/queries/rounds';
import { loadProfile } from '../profiles';
import { requireRound } from '../handlers/rounds';
import { formatCitation, type RegionProfile } from '../../shared/profiles/schema';
import type { BasicIndicatorStanding } from '../../shared/rules/aggregation';
import {
  evaluateOutcomes,
  ruleCatalogue,
  type BoundRule,
  type OverallState,
  type ReviewerMark,
  type RuleOutcome,
  type RuleState,
  type StateCounts,
} from '../../shared/rules/eligibility';
import type { PackageEligibility } from '../../shared/offline/packageData';
import type { ApplicationData } from '../../shared/domain/application';

export interface RuleRef {
  id: string;
  title: string;
  /** the rule's articles, e.g. '000 第七条（三）' */
  citations: string[];
}

export interface ApplicationEligibility {
  applicationId: string;
  overall: OverallState;
  counts: StateCounts;
  /** ids of the rules not met, in catalogue order */
  failed: string[];
  /** ids of the rules waiting for a reviewer's check (待人工核查) */
  pending: string[];
  /** every applicable rule's result, in catalogue order */
  outcomes: RuleOutcome[];
  /** ids of the rules that do not concern the applicant */
  notApplicable: string[];
  /** rules = evaluated here; package = as the round package says (member laptop) */
  source: 'rules' | 'package';
}

export interface RoundEligibility {
  roundId: string;
  profile: RegionProfile;
  /** every rule of the round's profile version (and any a package names), by id */
  rules: Map<string, RuleRef>;
  /** every application of the round, by id */
  states: Map<string, ApplicationEligibility>;
  /** the applications read (round order) */
  applications: EligibilityApplicationRow[];
}

export type BasicState = 'passed' | 'failed' | 'pending';

/** The 基础性指标 state the scoring and deliberation contracts show (BASIC_STATES). */
export function basicStateOf(overall: OverallState): BasicState {
  return overall === 'all_pass' ? 'passed' : overall === 'some_fail' ? 'failed' : 'pending';
}

/** What the ranking needs: the overall state, the titles of the rules not met, how many are pending. */
export function standingOf(e: ApplicationEligibility, rules: ReadonlyMap<string, RuleRef>): BasicIndicatorStanding {
  return { overall: e.overall, failed: e.failed.map((id) => rules.get(id)?.title ?? id), pending: e.pending.length };
}

function ruleRefs(bound: readonly BoundRule[]): Map<string, RuleRef> {
  return new Map(bound.map((b) => [b.def.id, { id: b.def.id, title: b.def.title, citations: b.citations.map(formatCitation) }]));
}

type Evaluated = Omit<ApplicationEligibility, 'applicationId'>;

function summarise(outcomes: RuleOutcome[], notApplicable: string[], counts: StateCounts, overall: OverallState, source: ApplicationEligibility['source']): Evaluated {
  const failed: string[] = [];
  const pending: string[] = [];
  for (const o of outcomes) {
    if (o.state === 'fail') failed.push(o.ruleId);
    else if (o.state === 'manual') pending.push(o.ruleId);
  }
  return { overall, counts, failed, pending, outcomes, notApplicable, source };
}

/**
 * Evaluations remembered per profile version (the parsed profile object is
 * shared by loadProfile) and application: with the stored data they were made
 * from (compared in full) and the application's mark stamp (count and newest
 * seq of its marks, which are append-only). Only results read outside a
 * transaction are remembered, so nothing uncommitted is ever kept. Oldest
 * first out.
 */
interface Remembered {
  dataJson: string;
  stamp: string;
  result: Evaluated;
}
const MEMO_LIMIT = 5_000;
let memos = new WeakMap<RegionProfile, Map<string, Remembered>>();

/** Forgets every remembered evaluation (for measuring the cold path; results never depend on it). */
export function forgetEvaluations() {
  memos = new WeakMap();
}

function evaluate(bound: readonly BoundRule[], dataJson: string, marks: ReadonlyMap<string, ReviewerMark>): Evaluated {
  const e = evaluateOutcomes(bound, JSON.parse(dataJson) as ApplicationData, marks);
  // Possibly shared with later reads: frozen, so a caller cannot change what others see.
  const out = summarise(Object.freeze(e.outcomes.map((o) => Object.freeze(o))) as RuleOutcome[], Object.freeze(e.notApplicable) as string[], Object.freeze(e.counts), e.overall, 'rules');
  Object.freeze(out.failed);
  Object.freeze(out.pending);
  return Object.freeze(out);
}

/** Evaluates the applications whose data or marks changed since they were last evaluated; the rest come from memory. */
async function evaluateRound(db: Db, roundId: string, profile: RegionProfile, bound: readonly BoundRule[], apps: readonly EligibilityApplicationRow[]): Promise<Map<string, Evaluated>> {
  let memo = memos.get(profile);
  if (!memo) memos.set(profile, (memo = new Map()));
  const out = new Map<string, Evaluated>();
  const stale: EligibilityApplicationRow[] = [];
  for (const a of apps) {
    const hit = memo.get(a.id);
    if (hit && hit.stamp === a.stamp && hit.dataJson === a.data_json) out.set(a.id, hit.result);
    else stale.push(a);
  }
  if (stale.length === 0) return out;
  // One read of the marks either way: the whole round's, or only the changed applications' (bound parameters, in chunks).
  const rows =
    stale.length > 400
      ? await latestMarks(db, { roundId })
      : (await Promise.all(chunks(stale.map((a) => a.id), 400).map((ids) => latestMarks(db, { applicationIds: ids })))).flat();
  const marksJson = new Map(rows.map((r) => [r.application_id, r.marks]));
  const keep = !db.isTransaction;
  for (const a of stale) {
    const marks = new Map<string, ReviewerMark>();
    for (const [itemId, state, note] of JSON.parse(marksJson.get(a.id) ?? '[]') as [string, ReviewerMark['state'], string | null][]) marks.set(itemId, { state, note });
    const result = evaluate(bound, a.data_json, marks);
    out.set(a.id, result);
    if (keep) {
      memo.delete(a.id);
      memo.set(a.id, { dataJson: a.data_json, stamp: a.stamp, result });
      if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
    }
  }
  return out;
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A package's results as they were exported; rule titles it names are added to `rules`. */
function packaged(json: string, bound: readonly BoundRule[], rules: Map<string, RuleRef>): Evaluated {
  const e = (JSON.parse(json) as { eligibility: PackageEligibility }).eligibility;
  for (const r of e.results) if (!rules.has(r.ruleId)) rules.set(r.ruleId, { id: r.ruleId, title: r.title, citations: r.citations });
  const present = new Set(e.results.map((r) => r.ruleId));
  const outcomes = e.results.map((r) => ({ ruleId: r.ruleId, state: r.state as RuleState, explanation: r.explanation }));
  return summarise(outcomes, bound.map((b) => b.def.id).filter((id) => !present.has(id)), e.counts, e.overall, 'package');
}

/**
 * Every application of a round with its overall 基础性指标 state and the ids
 * of the rules failed and pending. `round` may be passed when the caller has
 * read it already.
 */
export async function roundEligibility(db: Db, roundId: string, round?: RoundRow): Promise<RoundEligibility> {
  const r = round ?? (await requireRound(db, roundId));
  const [profile, apps, packagedRows] = await Promise.all([
    loadProfile(db, r.profile_id, r.profile_version),
    listApplicationsForEligibility(db, roundId),
    listPackagedEligibility(db, roundId),
  ]);
  const bound = ruleCatalogue(profile);
  const rules = ruleRefs(bound);
  const fromPackage = new Map(packagedRows.map((p) => [p.application_id, p.eligibility_json]));
  const local = await evaluateRound(
    db,
    roundId,
    profile,
    bound,
    apps.filter((a) => !fromPackage.has(a.id)),
  );
  const states = new Map<string, ApplicationEligibility>();
  for (const a of apps) {
    const json = fromPackage.get(a.id);
    states.set(a.id, { applicationId: a.id, ...(json ? packaged(json, bound, rules) : local.get(a.id)!) });
  }
  return { roundId, profile, rules, states, applications: apps };
}
