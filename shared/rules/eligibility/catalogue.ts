/**
 * Binds the rule definitions to a region profile: which rules the profile has,
 * with its numbers, articles and scope. A rule whose anchor (threshold,
 * review-content item or not-accepted reason) is absent or null in the profile
 * is not in that profile's catalogue.
 */
import { INSTITUTION_TYPE_LABEL, SERVICE_TYPE_LABEL } from '../../domain/enums';
import { THRESHOLD_META, formatCitation, type Applicability, type Citation, type RegionProfile, type ThresholdKey } from '../../profiles/schema';
import { label } from './helpers';
import { GENERAL_RULES } from './general';
import { MANUAL_RULES } from './manual';
import { NOT_ACCEPTED_RULES } from './notAccepted';
import { SERVICE_RULES } from './services';
import type { Catalogue, CatalogueEntry } from './schemas';
import { RULE_GROUP_LABEL, RULE_KIND_LABEL, type BoundRule, type BoundThreshold, type RuleDef } from './types';

/** Every rule, in the order results are shown. Ids are stable: checklists and matrices refer to them. */
export const ALL_RULES: readonly RuleDef[] = [...NOT_ACCEPTED_RULES, ...GENERAL_RULES, ...SERVICE_RULES, ...MANUAL_RULES];

const ids = new Set<string>();
for (const r of ALL_RULES) {
  if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
  ids.add(r.id);
}

export function getRuleDef(id: string): RuleDef | undefined {
  return ALL_RULES.find((r) => r.id === id);
}

/** Item id of the checklist entry that decides a manual rule with no review-content item of its own. */
export const ruleItemId = (ruleId: string) => `rule:${ruleId}`;

