import { z } from 'zod';
import { isoDate, requiredText, optionalText, count } from './common';
import {
  SERVICE_TYPES,
  INSTITUTION_TYPES,
  PROFIT_CLASSES,
  MEDICAL_ARRANGEMENTS,
  LEGAL_CERT_KINDS,
  type InstitutionType,
} from './enums';
import { validateUscc } from '../validation/uscc';
import { validatePhone } from '../validation/phone';

/**
 * The 申请表 (appendix of 000). One schema serves the form (inline messages)
 * and the back end (the same check again, since payloads can bypass the UI).
 */

const personSchema = (role: string) =>
  z.object({
    name: requiredText(`${role}姓名`, 50),
    phone: z.string().transform((v, ctx) => {
      const r = validatePhone(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `${role}联系电话：${r.message}` });
        return z.NEVER;
      }
      return r.value;
    }),
  });

export const applicationInputSchema = z
  .object({
    name: requiredText('机构名称', 100),
    address: requiredText('单位地址', 200),
    uscc: z.string().transform((v, ctx) => {
      const r = validateUscc(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }
      return r.value;
    }),
    legalRep: personSchema('法定代表人'),
    principal: personSchema('主要负责人'),
    actualController: personSchema('实际控制人'),
    contact: personSchema('联系人'),
    institutionType: z.enum(INSTITUTION_TYPES, { message: '请选择服务机构类型' }),
    profitClass: z.enum(PROFIT_CLASSES, { message: '请选择服务机构分类' }),
    ownership: requiredText('所有制形式', 50),
    /** 医疗护理服务情况 — only asked of 养老机构 */
    medicalArrangement: z.enum(MEDICAL_ARRANGEMENTS).optional(),
    medicalLicenceNo: optionalText('医疗机构执业许可证号', 50),
    elderlyCareLicenceNo: optionalText('养老机构设立许可证号（或备案回执号）', 50),
    operatingLicenceNo: optionalText('机构经营许可证号', 50),
    legalCertKind: z.enum(LEGAL_CERT_KINDS, { message: '请选择法人登记证书类型' }),
    legalCertNo: requiredText('法人登记证书号', 50),
    serviceTypes: z
      .array(z.enum(SERVICE_TYPES))
      .min(1, { message: '请至少选择一种申请定点服务类型' })
      .refine((a) => new Set(a).size === a.length, { message: '申请定点服务类型不能重复' }),
    careBeds: count('护理病房床位数', 100_000).optional(),
    careStaff: count('护理服务人员数量', 100_000),
    doctors: count('执业医师人数', 100_000),
    nurses: count('执业护士人数', 100_000),
    /** 受理日期: the day the agency received the application; starts the 3-month clock (000 第十五条). */
    receivedOn: isoDate,
  })
  .superRefine((a, ctx) => {
    // 000 第五条（一）（二）: the licence that makes an applicant eligible depends on its type.
    if (a.institutionType === 'medical' && !a.medicalLicenceNo) {
      ctx.addIssue({ code: 'custom', path: ['medicalLicenceNo'], message: '医疗机构须填写医疗机构执业许可证号（或诊所备案凭证号）' });
    }
    if (a.institutionType === 'elderly_care') {
      if (!a.elderlyCareLicenceNo) {
        ctx.addIssue({ code: 'custom', path: ['elderlyCareLicenceNo'], message: '养老机构须填写养老机构设立许可证号或备案回执号' });
      }
      if (!a.medicalArrangement) {
        ctx.addIssue({ code: 'custom', path: ['medicalArrangement'], message: '养老机构须选择医疗护理服务情况' });
      }
    }
    if (a.serviceTypes.includes('institutional') && a.careBeds === undefined) {
      ctx.addIssue({ code: 'custom', path: ['careBeds'], message: '申请机构护理须填写护理病房床位数' });
    }
  });

export type ApplicationInput = z.input<typeof applicationInputSchema>;
export type ApplicationData = z.output<typeof applicationInputSchema>;

/** Fields the form should show for an institution type (the rest are hidden, not just optional). */
export function fieldsShownFor(type: InstitutionType | undefined) {
  return {
    medicalArrangement: type === 'elderly_care',
    medicalLicenceNo: type === 'medical' || type === 'elderly_care',
    elderlyCareLicenceNo: type === 'elderly_care',
  };
}

/**
 * 护理服务人员与护理床位配比, derived, never typed: "1:3.3" means one carer per
 * 3.3 beds. Null when there are no beds to compare against.
 */
export function staffToBedRatio(careStaff: number, careBeds: number | undefined | null): string | null {
  if (!careBeds || careBeds <= 0) return null;
  if (careStaff <= 0) return `0:${careBeds}`;
  const beds = careBeds / careStaff;
  return `1:${Number.isInteger(beds) ? beds : beds.toFixed(1)}`;
}

export const APPLICATION_STATUSES = [
  'registered', // 已登记，形式审查中
  'supplement_requested', // 已发补正通知
  'accepted', // 形式审查通过，进入综合审核
  'withdrawn', // 逾期未补正，视作放弃申请
  'not_accepted', // 不予受理
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  registered: '形式审查中',
  supplement_requested: '待补正',
  accepted: '形式审查通过',
  withdrawn: '视作放弃申请',
  not_accepted: '不予受理',
};

export const deadlineSchema = z.object({ date: isoDate, provisional: z.boolean() });
export type Deadline = z.infer<typeof deadlineSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  applicationNo: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  data: z.object({
    name: z.string(),
    address: z.string(),
    uscc: z.string(),
    legalRep: z.object({ name: z.string(), phone: z.string() }),
    principal: z.object({ name: z.string(), phone: z.string() }),
    actualController: z.object({ name: z.string(), phone: z.string() }),
    contact: z.object({ name: z.string(), phone: z.string() }),
    institutionType: z.enum(INSTITUTION_TYPES),
    profitClass: z.enum(PROFIT_CLASSES),
    ownership: z.string(),
    medicalArrangement: z.enum(MEDICAL_ARRANGEMENTS).optional(),
    medicalLicenceNo: z.string().optional(),
    elderlyCareLicenceNo: z.string().optional(),
    operatingLicenceNo: z.string().optional(),
    legalCertKind: z.enum(LEGAL_CERT_KINDS),
    legalCertNo: z.string(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)),
    careBeds: z.number().int().optional(),
    careStaff: z.number().int(),
    doctors: z.number().int(),
    nurses: z.number().int(),
    receivedOn: isoDate,
  }),
  staffToBedRatio: z.string().nullable(),
  notAccepted: z.object({ reasonId: z.string(), reasonTitle: z.string(), citation: z.string(), note: z.string().nullable() }).nullable(),
  /** 3-month review limit from 受理, supplement time excluded (000 第十五条) */
  reviewDeadline: deadlineSchema,
  supplementDeadline: deadlineSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationSummarySchema = applicationSchema.pick({
  id: true,
  applicationNo: true,
  status: true,
  staffToBedRatio: true,
  reviewDeadline: true,
  supplementDeadline: true,
}).extend({
  name: z.string(),
  uscc: z.string(),
  institutionType: z.enum(INSTITUTION_TYPES),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  receivedOn: isoDate,
  materialsMissing: z.number().int(),
  materialsPending: z.number().int(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
