import { z } from 'zod';
import { requiredText, optionalText } from '../../domain/common';
import { INSTITUTION_TYPES, SERVICE_TYPES } from '../../domain/enums';
import { APPLICATION_STATUSES } from '../../domain/application';
import { CONFLICT_KINDS, PANEL_ROLES } from '../../rules/panel';
import { BLOCKER_CODES, RANK_STATUSES } from '../../rules/aggregation';
import { rubricDefinitionSchema } from '../../rubric/rubric';
import { CELL_STATES, OVERALL_STATES } from '../../rules/eligibility/schemas';
import { RULE_STATES } from '../../rules/eligibility/types';
import { byRound, ok } from './common';
import { pinSchema } from './panel';

/**
 * 评分细则 (rubric versions), independent scoring by panel members, the
 * aggregation and the ranking. Member actions carry `actingMemberId` and the
 * `session` returned by `scoring.signIn` (PIN-verified), so on a shared laptop
 * one member cannot read or write another's sheet.
 */

// ---------------------------------------------------------------------------
// Rubric

export const aggregationConfigSchema = z.object({
  trimEnabled: z.boolean(),
  trimMinCount: z.number({ message: '人数应为数字' }).int({ message: '人数应为整数' }).min(3, { message: '至少3人才能去掉最高最低分' }).max(99),
  deviationShare: z.number({ message: '比例应为数字' }).gt(0, { message: '比例应大于0' }).lt(1, { message: '比例应小于100%' }),
  spreadShare: z.number({ message: '比例应为数字' }).gt(0, { message: '比例应大于0' }).max(1, { message: '比例不能超过100%' }),
});

export const rubricVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'frozen']),
  /** why this version replaced the previous one (required from version 2) */
  reason: z.string().nullable(),
  definition: rubricDefinitionSchema,
  /** arithmetic and id problems; a rubric with issues cannot be frozen */
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  criteriaCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
});
export type RubricVersion = z.infer<typeof rubricVersionSchema>;

export const rubricStateSchema = z.object({
  roundId: z.string(),
  /** the latest version (draft or frozen), null before one is created */
  current: rubricVersionSchema.nullable(),
  versions: z.array(z.object({ id: z.string(), version: z.number().int(), status: z.enum(['draft', 'frozen']), reason: z.string().nullable(), createdAt: z.string(), frozenAt: z.string().nullable(), scoreCount: z.number().int() })),
  config: aggregationConfigSchema,
  /** what saveDraft / freeze / newVersion would refuse, in Chinese */
  blockers: z.object({ saveDraft: z.string().nullable(), freeze: z.string().nullable(), newVersion: z.string().nullable() }),
});
export type RubricState = z.infer<typeof rubricStateSchema>;

export const rubricTemplateSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), definition: rubricDefinitionSchema });

// ---------------------------------------------------------------------------
// Scoring

export const actorSchema = byRound.extend({
  actingMemberId: z.string().min(1, { message: '请先选择评分成员' }),
  session: z.string().min(1, { message: '请先输入PIN登录' }),
});

const scoreEntrySchema = z.object({
  criterionId: z.string().min(1),
  points: z.number({ message: '得分应为数字' }),
  /** absent = keep the current comment; null or '' = clear it */
  comment: z.string().trim().max(500, { message: '评语不能超过500个字' }).nullish(),
});

export const SHEET_APPLICANT_STATES = ['to_score', 'stepped_aside', 'flag_pending', 'not_required'] as const;

export const memberFlagSchema = z.object({
  direction: z.enum(['high', 'low']),
  /** share of the others' mean, e.g. 0.25; null when the others' mean is 0 */
  deviation: z.number().nullable(),
  explained: z.boolean(),
});

export const sheetViewSchema = z.object({
  roundId: z.string(),
  rubricId: z.string(),
  rubricVersion: z.number().int(),
  rubric: rubricDefinitionSchema,
  member: z.object({ id: z.string(), name: z.string(), role: z.enum(PANEL_ROLES) }),
  status: z.enum(['draft', 'submitted']),
  submittedAt: z.string().nullable(),
  applicants: z.array(
    z.object({
      applicationId: z.string(),
      applicationNo: z.string(),
      name: z.string(),
      institutionType: z.enum(INSTITUTION_TYPES),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)),
      state: z.enum(SHEET_APPLICANT_STATES),
      /** why stepped aside / what the flag says / why not required */
      reason: z.string().nullable(),
      scored: z.number().int(),
      total: z.number().nullable(),
      complete: z.boolean(),
      /** the member's own dispersion flag, shown once every sheet is in */
      flag: memberFlagSchema.nullable(),
    }),
  ),
  progress: z.object({ required: z.number().int(), done: z.number().int() }),
  canSubmit: z.boolean(),
  submitBlocker: z.string().nullable(),
  allSheetsIn: z.boolean(),
});
export type SheetView = z.infer<typeof sheetViewSchema>;

