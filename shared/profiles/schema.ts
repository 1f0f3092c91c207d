/**
 * Region profiles: the rules of one region's designation review, each value
 * tied to the article of the policy text it comes from.
 *
 * The policy texts are the files 000–004 (see the policy README). The national
 * 《长期护理保险护理服务机构定点管理办法（试行）》（医保办发〔2024〕21号）, cited as
 * file 'national', is not among them: it is cited only where a regional text
 * explicitly defers to it or is silent and a default is needed, and every such
 * item must carry a `note` saying so (enforced below).
 *
 * Pure TypeScript: runs in the browser too.
 */
import { z } from 'zod';
import { EXPERTISE_FIELDS, INSTITUTION_TYPES, SERVICE_TYPES } from '../domain/enums';

// ---------------------------------------------------------------------------
// Citation

export const CITATION_FILES = ['000', '001', '002', '003', '004', 'national'] as const;
export type CitationFile = (typeof CITATION_FILES)[number];

/** Full title of the national measures cited as file 'national'. */
export const NATIONAL_MEASURES_TITLE =
  '《长期护理保险护理服务机构定点管理办法（试行）》（医保办发〔2024〕21号）';

export const citationSchema = z.object({
  file: z.enum(CITATION_FILES),
  /** e.g. '第七条（二）'; for 001 (which has no articles) a section heading such as '三、定点管理要求'. */
  article: z.string().trim().min(1),
});
export type Citation = z.infer<typeof citationSchema>;

/** '000 第七条（二）'; national: '《办法》第十条'. */
export function formatCitation(c: Citation): string {
  return c.file === 'national' ? `《办法》${c.article}` : `${c.file} ${c.article}`;
}

// ---------------------------------------------------------------------------
// Building blocks

const noteSchema = z.string().trim().min(1).optional();

/** Which applicants a rule concerns. Absent = every applicant; an absent list = no restriction on that axis. */
export const applicabilitySchema = z.object({
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).optional(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).optional(),
});
export type Applicability = z.infer<typeof applicabilitySchema>;

const slugSchema = z.string().min(1);

export const materialRequirementSchema = z.object({
  /** Stable slug, e.g. 'application_form'. */
  id: slugSchema,
  /** Short Chinese title a clerk recognises. */
  title: z.string().trim().min(1),
  /** The text's wording, condensed. */
  detail: z.string().trim().min(1),
  source: citationSchema,
  appliesTo: applicabilitySchema.optional(),
  /** A further condition the applicability axes cannot express (e.g. '与定点医疗机构合作的'). */
  condition: z.string().trim().min(1).optional(),
  note: noteSchema,
});
export type MaterialRequirement = z.infer<typeof materialRequirementSchema>;

export const notAcceptedReasonSchema = z.object({
  id: slugSchema,
  title: z.string().trim().min(1),
  source: citationSchema,
  /** Key of the applicant's declared fact that triggers this reason (same key across regions). */
  declaredFactKey: z.string().min(1).optional(),
  note: noteSchema,
});
export type NotAcceptedReason = z.infer<typeof notAcceptedReasonSchema>;

export const reviewContentSchema = z.object({
  id: slugSchema,
  title: z.string().trim().min(1),
  source: citationSchema,
  appliesTo: applicabilitySchema.optional(),
  note: noteSchema,
});
export type ReviewContent = z.infer<typeof reviewContentSchema>;

// ---------------------------------------------------------------------------
// Thresholds

export const thresholdSchema = z.object({
  value: z.number(),
  source: citationSchema,
  /** Which applicants the threshold binds; absent = all applicants. */
  appliesTo: applicabilitySchema.optional(),
  /** A condition not expressible by appliesTo, e.g. '具备医疗资质的'. */
  condition: z.string().trim().min(1).optional(),
  /**
   * True when the number is not written in the cited text but inferred from
   * its wording (e.g. “配备专（兼）职管理人员” read as at least 1). Needs a note.
   */
  valueInferred: z.boolean().optional(),
  note: noteSchema,
});
export type Threshold = z.infer<typeof thresholdSchema>;

type ThresholdKind = 'count' | 'percent' | 'months' | 'years' | 'ratio';

