import { describe, expect, it } from 'vitest';
import { demoApplication } from '../../service/demo';
import { applicationInputSchema, type ApplicationData, type ApplicationInput } from '../../shared/domain/application';
import { fieldErrorsOf } from '../../shared/contract/validate';
import { BUILTIN_PROFILES, formatCitation, getBuiltinProfile, type RegionProfile } from '../../shared/profiles';
import {
  ALL_RULES,
  buildChecklist,
  catalogueOf,
  ceilPercentOf,
  evaluateApplication,
  ruleCatalogue,
  type ReviewerMark,
  type RuleResult,
} from '../../shared/rules/eligibility';

/**
 * One test per rule, each with a passing and a failing case built from the
 * policy texts' own numbers (000 新疆/兵团, 003 黑龙江, 004 吉林), including the
 * boundaries the texts imply: exactly 3% rounded up, exactly 20 beds, exactly 1:3.
 */

const XJ = getBuiltinProfile('xinjiang-bingtuan')!;
const HLJ = getBuiltinProfile('heilongjiang')!;
const JL = getBuiltinProfile('jilin')!;

type Kind = 'elderly_care' | 'medical' | 'other';

/** A valid application: an institution of `type` applying for `services`, received 2025-09-01. */
function app(type: Kind, services: ('institutional' | 'home' | 'community')[], over: Partial<ApplicationInput> = {}): ApplicationData {
  const base = demoApplication(
    0,
    { name: '测试机构', type, services, ...(services.includes('institutional') ? { beds: 60 } : {}), staff: 30, doctors: 2, nurses: 2 },
    '2025-09-01',
  );
  if (type === 'elderly_care') base.medicalArrangement = 'internal_medical_unit';
  return applicationInputSchema.parse({ ...base, ...over });
}

const elderlyInstitutional = (over: Partial<ApplicationInput> = {}) => app('elderly_care', ['institutional'], over);
const otherHome = (over: Partial<ApplicationInput> = {}) => app('other', ['home'], over);
const medicalInstitutional = (over: Partial<ApplicationInput> = {}) => app('medical', ['institutional'], over);

/** The result of one rule, or 'na' when it does not concern the applicant, or 'absent' when the profile lacks it. */
function run(profile: RegionProfile, data: ApplicationData, ruleId: string, marks: Map<string, ReviewerMark> = new Map()): RuleResult | 'na' | 'absent' {
  if (!ruleCatalogue(profile).some((b) => b.def.id === ruleId)) return 'absent';
  const e = evaluateApplication(profile, data, marks);
  return e.results.find((r) => r.ruleId === ruleId) ?? 'na';
}

function result(profile: RegionProfile, data: ApplicationData, ruleId: string): RuleResult {
  const r = run(profile, data, ruleId);
  if (typeof r === 'string') throw new Error(`${ruleId} is ${r} for this applicant under ${profile.id}`);
  return r;
}

const state = (profile: RegionProfile, data: ApplicationData, ruleId: string) => {
  const r = run(profile, data, ruleId);
  return typeof r === 'string' ? r : r.state;
};

// ---------------------------------------------------------------------------