export const entryViewSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  state: z.enum(SHEET_APPLICANT_STATES),
  reason: z.string().nullable(),
  sheetStatus: z.enum(['draft', 'submitted']),
  scores: z.array(
    z.object({
      criterionId: z.string(),
      points: z.number().nullable(),
      comment: z.string().nullable(),
      scoreId: z.string().nullable(),
      enteredAt: z.string().nullable(),
      /** how many earlier versions this score superseded */
      revisions: z.number().int(),
    }),
  ),
  total: z.number(),
  complete: z.boolean(),
  explanation: z.string().nullable(),
});
export type EntryView = z.infer<typeof entryViewSchema>;

export const scoreHistorySchema = z.array(
  z.object({
    scoreId: z.string(),
    points: z.number(),
    comment: z.string().nullable(),
    supersedes: z.string().nullable(),
    reason: z.string().nullable(),
    enteredBy: z.string(),
    enteredAt: z.string(),
  }),
);

export const blockerSchema = z.object({
  code: z.enum(BLOCKER_CODES),
  message: z.string(),
  memberId: z.string().nullable(),
  applicationId: z.string().nullable(),
});

export const progressViewSchema = z.object({
  roundId: z.string(),
  panelValid: z.boolean(),
  panelMessage: z.string().nullable(),
  rubricFrozen: z.boolean(),
  rubricVersion: z.number().int().nullable(),
  members: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      role: z.enum(PANEL_ROLES),
      hasPin: z.boolean(),
      status: z.enum(['draft', 'submitted', 'nothing_to_score']),
      required: z.number().int(),
      done: z.number().int(),
      submittedAt: z.string().nullable(),
    }),
  ),
  allSheetsIn: z.boolean(),
  blockers: z.array(blockerSchema),
  canStartDeliberation: z.boolean(),
});
export type ProgressView = z.infer<typeof progressViewSchema>;

const rankRowSchema = z.object({
  applicationId: z.string(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  status: z.enum(RANK_STATUSES),
  reason: z.string().nullable(),
  tiedWith: z.array(z.string()),
});

/**
 * 基础性指标 per applicant, from the eligibility overall state: passed =
 * all_pass, failed = some_fail, pending = manual_pending. 'none' is kept for
 * records made before the eligibility evaluation became the only record.
 */
export const BASIC_STATES = ['passed', 'failed', 'pending', 'none'] as const;

export const resultsViewSchema = z.object({
  roundId: z.string(),
  rubric: z.object({
    id: z.string(),
    version: z.number().int(),
    totalPoints: z.number(),
    criteria: z.array(z.object({ id: z.string(), title: z.string(), groupTitle: z.string(), maxPoints: z.number() })),
  }),
  config: aggregationConfigSchema,
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(PANEL_ROLES), status: z.enum(['draft', 'submitted', 'nothing_to_score']), submittedAt: z.string().nullable() })),
  allSheetsIn: z.boolean(),
  applicants: z.array(
    z.object({
      applicationId: z.string(),
      applicationNo: z.string(),
      name: z.string(),
      status: z.enum(APPLICATION_STATUSES),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)),
      basic: z.enum(BASIC_STATES),
      eligible: z.boolean(),
      ineligibleReason: z.string().nullable(),
      /** submitted, complete, non-conflicted totals: the chart's bars */
      memberTotals: z.array(z.object({ memberId: z.string(), total: z.number() })),
      steppedAside: z.array(z.object({ memberId: z.string(), kind: z.enum(CONFLICT_KINDS).nullable(), note: z.string().nullable() })),
      count: z.number().int(),
      mean: z.number().nullable(),
      trimmed: z.boolean(),
      trimmedMean: z.number().nullable(),
      score: z.number().nullable(),
      dropped: z.object({ highMemberId: z.string(), lowMemberId: z.string(), highTied: z.boolean(), lowTied: z.boolean() }).nullable(),
      memberFlags: z.array(
        z.object({
          memberId: z.string(),
          total: z.number(),
          othersMean: z.number(),
          deviation: z.number().nullable(),
          direction: z.enum(['high', 'low']),
          explanation: z.string().nullable(),
        }),
      ),
      criterionFlags: z.array(z.object({ criterionId: z.string(), min: z.number(), max: z.number() })),
    }),
  ),
  rankings: z.array(
    z.object({
      serviceType: z.enum(SERVICE_TYPES),
      label: z.string(),
      quota: z.number().int(),
      withinCount: z.number().int(),
      tie: z.object({ seats: z.number().int(), applicationIds: z.array(z.string()), score: z.number(), message: z.string() }).nullable(),
      rows: z.array(rankRowSchema),
    }),
  ),
  blockers: z.array(blockerSchema),
});
export type ResultsView = z.infer<typeof resultsViewSchema>;

