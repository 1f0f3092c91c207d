/** Builders for rules that differ only in the field, the threshold and the wording. */
import type { ThresholdKey } from '../../profiles/schema';
import { fail, missingOutcome, pass } from './helpers';
import type { RuleDef, RuleGroup } from './types';

/** Application fields holding a count the profile sets a minimum for. */
export type CountField = 'managers' | 'careStaff' | 'doctors' | 'nurses' | 'careBeds';

export interface MinCountRuleSpec {
  id: string;
  title: string;
  group: RuleGroup;
  /** the threshold giving the minimum */
  key: ThresholdKey;
  /** the application field compared with it */
  field: CountField;
  /** what is counted, as the explanations name it, e.g. '执业医师' */
  what: string;
  /** the measure word: '人' (default) or '张' */
  unit?: string;
  checklist: readonly string[];
  /** the requirement with the profile's minimum; default `${what}不少于${n}${unit}` */
  requirement?: (n: number) => string;
}

/** “X不少于N人”: the field must be at least the profile's threshold; missing → manual check. */
export function minCountRule(spec: MinCountRuleSpec): RuleDef {
  const { key, field, what, unit = '人' } = spec;
  const requirement = spec.requirement ?? ((n: number) => `${what}不少于${n}${unit}`);
  return {
    id: spec.id,
    title: spec.title,
    group: spec.group,
    kind: 'automatic',
    inputs: [field],
    anchor: { kind: 'thresholds', keys: [key] },
    checklist: spec.checklist,
    requirement: (b) => requirement(b.value(key)),
    evaluate(d, b) {
      const n = b.value(key);
      const v = d[field];
      if (v === undefined) return missingOutcome([field]);
      const head = `${what} ${v} ${unit}`;
      return v >= n ? pass(`${head}，不少于 ${n} ${unit}`) : fail(`${head}，少于 ${n} ${unit}`);
    },
  };
}
