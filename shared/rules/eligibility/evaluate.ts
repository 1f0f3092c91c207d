/**
 * Evaluates the catalogue of a profile against one application, and builds the
 * review-contents checklist pre-filled from the results. Pure: the service calls
 * it on every read, so an edit to the application shows at once.
 */
import type { ApplicationData } from '../../domain/application';
import { appliesToApplicant } from '../../profiles';
import { formatCitation, type RegionProfile } from '../../profiles/schema';
import { catalogueEntry, ruleCatalogue, ruleItemId, scopeText } from './catalogue';
import { isMedicalCondition, label, medicalQualification, missingOutcome } from './helpers';
import type { ChecklistItem, ChecklistState, NotApplicable, OverallState, RuleResult, StateCounts } from './schemas';
import { RULE_GROUPS, RULE_GROUP_LABEL, type BoundRule, type Outcome, type ReviewerMark, type RuleGroup, type RuleState } from './types';

export interface StoredMark extends ReviewerMark {
  markedBy: string;
  markedAt: string;
}

export interface Evaluation {
  results: RuleResult[];
  notApplicable: NotApplicable[];
  overall: OverallState;
  counts: StateCounts;
}

type Decided = { outcome: Outcome; decidedBy: 'rule' | 'reviewer' } | { na: string };

/** Applicability, the profile's condition, the reviewer's mark for manual rules, then the rule itself. */
function decide(b: BoundRule, data: ApplicationData, marks: ReadonlyMap<string, ReviewerMark>): Decided {
  const scope = { institutionType: data.institutionType, serviceTypes: data.serviceTypes };
  if (!appliesToApplicant(b.appliesTo, scope)) return { na: scopeText(b.appliesTo) };

  if (b.def.kind === 'manual') {
    const mark = marks.get(b.checklistItemIds[0]!);
    const note = mark?.note ? `：${mark.note}` : '';
    if (mark?.state === 'met') return { outcome: { state: 'pass', explanation: `审核人员核查符合${note}` }, decidedBy: 'reviewer' };
    if (mark?.state === 'not_met') return { outcome: { state: 'fail', explanation: `审核人员核查不符合${note}` }, decidedBy: 'reviewer' };
    return { outcome: b.def.evaluate(data, b), decidedBy: 'rule' };
  }

  if (b.condition && isMedicalCondition(b.condition)) {
    const q = medicalQualification(data);
    if (!q) return { outcome: missingOutcome(['hasMedicalQualification'], `本项仅适用于${b.condition}申请机构，无法判断是否适用`), decidedBy: 'rule' };
    if (!q.value) return { na: `${q.basis}；本项仅适用于${b.condition}申请机构` };
    const o = b.def.evaluate(data, b);
    return { outcome: { ...o, explanation: `${o.explanation}（${q.basis}）` }, decidedBy: 'rule' };
  }

  const o = b.def.evaluate(data, b);
  if (b.condition && o.state === 'fail') {
    // A condition the rules cannot read (an agency's own wording): a failure may not concern this applicant.
    return {
      outcome: { state: 'manual', explanation: `本项适用条件为“${b.condition}”，系统无法判断是否适用，请人工核查：${o.explanation}` },
      decidedBy: 'rule',
    };
  }
  return { outcome: o, decidedBy: 'rule' };
}

export function overallOf(counts: StateCounts): OverallState {
  if (counts.fail > 0) return 'some_fail';
  if (counts.manual > 0) return 'manual_pending';
  return 'all_pass';
}

export function evaluateBound(bound: readonly BoundRule[], data: ApplicationData, marks: ReadonlyMap<string, ReviewerMark> = new Map()): Evaluation {
  const results: RuleResult[] = [];
  const notApplicable: NotApplicable[] = [];
  for (const b of bound) {
    const citations = b.citations.map(formatCitation);
    const r = decide(b, data, marks);
    if ('na' in r) {
      notApplicable.push({ ruleId: b.def.id, title: b.def.title, group: b.def.group, reason: r.na, citations });
      continue;
    }
    const entry = catalogueEntry(b);
    results.push({
      ruleId: b.def.id,
      title: b.def.title,
      group: b.def.group,
      kind: b.def.kind,
      state: r.outcome.state,
      explanation: r.outcome.explanation,
      requirement: entry.requirement,
      citations,
      inputs: entry.inputs,
      missingFields: (r.outcome.missing ?? []).map((k) => ({ key: k, label: label(k) })),
      checklistItemIds: b.checklistItemIds,
      decidedBy: r.decidedBy,
    });
  }
  const counts: StateCounts = { pass: 0, fail: 0, manual: 0, warning: 0 };
  for (const r of results) counts[r.state]++;
  return { results, notApplicable, counts, overall: overallOf(counts) };
}

/** One rule's result without the display payload (requirement, inputs, citations): what a round-level summary needs. */
export interface RuleOutcome {
  ruleId: string;
  state: RuleState;
  explanation: string;
}

export interface OutcomeSummary {
  outcomes: RuleOutcome[];
  /** ids of the rules that do not concern the applicant */
  notApplicable: string[];
  counts: StateCounts;
  overall: OverallState;
}

/**
 * The same decisions as `evaluateBound` (one `decide` per rule, the same
 * overall), without building the display payload of each result: for
 * summarising a whole round (1,000 applications) on every read.
 */