export const applicantDetailSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
  criteria: z.array(
    z.object({
      criterionId: z.string(),
      title: z.string(),
      groupTitle: z.string(),
      maxPoints: z.number(),
      scores: z.array(z.object({ memberId: z.string(), points: z.number(), comment: z.string().nullable() })),
      min: z.number().nullable(),
      max: z.number().nullable(),
      mean: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
  memberTotals: z.array(z.object({ memberId: z.string(), total: z.number() })),
  explanations: z.array(z.object({ memberId: z.string(), note: z.string(), at: z.string() })),
});
export type ApplicantDetail = z.infer<typeof applicantDetailSchema>;

/**
 * 基础性指标 of an applicant, read-only: the eligibility evaluation is their
 * only record (rules from the application's data, manual rules decided by the
 * reviewer's 审核内容 marks on the application's 基础性指标 tab). The rubric's
 * basic indicators are a list pointing at those rules by id.
 */
export const basicViewSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  /** the rubric version whose list is shown; null before a rubric exists */
  rubricVersion: z.number().int().nullable(),
  state: z.enum(BASIC_STATES),
  overall: z.enum(OVERALL_STATES),
  overallLabel: z.string(),
  /** why the applicant cannot be ranked on these grounds (e.g. 基础性指标不符合：…), null when it can */
  exclusion: z.string().nullable(),
  /** rules = evaluated on this computer; package = as the round package says (member laptop) */
  source: z.enum(['rules', 'package']),
  /** the rubric's basic indicators, each with its rule's result (na = does not concern the applicant; null = no such rule) */
  indicators: z.array(
    z.object({
      id: z.string(),
      ruleId: z.string().nullable(),
      title: z.string(),
      requirement: z.string().nullable(),
      citation: z.string().nullable(),
      state: z.enum(CELL_STATES).nullable(),
      explanation: z.string().nullable(),
    }),
  ),
  /** every applicable rule's result with its articles (what decides the overall state) */
  results: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      state: z.enum(RULE_STATES),
      explanation: z.string(),
      citations: z.array(z.string()),
      /** listed among the rubric's basic indicators */
      inRubric: z.boolean(),
    }),
  ),
});
export type BasicView = z.infer<typeof basicViewSchema>;

export const scoringContract = {
  'rubric.get': { input: byRound, output: rubricStateSchema },
  'rubric.templates': { input: byRound, output: z.array(rubricTemplateSchema) },
  /** creates version 1 or edits the current draft; refused once frozen */
  'rubric.saveDraft': { input: byRound.extend({ definition: rubricDefinitionSchema }), output: rubricStateSchema },
  /** 开始评分: needs a valid panel and a rubric without issues; the version can no longer change */
  'rubric.freeze': { input: byRound, output: rubricStateSchema },
  /** a change after freezing: a new draft version with the reason; scores of earlier versions stop counting */
  'rubric.newVersion': {
    input: byRound.extend({ reason: requiredText('修订原因', 500), definition: rubricDefinitionSchema }),
    output: rubricStateSchema,
  },
  'scoring.setConfig': {
    input: byRound.extend(aggregationConfigSchema.shape).extend({ reason: optionalText('调整原因', 500) }),
    output: rubricStateSchema,
  },

  'scoring.signIn': {
    input: byRound.extend({ memberId: z.string().min(1, { message: '请选择评分成员' }), pin: pinSchema }),
    output: z.object({ session: z.string(), memberId: z.string(), name: z.string(), role: z.enum(PANEL_ROLES), expiresAt: z.string() }),
  },
  'scoring.signOut': { input: z.object({ session: z.string().min(1) }), output: ok },
  'scoring.sheet': { input: actorSchema, output: sheetViewSchema },
  'scoring.entry': { input: actorSchema.extend({ applicationId: z.string().min(1) }), output: entryViewSchema },
  /** one applicant's criteria at a time; all or nothing. After submitting, a change needs a reason. */
  'scoring.save': {
    input: actorSchema.extend({
      applicationId: z.string().min(1),
      entries: z.array(scoreEntrySchema).min(1, { message: '没有要保存的评分' }).max(200),
      reason: optionalText('修改原因', 500),
    }),
    output: entryViewSchema,
  },
  'scoring.history': {
    input: actorSchema.extend({ applicationId: z.string().min(1), criterionId: z.string().min(1) }),
    output: scoreHistorySchema,
  },
  /** the PIN again: submitting is the member's signature on the sheet */
  'scoring.submit': { input: actorSchema.extend({ pin: pinSchema }), output: sheetViewSchema },
  /** 评分畸高畸低说明 for a flagged total */
  'scoring.explain': {
    input: actorSchema.extend({ applicationId: z.string().min(1), note: requiredText('评分畸高畸低说明', 1000) }),
    output: sheetViewSchema,
  },
  /** for the clerk: who has submitted, what blocks deliberation; no scores */
  'scoring.progress': { input: byRound, output: progressViewSchema },
  /** the chair, after submitting their own sheet */
  'scoring.results': { input: actorSchema, output: resultsViewSchema },
  'scoring.applicantDetail': { input: actorSchema.extend({ applicationId: z.string().min(1) }), output: applicantDetailSchema },

  /** 基础性指标 of an applicant as the ranking sees them: the eligibility results, read-only (marked on the application's 基础性指标 tab) */
  'scoring.basic': { input: byRound.extend({ applicationId: z.string().min(1) }), output: basicViewSchema },
} as const;
