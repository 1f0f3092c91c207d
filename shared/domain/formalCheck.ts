import { z } from 'zod';
import { isoDate, optionalText } from './common';
import { deadlineSchema, APPLICATION_STATUSES } from './application';

/** 形式审查 (000 第十一条): each required material is pending, received or missing. */
export const MATERIAL_STATES = ['pending', 'received', 'missing'] as const;
export type MaterialState = (typeof MATERIAL_STATES)[number];
export const MATERIAL_STATE_LABEL: Record<MaterialState, string> = {
  pending: '未核对',
  received: '已收到',
  missing: '缺失',
};

export const materialCheckSchema = z.object({
  materialId: z.string(),
  title: z.string(),
  detail: z.string(),
  citation: z.string(),
  state: z.enum(MATERIAL_STATES),
  note: z.string().nullable(),
});
export type MaterialCheck = z.infer<typeof materialCheckSchema>;

export const supplementNoticeSchema = z.object({
  id: z.string(),
  issuedOn: isoDate,
  workingDays: z.number().int(),
  deadline: deadlineSchema,
  citation: z.string(),
  missingItems: z.array(z.object({ materialId: z.string(), title: z.string() })),
  /** the day the applicant handed in the missing materials */
  fulfilledOn: isoDate.nullable(),
  outcome: z.enum(['open', 'fulfilled', 'expired']),
});
export type SupplementNotice = z.infer<typeof supplementNoticeSchema>;

export const formalCheckSchema = z.object({
  applicationId: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  materials: z.array(materialCheckSchema),
  notice: supplementNoticeSchema.nullable(),
  reviewDeadline: deadlineSchema,
  /** calendar days the review clock was paused for supplements */
  pausedDays: z.number().int(),
  notAcceptedReasons: z.array(z.object({ id: z.string(), title: z.string(), citation: z.string() })),
  /**
   * The profile's 补正 rule. workingDays is null where the policy text sets no
   * period (e.g. 吉林 004 第十条): the clerk then states one on the notice.
   */
  supplementRule: z.object({
    workingDays: z.number().int().nullable(),
    withdrawnIfLate: z.boolean(),
    citation: z.string(),
    note: z.string().nullable(),
  }),
  /** what the clerk can do next, so the UI needs no rules of its own */
  can: z.object({
    issueNotice: z.boolean(),
    recordSupplement: z.boolean(),
    markWithdrawn: z.boolean(),
    pass: z.boolean(),
    notAccept: z.boolean(),
  }),
  /** why an action is unavailable, in Chinese, for tooltips */
  blockers: z.record(z.string(), z.string()),
});
export type FormalCheck = z.infer<typeof formalCheckSchema>;

export const markMaterialSchema = z.object({
  applicationId: z.string().min(1),
  materialId: z.string().min(1),
  state: z.enum(MATERIAL_STATES),
  note: optionalText('备注', 300),
});
