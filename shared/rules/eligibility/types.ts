import type { Applicability, Citation, ThresholdKey } from '../../profiles/schema';
import type { ApplicationData } from '../../domain/application';

/**
 * Eligibility rules (基础性指标): small named functions over an application's
 * data and a region profile. Every number and every citation a rule uses comes
 * from the profile; a rule only decides how to compare.
 */

/** pass = 符合; fail = 不符合; manual = 待人工核查 (a human must decide, or data is missing); warning = 提示 (does not block). */
export const RULE_STATES = ['pass', 'fail', 'manual', 'warning'] as const;
export type RuleState = (typeof RULE_STATES)[number];
export const RULE_STATE_LABEL: Record<RuleState, string> = {
  pass: '符合',
  fail: '不符合',
  manual: '待人工核查',
  warning: '提示',
};

export const RULE_GROUPS = ['not_accepted', 'general', 'home_community', 'institutional', 'manual'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];
export const RULE_GROUP_LABEL: Record<RuleGroup, string> = {
  not_accepted: '不予受理情形',
  general: '基本条件',
  home_community: '居家/社区护理',
  institutional: '机构护理',
  manual: '人工核查项',
};

/** automatic = decided from the application's numbers and dates; declaration = from the applicant's declared facts; manual = a reviewer decides. */
export const RULE_KINDS = ['automatic', 'declaration', 'manual'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  automatic: '自动核查',
  declaration: '声明事项核查',
  manual: '人工核查',
};

/**
 * What ties a rule to a profile: the rule is in the profile's catalogue only
 * when its anchor is there, and its citations are the anchor's sources.
 */
export type Anchor =
  /** every listed threshold is set (non-null) in the profile; the first one decides applicability */
  | { kind: 'thresholds'; keys: readonly ThresholdKey[] }
  /** the first of these review-content items present in the profile */
  | { kind: 'reviewContent'; ids: readonly string[] }
  /** the not-accepted reason carrying this declared-fact key */
  | { kind: 'notAccepted'; factKey: string }
  /** every not-accepted reason without a declared-fact key (e.g. 004 第十四条（七）) */
  | { kind: 'notAcceptedUndeclared' };

/** A value the text fixes and the profile schema does not parameterise (e.g. “未满3年”), shown in the catalogue. */
export interface FixedValue {
  label: string;
  value: number;
  unit: string;
}

export interface BoundThreshold {
  key: ThresholdKey;
  label: string;
  unit: string;
  value: number;
  source: Citation;
  condition: string | null;
  note: string | null;
  inferred: boolean;
}

/** A rule as it stands in one profile: its numbers, citations and scope filled in from that profile. */
export interface BoundRule {
  def: RuleDef;
  citations: Citation[];
  /** notes of the profile items the rule rests on (why a number is inferred, what a text leaves open…) */
  notes: string[];
  thresholds: BoundThreshold[];
  fixed: FixedValue[];
  appliesTo: Applicability | undefined;
  /** a condition the applicability axes cannot express, e.g. '具备医疗资质的' */
  condition: string | null;
  /** the review-content items (审核内容) this rule informs or, for a manual rule, is decided by */
  checklistItemIds: string[];
  /** threshold value by key (only keys of the anchor) */
  value(key: ThresholdKey): number;
}

export interface Outcome {
  state: RuleState;
  /** Chinese, showing the numbers */
  explanation: string;
  /** field keys whose absence made this a manual check */
  missing?: string[];
}

export interface RuleDef {
  id: string;
  /** short Chinese title, the same in every profile */
  title: string;
  group: RuleGroup;
  kind: RuleKind;
  /** application field keys the rule reads */
  inputs: readonly string[];
  anchor: Anchor;
  /** review-content ids, in order of preference: the first one present in the profile is linked */
  checklist: readonly string[];
  fixed?: readonly FixedValue[];
  /** The requirement in Chinese with the profile's numbers, e.g. '护理床位不少于20张'. */
  requirement(b: BoundRule): string;
  /** Pure: decides from the data; never called when the rule does not apply to the applicant. */
  evaluate(data: ApplicationData, b: BoundRule): Outcome;
}

/** A reviewer's mark on a review-content item (审核内容), as stored. */
export interface ReviewerMark {
  state: 'met' | 'not_met' | 'pending';
  note: string | null;
}
