/**
 * Conditions per service type: 居家/社区护理 staff (000 第七条（二）; 003 第十四条（二）;
 * 004 第八条（一）（三）) and 机构护理 zone, beds, ratio, 养老机构 and 医疗机构
 * conditions (000 第七条（三）; 003 第十四条（三）; 004 第六条（一）、第八条（二）).
 * Which applicants a rule concerns, and under what condition, is the profile's
 * `appliesTo` / `condition`, applied before `evaluate` is called.
 */
import { staffToBedRatio } from '../../domain/application';
import { MEDICAL_ARRANGEMENT_LABEL } from '../../domain/enums';
import { fail, medicalQualification, missingOutcome, num, pass } from './helpers';
import { minCountRule } from './factories';
import type { RuleDef } from './types';

/** A fact the applicant must have, e.g. 具备住院资质: 是 → pass, 否 → fail, not answered → manual check. */
function requiredFactRule(spec: {
  id: string;
  title: string;
  field: 'hasSeparateCareZone' | 'hasInpatientQualification' | 'localMedicalInsuranceDesignated';
  /** the review-content items the rule is anchored on */
  anchorIds: readonly string[];
  checklist: readonly string[];
  requirement: string;
  yes: string;
  no: string;
}): RuleDef {
  const { field } = spec;
  return {
    id: spec.id,
    title: spec.title,
    group: 'institutional',
    kind: 'automatic',
    inputs: [field],
    anchor: { kind: 'reviewContent', ids: spec.anchorIds },
    checklist: spec.checklist,
    requirement: () => spec.requirement,
    evaluate(d) {
      const v = d[field];
      if (v === undefined) return missingOutcome([field]);
      return v ? pass(spec.yes) : fail(spec.no);
    },
  };
}

const HOME_TEAM = ['home_community_team', 'care_staff'] as const;
const INSTITUTIONAL_MEDICAL_TEAM = ['institutional_medical', 'institutional_staff_facilities', 'care_staff'] as const;
const CARE_ZONE = ['institutional_care_zone', 'facilities'] as const;

export const homeStaffMin = minCountRule({
  id: 'home_staff_min',
  title: '居家/社区护理服务人员人数',
  group: 'home_community',
  key: 'homeCommunityMinCareStaff',
  field: 'careStaff',
  what: '长期照护师等护理服务人员',
  checklist: HOME_TEAM,
});
export const homeDoctorsMin = minCountRule({
  id: 'home_doctors_min',
  title: '居家/社区护理执业医师人数',
  group: 'home_community',
  key: 'homeCommunityMinDoctors',
  field: 'doctors',
  what: '执业医师',
  checklist: HOME_TEAM,
});
export const homeNursesMin = minCountRule({
  id: 'home_nurses_min',
  title: '居家/社区护理执业护士人数',
  group: 'home_community',
  key: 'homeCommunityMinNurses',
  field: 'nurses',
  what: '执业护士',
  checklist: HOME_TEAM,
});

/** 具备医疗资质的，医护人员不少于N人 (003, 004: doctors and nurses together). */
export const homeMedicalStaffMin: RuleDef = {
  id: 'home_medical_staff_min',
  title: '居家/社区护理医护人员人数',
  group: 'home_community',
  kind: 'automatic',
  inputs: ['doctors', 'nurses'],
  anchor: { kind: 'thresholds', keys: ['homeCommunityMinMedicalStaff'] },
  checklist: HOME_TEAM,
  requirement: (b) => `医护人员（执业医师和执业护士合计）不少于${b.value('homeCommunityMinMedicalStaff')}人`,
  evaluate(d, b) {
    const n = b.value('homeCommunityMinMedicalStaff');
    const total = d.doctors + d.nurses;
    const head = `执业医师 ${d.doctors} 人、执业护士 ${d.nurses} 人，医护人员合计 ${total} 人`;
    return total >= n ? pass(`${head}，不少于 ${n} 人`) : fail(`${head}，少于 ${n} 人`);
  },
};

export const institutionalDoctorsMin = minCountRule({
  id: 'institutional_doctors_min',
  title: '机构护理执业医师人数',
  group: 'institutional',
  key: 'institutionalMinDoctors',
  field: 'doctors',
  what: '执业医师',
  checklist: INSTITUTIONAL_MEDICAL_TEAM,
});
export const institutionalNursesMin = minCountRule({
  id: 'institutional_nurses_min',
  title: '机构护理执业护士（护师）人数',
  group: 'institutional',
  key: 'institutionalMinNurses',
  field: 'nurses',
  what: '执业护士（护师）',
  checklist: INSTITUTIONAL_MEDICAL_TEAM,
});

/** 设立独立的长期护理服务专区 (000 第七条（三）); its 标识 and equipment are a manual check. */
export const separateCareZone = requiredFactRule({
  id: 'separate_care_zone',
  title: '独立的长期护理服务专区',
  field: 'hasSeparateCareZone',
  anchorIds: ['institutional_care_zone'],
  checklist: CARE_ZONE,
  requirement: '提供机构护理的，设立独立的长期护理服务专区',
  yes: '已设立独立的长期护理服务专区',
  no: '未设立独立的长期护理服务专区',
});

export const careBedsMin = minCountRule({
  id: 'care_beds_min',
  title: '专区护理床位数',
  group: 'institutional',
  key: 'institutionalMinBeds',
  field: 'careBeds',
  what: '护理床位',
  unit: '张',
  checklist: CARE_ZONE,
  requirement: (n) => `长期护理服务专区内的护理床位数不少于${n}张`,
});