function uniqueCitations(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = formatCitation(c);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function firstReviewContent(profile: RegionProfile, prefs: readonly string[]) {
  for (const id of prefs) {
    const item = profile.reviewContents.find((r) => r.id === id);
    if (item) return item;
  }
  return undefined;
}

/** The rule as it stands in `profile`, or null when the profile does not have it. */
export function bindRule(def: RuleDef, profile: RegionProfile): BoundRule | null {
  const a = def.anchor;
  let citations: Citation[];
  let notes: (string | undefined)[];
  let thresholds: BoundThreshold[] = [];
  let appliesTo: Applicability | undefined;
  let condition: string | null = null;
  switch (a.kind) {
    case 'thresholds': {
      const ts = a.keys.map((k) => [k, profile.thresholds[k]] as const);
      if (ts.some(([, t]) => t === null)) return null;
      thresholds = ts.map(([key, t]) => ({
        key,
        label: THRESHOLD_META[key].label,
        unit: THRESHOLD_META[key].unit,
        value: t!.value,
        source: t!.source,
        condition: t!.condition ?? null,
        note: t!.note ?? null,
        inferred: t!.valueInferred ?? false,
      }));
      citations = thresholds.map((t) => t.source);
      notes = thresholds.map((t) => t.note ?? undefined);
      appliesTo = ts[0]![1]!.appliesTo;
      condition = thresholds.find((t) => t.condition)?.condition ?? null;
      break;
    }
    case 'reviewContent': {
      const item = firstReviewContent(profile, a.ids);
      if (!item) return null;
      citations = [item.source];
      notes = [item.note];
      appliesTo = item.appliesTo;
      break;
    }
    case 'notAccepted': {
      const reason = profile.notAcceptedReasons.find((r) => r.declaredFactKey === a.factKey);
      if (!reason) return null;
      citations = [reason.source];
      notes = [reason.note];
      break;
    }
    case 'notAcceptedUndeclared': {
      const reasons = profile.notAcceptedReasons.filter((r) => !r.declaredFactKey);
      if (reasons.length === 0) return null;
      citations = reasons.map((r) => r.source);
      notes = reasons.map((r) => r.note);
      break;
    }
  }
  let checklistItemIds: string[];
  if (def.kind === 'manual') {
    const item = a.kind === 'reviewContent' ? firstReviewContent(profile, a.ids) : undefined;
    checklistItemIds = [item ? item.id : ruleItemId(def.id)];
  } else {
    const item = firstReviewContent(profile, def.checklist);
    checklistItemIds = item ? [item.id] : [];
  }
  const byKey = new Map(thresholds.map((t) => [t.key, t.value]));
  return {
    def,
    citations: uniqueCitations(citations),
    notes: [...new Set(notes.filter((n): n is string => !!n))],
    thresholds,
    fixed: [...(def.fixed ?? [])],
    appliesTo,
    condition,
    checklistItemIds,
    value(key: ThresholdKey) {
      const v = byKey.get(key);
      if (v === undefined) throw new Error(`rule ${def.id} reads threshold ${key} outside its anchor`);
      return v;
    },
  };
}

/** The rules of a profile, in display order. */
export function ruleCatalogue(profile: RegionProfile): BoundRule[] {
  return ALL_RULES.map((d) => bindRule(d, profile)).filter((b): b is BoundRule => b !== null);
}

/** Why a rule is not in the profile's catalogue, in Chinese. */
function absenceReason(def: RuleDef): string {
  const a = def.anchor;
  switch (a.kind) {
    case 'thresholds':
      return `本地区政策未规定${a.keys.map((k) => `“${THRESHOLD_META[k].label}”`).join('、')}`;
    case 'reviewContent':
      return '本地区政策的审核内容中没有此项';
    case 'notAccepted':
    case 'notAcceptedUndeclared':
      return '本地区政策的不予受理情形中没有此项';
  }
}

/** '仅适用于申请机构护理的养老机构' / '全部申请机构'. */
export function scopeText(a: Applicability | undefined, condition: string | null = null): string {
  const inst = a?.institutionTypes?.map((t) => INSTITUTION_TYPE_LABEL[t]).join('、');
  const svc = a?.serviceTypes?.map((t) => SERVICE_TYPE_LABEL[t]).join('或');
  const cond = condition ? `（${condition}）` : '';
  if (inst && svc) return `仅适用于申请${svc}的${inst}${cond}`;
  if (svc) return `仅适用于申请${svc}的申请机构${cond}`;
  if (inst) return `仅适用于${inst}${cond}`;
  return condition ? `适用于${condition}申请机构` : '全部申请机构';
}

export function catalogueEntry(b: BoundRule): CatalogueEntry {
  const d = b.def;
  return {
    id: d.id,
    title: d.title,
    group: d.group,
    groupLabel: RULE_GROUP_LABEL[d.group],
    kind: d.kind,
    kindLabel: RULE_KIND_LABEL[d.kind],
    requirement: d.requirement(b),
    source: formatCitation(b.citations[0]!),
    sources: b.citations.map((c) => ({ file: c.file, article: c.article, text: formatCitation(c) })),
    thresholds: b.thresholds.map((t) => ({
      key: t.key,
      label: t.label,
      value: t.value,
      unit: t.unit,
      source: formatCitation(t.source),
      condition: t.condition,
      inferred: t.inferred,
      note: t.note,
    })),
    fixedValues: b.fixed.map((f) => ({ ...f })),
    inputs: d.inputs.map((k) => ({ key: k, label: label(k) })),
    appliesTo: {
      ...(b.appliesTo?.institutionTypes ? { institutionTypes: [...b.appliesTo.institutionTypes] } : {}),
      ...(b.appliesTo?.serviceTypes ? { serviceTypes: [...b.appliesTo.serviceTypes] } : {}),
    },
    scope: scopeText(b.appliesTo, b.condition),
    condition: b.condition,
    notes: b.notes,
    checklistItemIds: b.checklistItemIds,
  };
}

/** The catalogue screen / CLI view of a profile. */
export function catalogueOf(profile: RegionProfile): Catalogue {
  const bound = ruleCatalogue(profile);
  const present = new Set(bound.map((b) => b.def.id));
  return {
    profile: { id: profile.id, version: profile.version, name: profile.name, shortName: profile.shortName, sourceFile: profile.sourceFile },
    rules: bound.map(catalogueEntry),
    notInProfile: ALL_RULES.filter((d) => !present.has(d.id)).map((d) => ({ id: d.id, title: d.title, reason: absenceReason(d) })),
  };
}
