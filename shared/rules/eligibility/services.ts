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
import type { RuleDef } from './types';
import type { ThresholdKey } from '../../profiles/schema';

function headCount(
  id: string,
  title: string,
  group: 'home_community' | 'institutional',
  key: ThresholdKey,
  field: 'careStaff' | 'doctors' | 'nurses',
  what: string,
  checklist: readonly string[],
): RuleDef {
  return {
    id,
    title,
    group,
    kind: 'automatic',
    inputs: [field],
    anchor: { kind: 'thresholds', keys: [key] },
    checklist,
    requirement: (b) => `${what}不少于${b.value(key)}人`,
    evaluate(d, b) {
      const n = b.value(key);
      const v = d[field];
      if (v === undefined) return missingOutcome([field]);
      return v >= n ? pass(`${what} ${v} 人，不少于 ${n} 人`) : fail(`${what} ${v} 人，少于 ${n} 人`);
    },
  };
}

const HOME_TEAM = ['home_community_team', 'care_staff'] as const;
const INSTITUTIONAL_MEDICAL_TEAM = ['institutional_medical', 'institutional_staff_facilities', 'care_staff'] as const;
const CARE_ZONE = ['institutional_care_zone', 'facilities'] as const;

export const homeStaffMin = headCount('home_staff_min', '居家/社区护理服务人员人数', 'home_community', 'homeCommunityMinCareStaff', 'careStaff', '长期照护师等护理服务人员', HOME_TEAM);
export const homeDoctorsMin = headCount('home_doctors_min', '居家/社区护理执业医师人数', 'home_community', 'homeCommunityMinDoctors', 'doctors', '执业医师', HOME_TEAM);
export const homeNursesMin = headCount('home_nurses_min', '居家/社区护理执业护士人数', 'home_community', 'homeCommunityMinNurses', 'nurses', '执业护士', HOME_TEAM);

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

export const institutionalDoctorsMin = headCount('institutional_doctors_min', '机构护理执业医师人数', 'institutional', 'institutionalMinDoctors', 'doctors', '执业医师', INSTITUTIONAL_MEDICAL_TEAM);
export const institutionalNursesMin = headCount('institutional_nurses_min', '机构护理执业护士（护师）人数', 'institutional', 'institutionalMinNurses', 'nurses', '执业护士（护师）', INSTITUTIONAL_MEDICAL_TEAM);

/** 设立独立的长期护理服务专区 (000 第七条（三）); its 标识 and equipment are a manual check. */
export const separateCareZone: RuleDef = {
  id: 'separate_care_zone',
  title: '独立的长期护理服务专区',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['hasSeparateCareZone'],
  anchor: { kind: 'reviewContent', ids: ['institutional_care_zone'] },
  checklist: CARE_ZONE,
  requirement: () => '提供机构护理的，设立独立的长期护理服务专区',
  evaluate(d) {
    if (d.hasSeparateCareZone === undefined) return missingOutcome(['hasSeparateCareZone']);
    return d.hasSeparateCareZone ? pass('已设立独立的长期护理服务专区') : fail('未设立独立的长期护理服务专区');
  },
};

export const careBedsMin: RuleDef = {
  id: 'care_beds_min',
  title: '专区护理床位数',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['careBeds'],
  anchor: { kind: 'thresholds', keys: ['institutionalMinBeds'] },
  checklist: CARE_ZONE,
  requirement: (b) => `长期护理服务专区内的护理床位数不少于${b.value('institutionalMinBeds')}张`,
  evaluate(d, b) {
    const n = b.value('institutionalMinBeds');
    if (d.careBeds === undefined) return missingOutcome(['careBeds']);
    return d.careBeds >= n ? pass(`护理床位 ${d.careBeds} 张，不少于 ${n} 张`) : fail(`护理床位 ${d.careBeds} 张，少于 ${n} 张`);
  },
};

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

export const medicalInpatient: RuleDef = {
  id: 'medical_inpatient_qualification',
  title: '医疗机构住院资质',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['hasInpatientQualification'],
  anchor: { kind: 'reviewContent', ids: ['institutional_medical'] },
  checklist: ['institutional_medical'],
  requirement: () => '申请提供机构护理服务的医疗机构，具备住院资质',
  evaluate(d) {
    if (d.hasInpatientQualification === undefined) return missingOutcome(['hasInpatientQualification']);
    return d.hasInpatientQualification ? pass('具备住院资质') : fail('不具备住院资质');
  },
};

export const medicalInsuranceDesignated: RuleDef = {
  id: 'medical_insurance_designated',
  title: '医疗机构本统筹地区医保定点资格',
  group: 'institutional',
  kind: 'automatic',
  inputs: ['localMedicalInsuranceDesignated'],
  anchor: { kind: 'reviewContent', ids: ['institutional_medical'] },
  checklist: ['institutional_medical'],
  requirement: () => '申请提供机构护理服务的医疗机构，取得本统筹地区医保定点资格',
  evaluate(d) {
    if (d.localMedicalInsuranceDesignated === undefined) return missingOutcome(['localMedicalInsuranceDesignated']);
    return d.localMedicalInsuranceDesignated ? pass('已取得本统筹地区医保定点资格') : fail('未取得本统筹地区医保定点资格');
  },
};

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