/** Every threshold key with its Chinese label and kind (drives validation and display). */
export const THRESHOLD_META = {
  minOperatingMonths: { label: '现营业场所正式营业最短月数', unit: '个月', kind: 'months' },
  minPremisesYears: { label: '业务用房最短使用期限', unit: '年', kind: 'years' },
  minManagers: { label: '专（兼）职管理人员最少人数', unit: '人', kind: 'count' },
  internalUnitCapacity: { label: '须设长护管理内设工作机构的服务能力', unit: '人', kind: 'count' },
  carerShareMinPercent: { label: '长期照护师占护理人员最低比例', unit: '%', kind: 'percent' },
  carerShareTargetPercent: { label: '长期照护师占比目标', unit: '%', kind: 'percent' },
  carerShareTargetYears: { label: '长期照护师占比达标年限', unit: '年', kind: 'years' },
  homeCommunityMinCareStaff: { label: '居家/社区护理服务人员最少人数', unit: '人', kind: 'count' },
  homeCommunityMinDoctors: { label: '居家/社区护理执业医师最少人数', unit: '人', kind: 'count' },
  homeCommunityMinNurses: { label: '居家/社区护理执业护士最少人数', unit: '人', kind: 'count' },
  homeCommunityMinMedicalStaff: { label: '居家/社区护理医护人员最少人数（合计）', unit: '人', kind: 'count' },
  institutionalMinBeds: { label: '机构护理专区最少护理床位', unit: '张', kind: 'count' },
  bedsPerStaffMax: { label: '每名护理服务人员最多对应护理床位（配比1:N）', unit: '张', kind: 'ratio' },
  elderlyCareMinBeds: { label: '养老机构最少床位', unit: '张', kind: 'count' },
  institutionalMinDoctors: { label: '机构护理医师最少人数', unit: '人', kind: 'count' },
  institutionalMinNurses: { label: '机构护理护士（师）最少人数', unit: '人', kind: 'count' },
} as const satisfies Record<string, { label: string; unit: string; kind: ThresholdKind }>;

export type ThresholdKey = keyof typeof THRESHOLD_META;
export const THRESHOLD_KEYS = Object.keys(THRESHOLD_META) as ThresholdKey[];

/** null = the text sets no such threshold. */
export const thresholdsSchema = z.object(
  Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, thresholdSchema.nullable()])) as Record<
    ThresholdKey,
    z.ZodNullable<typeof thresholdSchema>
  >,
);
export type Thresholds = z.infer<typeof thresholdsSchema>;

// ---------------------------------------------------------------------------
// Region profile

const baseRegionProfileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number(),
  /** Full region name. */
  name: z.string().trim().min(1),
  shortName: z.string().trim().min(1),
  /** e.g. '000_97b26f0ea8559485.txt'. */
  sourceFile: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/),
  sourceTitle: z.string().trim().min(1),
  /** Status / dates as text. */
  inForce: z.string().trim().min(1),
  /** 材料补正 after the one-time notice. workingDays null = the text sets no deadline. */
  supplement: z.object({
    workingDays: z.number().nullable(),
    withdrawnIfLate: z.boolean(),
    source: citationSchema,
    note: noteSchema,
  }),
  reviewTimeLimit: z.object({
    months: z.number(),
    /** 申请机构补充材料的时间不计入审核期限 */
    supplementExcluded: z.boolean(),
    source: citationSchema,
    note: noteSchema,
  }),
  publicNotice: z.object({ minWorkingDays: z.number(), source: citationSchema, note: noteSchema }),
  panel: z.object({
    minMembers: z.number(),
    oddOnly: z.boolean(),
    fields: z.array(z.enum(EXPERTISE_FIELDS)),
    source: citationSchema,
    note: noteSchema,
  }),
  /** After a failed review: rectify within `months`, `reReviews` further reviews, then barred for `barMonths`. */
  rectification: z.object({
    months: z.number(),
    reReviews: z.number(),
    barMonths: z.number(),
    source: citationSchema,
    note: noteSchema,
  }),
  agreement: z.object({
    /** null = the text sets no window after the public notice. */
    applyWithinMonthsAfterNotice: z.number().nullable(),
    firstTermYears: z.number(),
    maxTermYears: z.number(),
    source: citationSchema,
    note: noteSchema,
  }),
  materials: z.array(materialRequirementSchema),
  notAcceptedReasons: z.array(notAcceptedReasonSchema),
  reviewContents: z.array(reviewContentSchema),
  thresholds: thresholdsSchema,
  appeal: z.object({
    bodies: z.string().trim().min(1),
    timeLimits: z.string().trim().min(1),
    /** null = the text says nothing about remedies (a note must say so). */
    source: citationSchema.nullable(),
    note: noteSchema,
  }),
});

type RegionProfileInput = z.infer<typeof baseRegionProfileSchema>;
type Ctx = z.RefinementCtx;
type Path = (string | number)[];

const SLUG = /^[a-z][a-z0-9_]*$/;

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function isInt(n: number): boolean {
  return Number.isInteger(n);
}