describe('rule catalogue', () => {
  it('lists at least 25 rules across the profiles, each with a source article taken from the profile', () => {
    const all = BUILTIN_PROFILES.flatMap((p) => catalogueOf(p).rules);
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(catalogueOf(XJ).rules.length).toBeGreaterThanOrEqual(25);
    for (const r of all) {
      expect(r.source, r.id).toMatch(/^(00[0-4] \S+|《办法》第\S+条)/);
      expect(r.sources.length).toBeGreaterThan(0);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('cites exactly the articles the profile gives its thresholds and reasons', () => {
    for (const p of BUILTIN_PROFILES) {
      for (const b of ruleCatalogue(p)) {
        const a = b.def.anchor;
        if (a.kind === 'thresholds') {
          expect(b.citations.map(formatCitation)).toEqual([...new Set(a.keys.map((k) => formatCitation(p.thresholds[k]!.source)))]);
        }
        if (a.kind === 'notAccepted') {
          expect(b.citations).toEqual([p.notAcceptedReasons.find((r) => r.declaredFactKey === a.factKey)!.source]);
        }
      }
    }
  });

  it('leaves out a rule whose threshold the profile does not set, and says why', () => {
    const jl = catalogueOf(JL);
    expect(jl.rules.map((r) => r.id)).not.toContain('staff_bed_ratio');
    expect(jl.notInProfile.find((r) => r.id === 'staff_bed_ratio')?.reason).toBe('本地区政策未规定“每名护理服务人员最多对应护理床位（配比1:N）”');
    expect(jl.rules.map((r) => r.id)).not.toContain('carer_share_min');
    expect(catalogueOf(XJ).rules.map((r) => r.id)).toContain('staff_bed_ratio');
  });

  it('follows an edited profile: a changed number changes the result, a nulled threshold removes the rule', () => {
    const edited = structuredClone(XJ);
    edited.thresholds.homeCommunityMinCareStaff!.value = 15;
    edited.thresholds.bedsPerStaffMax = null;
    const d = otherHome({ careStaff: 18 });
    expect(state(XJ, d, 'home_staff_min')).toBe('fail');
    expect(state(edited, d, 'home_staff_min')).toBe('pass');
    expect(result(edited, d, 'home_staff_min').explanation).toBe('长期照护师等护理服务人员 18 人，不少于 15 人');
    expect(state(edited, elderlyInstitutional(), 'staff_bed_ratio')).toBe('absent');
  });

  it('has unique rule ids', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });
});

describe('基本条件 (000 第六条)', () => {
  it('operating_period: open 3 months by the 受理日期 (the anniversary counts)', () => {
    const r = result(XJ, otherHome({ operatingSince: '2025-06-01' }), 'operating_period');
    expect(r.state).toBe('pass');
    expect(r.citations).toEqual(['000 第六条（一）']);
    expect(r.explanation).toBe('正式营业日期 2025年6月1日，受理日期 2025年9月1日，已营业满3个月，不少于3个月');
    const late = result(XJ, otherHome({ operatingSince: '2025-06-02' }), 'operating_period');
    expect(late.state).toBe('fail');
    expect(late.explanation).toContain('营业不足3个月（至2025年9月2日方满3个月）');
    // month ends clamp: 2025-05-31 + 3 months = 2025-08-31
    expect(state(XJ, otherHome({ operatingSince: '2025-05-31', receivedOn: '2025-08-31' }), 'operating_period')).toBe('pass');
    expect(state(XJ, otherHome({ operatingSince: '2025-05-31', receivedOn: '2025-08-30' }), 'operating_period')).toBe('fail');
    expect(result(XJ, otherHome({ operatingSince: '2025-10-01' }), 'operating_period').explanation).toContain('尚未正式营业');
    expect(state(JL, otherHome({ operatingSince: '2025-08-01' }), 'operating_period')).toBe('absent');
  });

  it('premises_term: usable for 2 years from the 受理日期, that day included', () => {
    expect(state(XJ, otherHome({ premisesUntil: '2027-08-31' }), 'premises_term')).toBe('pass');
    const r = result(XJ, otherHome({ premisesUntil: '2027-08-30' }), 'premises_term');
    expect(r.state).toBe('fail');
    expect(r.explanation).toBe('业务用房使用期限至 2027年8月30日，受理日期 2025年9月1日，剩余使用期限不足2年（须至少至2027年8月31日）');
  });

  it('managers_min: at least 1 专（兼）职管理人员 (000 第六条（二）; 004 第七条（三）, inferred)', () => {
    expect(state(XJ, otherHome({ managers: 1 }), 'managers_min')).toBe('pass');
    expect(result(XJ, otherHome({ managers: 0 }), 'managers_min').explanation).toBe('专（兼）职管理人员 0 人，少于 1 人');
    const jl = result(JL, otherHome({ managers: 0 }), 'managers_min');
    expect(jl.state).toBe('fail');
    expect(jl.citations).toEqual(['004 第七条（三）']);
  });

  it('internal_unit: capacity 100 (inclusive) needs the internal unit and a full-time manager', () => {
    expect(result(XJ, otherHome({ serviceCapacity: 99 }), 'internal_unit').state).toBe('pass');
    expect(state(XJ, otherHome({ serviceCapacity: 100, hasInternalLtcUnit: true, hasFullTimeManager: true, managers: 2 }), 'internal_unit')).toBe('pass');
    const r = result(XJ, otherHome({ serviceCapacity: 100, hasInternalLtcUnit: false, hasFullTimeManager: true, managers: 2 }), 'internal_unit');
    expect(r.state).toBe('fail');
    expect(r.explanation).toBe('长期护理服务能力 100 人（100 人及以上），未成立长护管理内设工作机构');
    const unknown = result(XJ, otherHome({ serviceCapacity: 150 }), 'internal_unit');
    expect(unknown.state).toBe('manual');
    expect(unknown.missingFields.map((f) => f.label)).toEqual(['是否成立长护管理内设工作机构', '是否配备专职管理人员']);
    // 003/004 set it for 机构护理 only; 000 for every applicant.
    expect(state(HLJ, otherHome({ serviceCapacity: 150 }), 'internal_unit')).toBe('na');
    expect(state(HLJ, elderlyInstitutional({ serviceCapacity: 150, hasInternalLtcUnit: false, hasFullTimeManager: false }), 'internal_unit')).toBe('fail');
  });

  it('carer_share_min: ceil(careStaff × 3%) — 34 carers-to-be → 2 required (1.02 rounded up)', () => {
    expect(ceilPercentOf(34, 3)).toBe(2);
    expect(ceilPercentOf(100, 3)).toBe(3);
    expect(ceilPercentOf(33, 3)).toBe(1);
    expect(ceilPercentOf(0, 3)).toBe(0);
    const fail = result(XJ, otherHome({ careStaff: 34, longTermCarers: 1 }), 'carer_share_min');
    expect(fail.state).toBe('fail');
    expect(fail.explanation).toBe('护理服务人员 34 人，长期照护师 1 人，占 2.94%；34 × 3% = 1.02，向上取整须至少 2 人，差 1 人');
    expect(state(XJ, otherHome({ careStaff: 34, longTermCarers: 2 }), 'carer_share_min')).toBe('pass');
    // exactly 3%: 100 × 3% = 3, no rounding
    expect(state(XJ, otherHome({ careStaff: 100, longTermCarers: 3 }), 'carer_share_min')).toBe('pass');
    expect(state(XJ, otherHome({ careStaff: 100, longTermCarers: 2 }), 'carer_share_min')).toBe('fail');
    expect(state(XJ, otherHome({ careStaff: 33, longTermCarers: 1 }), 'carer_share_min')).toBe('pass');
    expect(state(JL, otherHome({ careStaff: 34, longTermCarers: 0 }), 'carer_share_min')).toBe('absent');
  });

  it('carer_share_target: below 30% is a warning, not a failure', () => {
    const d = otherHome({ careStaff: 34, longTermCarers: 2, managers: 1 });
    const r = result(XJ, d, 'carer_share_target');
    expect(r.state).toBe('warning');
    expect(r.explanation).toContain('成为定点后3年内须提升至不低于30%（至少 11 人），尚差 9 人');
    expect(state(XJ, otherHome({ careStaff: 34, longTermCarers: 11 }), 'carer_share_target')).toBe('pass');
    expect(evaluateApplication(XJ, d).counts.warning).toBe(1);
  });
});

describe('居家/社区护理 (000 第七条（二）; 003 第十四条（二）; 004 第八条（一）（三）)', () => {
  it('home_staff_min: 20 in 新疆/兵团, 4 in 吉林 — the same applicant differs', () => {
    const d = otherHome({ careStaff: 18 });
    const xj = result(XJ, d, 'home_staff_min');
    expect(xj.state).toBe('fail');
    expect(xj.explanation).toBe('长期照护师等护理服务人员 18 人，少于 20 人');
    expect(xj.citations).toEqual(['000 第七条（二）']);
    const jl = result(JL, d, 'home_staff_min');
    expect(jl.state).toBe('pass');
    expect(jl.citations).toEqual(['004 第八条（一）']);
    expect(state(XJ, otherHome({ careStaff: 20 }), 'home_staff_min')).toBe('pass');
    expect(state(JL, otherHome({ careStaff: 3 }), 'home_staff_min')).toBe('fail');
    expect(state(XJ, elderlyInstitutional({ careStaff: 5 }), 'home_staff_min')).toBe('na');
  });

  it('home_doctors_min / home_nurses_min (000): each at least 2 when medically qualified', () => {
    const qualified = (doctors: number, nurses: number) => otherHome({ hasMedicalQualification: true, doctors, nurses });
    expect(state(XJ, qualified(2, 2), 'home_doctors_min')).toBe('pass');
    expect(state(XJ, qualified(2, 2), 'home_nurses_min')).toBe('pass');
    const d = result(XJ, qualified(1, 2), 'home_doctors_min');
    expect(d.state).toBe('fail');
    expect(d.explanation).toBe('执业医师 1 人，少于 2 人（申请机构填报具备医疗资质）');
    expect(state(XJ, qualified(2, 1), 'home_nurses_min')).toBe('fail');
    // not medically qualified: the condition does not concern it
    expect(state(XJ, otherHome({ hasMedicalQualification: false, doctors: 0, nurses: 0 }), 'home_doctors_min')).toBe('na');
    // unknown: the missing field is named
    const u = result(XJ, otherHome({ doctors: 0 }), 'home_doctors_min');
    expect(u.state).toBe('manual');
    expect(u.missingFields.map((f) => f.key)).toEqual(['hasMedicalQualification']);
    expect(u.explanation).toContain('“是否具备医疗资质”');
    // a 医疗机构 is medically qualified by its licence
    expect(state(XJ, app('medical', ['home'], { doctors: 1, nurses: 3 }), 'home_doctors_min')).toBe('fail');
  });

  it('home_medical_staff_min (003, 004): doctors and nurses together at least 2', () => {
    const r = result(HLJ, app('medical', ['community'], { doctors: 1, nurses: 0 }), 'home_medical_staff_min');
    expect(r.state).toBe('fail');
    expect(r.explanation).toContain('医护人员合计 1 人，少于 2 人');
    expect(r.citations).toEqual(['003 第十四条（二）']);
    expect(state(JL, app('medical', ['home'], { doctors: 1, nurses: 1 }), 'home_medical_staff_min')).toBe('pass');
    expect(state(XJ, app('medical', ['home'], { doctors: 1, nurses: 1 }), 'home_medical_staff_min')).toBe('absent');
  });
});

describe('机构护理 (000 第七条（三）; 003 第十四条（三）; 004 第六条（一）、第八条（二）)', () => {
  it('separate_care_zone', () => {
    expect(state(XJ, elderlyInstitutional({ hasSeparateCareZone: true }), 'separate_care_zone')).toBe('pass');
    expect(result(XJ, elderlyInstitutional({ hasSeparateCareZone: false }), 'separate_care_zone').explanation).toBe('未设立独立的长期护理服务专区');
    expect(result(XJ, elderlyInstitutional(), 'separate_care_zone').missingFields[0]?.label).toBe('是否设立独立的长期护理服务专区');
    expect(state(JL, elderlyInstitutional({ hasSeparateCareZone: false }), 'separate_care_zone')).toBe('absent');
  });

  it('care_beds_min: exactly 20 beds pass, 19 fail', () => {
    expect(result(XJ, elderlyInstitutional({ careBeds: 20, careStaff: 10 }), 'care_beds_min').explanation).toBe('护理床位 20 张，不少于 20 张');
    expect(state(XJ, elderlyInstitutional({ careBeds: 19, careStaff: 10 }), 'care_beds_min')).toBe('fail');
  });

  it('staff_bed_ratio: exactly 1:3 passes; 45 staff to 150 beds is 1:3.3 and fails', () => {
    const r = result(XJ, elderlyInstitutional({ careStaff: 45, careBeds: 150 }), 'staff_bed_ratio');
    expect(r.state).toBe('fail');
    expect(r.explanation).toBe('护理服务人员 45 人，护理床位 150 张，配比 1:3.3，低于 1:3');
    expect(r.citations).toEqual(['000 第七条（三）']);
    const ok = result(XJ, elderlyInstitutional({ careStaff: 50, careBeds: 150 }), 'staff_bed_ratio');
    expect(ok.state).toBe('pass');
    expect(ok.explanation).toBe('护理服务人员 50 人，护理床位 150 张，配比 1:3，不低于 1:3');
    expect(state(XJ, elderlyInstitutional({ careStaff: 50, careBeds: 151 }), 'staff_bed_ratio')).toBe('fail');
  });

  it('elderly_care_beds_min: 60 in 新疆/兵团 (机构护理), 10 in 吉林 (any) — the same applicant differs', () => {
    const d = elderlyInstitutional({ totalBeds: 50, careBeds: 30, careStaff: 10 });
    const xj = result(XJ, d, 'elderly_care_beds_min');
    expect(xj.state).toBe('fail');
    expect(xj.explanation).toBe('养老机构床位 50 张，少于 60 张');
    const jl = result(JL, d, 'elderly_care_beds_min');
    expect(jl.state).toBe('pass');
    expect(jl.citations).toEqual(['004 第六条（一）']);
    expect(state(XJ, elderlyInstitutional({ totalBeds: 60 }), 'elderly_care_beds_min')).toBe('pass');
    expect(state(JL, app('elderly_care', ['home'], { totalBeds: 9 }), 'elderly_care_beds_min')).toBe('fail');
    expect(state(JL, app('elderly_care', ['home'], { totalBeds: 10 }), 'elderly_care_beds_min')).toBe('pass');
    // 000 binds only 养老机构 applying for 机构护理
    expect(state(XJ, app('elderly_care', ['home'], { totalBeds: 9 }), 'elderly_care_beds_min')).toBe('na');
    // without the total, care beds can prove a pass but not a failure
    expect(result(XJ, elderlyInstitutional({ careBeds: 60 }), 'elderly_care_beds_min').state).toBe('pass');
    const m = result(XJ, elderlyInstitutional({ careBeds: 40 }), 'elderly_care_beds_min');
    expect(m.state).toBe('manual');
    expect(m.missingFields.map((f) => f.key)).toEqual(['totalBeds']);
  });

  it('elderly_care_medical_support: medical qualification or a hospital agreement', () => {
    expect(state(XJ, elderlyInstitutional({ medicalArrangement: 'internal_medical_unit' }), 'elderly_care_medical_support')).toBe('pass');
    expect(state(XJ, elderlyInstitutional({ medicalArrangement: 'hospital_agreement' }), 'elderly_care_medical_support')).toBe('pass');
    const r = result(XJ, elderlyInstitutional({ medicalArrangement: 'none' }), 'elderly_care_medical_support');
    expect(r.state).toBe('fail');
    expect(r.explanation).toContain('既不具备医疗资质，也未与医保住院定点医疗机构签订服务合作协议');
    expect(state(JL, elderlyInstitutional({ medicalArrangement: 'none' }), 'elderly_care_medical_support')).toBe('absent');
  });

  it('medical_inpatient_qualification and medical_insurance_designated: 医疗机构 applying for 机构护理', () => {
    expect(state(XJ, medicalInstitutional({ hasInpatientQualification: true }), 'medical_inpatient_qualification')).toBe('pass');
    expect(state(XJ, medicalInstitutional({ hasInpatientQualification: false }), 'medical_inpatient_qualification')).toBe('fail');
    expect(state(XJ, medicalInstitutional({ localMedicalInsuranceDesignated: true }), 'medical_insurance_designated')).toBe('pass');
    expect(result(XJ, medicalInstitutional({ localMedicalInsuranceDesignated: false }), 'medical_insurance_designated').explanation).toBe('未取得本统筹地区医保定点资格');
    expect(result(XJ, medicalInstitutional(), 'medical_insurance_designated').missingFields[0]?.key).toBe('localMedicalInsuranceDesignated');
    expect(state(XJ, elderlyInstitutional(), 'medical_inpatient_qualification')).toBe('na');
  });

  it('institutional_doctors_min / nurses_min: 000 for 医疗机构; 003/004 for the medically qualified', () => {
    expect(state(XJ, medicalInstitutional({ doctors: 2, nurses: 2 }), 'institutional_doctors_min')).toBe('pass');
    expect(result(XJ, medicalInstitutional({ doctors: 1, nurses: 2 }), 'institutional_doctors_min').explanation).toBe('执业医师 1 人，少于 2 人');
    expect(state(XJ, medicalInstitutional({ doctors: 2, nurses: 1 }), 'institutional_nurses_min')).toBe('fail');
    expect(state(XJ, elderlyInstitutional({ doctors: 0 }), 'institutional_doctors_min')).toBe('na');
    // 吉林: a 养老机构 with an internal medical unit is medically qualified
    expect(state(JL, elderlyInstitutional({ doctors: 1 }), 'institutional_doctors_min')).toBe('fail');
    expect(state(JL, elderlyInstitutional({ doctors: 0, medicalArrangement: 'hospital_agreement' }), 'institutional_doctors_min')).toBe('na');
    expect(state(HLJ, elderlyInstitutional({ nurses: 2 }), 'institutional_nurses_min')).toBe('pass');
  });
});

describe('不予受理情形 (000 第九条; 004 第十四条)', () => {
  const clean = {
    penaltyUnfulfilled: false,
    fraudFound: false,
    agreementTerminated: false,
    assessmentAgencyFounded: false,
    seriousDishonestyListed: false,
    managementBanned: false,
  } satisfies Partial<ApplicationInput>;

  it('passes every declared-fact check of a clean declaration, with the articles of each text', () => {
    for (const [p, art] of [[XJ, '000 第九条'], [JL, '004 第十四条']] as const) {
      const e = evaluateApplication(p, otherHome(clean));
      const na = e.results.filter((r) => r.group === 'not_accepted' && r.kind === 'declaration');
      expect(na).toHaveLength(6);
      for (const r of na) {
        expect(r.state, r.ruleId).toBe('pass');
        expect(r.citations[0]).toMatch(new RegExp(`^${art}（[一二三四五六]）$`));
      }
    }
    expect(result(HLJ, otherHome(clean), 'not_accepted_fraud').citations).toEqual(['《办法》第十三条']);
  });

  it('（一） unfulfilled penalty', () => {
    expect(state(XJ, otherHome({ ...clean, penaltyUnfulfilled: true }), 'not_accepted_unfulfilled_penalty')).toBe('fail');
  });

  it('（二） fraud: 未满3年 from the day it was found, counted to the 受理日期', () => {
    const r = result(XJ, otherHome({ ...clean, fraudFound: true, fraudFoundOn: '2022-09-02' }), 'not_accepted_fraud');
    expect(r.state).toBe('fail');
    expect(r.explanation).toContain('未满3年（2022年9月2日发现，至2025年9月2日满3年）');
    expect(state(XJ, otherHome({ ...clean, fraudFound: true, fraudFoundOn: '2022-09-01' }), 'not_accepted_fraud')).toBe('pass');
  });

  it('（三） agreement terminated on 2023-05-01, checked on 2025-09-01 → 未满3年', () => {
    const r = result(XJ, otherHome({ ...clean, agreementTerminated: true, agreementTerminatedOn: '2023-05-01' }), 'not_accepted_terminated');
    expect(r.state).toBe('fail');
    expect(r.explanation).toBe('被解除协议未满3年（2023年5月1日解除，至2026年5月1日满3年）');
    expect(r.citations).toEqual(['000 第九条（三）']);
    const at3 = { ...clean, agreementTerminated: true, agreementTerminatedOn: '2022-09-01' };
    expect(result(XJ, otherHome(at3), 'not_accepted_terminated').missingFields.map((f) => f.key)).toEqual(['terminationLiabilityFulfilled']);
    expect(result(XJ, otherHome({ ...at3, terminationLiabilityFulfilled: false }), 'not_accepted_terminated').explanation).toContain('但未完全履行违约责任');
    expect(state(XJ, otherHome({ ...at3, terminationLiabilityFulfilled: true }), 'not_accepted_terminated')).toBe('pass');
  });

  it('（四） assessment agency and （五） serious-dishonesty list', () => {
    expect(state(JL, otherHome({ ...clean, assessmentAgencyFounded: true }), 'not_accepted_assessment_agency')).toBe('fail');
    expect(state(JL, otherHome({ ...clean, seriousDishonestyListed: true }), 'not_accepted_serious_dishonesty')).toBe('fail');
  });

  it('（六） banned from management: 不满5年', () => {
    const r = result(JL, otherHome({ ...clean, managementBanned: true, managementBannedOn: '2020-09-02' }), 'not_accepted_management_ban');
    expect(r.state).toBe('fail');
    expect(r.explanation).toContain('至2025年9月2日满5年');
    expect(r.citations).toEqual(['004 第十四条（六）']);
    expect(state(JL, otherHome({ ...clean, managementBanned: true, managementBannedOn: '2020-09-01' }), 'not_accepted_management_ban')).toBe('pass');
  });

  it('004 第十四条（七） is a manual check, decided by the reviewer; 000 has no such reason', () => {
    const r = result(JL, otherHome(clean), 'not_accepted_other');
    expect(r.state).toBe('manual');
    expect(r.citations).toEqual(['004 第十四条（七）']);
    expect(r.checklistItemIds).toEqual(['rule:not_accepted_other']);
    const marked = run(JL, otherHome(clean), 'not_accepted_other', new Map([['rule:not_accepted_other', { state: 'met', note: '已查询信用中国' }]]));
    expect(typeof marked !== 'string' && marked.state).toBe('pass');
    expect(state(XJ, otherHome(clean), 'not_accepted_other')).toBe('absent');
  });
});

describe('manual checks and the checklist', () => {
  it('lists 制度, 信息系统, 收费, 专区标识 as manual checks, decided by the reviewer mark on their item', () => {
    const d = elderlyInstitutional({ hasSeparateCareZone: true, careStaff: 20, careBeds: 60 });
    const e = evaluateApplication(XJ, d);
    const manual = e.results.filter((r) => r.kind === 'manual').map((r) => r.ruleId);
    expect(manual).toEqual(expect.arrayContaining(['manual_management_systems', 'manual_information_system', 'manual_pricing', 'manual_care_zone_facilities']));
    for (const r of e.results.filter((x) => x.kind === 'manual')) expect(r.state).toBe('manual');
    const marks = new Map<string, ReviewerMark>([
      ['institutional_care_zone', { state: 'met', note: '现场核查标识清晰' }],
      ['pricing', { state: 'not_met', note: '收费高于公示价格' }],
    ]);
    expect(state(XJ, d, 'manual_care_zone_facilities')).toBe('manual');
    const after = evaluateApplication(XJ, d, marks);
    expect(after.results.find((r) => r.ruleId === 'manual_care_zone_facilities')?.state).toBe('pass');
    const pricing = after.results.find((r) => r.ruleId === 'manual_pricing')!;
    expect(pricing.state).toBe('fail');
    expect(pricing.explanation).toBe('审核人员核查不符合：收费高于公示价格');
    expect(after.overall).toBe('some_fail');
  });

  it('pre-fills checklist items from the rules that decide them, naming the rules', () => {
    const d = elderlyInstitutional({ careStaff: 45, careBeds: 150, hasSeparateCareZone: true });
    const e = evaluateApplication(XJ, d);
    const items = buildChecklist(XJ, d, e, new Map());
    const zone = items.find((i) => i.itemId === 'institutional_care_zone')!;
    expect(zone.state).toBe('not_met');
    expect(zone.source).toBe('rules');
    expect(zone.suggestion?.ruleIds).toEqual(expect.arrayContaining(['staff_bed_ratio', 'care_beds_min', 'separate_care_zone']));
    expect(zone.suggestion?.explanation).toContain('配比 1:3.3');
    // items that do not concern a 养老机构 applying for 机构护理 are not listed
    expect(items.map((i) => i.itemId)).not.toContain('institutional_medical');
    expect(items.map((i) => i.itemId)).not.toContain('home_community_team');
    // 吉林 第十一条（一）–（七） all concern everyone
    const jl = buildChecklist(JL, d, evaluateApplication(JL, d), new Map());
    expect(jl.map((i) => i.citation).slice(0, 7)).toEqual(['一', '二', '三', '四', '五', '六', '七'].map((n) => `004 第十一条（${n}）`));
  });

  it('overall: all pass only when nothing fails or waits for a human', () => {
    const d = elderlyInstitutional();
    const e = evaluateApplication(XJ, d);
    expect(e.overall).toBe('manual_pending');
  });
});

describe('missing inputs', () => {
  it('a record without the new fields never passes a rule that reads them; every such result names the field', () => {
    const legacy = app('other', ['home', 'community'], {});
    for (const p of BUILTIN_PROFILES) {
      const e = evaluateApplication(p, legacy);
      for (const r of e.results) {
        if (r.kind === 'manual') continue;
        const reads = r.inputs.map((i) => i.key).filter((k) => (legacy as Record<string, unknown>)[k] === undefined);
        if (reads.length > 0 && r.inputs.every((i) => reads.includes(i.key) || i.key === 'receivedOn')) {
          expect(r.state, `${p.id} ${r.ruleId}`).toBe('manual');
          expect(r.missingFields.length, `${p.id} ${r.ruleId}`).toBeGreaterThan(0);
          expect(r.explanation).toContain(`“${r.missingFields[0]!.label}”`);
        }
      }
    }
  });
});

describe('application fields for the rules', () => {
  const base = () => demoApplication(0, { name: '测试', type: 'other', services: ['home'], staff: 30, doctors: 0, nurses: 0 }, '2025-09-01');
  const errors = (over: Partial<ApplicationInput>) => {
    const r = applicationInputSchema.safeParse({ ...base(), ...over });
    return r.success ? {} : fieldErrorsOf(r.error);
  };

  it('are optional', () => {
    expect(errors({})).toEqual({});
  });

  it('refuse contradictions with Chinese messages naming the field', () => {
    expect(errors({ longTermCarers: 31 }).longTermCarers).toBe('长期照护师人数（31）不能超过护理服务人员数量（30）');
    expect(errors({ fraudFound: true }).fraudFoundOn).toBe('请填写弄虚作假被发现之日');
    expect(errors({ agreementTerminated: false, agreementTerminatedOn: '2023-05-01' }).agreementTerminatedOn).toContain('不应填写');
    expect(errors({ operatingSince: '2025-02-30' }).operatingSince).toBe('正式营业日期：日期不存在');
    expect(errors({ premisesUntil: '2027/08/31' }).premisesUntil).toBe('业务用房使用期限截止日格式应为 YYYY-MM-DD');
    expect(errors({ managers: -1 }).managers).toBe('专（兼）职管理人员数不能为负数');
    expect(errors({ hasFullTimeManager: 'yes' as unknown as boolean }).hasFullTimeManager).toContain('请选择“是”或“否”');
    const m = applicationInputSchema.safeParse({ ...base(), institutionType: 'medical', medicalLicenceNo: 'PDY1', hasMedicalQualification: false });
    expect(m.success ? {} : fieldErrorsOf(m.error)).toHaveProperty('hasMedicalQualification');
  });
});
