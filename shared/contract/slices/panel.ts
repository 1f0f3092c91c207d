import { z } from 'zod';
import { optionalText, requiredText } from '../../domain/common';
import { EXPERTISE_FIELDS } from '../../domain/enums';
import { APPLICATION_STATUSES } from '../../domain/application';
import { CONFLICT_KINDS, PANEL_ROLES } from '../../rules/panel';
import { byRound, ok } from './common';

/**
 * 审核小组: people (stored once, reused across rounds), the panel of a round,
 * the chair's acknowledgement of an uncovered field, and 回避 (conflicts).
 */

export const pinSchema = z.string({ message: '请输入PIN' }).regex(/^\d{6,12}$/, { message: 'PIN须为6至12位数字' });

const fieldsSchema = z
  .array(z.enum(EXPERTISE_FIELDS, { message: '专业领域不在可选范围内' }))
  .min(1, { message: '请至少选择一个专业领域' })
  .refine((a) => new Set(a).size === a.length, { message: '专业领域不能重复' });

export const personInputSchema = z.object({
  /** absent = a new person */
  id: z.string().min(1).optional(),
  name: requiredText('姓名', 50),
  fields: fieldsSchema,
  employer: optionalText('工作单位', 100),
  contact: optionalText('联系方式', 100),
});

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  fields: z.array(z.enum(EXPERTISE_FIELDS)),
  employer: z.string().nullable(),
  contact: z.string().nullable(),
  hasPin: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const panelMemberSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  fields: z.array(z.enum(EXPERTISE_FIELDS)),
  employer: z.string().nullable(),
  contact: z.string().nullable(),
  role: z.enum(PANEL_ROLES),
  hasPin: z.boolean(),
  /** has scores in this round: can no longer be removed */
  hasScores: z.boolean(),
});
export type PanelMember = z.infer<typeof panelMemberSchema>;

export const panelIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  citation: z.string(),
  field: z.enum(EXPERTISE_FIELDS).optional(),
});

export const panelViewSchema = z.object({
  roundId: z.string(),
  roundOpen: z.boolean(),
  rule: z.object({
    minMembers: z.number().int(),
    oddOnly: z.boolean(),
    fields: z.array(z.enum(EXPERTISE_FIELDS)),
    citation: z.string(),
    note: z.string().nullable(),
  }),
  members: z.array(panelMemberSchema),
  validation: z.object({
    valid: z.boolean(),
    size: z.number().int(),
    issues: z.array(panelIssueSchema),
    coverage: z.array(
      z.object({
        field: z.enum(EXPERTISE_FIELDS),
        label: z.string(),
        memberIds: z.array(z.string()),
        state: z.enum(['covered', 'acknowledged', 'gap']),
        acknowledgement: z.object({ note: z.string(), byMemberId: z.string(), byName: z.string(), at: z.string() }).nullable(),
      }),
    ),
  }),
  /** the rubric is frozen (开始评分): changes must keep the panel valid */
  scoringStarted: z.boolean(),
});
export type PanelView = z.infer<typeof panelViewSchema>;

export const conflictCellSchema = z.object({
  memberId: z.string(),
  applicationId: z.string(),
  standing: z.enum(['clear', 'conflicted', 'flag_pending']),
  decision: z.enum(['conflicted', 'cleared']).nullable(),
  kind: z.enum(CONFLICT_KINDS).nullable(),
  note: z.string().nullable(),
  /** 'declared' by the member, or decided on a 'flag' the app raised */
  source: z.enum(['declared', 'flag']).nullable(),
  flags: z.array(z.object({ kind: z.enum(CONFLICT_KINDS), reason: z.string() })),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** the member scored this applicant before the conflict was recorded (those scores no longer count) */
  hasScores: z.boolean(),
});
export type ConflictCell = z.infer<typeof conflictCellSchema>;

export const conflictsViewSchema = z.object({
  roundId: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(PANEL_ROLES) })),
  applications: z.array(z.object({ id: z.string(), applicationNo: z.string(), name: z.string(), status: z.enum(APPLICATION_STATUSES) })),
  /** only cells with a decision or a flag; every other member × applicant pair is clear */
  cells: z.array(conflictCellSchema),
  pendingFlags: z.number().int(),
});
export type ConflictsView = z.infer<typeof conflictsViewSchema>;

export const panelContract = {
  'persons.list': {
    input: z.object({ query: z.string().trim().max(50).optional() }),
    output: z.array(personSchema),
  },
  'persons.save': { input: personInputSchema, output: personSchema },
  /** set by the member; changing an existing PIN needs the current one */
  'persons.setPin': {
    input: z.object({ personId: z.string().min(1), pin: pinSchema, currentPin: pinSchema.optional() }),
    output: ok,
  },
  /** a forgotten PIN: the clerk clears it (recorded with the reason); the member then sets a new one */
  'persons.resetPin': {
    input: z.object({ personId: z.string().min(1), reason: requiredText('重置原因', 200) }),
    output: ok,
  },
  'panel.get': { input: byRound, output: panelViewSchema },
  'panel.addMember': {
    input: byRound.extend({ personId: z.string().min(1, { message: '请选择人员' }), role: z.enum(PANEL_ROLES).default('member') }),
    output: panelViewSchema,
  },
  'panel.removeMember': { input: byRound.extend({ memberId: z.string().min(1) }), output: panelViewSchema },
  /** makes this member the chair (组长); the former chair becomes a member */
  'panel.setChair': { input: byRound.extend({ memberId: z.string().min(1) }), output: panelViewSchema },
  /** the chair, with their PIN, explains why a field of the profile has no member */
  'panel.acknowledgeGap': {
    input: byRound.extend({
      field: z.enum(EXPERTISE_FIELDS, { message: '专业领域不在可选范围内' }),
      note: requiredText('缺少该领域成员的说明', 500),
      chairMemberId: z.string().min(1),
      pin: pinSchema,
    }),
    output: panelViewSchema,
  },
  'panel.conflicts': { input: byRound, output: conflictsViewSchema },
  /**
   * Records 回避: 'conflicted' (declared by the member, or a flag confirmed)
   * with its kind; 'cleared' (a flag dismissed, or a declaration withdrawn)
   * with a note saying why.
   */
  'panel.setConflict': {
    input: byRound
      .extend({
        memberId: z.string().min(1),
        applicationId: z.string().min(1),
        decision: z.enum(['conflicted', 'cleared'], { message: '请选择回避或排除' }),
        kind: z.enum(CONFLICT_KINDS, { message: '请选择利害关系类型' }).optional(),
        note: optionalText('说明', 500),
      })
      .superRefine((v, ctx) => {
        if (v.decision === 'conflicted' && !v.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: '请选择利害关系类型' });
        if (v.decision === 'conflicted' && v.kind === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '“其他利害关系”须写明具体情况' });
        if (v.decision === 'cleared' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '排除回避须写明理由' });
      }),
    output: conflictsViewSchema,
  },
} as const;