/** Integer >= min, else an issue `${label}…`. */
function requireInt(ctx: Ctx, path: Path, value: number, min: number, label: string): void {
  if (!Number.isFinite(value)) issue(ctx, path, `${label}必须是有效数字`);
  else if (value < 0) issue(ctx, path, `${label}不得为负数（当前为${value}）`);
  else if (!isInt(value)) issue(ctx, path, `${label}必须是整数（当前为${value}）`);
  else if (value < min) issue(ctx, path, `${label}不得小于${min}（当前为${value}）`);
}

function checkNationalNote(
  ctx: Ctx,
  path: Path,
  item: { source: Citation | null; note?: string | undefined },
  what: string,
): void {
  if (item.source?.file === 'national' && !item.note) {
    issue(ctx, [...path, 'note'], `${what}引用《办法》，须在说明（note）中写明原因（地方文本明确援引或未作规定）`);
  }
}

function checkCitationFile(ctx: Ctx, path: Path, c: Citation | null, ownFile: string): void {
  if (c && c.file !== 'national' && c.file !== ownFile) {
    issue(ctx, [...path, 'file'], `引用的文件${c.file}不是本地区的政策文件（${ownFile}），只能引用本地区文件或《办法》`);
  }
}

function checkApplicability(ctx: Ctx, path: Path, a: Applicability | undefined): void {
  if (!a) return;
  for (const axis of ['institutionTypes', 'serviceTypes'] as const) {
    const list = a[axis];
    if (!list) continue;
    if (list.length === 0) issue(ctx, [...path, axis], '适用范围列表不能为空；不限范围时请省略该项');
    if (new Set(list).size !== list.length) issue(ctx, [...path, axis], '适用范围列表有重复项');
  }
}

function checkItems(
  ctx: Ctx,
  key: 'materials' | 'notAcceptedReasons' | 'reviewContents',
  items: readonly { id: string; source: Citation; note?: string | undefined; appliesTo?: Applicability }[],
  ownFile: string,
  what: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const path: Path = [key, i];
    if (!SLUG.test(item.id)) issue(ctx, [...path, 'id'], `${what}编号“${item.id}”须为小写英文、数字和下划线`);
    if (seen.has(item.id)) issue(ctx, [...path, 'id'], `${what}编号“${item.id}”重复`);
    seen.add(item.id);
    checkCitationFile(ctx, [...path, 'source'], item.source, ownFile);
    checkNationalNote(ctx, path, item, what);
    checkApplicability(ctx, [...path, 'appliesTo'], item.appliesTo);
  });
}

