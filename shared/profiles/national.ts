/**
 * The national 《长期护理保险护理服务机构定点管理办法（试行）》 (cited as file
 * 'national'), for the profiles whose text defers to it or is silent: 001 沈阳,
 * 002 天津, 003 黑龙江. 《办法》 itself is not among our files; the values below
 * follow the wording that 004 and 003 (for 第十三条 also 000) reproduce from it.
 *
 * Profiles import it as a namespace (`import * as national from './national'`).
 * Every builder takes the note that the schema requires on a national citation:
 * the profile that uses it says, in its own words, why it falls back on 《办法》.
 * Each call returns fresh objects, as a literal in the profile would.
 */
import { EXPERTISE_FIELDS } from '../domain/enums';
import type { Citation, NotAcceptedReason, RegionProfile, Thresholds } from './schema';

/** A citation of 《办法》: `national.cite('第十条')` where the profile imports this module as `national`. */
export const cite = (article: string): Citation => ({ file: 'national', article });

// ---------------------------------------------------------------------------
// Procedure: 《办法》第九、十、十一条 (同源表述 004 第十–十二条, 003 第二十条)

/** 第九条: the 经办机构 tells the applicant once what is missing; no deadline for the applicant. */
export const supplement = (note: string): RegionProfile['supplement'] => ({
  workingDays: null,
  withdrawnIfLate: false,
  source: cite('第九条'),
  note,
});

/** 第十条: review within 3 months, the applicant's supplement time not counted. */
export const reviewTimeLimit = (note: string): RegionProfile['reviewTimeLimit'] => ({
  months: 3,
  supplementExcluded: true,
  source: cite('第十条'),
  note,
});

/** 第十条: public notice of at least 5 working days. */
export const publicNotice = (note: string): RegionProfile['publicNotice'] => ({
  minWorkingDays: 5,
  source: cite('第十条'),
  note,
});

/** 第十条: a panel of at least 5 (an odd number) from all six fields of expertise. */
export const panel = (note: string): RegionProfile['panel'] => ({
  minMembers: 5,
  oddOnly: true,
  fields: [...EXPERTISE_FIELDS],
  source: cite('第十条'),
  note,
});

/** 第十条: rectify within 3 months, one further review, then barred for 1 year. */
export const rectification = (note: string): RegionProfile['rectification'] => ({
  months: 3,
  reReviews: 1,
  barMonths: 12,
  source: cite('第十条'),
  note,
});

/** 第十一条: first agreement 1 year, at most 3 years; no window after the public notice. */
export const agreement = (note: string): RegionProfile['agreement'] => ({
  applyWithinMonthsAfterNotice: null,
  firstTermYears: 1,
  maxTermYears: 3,
  source: cite('第十一条'),
  note,
});

// ---------------------------------------------------------------------------
// Team numbers: 《办法》第八条 (同源表述 004 第八条, 003 第十四条)

/**
 * 第八条 and nothing else: 居家/社区护理 at least 4 护理服务人员 and, with a
 * medical qualification, 2 医护人员 in all; 机构护理 with a medical qualification
 * 2 医师 and 2 护士（师）, and an internal unit from a service capacity of 100（含）.
 * The other thresholds are null; a profile that sets one overrides it.
 */
export function thresholds(note: string): Thresholds {
  const source = () => cite('第八条');
  const home = () => ({ serviceTypes: ['home' as const, 'community' as const] });
  const institutional = () => ({ serviceTypes: ['institutional' as const] });
  const medical = '具备医疗资质的';
  return {
    minOperatingMonths: null,
    minPremisesYears: null,
    minManagers: null,
    internalUnitCapacity: { value: 100, source: source(), appliesTo: institutional(), note },
    carerShareMinPercent: null,
    carerShareTargetPercent: null,
    carerShareTargetYears: null,
    homeCommunityMinCareStaff: { value: 4, source: source(), appliesTo: home(), note },
    homeCommunityMinDoctors: null,
    homeCommunityMinNurses: null,
    homeCommunityMinMedicalStaff: { value: 2, source: source(), appliesTo: home(), condition: medical, note },
    institutionalMinBeds: null,
    bedsPerStaffMax: null,
    elderlyCareMinBeds: null,
    institutionalMinDoctors: { value: 2, source: source(), appliesTo: institutional(), condition: medical, note },
    institutionalMinNurses: { value: 2, source: source(), appliesTo: institutional(), condition: medical, note },
  };
}

// ---------------------------------------------------------------------------
// Not accepted: 《办法》第十三条 (同源表述 000 第九条, 004 第十四条)

const ARTICLE_13: readonly { id: string; title: string; declaredFactKey?: string }[] = [
  { id: 'unfulfilled_penalty', title: '受到行政处罚（处理）但未完全履行处罚（处理）责任', declaredFactKey: 'unfulfilled_penalty' },
  { id: 'fraud_within_3_years', title: '以弄虚作假等不正当手段申请定点管理，自发现之日起未满3年', declaredFactKey: 'fraud_within_3_years' },
  {
    id: 'terminated_within_3_years',
    title: '因违法违规或严重违约被解除协议未满3年，或已满3年但未完全履行违约责任',
    declaredFactKey: 'terminated_within_3_years',
  },
  {
    id: 'founded_assessment_agency',
    title: '法定代表人、主要负责人、实际控制人或股东设立长期护理保险失能等级评估机构',
    declaredFactKey: 'founded_assessment_agency',
  },
  { id: 'serious_dishonesty_list', title: '法定代表人、主要负责人或实际控制人被列入严重失信名单', declaredFactKey: 'serious_dishonesty_list' },
  {
    id: 'banned_from_management',
    title: '法定代表人、主要负责人或实际控制人被禁止从事定点长护服务机构管理活动不满5年',
    declaredFactKey: 'banned_from_management',
  },
  { id: 'other_statutory_reason', title: '法律法规和规章规定的其他不予受理的情形' },
];

/**
 * The seven 《办法》第十三条 reasons, each citing 第十三条 with `note`;
 * `addToNote` appends a region's own remark to the note of one reason (by id).
 */
export function notAcceptedReasons(note: string, addToNote: Readonly<Record<string, string>> = {}): NotAcceptedReason[] {
  for (const id of Object.keys(addToNote)) {
    if (!ARTICLE_13.some((r) => r.id === id)) throw new Error(`《办法》第十三条 has no reason '${id}'`);
  }
  return ARTICLE_13.map(({ id, title, declaredFactKey }) => ({
    id,
    title,
    source: cite('第十三条'),
    ...(declaredFactKey ? { declaredFactKey } : {}),
    note: `${note}${addToNote[id] ?? ''}`,
  }));
}
