/**
 * 新疆维吾尔自治区、新疆生产建设兵团 — 000 长期护理保险护理服务机构定点管理实施细则.
 * The most detailed of the five texts; every number below is written in it.
 */
import { EXPERTISE_FIELDS } from '../domain/enums';
import type { RegionProfile } from './schema';

const F = '000' as const;
const cite = (article: string) => ({ file: F, article });

const DERIVED_REVIEW_NOTE =
  '第十二条只规定书面查验、现场核查、集体评议等审核形式，未列审核内容；本项按所引条款的申请条件整理。';

export const xinjiangProfile: RegionProfile = {
  id: 'xinjiang-bingtuan',
  version: 1,
  name: '新疆维吾尔自治区、新疆生产建设兵团',
  shortName: '新疆/兵团',
  sourceFile: '000_97b26f0ea8559485.txt',
  sourceTitle: '长期护理保险护理服务机构定点管理实施细则（附《长期护理保险定点护理服务机构申请表》）',
  inForce: '未定稿：施行日期与有效期留空（第五十条“自2026年  月  日起施行，有效期  年”）',

  supplement: { workingDays: 5, withdrawnIfLate: true, source: cite('第十一条') },
  reviewTimeLimit: { months: 3, supplementExcluded: true, source: cite('第十五条') },
  publicNotice: { minWorkingDays: 5, source: cite('第十四条') },
  panel: {
    minMembers: 5,
    oddOnly: true,
    fields: [...EXPERTISE_FIELDS],
    source: cite('第十三条'),
  },
  rectification: { months: 3, reReviews: 1, barMonths: 12, source: cite('第十四条') },
  agreement: { applyWithinMonthsAfterNotice: 3, firstTermYears: 1, maxTermYears: 3, source: cite('第十七条') },

  materials: [
    {
      id: 'application_form',
      title: '定点护理服务机构申请表',
      detail: '《长期护理保险定点护理服务机构申请表》（细则附件），法定代表人签字并加盖单位公章。',
      source: cite('第十条（一）'),
    },
    {
      id: 'medical_licence',
      title: '医疗机构执业许可证或诊所备案凭证',
      detail: '医疗机构提供《医疗机构执业许可证》正、副本复印件，或者诊所备案凭证原件及复印件。',
      source: cite('第十条（二）'),
      appliesTo: { institutionTypes: ['medical'] },
    },
    {
      id: 'elderly_care_licence',
      title: '养老机构设立许可证或备案回执',
      detail: '养老机构提供《养老机构设立许可证》正、副本复印件，或者设置养老机构备案回执原件及复印件。',
      source: cite('第十条（二）'),
      appliesTo: { institutionTypes: ['elderly_care'] },
    },
    {
      id: 'hospital_cooperation_agreement',
      title: '与医疗机构签订的合作协议',
      detail: '养老机构与定点医疗机构合作开展长期护理保险护理服务的，同时提供与医疗机构签订的合作协议。',
      source: cite('第十条（二）'),
      appliesTo: { institutionTypes: ['elderly_care'] },
      condition: '与定点医疗机构合作开展长护服务的（申请表“医疗护理服务情况”勾选“与定点住院医疗机构签订服务协议”）',
      note: '第七条（三）：申请机构护理的养老机构不具备医疗资质的，至少应与同统筹地区一家医保住院定点医疗机构有服务合作协议，协议应包含服务条件、服务内容、服务规范、服务要求等因素。',
    },
    {
      id: 'legal_person_certificate',
      title: '法人登记证书',
      detail:
        '事业单位提供《事业单位法人证书》，民办非营利性机构提供《民办非企业单位登记证书》，营利性机构提供《营业执照》，均为正、副本复印件。',
      source: cite('第十条（三）'),
    },
    {
      id: 'premises_proof',
      title: '业务用房产权证明或租赁合同',
      detail: '业务用房产权证明或者租赁合同复印件。',
      source: cite('第十条（四）'),
      note: '第六条（一）要求业务用房的使用期限不少于2年。',
    },
    {
      id: 'care_zone_and_beds',
      title: '长期护理专区及护理床位材料',
      detail: '申请医疗和养老机构护理的，提供设立长期护理专区的相关材料及护理床位张数相关资料。',
      source: cite('第十条（五）'),
      appliesTo: { institutionTypes: ['medical', 'elderly_care'], serviceTypes: ['institutional'] },
      note: '条文只写“申请医疗和养老机构护理的”。其他服务机构申请机构护理的，仍须满足第七条（三）专区和床位要求，经办人员可要求参照提供。',
    },
    {
      id: 'financial_statements',
      title: '近一年度财务报表及主营业务开展情况表',
      detail: '申请上门护理的，提供近一年度财务报表、主营业务开展情况表；开业不足一年的，提供自开业以来的报表。',
      source: cite('第十条（六）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      note:
        '“上门护理”在细则中没有定义。第七条把居家护理和社区护理并列为非机构护理并设同一人员要求，（五）已覆盖机构护理，故将（六）适用于居家护理和社区护理；社区护理不采取上门方式的，可与经办机构确认是否需要。',
    },
    {
      id: 'staff_roster_and_certificates',
      title: '工作人员名册及医护、护理人员证书',
      detail:
        '工作人员名册（注明社会保险缴纳情况），以及医护人员、护理服务人员的执业证书、资格证书、职称证书、劳动合同等相关材料复印件。',
      source: cite('第十条（七）'),
    },
    {
      id: 'management_systems',
      title: '服务、财务、信息、内控、人员、档案管理制度',
      detail: '符合长护协议管理要求的服务管理、财务管理、信息统计、内控管理、人员管理、档案管理等制度。',
      source: cite('第十条（八）'),
    },
    {
      id: 'fee_list',
      title: '收费项目和收费价格清单',
      detail: '与长期护理服务相关的收费项目和收费价格清单。',
      source: cite('第十条（九）'),
    },
    {
      id: 'other_required_materials',
      title: '医保行政部门要求的其他材料',
      detail: '医疗保障行政部门按相关规定要求提供的其他材料。',
      source: cite('第十条（十）'),
    },
  ],

  notAcceptedReasons: [
    {
      id: 'unfulfilled_penalty',
      title: '受到行政处罚（处理）但未完全履行处罚（处理）责任',
      source: cite('第九条（一）'),
      declaredFactKey: 'unfulfilled_penalty',
    },
    {
      id: 'fraud_within_3_years',
      title: '以弄虚作假等不正当手段申请定点管理，自发现之日起未满3年',
      source: cite('第九条（二）'),
      declaredFactKey: 'fraud_within_3_years',
    },
    {
      id: 'terminated_within_3_years',
      title: '因违法违规或严重违约被解除协议未满3年，或已满3年但未完全履行违约责任',
      source: cite('第九条（三）'),
      declaredFactKey: 'terminated_within_3_years',
    },
    {
      id: 'founded_assessment_agency',
      title: '法定代表人、主要负责人、实际控制人或股东设立长期护理保险失能等级评估机构',
      source: cite('第九条（四）'),
      declaredFactKey: 'founded_assessment_agency',
    },
    {
      id: 'serious_dishonesty_list',
      title: '法定代表人、主要负责人或实际控制人被列入严重失信名单',
      source: cite('第九条（五）'),
      declaredFactKey: 'serious_dishonesty_list',
    },
    {
      id: 'banned_from_management',
      title: '法定代表人、主要负责人或实际控制人被禁止从事定点长护服务机构管理活动不满5年',
      source: cite('第九条（六）'),
      declaredFactKey: 'banned_from_management',
    },
  ],

  reviewContents: [
    {
      id: 'qualification',
      title: '机构资质：养老机构许可或备案、医疗机构执业许可或诊所备案、其他服务机构登记及主营业务',
      source: cite('第五条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'legal_person_operation_premises',
      title: '具备法人资格，现营业场所正式营业3个月以上，业务用房使用期限不少于2年',
      source: cite('第六条（一）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'managers',
      title: '专（兼）职管理人员；服务能力100人（含）以上的设长护管理内设工作机构及专职管理人员',
      source: cite('第六条（二）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'care_staff',
      title: '护理人员配备及长期照护师占比（不低于3%，向上取整）',
      source: cite('第六条（三）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'management_systems',
      title: '服务、财务、信息统计、内控、人员、档案管理等制度',
      source: cite('第六条（四）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'information_system',
      title: '具备使用全国统一的医保信息平台并按接口标准对接的条件',
      source: cite('第六条（五）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'pricing',
      title: '与长护服务相关的收费项目和收费价格符合政策规定',
      source: cite('第六条（六）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'medical_care_compliance',
      title: '申请提供医疗护理服务的，符合卫生健康部门有关规定',
      source: cite('第六条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'home_community_team',
      title: '居家/社区护理：专业护理服务团队、定期技能培训、护理服务人员不少于20人，具备医疗资质的执业医师和执业护士各至少2人',
      source: cite('第七条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'institutional_care_zone',
      title: '机构护理：独立长期护理服务专区及标识、护理床位不少于20张、人员与床位配比不低于1:3、医疗护理用具及消毒、洗澡设施',
      source: cite('第七条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'institutional_elderly_care',
      title: '养老机构申请机构护理：床位60张以上，具备医疗资质或与同统筹地区医保住院定点医疗机构签有服务合作协议',
      source: cite('第七条（三）'),
      appliesTo: { institutionTypes: ['elderly_care'], serviceTypes: ['institutional'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'institutional_medical',
      title: '医疗机构申请机构护理：具备住院资质、取得本统筹地区医保定点资格、执业医师和执业护士各不少于2人',
      source: cite('第七条（三）'),
      appliesTo: { institutionTypes: ['medical'], serviceTypes: ['institutional'] },
      note: DERIVED_REVIEW_NOTE,
    },
  ],

  thresholds: {
    minOperatingMonths: { value: 3, source: cite('第六条（一）') },
    minPremisesYears: { value: 2, source: cite('第六条（一）') },
    minManagers: { value: 1, source: cite('第六条（二）') },
    internalUnitCapacity: {
      value: 100,
      source: cite('第六条（二）'),
      note: '“100（含）人以上”：服务能力达到100人即须成立长护管理内设工作机构并配备专职管理人员；适用于所有服务类型。',
    },
    carerShareMinPercent: {
      value: 3,
      source: cite('第六条（三）'),
      note: '长期照护师人数占护理人员的比例，计算结果不足整数的向上取整。',
    },
    carerShareTargetPercent: { value: 30, source: cite('第六条（三）'), note: '成为定点长护服务机构后3年内达到。' },
    carerShareTargetYears: { value: 3, source: cite('第六条（三）') },
    homeCommunityMinCareStaff: {
      value: 20,
      source: cite('第七条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
    },
    homeCommunityMinDoctors: {
      value: 2,
      source: cite('第七条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      condition: '具备医疗资质的',
    },
    homeCommunityMinNurses: {
      value: 2,
      source: cite('第七条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      condition: '具备医疗资质的',
    },
    homeCommunityMinMedicalStaff: null,
    institutionalMinBeds: {
      value: 20,
      source: cite('第七条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: '长期护理服务专区内的护理床位数。',
    },
    bedsPerStaffMax: {
      value: 3,
      source: cite('第七条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: '护理服务人员与护理床位配比不低于1:3，即每名护理服务人员最多对应3张护理床位。',
    },
    elderlyCareMinBeds: {
      value: 60,
      source: cite('第七条（三）'),
      appliesTo: { institutionTypes: ['elderly_care'], serviceTypes: ['institutional'] },
      note: '“60张以上”，含60张；仅对申请机构护理的养老机构。',
    },
    institutionalMinDoctors: {
      value: 2,
      source: cite('第七条（三）'),
      appliesTo: { institutionTypes: ['medical'], serviceTypes: ['institutional'] },
      note: '对申请机构护理的医疗机构，不以“具备医疗资质”为条件。',
    },
    institutionalMinNurses: {
      value: 2,
      source: cite('第七条（三）'),
      appliesTo: { institutionTypes: ['medical'], serviceTypes: ['institutional'] },
      note: '对申请机构护理的医疗机构，不以“具备医疗资质”为条件。',
    },
  },

  appeal: {
    bodies: '本细则未规定救济途径。',
    timeLimits: '本细则未规定。',
    source: null,
    note: '000 没有关于审核结果异议、协议争议或行政复议、行政诉讼的条款；如需告知救济途径，应依据《办法》及有关法律另行确认。',
  },
};
