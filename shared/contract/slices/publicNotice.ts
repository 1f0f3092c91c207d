import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../../domain/common';
import { SERVICE_TYPES } from '../../domain/enums';
import { byRound } from './common';

/**
 * 公示 (issue 7; 000 第十四条: 审核合格的 … 向社会公示，公示时间不少于5个工作日).
 *
 * A notice lists the round's institutions with a sealed 合格 decision not yet on
 * an earlier notice. Its period starts on the publication date and ends after
 * `workingDays` Chinese working days (counted from the next day, holidays and
 * make-up working days per the State Council's arrangement). Objections (异议)
 * received during it are logged against an institution; one not yet decided
 * (received / under review) holds that institution, and the final list can be
 * fixed only after the period has ended, with no objection open and the end
 * date not provisional. Finalising computes each listed institution's
 * agreement window (3 months after the 公示 ends, 000 第十七条).
 */

export const OBJECTION_STATES = ['received', 'under_review', 'upheld', 'dismissed'] as const;
export type ObjectionStateId = (typeof OBJECTION_STATES)[number];
export const OBJECTION_STATE_LABEL: Record<ObjectionStateId, string> = {
  received: '已收到',
  under_review: '核查中',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

export const OBJECTION_CHANNELS = ['written', 'phone', 'visit', 'email', 'other'] as const;
export const OBJECTION_CHANNEL_LABEL: Record<(typeof OBJECTION_CHANNELS)[number], string> = {
  written: '书面',
  phone: '电话',
  visit: '来访',
  email: '电子邮件',
  other: '其他',
};

export const ENTRY_STATES = ['listed', 'held', 'removed'] as const;
export const ENTRY_STATE_LABEL: Record<(typeof ENTRY_STATES)[number], string> = {
  listed: '公示中（无未决异议）',
  held: '暂缓（异议核查中）',
  removed: '移出名单（异议成立）',
};

const periodEnd = z.object({
  date: isoDate,
  /** the year's holiday arrangement is not published yet: shown as 待定 */
  provisional: z.boolean(),
});

const dayKind = z.enum(['working', 'makeup', 'weekend', 'holiday']);

export const candidateSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  address: z.string(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  uscc: z.string(),
  decisionId: z.string(),
  decidedOn: isoDate,
});
export type Candidate = z.infer<typeof candidateSchema>;

export const periodSchema = z.object({
  startOn: isoDate,
  workingDays: z.number().int(),
  minWorkingDays: z.number().int(),
  citation: z.string(),
  end: periodEnd,
  /** every day after the start up to the end: working days, make-up working days (调休上班), weekends, holidays */
  days: z.array(z.object({ date: isoDate, kind: dayKind })),
});

const agreementSchema = z.object({
  months: z.number().int().nullable(),
  citation: z.string(),
  noticeEndsOn: isoDate.nullable(),
  deadline: z.object({ date: isoDate, nominal: isoDate, extended: z.boolean(), provisional: z.boolean() }).nullable(),
  note: z.string(),
});