export function evaluateOutcomes(bound: readonly BoundRule[], data: ApplicationData, marks: ReadonlyMap<string, ReviewerMark> = new Map()): OutcomeSummary {
  const outcomes: RuleOutcome[] = [];
  const notApplicable: string[] = [];
  const counts: StateCounts = { pass: 0, fail: 0, manual: 0, warning: 0 };
  for (const b of bound) {
    const r = decide(b, data, marks);
    if ('na' in r) {
      notApplicable.push(b.def.id);
      continue;
    }
    outcomes.push({ ruleId: b.def.id, state: r.outcome.state, explanation: r.outcome.explanation });
    counts[r.outcome.state]++;
  }
  return { outcomes, notApplicable, counts, overall: overallOf(counts) };
}

/** Evaluates every rule of `profile` for one application. `marks` are the reviewer's checklist marks by item id. */
export function evaluateApplication(profile: RegionProfile, data: ApplicationData, marks: ReadonlyMap<string, ReviewerMark> = new Map()): Evaluation {
  return evaluateBound(ruleCatalogue(profile), data, marks);
}

/** Results grouped for display, empty groups dropped. */
export function groupResults(results: readonly RuleResult[]): { id: RuleGroup; title: string; results: RuleResult[] }[] {
  return RULE_GROUPS.map((g) => ({ id: g, title: RULE_GROUP_LABEL[g], results: results.filter((r) => r.group === g) })).filter((g) => g.results.length > 0);
}

/**
 * What the automatic and declaration rules linked to an item say about it: any
 * failure → 不符合; all passing → 符合, unless the item also has a part only a
 * reviewer can check (a manual rule), which keeps it 待定.
 */
function suggestionFor(itemId: string, results: readonly RuleResult[]): ChecklistItem['suggestion'] {
  const onItem = results.filter((r) => r.checklistItemIds.includes(itemId));
  const linked = onItem.filter((r) => r.kind !== 'manual');
  if (linked.length === 0) return null;
  const ruleIds = linked.map((r) => r.ruleId);
  const failing = linked.filter((r) => r.state === 'fail');
  if (failing.length > 0) {
    return { state: 'not_met', ruleIds, explanation: `规则判定不符合：${failing.map((r) => `${r.title}（${r.explanation}）`).join('；')}` };
  }
  const open = linked.filter((r) => r.state === 'manual');
  if (open.length > 0) {
    return { state: 'pending', ruleIds, explanation: `相关规则待人工核查：${open.map((r) => r.title).join('、')}` };
  }
  const human = onItem.filter((r) => r.kind === 'manual' && r.state === 'manual');
  if (human.length > 0) {
    return {
      state: 'pending',
      ruleIds,
      explanation: `自动核查项均符合：${linked.map((r) => r.title).join('、')}；另须人工核查：${human.map((r) => r.title).join('、')}`,
    };
  }
  return { state: 'met', ruleIds, explanation: `相关规则均符合：${linked.map((r) => r.title).join('、')}` };
}

/**
 * The review-contents checklist (审核内容) of one application: the profile's items
 * that concern it, then one item per manual rule that has no item of its own.
 * An item's state is the reviewer's latest mark, else the rules' suggestion.
 */
export function buildChecklist(
  profile: RegionProfile,
  data: ApplicationData,
  evaluation: Evaluation,
  marks: ReadonlyMap<string, StoredMark>,
  history: ReadonlyMap<string, StoredMark[]> = new Map(),
): ChecklistItem[] {
  const scope = { institutionType: data.institutionType, serviceTypes: data.serviceTypes };
  const base = profile.reviewContents
    .filter((c) => appliesToApplicant(c.appliesTo, scope))
    .map((c) => ({ itemId: c.id, title: c.title, citation: formatCitation(c.source), profileNote: c.note ?? null }));
  const own = evaluation.results
    .filter((r) => r.kind === 'manual' && r.checklistItemIds[0] === ruleItemId(r.ruleId))
    .map((r) => ({ itemId: ruleItemId(r.ruleId), title: r.title, citation: r.citations.join('、'), profileNote: null }));
  return [...base, ...own].map((item) => {
    const mark = marks.get(item.itemId);
    const suggestion = suggestionFor(item.itemId, evaluation.results);
    const state: ChecklistState = mark?.state ?? suggestion?.state ?? 'pending';
    return {
      ...item,
      state,
      source: mark ? 'reviewer' : suggestion ? 'rules' : 'none',
      note: mark?.note ?? null,
      markedBy: mark?.markedBy ?? null,
      markedAt: mark?.markedAt ?? null,
      suggestion,
      rules: evaluation.results
        .filter((r) => r.checklistItemIds.includes(item.itemId))
        .map((r) => ({ ruleId: r.ruleId, title: r.title, state: r.state })),
      history: (history.get(item.itemId) ?? []).map((h) => ({ state: h.state, note: h.note, markedBy: h.markedBy, markedAt: h.markedAt })),
    };
  });
}

export function checklistCounts(items: readonly ChecklistItem[]) {
  return {
    met: items.filter((i) => i.state === 'met').length,
    not_met: items.filter((i) => i.state === 'not_met').length,
    pending: items.filter((i) => i.state === 'pending').length,
    unconfirmed: items.filter((i) => i.source !== 'reviewer').length,
  };
}