function refineRegionProfile(p: RegionProfileInput, ctx: Ctx): void {
  const ownFile = p.sourceFile.slice(0, 3);
  if (!(CITATION_FILES as readonly string[]).includes(ownFile) || ownFile === 'national') {
    issue(ctx, ['sourceFile'], `来源文件“${p.sourceFile}”不是已收录的政策文件`);
  }
  requireInt(ctx, ['version'], p.version, 1, '版本号');

  // 补正
  const s = p.supplement;
  if (s.workingDays === null) {
    if (s.withdrawnIfLate) issue(ctx, ['supplement', 'withdrawnIfLate'], '未规定补正期限时，不能规定逾期视为放弃申请');
    if (!s.note) issue(ctx, ['supplement', 'note'], '补正期限为空（文本未规定）时须写明说明');
  } else {
    requireInt(ctx, ['supplement', 'workingDays'], s.workingDays, 1, '补正期限（工作日）');
  }

  requireInt(ctx, ['reviewTimeLimit', 'months'], p.reviewTimeLimit.months, 1, '审核时限（月）');
  requireInt(ctx, ['publicNotice', 'minWorkingDays'], p.publicNotice.minWorkingDays, 1, '公示期（工作日）');

  // 审核小组
  const panel = p.panel;
  requireInt(ctx, ['panel', 'minMembers'], panel.minMembers, 1, '审核小组最少人数');
  if (panel.oddOnly && isInt(panel.minMembers) && panel.minMembers > 0 && panel.minMembers % 2 === 0) {
    issue(ctx, ['panel', 'minMembers'], `审核小组须为单数，最少人数不能是双数（当前为${panel.minMembers}）`);
  }
  if (panel.fields.length === 0) issue(ctx, ['panel', 'fields'], '审核小组至少应列明一个专业领域');
  if (new Set(panel.fields).size !== panel.fields.length) issue(ctx, ['panel', 'fields'], '审核小组专业领域有重复项');

  // 整改与再次审核
  const r = p.rectification;
  requireInt(ctx, ['rectification', 'months'], r.months, 1, '整改期限（月）');
  requireInt(ctx, ['rectification', 'reReviews'], r.reReviews, 0, '再次审核次数');
  requireInt(ctx, ['rectification', 'barMonths'], r.barMonths, 0, '不得再次申请的期限（月）');

  // 协议
  const a = p.agreement;
  if (a.applyWithinMonthsAfterNotice === null) {
    if (!a.note) issue(ctx, ['agreement', 'note'], '未规定公示后申请签订协议期限时须写明说明');
  } else {
    requireInt(ctx, ['agreement', 'applyWithinMonthsAfterNotice'], a.applyWithinMonthsAfterNotice, 1, '公示后申请签订协议期限（月）');
  }
  requireInt(ctx, ['agreement', 'firstTermYears'], a.firstTermYears, 1, '首次协议期（年）');
  requireInt(ctx, ['agreement', 'maxTermYears'], a.maxTermYears, 1, '最长协议期（年）');
  if (a.maxTermYears < a.firstTermYears) {
    issue(ctx, ['agreement', 'maxTermYears'], `最长协议期（${a.maxTermYears}年）不得短于首次协议期（${a.firstTermYears}年）`);
  }

  // 申诉
  if (p.appeal.source === null && !p.appeal.note) {
    issue(ctx, ['appeal', 'note'], '文本未规定救济途径时须写明说明');
  }

  // Sections: citation files and national notes.
  const sections = [
    ['supplement', '补正规定'],
    ['reviewTimeLimit', '审核时限'],
    ['publicNotice', '公示期'],
    ['panel', '审核小组'],
    ['rectification', '整改规定'],
    ['agreement', '协议期限'],
    ['appeal', '救济途径'],
  ] as const;
  for (const [key, what] of sections) {
    checkCitationFile(ctx, [key, 'source'], p[key].source, ownFile);
    checkNationalNote(ctx, [key], p[key], what);
  }

  checkItems(ctx, 'materials', p.materials, ownFile, '申请材料');
  checkItems(ctx, 'notAcceptedReasons', p.notAcceptedReasons, ownFile, '不予受理情形');
  checkItems(ctx, 'reviewContents', p.reviewContents, ownFile, '审核内容');

  // Thresholds
  for (const key of THRESHOLD_KEYS) {
    const t = p.thresholds[key];
    if (!t) continue;
    const meta = THRESHOLD_META[key];
    const path: Path = ['thresholds', key];
    const v = t.value;
    if (!Number.isFinite(v)) issue(ctx, [...path, 'value'], `${meta.label}必须是有效数字`);
    else if (v < 0) issue(ctx, [...path, 'value'], `${meta.label}不得为负数（当前为${v}）`);
    else if (meta.kind === 'ratio' && v === 0) issue(ctx, [...path, 'value'], `${meta.label}：护理服务人员与床位配比不能为0`);
    else if (meta.kind !== 'ratio' && !isInt(v)) issue(ctx, [...path, 'value'], `${meta.label}必须是整数（当前为${v}）`);
    else if (meta.kind === 'percent' && v > 100) issue(ctx, [...path, 'value'], `${meta.label}不得超过100%（当前为${v}%）`);
    else if ((meta.kind === 'months' || meta.kind === 'years') && v === 0) {
      issue(ctx, [...path, 'value'], `${meta.label}为0没有意义；文本未规定时请填 null`);
    }
    checkCitationFile(ctx, [...path, 'source'], t.source, ownFile);
    checkNationalNote(ctx, path, t, meta.label);
    checkApplicability(ctx, [...path, 'appliesTo'], t.appliesTo);
    if (t.valueInferred && !t.note) issue(ctx, [...path, 'note'], `${meta.label}为推定数值，须在说明中写明依据`);
  }
  const th = p.thresholds;
  if (th.carerShareMinPercent && th.carerShareTargetPercent && th.carerShareTargetPercent.value < th.carerShareMinPercent.value) {
    issue(ctx, ['thresholds', 'carerShareTargetPercent', 'value'], '长期照护师占比目标不得低于最低比例');
  }
  if ((th.carerShareTargetPercent === null) !== (th.carerShareTargetYears === null)) {
    issue(ctx, ['thresholds', 'carerShareTargetYears'], '长期照护师占比目标与达标年限须同时填写或同时为空');
  }
}

export const regionProfileSchema = baseRegionProfileSchema.superRefine(refineRegionProfile);
export type RegionProfile = z.infer<typeof regionProfileSchema>;

/** Parse with Chinese messages for structural errors too (zod's zh-CN locale, this call only). */
export function parseRegionProfile(input: unknown) {
  return regionProfileSchema.safeParse(input, { error: z.locales.zhCN().localeError });
}