export const objectionViewSchema = z.object({
  objectionId: z.string(),
  applicationId: z.string(),
  institution: z.string(),
  receivedOn: isoDate,
  channel: z.enum(OBJECTION_CHANNELS),
  channelLabel: z.string(),
  objector: z.string(),
  contact: z.string().nullable(),
  content: z.string(),
  state: z.enum(OBJECTION_STATES),
  stateLabel: z.string(),
  note: z.string().nullable(),
  history: z.array(z.object({ state: z.enum(OBJECTION_STATES), stateLabel: z.string(), note: z.string().nullable(), at: z.string(), by: z.string() })),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const noticeViewSchema = z.object({
  noticeId: z.string(),
  roundId: z.string(),
  roundCode: z.string(),
  roundName: z.string(),
  /** 1, 2, … per round */
  seq: z.number().int(),
  period: periodSchema,
  /** open: in its period; ended: period over, not finalised; finalised */
  status: z.enum(['open', 'ended', 'finalised']),
  statusLabel: z.string(),
  objectionAddress: z.string(),
  objectionPhone: z.string(),
  entries: z.array(
    candidateSchema.extend({
      position: z.number().int(),
      state: z.enum(ENTRY_STATES),
      stateLabel: z.string(),
      objections: z.number().int(),
      openObjections: z.number().int(),
    }),
  ),
  objections: z.array(objectionViewSchema),
  canFinalise: z.boolean(),
  /** why the list cannot be finalised now, in Chinese */
  finaliseProblems: z.array(z.string()),
  final: z
    .object({
      finalisedAt: z.string(),
      finalisedBy: z.string(),
      endOn: isoDate,
      listed: z.array(z.object({ applicationId: z.string(), name: z.string(), uscc: z.string(), agreement: agreementSchema })),
      removed: z.array(z.object({ applicationId: z.string(), name: z.string(), reason: z.string() })),
    })
    .nullable(),
  /** the latest 公示 PDF issued for this notice */
  document: z.object({ documentId: z.string(), path: z.string(), signed: z.boolean(), sha256: z.string() }).nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type NoticeView = z.infer<typeof noticeViewSchema>;

const periodInput = byRound.extend({
  /** the publication date; the period counts from the next day */
  startOn: isoDate,
  /** default: the profile's minimum (5) */
  workingDays: z.number({ message: '请填写公示期（工作日数）' }).int({ message: '公示期须为整数个工作日' }).min(1, { message: '公示期至少1个工作日' }).max(60, { message: '公示期不能超过60个工作日' }).optional(),
});

export const publicNoticeContract = {
  /** The round's notices and the 合格 institutions not yet on one (what a new notice would list). */
  'publicNotice.list': {
    input: byRound,
    output: z.object({
      roundId: z.string(),
      minWorkingDays: z.number().int(),
      citation: z.string(),
      candidates: z.array(candidateSchema),
      notices: z.array(noticeViewSchema),
      /** where to object is not set in the settings yet (documents.resultSettings.set) */
      settingsMissing: z.boolean(),
    }),
  },
  /** What a notice from this date would look like: the end date in working days, the days, the list. Writes nothing. */
  'publicNotice.preview': {
    input: periodInput,
    output: z.object({ period: periodSchema, candidates: z.array(candidateSchema), problems: z.array(z.string()) }),
  },
  /** Creates the notice of the 合格 institutions not yet on one, and issues its PDF (signed when a certificate is unlocked). */
  'publicNotice.create': { input: periodInput, output: noticeViewSchema },
  'publicNotice.get': { input: z.object({ noticeId: z.string().min(1) }), output: noticeViewSchema },
  /** Logs an objection received during the 公示 against an institution on it. */
  'publicNotice.addObjection': {
    input: z.object({
      noticeId: z.string().min(1),
      applicationId: z.string().min(1, { message: '请选择异议所针对的机构' }),
      receivedOn: isoDate,
      channel: z.enum(OBJECTION_CHANNELS, { message: '请选择反映方式' }),
      objector: requiredText('异议人（单位或个人）', 100),
      contact: optionalText('联系方式', 100),
      content: requiredText('异议内容', 2000),
    }),
    output: noticeViewSchema,
  },
  /** Moves an objection on: under review, or decided (upheld / dismissed, with a note). */
  'publicNotice.setObjectionState': {
    input: z
      .object({
        objectionId: z.string().min(1),
        state: z.enum(['under_review', 'upheld', 'dismissed'], { message: '请选择异议处理状态' }),
        note: optionalText('处理说明', 1000),
      })
      .superRefine((v, ctx) => {
        if (v.state !== 'under_review' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '作出异议处理结论须写明核查情况和理由' });
      }),
    output: noticeViewSchema,
  },
  /** Fixes the final list: refused before the 公示 ends, while the end is provisional, or while an objection is open. */
  'publicNotice.finalise': { input: z.object({ noticeId: z.string().min(1) }), output: noticeViewSchema },
} as const;
