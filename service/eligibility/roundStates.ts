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
 * marks); its results are remembered under exactly that content, so a read
 * that finds nothing changed skips the rules, and a change can never be
 * served a stale result.
 *
 * On a member's laptop (a round imported from a round package) the
 * application rows carry only allow-listed fields and no checklist marks: there
 * the results the clerk's laptop evaluated and packaged are used as they are.
 */
import type { Db } from '../../db/queries/types';
import { listApplications, type ApplicationRow } from '../../db/queries/applications';
import { latestMarksOfRound } from '../../db/queries/reviewChecklist';
import { listPackagedEligibility } from '../../db/queries/eligibility';
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
  /** the application rows read (round order) */
  applications: ApplicationRow[];
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
 * shared by loadProfile), keyed by the application's stored data and its latest
 * marks: the whole input of the evaluation. Least recently used first out.
 */
const MEMO_LIMIT = 5_000;
let memos = new WeakMap<RegionProfile, Map<string, Evaluated>>();

/** Forgets every remembered evaluation (for measuring the cold path; results never depend on it). */
export function forgetEvaluations() {
  memos = new WeakMap();
}

function evaluated(profile: RegionProfile, bound: readonly BoundRule[], dataJson: string, marksJson: string): Evaluated {
  let memo = memos.get(profile);
  if (!memo) memos.set(profile, (memo = new Map()));
  const key = `${marksJson}\u0000${dataJson}`;
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const marks = new Map<string, ReviewerMark>();
  for (const [itemId, state, note] of JSON.parse(marksJson) as [string, ReviewerMark['state'], string | null][]) marks.set(itemId, { state, note });
  const e = evaluateOutcomes(bound, JSON.parse(dataJson) as ApplicationData, marks);
  // Shared by every later read of the same content: frozen, so a caller cannot change what others see.
  const out = summarise(Object.freeze(e.outcomes.map((o) => Object.freeze(o))) as RuleOutcome[], Object.freeze(e.notApplicable) as string[], Object.freeze(e.counts), e.overall, 'rules');
  Object.freeze(out.failed);
  Object.freeze(out.pending);
  memo.set(key, Object.freeze(out));
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
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
  const [profile, apps, markRows, packagedRows] = await Promise.all([
    loadProfile(db, r.profile_id, r.profile_version),
    listApplications(db, roundId),
    latestMarksOfRound(db, roundId),
    listPackagedEligibility(db, roundId),
  ]);
  const bound = ruleCatalogue(profile);
  const rules = ruleRefs(bound);
  const marks = new Map(markRows.map((m) => [m.application_id, m.marks]));
  const fromPackage = new Map(packagedRows.map((p) => [p.application_id, p.eligibility_json]));
  const states = new Map<string, ApplicationEligibility>();
  for (const a of apps) {
    const json = fromPackage.get(a.id);
    const e = json ? packaged(json, bound, rules) : evaluated(profile, bound, a.data_json, marks.get(a.id) ?? '[]');
    states.set(a.id, { applicationId: a.id, ...e });
  }
  return { roundId, profile, rules, states, applications: apps };
}
