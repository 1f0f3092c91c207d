/**
 * The shapes eligibility results take across the contract (zod, so the service's
 * answers are checked like every other method's). Types are inferred from here.
 */
import { z } from 'zod';
import { INSTITUTION_TYPES, SERVICE_TYPES } from '../../domain/enums';
import { CITATION_FILES } from '../../profiles/schema';
import { APPLICATION_STATUSES } from '../../domain/application';
import { RULE_GROUPS, RULE_KINDS, RULE_STATES } from './types';

export const CHECKLIST_STATES = ['met', 'not_met', 'pending'] as const;
export type ChecklistState = (typeof CHECKLIST_STATES)[number];
export const CHECKLIST_STATE_LABEL: Record<ChecklistState, string> = { met: '符合', not_met: '不符合', pending: '待定' };

export const OVERALL_STATES = ['all_pass', 'some_fail', 'manual_pending'] as const;
export type OverallState = (typeof OVERALL_STATES)[number];
export const OVERALL_STATE_LABEL: Record<OverallState, string> = {
  all_pass: '基础性指标全部符合',
  some_fail: '有不符合的基础性指标',
  manual_pending: '有待人工核查的基础性指标',
};

/** A matrix cell: a rule's state for one applicant, or na = the rule does not concern it. */
export const CELL_STATES = [...RULE_STATES, 'na'] as const;
export type CellState = (typeof CELL_STATES)[number];

const fieldRef = z.object({ key: z.string(), label: z.string() });
const citationRef = z.object({ file: z.enum(CITATION_FILES), article: z.string(), text: z.string() });

export const catalogueEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  group: z.enum(RULE_GROUPS),
  groupLabel: z.string(),
  kind: z.enum(RULE_KINDS),
  kindLabel: z.string(),
  /** the requirement with this profile's numbers */
  requirement: z.string(),
  /** the first citation formatted, e.g. '000 第七条（三）' */
  source: z.string(),
  sources: z.array(citationRef),
  thresholds: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      value: z.number(),
      unit: z.string(),
      source: z.string(),
      condition: z.string().nullable(),
      inferred: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  /** values the text fixes (e.g. “未满3年”) that a profile edit cannot change */
  fixedValues: z.array(z.object({ label: z.string(), value: z.number(), unit: z.string() })),
  inputs: z.array(fieldRef),
  appliesTo: z.object({
    institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).optional(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)).optional(),
  }),
  /** '仅适用于申请机构护理的养老机构' or '全部申请机构' */
  scope: z.string(),
  condition: z.string().nullable(),
  notes: z.array(z.string()),
  checklistItemIds: z.array(z.string()),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const profileRefSchema = z.object({ id: z.string(), version: z.number().int(), name: z.string(), shortName: z.string(), sourceFile: z.string() });

