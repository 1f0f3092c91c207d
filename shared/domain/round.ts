import { z } from 'zod';
import { isoDate, requiredText, optionalText, count } from './common';

/** 配置规划: designation slots per service type for this round. */
export const quotaPlanSchema = z.object({
  institutional: count('机构护理名额', 10_000),
  home: count('居家护理名额', 10_000),
  community: count('社区护理名额', 10_000),
});
export type QuotaPlan = z.infer<typeof quotaPlanSchema>;

export const roundCreateSchema = z.object({
  name: requiredText('批次名称', 100),
  /** 统筹区, e.g. 乌鲁木齐市 */
  region: requiredText('统筹区', 50),
  /** short code used in 申请编号, e.g. 2026-01 */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, { message: '批次编号只能包含字母、数字和连字符，最多20位' }),
  profileId: z.string().min(1, { message: '请选择地区政策配置' }),
  quota: quotaPlanSchema,
  openedOn: isoDate,
  note: optionalText('备注', 500),
});
export type RoundCreate = z.input<typeof roundCreateSchema>;

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = { open: '进行中', closed: '已关闭' };

export const roundSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  code: z.string(),
  profileId: z.string(),
  profileVersion: z.number().int(),
  profileName: z.string(),
  quota: quotaPlanSchema,
  openedOn: isoDate,
  status: z.enum(ROUND_STATUSES),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundSummarySchema = roundSchema.extend({
  applicationCount: z.number().int(),
  pendingFormalCheck: z.number().int(),
  openNotices: z.number().int(),
  /** the earliest open 补正 deadline or review deadline in this round */
  nextDeadline: z
    .object({
      date: isoDate,
      provisional: z.boolean(),
      kind: z.enum(['supplement', 'review']),
      applicationId: z.string(),
      applicationNo: z.string(),
      /** e.g. "某某护理院 补正期限", ready to show */
      what: z.string(),
    })
    .nullable(),
});
export type RoundSummary = z.infer<typeof roundSummarySchema>;
