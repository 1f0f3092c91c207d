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

/** An optional calendar date whose messages name the field. */
const optionalDate = (label: string) =>
  z
    .string({ message: `${label}应为日期` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}格式应为 YYYY-MM-DD` })
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, { message: `${label}：日期不存在` })
    .optional();

const optionalFlag = (label: string) => z.boolean({ message: `${label}：请选择“是”或“否”` }).optional();

/**
 * Facts the eligibility rules (shared/rules/eligibility) read. All OPTIONAL:
 * records entered before these fields existed lack them, and a rule whose
 * input is missing says “待人工核查” naming the field — it never passes silently.
 * Grouped in sections (ELIGIBILITY_FIELD_SECTIONS) so a form can show them.
 */
export const eligibilityFieldsShape = {
  // 营业与场所 (000 第六条（一）)
  /** 在现营业场所正式营业的日期 */
  operatingSince: optionalDate('正式营业日期'),
  /** 业务用房使用期限截止日：租赁合同到期日，自有房产填不动产权证记载的使用期限截止日 */
  premisesUntil: optionalDate('业务用房使用期限截止日'),
  // 管理人员 (000 第六条（二）; 003 第十四条（三）、第二十一条; 004 第七条（三）、第八条（二）)
  managers: count('专（兼）职管理人员数', 10_000).optional(),
  hasFullTimeManager: optionalFlag('是否配备专职管理人员'),
  /** 长期护理服务能力（可同时服务的参保人数） */
  serviceCapacity: count('长期护理服务能力', 1_000_000).optional(),
  hasInternalLtcUnit: optionalFlag('是否成立长护管理内设工作机构'),
  // 护理人员 (000 第六条（三）)
  longTermCarers: count('长期照护师人数', 100_000).optional(),
  // 医疗资质 (000 第七条（二）（三）; 003 第十四条; 004 第八条)
  /** Asked of 其他服务机构; for 医疗机构 and 养老机构 it follows from type and 医疗护理服务情况 unless stated. */
  hasMedicalQualification: optionalFlag('是否具备医疗资质'),
  /** 医疗机构申请机构护理: 住院资质 (000 第七条（三）) */
  hasInpatientQualification: optionalFlag('是否具备住院资质'),
  /** 医疗机构申请机构护理: 本统筹地区医保定点资格 (000 第七条（三）) */
  localMedicalInsuranceDesignated: optionalFlag('是否取得本统筹地区医保定点资格'),
  // 机构护理 (000 第七条（三）; 004 第六条（一）)
  /** 机构床位总数（核定床位数）; careBeds are the beds of the 长期护理服务专区 */
  totalBeds: count('机构床位总数', 100_000).optional(),
  hasSeparateCareZone: optionalFlag('是否设立独立的长期护理服务专区'),
  // 不予受理情形声明 (000 第九条（一）–（六）; 004 第十四条（一）–（七）)
  penaltyUnfulfilled: optionalFlag('是否受到行政处罚（处理）但未完全履行处罚（处理）责任'),
  fraudFound: optionalFlag('是否曾被发现以弄虚作假等不正当手段申请定点管理'),
  fraudFoundOn: optionalDate('弄虚作假被发现之日'),
  agreementTerminated: optionalFlag('是否曾因违法违规或严重违反协议约定被解除协议'),
  agreementTerminatedOn: optionalDate('解除协议日期'),
  terminationLiabilityFulfilled: optionalFlag('违约责任是否已完全履行'),
  assessmentAgencyFounded: optionalFlag('法定代表人、主要负责人、实际控制人或股东是否设立长期护理保险失能等级评估机构'),
  seriousDishonestyListed: optionalFlag('法定代表人、主要负责人或实际控制人是否被列入严重失信名单'),
  managementBanned: optionalFlag('法定代表人、主要负责人或实际控制人是否被禁止从事定点长护服务机构管理活动'),
  /** 禁止决定作出之日; the ban runs 5 years from it (004 第五十二条) */
  managementBannedOn: optionalDate('禁止从事管理活动的决定日期'),
};

export type EligibilityFieldKey = keyof typeof eligibilityFieldsShape;

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
    ...eligibilityFieldsShape,
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
    refineEligibilityFields(a, ctx);
  });

/** Cross-field checks of the eligibility facts: each refuses data that contradicts itself. */
function refineEligibilityFields(
  a: { institutionType: InstitutionType; medicalArrangement?: string | undefined; careStaff: number; careBeds?: number | undefined } & {
    [K in EligibilityFieldKey]?: unknown;
  },
  ctx: z.RefinementCtx,
) {
  const add = (path: EligibilityFieldKey, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (typeof a.longTermCarers === 'number' && a.longTermCarers > a.careStaff) {
    add('longTermCarers', `长期照护师人数（${a.longTermCarers}）不能超过护理服务人员数量（${a.careStaff}）`);
  }
  if (typeof a.totalBeds === 'number' && typeof a.careBeds === 'number' && a.careBeds > a.totalBeds) {
    add('totalBeds', `机构床位总数（${a.totalBeds}）不能少于护理病房床位数（${a.careBeds}）`);
  }
  if (a.hasFullTimeManager === true && a.managers === 0) {
    add('managers', '已配备专职管理人员的，专（兼）职管理人员数不能为0');
  }
  if (a.hasMedicalQualification === false && a.institutionType === 'medical') {
    add('hasMedicalQualification', '医疗机构持有执业许可证或诊所备案凭证，应具备医疗资质');
  }
  if (a.hasMedicalQualification === false && a.institutionType === 'elderly_care' && a.medicalArrangement === 'internal_medical_unit') {
    add('hasMedicalQualification', '养老机构内设医疗机构的，应具备医疗资质');
  }
  const pairs: [EligibilityFieldKey, EligibilityFieldKey, string][] = [
    ['fraudFound', 'fraudFoundOn', '弄虚作假被发现之日'],
    ['agreementTerminated', 'agreementTerminatedOn', '解除协议日期'],
    ['managementBanned', 'managementBannedOn', '禁止从事管理活动的决定日期'],
  ];
  for (const [flag, date, label] of pairs) {
    if (a[flag] === true && a[date] === undefined) add(date, `请填写${label}`);
    if (a[flag] !== true && a[date] !== undefined) add(date, `未选择“是”时不应填写${label}`);
  }
  if (a.agreementTerminated !== true && a.terminationLiabilityFulfilled !== undefined) {
    add('terminationLiabilityFulfilled', '未被解除协议的，不应填写违约责任履行情况');
  }
}

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

export type EligibilityFieldType = 'date' | 'count' | 'boolean';

export interface EligibilityFieldMeta {
  key: EligibilityFieldKey;
  label: string;
  type: EligibilityFieldType;
  hint?: string;
  /** shown only when this yes/no field is answered “是” */
  dependsOn?: EligibilityFieldKey;
}

/**
 * The eligibility facts in form sections, in the order a clerk reads the
 * policy text. Labels are the ones the rules name when a field is missing.
 */
export const ELIGIBILITY_FIELD_SECTIONS: readonly { id: string; title: string; fields: readonly EligibilityFieldMeta[] }[] = [
  {
    id: 'operation',
    title: '营业与业务用房',
    fields: [
      { key: 'operatingSince', label: '正式营业日期', type: 'date', hint: '在现营业场所正式营业之日' },
      { key: 'premisesUntil', label: '业务用房使用期限截止日', type: 'date', hint: '租赁合同到期日；自有房产填不动产权证记载的使用期限截止日' },
    ],
  },
  {
    id: 'management',
    title: '管理人员与服务能力',
    fields: [
      { key: 'managers', label: '专（兼）职管理人员数', type: 'count' },
      { key: 'hasFullTimeManager', label: '是否配备专职管理人员', type: 'boolean' },
      { key: 'serviceCapacity', label: '长期护理服务能力（人）', type: 'count', hint: '可同时提供长期护理服务的参保人数' },
      { key: 'hasInternalLtcUnit', label: '是否成立长护管理内设工作机构', type: 'boolean' },
    ],
  },
  {
    id: 'staff',
    title: '护理人员',
    fields: [{ key: 'longTermCarers', label: '长期照护师人数', type: 'count', hint: '不超过护理服务人员数量' }],
  },
  {
    id: 'medical',
    title: '医疗资质',
    fields: [
      { key: 'hasMedicalQualification', label: '是否具备医疗资质', type: 'boolean', hint: '医疗机构、内设医疗机构的养老机构无需填写' },
      { key: 'hasInpatientQualification', label: '是否具备住院资质', type: 'boolean', hint: '医疗机构申请机构护理填写' },
      { key: 'localMedicalInsuranceDesignated', label: '是否取得本统筹地区医保定点资格', type: 'boolean', hint: '医疗机构申请机构护理填写' },
    ],
  },
  {
    id: 'institutional',
    title: '机构护理',
    fields: [
      { key: 'hasSeparateCareZone', label: '是否设立独立的长期护理服务专区', type: 'boolean' },
      { key: 'totalBeds', label: '机构床位总数', type: 'count', hint: '养老机构填写核定床位数（护理病房床位数为专区内床位）' },
    ],
  },
  {
    id: 'declarations',
    title: '不予受理情形声明',
    fields: [
      { key: 'penaltyUnfulfilled', label: '受到行政处罚（处理）但未完全履行处罚（处理）责任', type: 'boolean' },
      { key: 'fraudFound', label: '曾被发现以弄虚作假等不正当手段申请定点管理', type: 'boolean' },
      { key: 'fraudFoundOn', label: '弄虚作假被发现之日', type: 'date', dependsOn: 'fraudFound' },
      { key: 'agreementTerminated', label: '曾因违法违规或严重违反协议约定被解除协议', type: 'boolean' },
      { key: 'agreementTerminatedOn', label: '解除协议日期', type: 'date', dependsOn: 'agreementTerminated' },
      { key: 'terminationLiabilityFulfilled', label: '违约责任已完全履行', type: 'boolean', dependsOn: 'agreementTerminated' },
      { key: 'assessmentAgencyFounded', label: '法定代表人、主要负责人、实际控制人或股东设立了长期护理保险失能等级评估机构', type: 'boolean' },
      { key: 'seriousDishonestyListed', label: '法定代表人、主要负责人或实际控制人被列入严重失信名单', type: 'boolean' },
      { key: 'managementBanned', label: '法定代表人、主要负责人或实际控制人被禁止从事定点长护服务机构管理活动', type: 'boolean' },
      { key: 'managementBannedOn', label: '禁止从事管理活动的决定日期', type: 'date', dependsOn: 'managementBanned' },
    ],
  },
];

/** Chinese labels of every application field a rule may read (rules name missing fields with them). */
export const APPLICATION_FIELD_LABEL: Record<string, string> = {
  institutionType: '服务机构类型',
  serviceTypes: '申请定点服务类型',
  medicalArrangement: '医疗护理服务情况',
  careBeds: '护理病房床位数',
  careStaff: '护理服务人员数量',
  doctors: '执业医师人数',
  nurses: '执业护士人数',
  receivedOn: '受理日期',
  ...Object.fromEntries(ELIGIBILITY_FIELD_SECTIONS.flatMap((s) => s.fields.map((f) => [f.key, f.label]))),
};

/** Which eligibility fields the form should show for an applicant (the rest do not concern it). */
export function eligibilityFieldsShownFor(
  type: InstitutionType | undefined,
  serviceTypes: readonly string[] = [],
): Record<EligibilityFieldKey, boolean> {
  const institutional = serviceTypes.includes('institutional');
  const all = Object.fromEntries(Object.keys(eligibilityFieldsShape).map((k) => [k, true])) as Record<EligibilityFieldKey, boolean>;
  return {
    ...all,
    hasMedicalQualification: type === 'other',
    hasInpatientQualification: type === 'medical' && institutional,
    localMedicalInsuranceDesignated: type === 'medical' && institutional,
    hasSeparateCareZone: institutional,
    totalBeds: type === 'elderly_care',
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

/** The output shape of the eligibility facts (kept in step with eligibilityFieldsShape). */
const eligibilityFieldsOutputShape = {
  operatingSince: isoDate.optional(),
  premisesUntil: isoDate.optional(),
  managers: z.number().int().optional(),
  hasFullTimeManager: z.boolean().optional(),
  serviceCapacity: z.number().int().optional(),
  hasInternalLtcUnit: z.boolean().optional(),
  longTermCarers: z.number().int().optional(),
  hasMedicalQualification: z.boolean().optional(),
  hasInpatientQualification: z.boolean().optional(),
  localMedicalInsuranceDesignated: z.boolean().optional(),
  totalBeds: z.number().int().optional(),
  hasSeparateCareZone: z.boolean().optional(),
  penaltyUnfulfilled: z.boolean().optional(),
  fraudFound: z.boolean().optional(),
  fraudFoundOn: isoDate.optional(),
  agreementTerminated: z.boolean().optional(),
  agreementTerminatedOn: isoDate.optional(),
  terminationLiabilityFulfilled: z.boolean().optional(),
  assessmentAgencyFounded: z.boolean().optional(),
  seriousDishonestyListed: z.boolean().optional(),
  managementBanned: z.boolean().optional(),
  managementBannedOn: isoDate.optional(),
} satisfies Record<EligibilityFieldKey, z.ZodType>;

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
    ...eligibilityFieldsOutputShape,
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