export const catalogueSchema = z.object({
  profile: profileRefSchema,
  rules: z.array(catalogueEntrySchema),
  /** rules of other regions this profile does not have, with why */
  notInProfile: z.array(z.object({ id: z.string(), title: z.string(), reason: z.string() })),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const ruleResultSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  group: z.enum(RULE_GROUPS),
  kind: z.enum(RULE_KINDS),
  state: z.enum(RULE_STATES),
  explanation: z.string(),
  requirement: z.string(),
  citations: z.array(z.string()),
  inputs: z.array(fieldRef),
  missingFields: z.array(fieldRef),
  checklistItemIds: z.array(z.string()),
  /** rule = decided from the data; reviewer = a manual check decided by the reviewer's checklist mark */
  decidedBy: z.enum(['rule', 'reviewer']),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const notApplicableSchema = z.object({ ruleId: z.string(), title: z.string(), group: z.enum(RULE_GROUPS), reason: z.string(), citations: z.array(z.string()) });
export type NotApplicable = z.infer<typeof notApplicableSchema>;

export const stateCountsSchema = z.object({ pass: z.number().int(), fail: z.number().int(), manual: z.number().int(), warning: z.number().int() });
export type StateCounts = z.infer<typeof stateCountsSchema>;

export const checklistItemSchema = z.object({
  itemId: z.string(),
  title: z.string(),
  citation: z.string(),
  /** the profile's note on the item, if any */
  profileNote: z.string().nullable(),
  state: z.enum(CHECKLIST_STATES),
  /** reviewer = marked by a reviewer; rules = pre-filled from rule results, not yet confirmed; none = nothing yet */
  source: z.enum(['reviewer', 'rules', 'none']),
  note: z.string().nullable(),
  markedBy: z.string().nullable(),
  markedAt: z.string().nullable(),
  suggestion: z
    .object({ state: z.enum(CHECKLIST_STATES), ruleIds: z.array(z.string()), explanation: z.string() })
    .nullable(),
  rules: z.array(z.object({ ruleId: z.string(), title: z.string(), state: z.enum(RULE_STATES) })),
  /** earlier marks, newest first (marks are append-only) */
  history: z.array(z.object({ state: z.enum(CHECKLIST_STATES), note: z.string().nullable(), markedBy: z.string(), markedAt: z.string() })),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const eligibilitySchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  profile: profileRefSchema,
  /** the date the time-based rules count to (the application's 受理日期) */
  referenceDate: z.string(),
  title: z.literal('基础性指标'),
  overall: z.enum(OVERALL_STATES),
  overallLabel: z.string(),
  counts: stateCountsSchema,
  groups: z.array(z.object({ id: z.enum(RULE_GROUPS), title: z.string(), results: z.array(ruleResultSchema) })),
  notApplicable: z.array(notApplicableSchema),
  checklist: z.object({
    items: z.array(checklistItemSchema),
    counts: z.object({ met: z.number().int(), not_met: z.number().int(), pending: z.number().int(), unconfirmed: z.number().int() }),
    canMark: z.boolean(),
    /** why marking is not possible (closed round, finished application), else null */
    blocker: z.string().nullable(),
  }),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const matrixSchema = z.object({
  roundId: z.string(),
  profile: profileRefSchema,
  rules: z.array(z.object({ id: z.string(), title: z.string(), group: z.enum(RULE_GROUPS), kind: z.enum(RULE_KINDS), citation: z.string() })),
  rows: z.array(
    z.object({
      applicationId: z.string(),
      applicationNo: z.string(),
      name: z.string(),
      status: z.string(),
      overall: z.enum(OVERALL_STATES),
      counts: stateCountsSchema,
      /** rule id → state; every rule of `rules` has a cell */
      cells: z.record(z.string(), z.enum(CELL_STATES)),
      /** explanations of the fail / manual / warning cells, for a tooltip */
      notes: z.record(z.string(), z.string()),
    }),
  ),
});
export type Matrix = z.infer<typeof matrixSchema>;

/** 基础性指标 of every application of a round, summarised (the single record the ranking uses). */
export const roundStatesSchema = z.object({
  roundId: z.string(),
  profile: profileRefSchema,
  /** every rule of the round's profile version, for the titles of failed and pending ids */
  rules: z.array(z.object({ id: z.string(), title: z.string(), citations: z.array(z.string()) })),
  applications: z.array(
    z.object({
      applicationId: z.string(),
      applicationNo: z.string(),
      name: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      overall: z.enum(OVERALL_STATES),
      overallLabel: z.string(),
      counts: stateCountsSchema,
      /** rules not met, in catalogue order */
      failedRuleIds: z.array(z.string()),
      /** rules waiting for a reviewer's check (待人工核查) */
      pendingRuleIds: z.array(z.string()),
      /** why the application cannot be ranked whatever its score (formal check, basic indicators), null when it can */
      exclusion: z.string().nullable(),
    }),
  ),
  counts: z.object({ all_pass: z.number().int(), some_fail: z.number().int(), manual_pending: z.number().int() }),
});
export type RoundStates = z.infer<typeof roundStatesSchema>;