/** 护理服务人员与护理床位配比不低于1:N — at most N beds per carer; exactly 1:N passes. */
export const staffBedRatio: RuleDef = {
  id: 'staff_bed_ratio',
  title: '护理服务人员与护理床位配比',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['careStaff', 'careBeds'],
  anchor: { kind: 'thresholds', keys: ['bedsPerStaffMax'] },
  checklist: CARE_ZONE,
  requirement: (b) => `护理服务人员与护理床位配比不低于1:${num(b.value('bedsPerStaffMax'))}`,
  evaluate(d, b) {
    const max = b.value('bedsPerStaffMax');
    if (d.careBeds === undefined) return missingOutcome(['careBeds']);
    const head = `护理服务人员 ${d.careStaff} 人，护理床位 ${d.careBeds} 张`;
    if (d.careBeds === 0) return pass(`${head}，无护理床位，配比不受限`);
    if (d.careStaff === 0) return fail(`${head}，没有护理服务人员，配比低于 1:${num(max)}`);
    // Integer-safe: beds ≤ max × staff (max may be fractional, e.g. 2.5).
    const ok = d.careBeds <= max * d.careStaff + 1e-9;
    const ratio = staffToBedRatio(d.careStaff, d.careBeds);
    return ok ? pass(`${head}，配比 ${ratio}，不低于 1:${num(max)}`) : fail(`${head}，配比 ${ratio}，低于 1:${num(max)}`);
  },
};

/**
 * 养老机构床位数: 000 第七条（三）（申请机构护理，60张以上）; 004 第六条（一）（可申请的养老机构，10张以上）.
 * Reads 机构床位总数; without it, 护理病房床位数 (a part of the total) can still prove a pass.
 */
export const elderlyCareBedsMin: RuleDef = {
  id: 'elderly_care_beds_min',
  title: '养老机构床位数',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['totalBeds', 'careBeds'],
  anchor: { kind: 'thresholds', keys: ['elderlyCareMinBeds'] },
  checklist: ['institutional_elderly_care', 'qualification_documents'],
  requirement: (b) => `养老机构床位数在${b.value('elderlyCareMinBeds')}张以上（含${b.value('elderlyCareMinBeds')}张）`,
  evaluate(d, b) {
    const n = b.value('elderlyCareMinBeds');
    if (d.totalBeds !== undefined) {
      return d.totalBeds >= n ? pass(`养老机构床位 ${d.totalBeds} 张，不少于 ${n} 张`) : fail(`养老机构床位 ${d.totalBeds} 张，少于 ${n} 张`);
    }
    if (d.careBeds !== undefined && d.careBeds >= n) {
      return pass(`未填机构床位总数；护理病房床位已有 ${d.careBeds} 张，不少于 ${n} 张`);
    }
    return missingOutcome(['totalBeds'], d.careBeds !== undefined ? `护理病房床位 ${d.careBeds} 张不足以判断机构床位是否达到 ${n} 张` : '无法判断');
  },
};

/** 养老机构申请机构护理：具备医疗资质或至少与同统筹地区一家医保住院定点医疗机构有服务合作协议 (000 第七条（三）). */
export const elderlyCareMedicalSupport: RuleDef = {
  id: 'elderly_care_medical_support',
  title: '养老机构医疗资质或住院定点医疗机构合作协议',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['medicalArrangement', 'hasMedicalQualification'],
  anchor: { kind: 'reviewContent', ids: ['institutional_elderly_care'] },
  checklist: ['institutional_elderly_care'],
  requirement: () => '申请机构护理的养老机构，具备医疗资质或与同统筹地区一家医保住院定点医疗机构签有服务合作协议',
  evaluate(d) {
    const q = medicalQualification(d);
    if (q?.value) return pass(q.basis);
    if (d.medicalArrangement === 'hospital_agreement') return pass('已与定点住院医疗机构签订服务协议（协议内容须包含服务条件、服务内容、服务规范、服务要求，由审核人员核对）');
    if (!d.medicalArrangement) return missingOutcome(['medicalArrangement']);
    return fail(`医疗护理服务情况为“${MEDICAL_ARRANGEMENT_LABEL[d.medicalArrangement]}”：既不具备医疗资质，也未与医保住院定点医疗机构签订服务合作协议`);
  },
};

export const medicalInpatient = requiredFactRule({
  id: 'medical_inpatient_qualification',
  title: '医疗机构住院资质',
  field: 'hasInpatientQualification',
  anchorIds: ['institutional_medical'],
  checklist: ['institutional_medical'],
  requirement: '申请提供机构护理服务的医疗机构，具备住院资质',
  yes: '具备住院资质',
  no: '不具备住院资质',
});

export const medicalInsuranceDesignated = requiredFactRule({
  id: 'medical_insurance_designated',
  title: '医疗机构本统筹地区医保定点资格',
  field: 'localMedicalInsuranceDesignated',
  anchorIds: ['institutional_medical'],
  checklist: ['institutional_medical'],
  requirement: '申请提供机构护理服务的医疗机构，取得本统筹地区医保定点资格',
  yes: '已取得本统筹地区医保定点资格',
  no: '未取得本统筹地区医保定点资格',
});

export const SERVICE_RULES: readonly RuleDef[] = [
  homeStaffMin,
  homeDoctorsMin,
  homeNursesMin,
  homeMedicalStaffMin,
  separateCareZone,
  careBedsMin,
  staffBedRatio,
  elderlyCareBedsMin,
  elderlyCareMedicalSupport,
  medicalInpatient,
  medicalInsuranceDesignated,
  institutionalDoctorsMin,
  institutionalNursesMin,
];
