/**
 * Reasons of a 不合格 decision as codes, and the 整改建议 presets per reason
 * (000 第十四条: 对审核不合格的，应当告知其理由，并提出整改建议).
 *
 * Reason codes:
 * - `rule:<ruleId>`       a 基础性指标 rule of the eligibility catalogue that failed
 *                         (or stayed unverified), with its article;
 * - `basic:<indicatorId>` a basic indicator of the round's 评分细则 as the clerk recorded it
 *                         separately before the eligibility results became the only
 *                         record; no longer produced, kept so decisions stored with it
 *                         still read;
 * - `panel:<key>`         a reason of the panel's own (see PANEL_REASONS).
 *
 * The presets are starting points: the panel picks one per reason and edits
 * it for the applicant; the edited text is what the decision stores.
 */

export interface AdvicePreset {
  id: string;
  text: string;
}

export const REASON_KINDS = ['rule', 'basic', 'panel'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export function reasonKindOf(code: string): ReasonKind | null {
  const k = code.split(':', 1)[0];
  return (REASON_KINDS as readonly string[]).includes(k ?? '') && code.length > (k?.length ?? 0) + 1 ? (k as ReasonKind) : null;
}

export const ruleCode = (ruleId: string) => `rule:${ruleId}`;
export const basicCode = (indicatorId: string) => `basic:${indicatorId}`;

/** The panel's own reasons, beyond the rules. */
export const PANEL_REASONS: readonly { key: string; title: string; text: string }[] = [
  { key: 'site_inspection', title: '现场核查情况与申报不符', text: '经现场核查，机构实际情况与申报材料不符' },
  { key: 'materials_inconsistent', title: '申报材料不实或前后矛盾', text: '申报材料存在不实或前后矛盾之处，经核实未能说明' },
  { key: 'service_capacity', title: '服务能力与申请服务类型不相适应', text: '机构现有人员、床位、设施设备等服务能力与申请的定点服务类型不相适应' },
  { key: 'management', title: '内部管理与服务规范存在明显缺陷', text: '内部管理制度不健全或执行不到位，服务规范存在明显缺陷' },
  { key: 'quota', title: '未进入配置规划名额', text: '差异化指标得分排序未进入本批次定点服务机构配置规划名额' },
  { key: 'other', title: '其他理由', text: '' },
];
export const panelCode = (key: string) => `panel:${key}`;

const P = (id: string, text: string): AdvicePreset => ({ id, text });

/** Presets per rule id of the eligibility catalogue (every rule has at least one). */
export const RULE_ADVICE_PRESETS: Readonly<Record<string, readonly AdvicePreset[]>> = {
  not_accepted_unfulfilled_penalty: [P('fulfil_penalty', '完全履行行政处罚（处理）责任，取得相关部门出具的履行完毕证明后，再行申请')],
  not_accepted_fraud: [P('wait_fraud', '自弄虚作假行为发现之日起满3年后，方可再次申请；申请时如实提供材料')],
  not_accepted_terminated: [P('wait_termination', '自解除协议之日起满3年并完全履行违约责任后，方可再次申请')],
  not_accepted_assessment_agency: [P('divest_assessment', '法定代表人、主要负责人、实际控制人或股东退出所设立的失能等级评估机构，提供工商变更等证明材料后再行申请')],
  not_accepted_serious_dishonesty: [P('credit_repair', '相关人员完成信用修复、移出严重失信名单后，再行申请')],
  not_accepted_management_ban: [P('replace_manager', '更换被禁止从事定点长护服务机构管理活动的人员，或待禁止期限届满后再行申请')],
  not_accepted_other: [P('remove_ground', '消除法律法规和规章规定的不予受理情形，并提供相应证明材料')],
  operating_period: [P('operate_longer', '现营业场所正式营业满规定期限后再行申请，并提供营业期间的服务记录')],
  premises_term: [
    P('extend_lease', '续签或变更业务用房租赁（使用）合同，使剩余使用期限满足规定年限，并提供合同复印件'),
    P('own_premises', '提供自有业务用房产权证明材料'),
  ],
  managers_min: [P('appoint_managers', '配备满足规定人数的专（兼）职长护管理人员，提供任命文件和劳动合同')],
  internal_unit: [P('set_up_unit', '设立长护管理内设工作机构，配备专职管理人员，提供机构设置文件和人员任命文件')],
  carer_share_min: [
    P('train_carers', '组织护理服务人员参加长期照护师培训并取得证书，使长期照护师占比达到规定比例（向上取整）'),
    P('hire_carers', '招聘持有长期照护师证书的护理服务人员，提供证书和劳动合同'),
  ],
  carer_share_target: [P('carer_plan', '制定长期照护师培养计划，明确3年内占比达到规定目标的时间表')],
  home_staff_min: [P('hire_home_staff', '增加居家/社区护理服务人员至规定人数，提供劳动合同和社会保险缴费证明')],
  home_doctors_min: [P('hire_home_doctors', '增加执业医师至规定人数，提供执业证书、注册信息和劳动合同')],
  home_nurses_min: [P('hire_home_nurses', '增加执业护士至规定人数，提供执业证书、注册信息和劳动合同')],
  home_medical_staff_min: [P('hire_home_medical', '增加执业医师和执业护士，使医护人员合计达到规定人数，提供执业证书和劳动合同')],
  separate_care_zone: [P('build_zone', '设置独立的长期护理服务专区，并提供平面图和现场照片')],
  care_beds_min: [P('add_beds', '增加专区护理床位至规定张数，提供床位设置情况说明和现场照片')],
  staff_bed_ratio: [
    P('add_staff_ratio', '增加护理服务人员，使护理服务人员与护理床位配比达到规定标准，提供人员名册和劳动合同'),
    P('reduce_beds_ratio', '调整专区护理床位数，使配比达到规定标准，并说明调整后的床位安排'),
  ],
  elderly_care_beds_min: [P('add_elderly_beds', '增加养老机构床位至规定张数，提供养老机构备案（许可）变更材料')],
  elderly_care_medical_support: [
    P('internal_medical', '设立内设医疗机构并取得医疗机构执业许可证（或诊所备案凭证）'),
    P('hospital_agreement', '与住院定点医疗机构签订服务协议，提供协议文本'),
  ],
  medical_inpatient_qualification: [P('inpatient_licence', '取得住院诊疗资质，提供医疗机构执业许可证相应诊疗科目登记')],
  medical_insurance_designated: [P('become_designated', '取得本统筹地区医保定点资格后再行申请')],
  institutional_doctors_min: [P('hire_inst_doctors', '增加机构护理执业医师至规定人数，提供执业证书、注册信息和劳动合同')],
  institutional_nurses_min: [P('hire_inst_nurses', '增加机构护理执业护士（护师）至规定人数，提供执业证书、注册信息和劳动合同')],
  manual_qualification: [P('renew_qualification', '补办或换发有效的机构资质文件（设立许可、执业许可、备案凭证或法人登记证书），确保在有效期内')],
  manual_entry_conditions: [P('meet_conditions', '按申请条件逐项完善法人资格、固定场所、专业化队伍和软硬件设备，并提供证明材料')],
  manual_planning: [P('planning_next', '关注本统筹地区定点长护服务机构配置规划调整，在规划有需求时再行申请')],
  manual_staff_credentials: [P('staff_credentials', '完善护理服务人员执业证书、资格证书、劳动（用工）合同，并依法为其参加社会保险')],
  manual_home_team: [P('home_team', '组建专业护理服务团队，建立定期技能培训制度并保存培训记录，为参保人员家属和护理人员提供培训服务')],
  manual_care_zone_facilities: [P('zone_facilities', '在专区设置清晰醒目的标识，配齐医疗护理用具与设备、消毒灭菌设施和洗澡设施')],
  manual_facilities: [P('facilities', '按服务功能配齐基础设备设施，并提供设备清单和现场照片')],
  manual_management_systems: [P('systems', '建立健全服务管理、财务管理、信息统计、内控管理、人员管理、档案管理等制度，并提供制度文本和执行记录')],
  manual_information_system: [P('it_interface', '具备使用全国统一医保信息平台的条件，完成与长期护理保险功能模块的接口对接准备')],
  manual_pricing: [P('pricing', '规范长护服务相关收费项目和收费价格，按规定公示价格，并提供价格公示材料')],
  manual_medical_care_compliance: [P('medical_compliance', '按卫生健康部门的规定规范医疗护理服务，取得相应资质或备案')],
  manual_other_conditions: [P('other_conditions', '按法律法规和医疗保障行政部门的规定补齐其他条件，并提供证明材料')],
};

/** A basic indicator of the 评分细则 (its own wording, not in the catalogue). */
export const BASIC_INDICATOR_ADVICE: readonly AdvicePreset[] = [
  P('meet_indicator', '按该基础性指标的要求整改，并提供整改完成的证明材料'),
];

export const PANEL_ADVICE_PRESETS: Readonly<Record<string, readonly AdvicePreset[]>> = {
  site_inspection: [P('site_fix', '按现场核查发现的问题逐项整改，整改完成后申请再次审核时提供整改报告和现场照片')],
  materials_inconsistent: [P('materials_fix', '核实并如实更正申报材料，对前后不一致之处作出书面说明')],
  service_capacity: [P('capacity_fix', '按申请的服务类型充实人员、床位和设施设备，或调整申请的定点服务类型')],
  management: [P('management_fix', '健全内部管理制度并落实执行，规范服务流程，保存执行记录')],
  quota: [P('quota_next', '提升差异化指标相关服务能力和管理水平，在下一批次配置规划中再行申请')],
  other: [P('other_fix', '')],
};

/** The presets for a reason code; empty for an unknown code. */
export function advicePresetsFor(code: string): readonly AdvicePreset[] {
  const kind = reasonKindOf(code);
  const key = code.slice((kind?.length ?? 0) + 1);
  if (kind === 'rule') return RULE_ADVICE_PRESETS[key] ?? BASIC_INDICATOR_ADVICE;
  if (kind === 'basic') return BASIC_INDICATOR_ADVICE;
  if (kind === 'panel') return PANEL_ADVICE_PRESETS[key] ?? [];
  return [];
}
