/**
 * 吉林省 — 004 吉林省长期护理保险护理服务机构定点管理实施细则（试行）.
 * Materials 第九条（一）–（九）, review contents 第十一条（一）–（七）, not accepted 第十四条（一）–（七）.
 * Note its service-type order: 第八条（一）居家、（二）机构、（三）社区.
 */
import { EXPERTISE_FIELDS } from '../domain/enums';
import type { RegionProfile } from './schema';

const F = '004' as const;
const cite = (article: string) => ({ file: F, article });

const HOME_COMMUNITY_NOTE = '居家护理见第八条（一），社区护理见第八条（三），两处数值相同。';

export const jilinProfile: RegionProfile = {
  id: 'jilin',
  version: 1,
  name: '吉林省',
  shortName: '吉林',
  sourceFile: '004_3b19e7244fdacf88.txt',
  sourceTitle: '吉林省长期护理保险护理服务机构定点管理实施细则（试行）',
  inForce: '吉林省医疗保障局2025年4月8日印发，自发布之日起施行（第五十九条）',

  supplement: {
    workingDays: null,
    withdrawnIfLate: false,
    source: cite('第十条'),
    note: '第十条只要求医保经办机构“一次性告知需补齐的材料”，未规定申请机构的补正期限，也未规定逾期后果。',
  },
  reviewTimeLimit: { months: 3, supplementExcluded: true, source: cite('第十一条') },
  publicNotice: { minWorkingDays: 5, source: cite('第十一条') },
  panel: {
    minMembers: 5,
    oddOnly: true,
    fields: [...EXPERTISE_FIELDS],
    source: cite('第十一条'),
  },
  rectification: { months: 3, reReviews: 1, barMonths: 12, source: cite('第十一条') },
  agreement: {
    applyWithinMonthsAfterNotice: null,
    firstTermYears: 1,
    maxTermYears: 3,
    source: cite('第十二条'),
    note: '第十二条未规定公示结束后申请签订协议的期限。续签由定点机构提前3个月申请（第四十四条）。',
  },

  materials: [
    {
      id: 'application_form',
      title: '定点护理服务机构申请表',
      detail: '吉林省长期护理保险定点护理服务机构申请表。',
      source: cite('第九条（一）'),
    },
    {
      id: 'qualification_documents',
      title: '资质文件复印件',
      detail: '医疗机构执业许可证、诊所备案凭证、养老机构登记证书、备案回执、营业执照、法定代表人身份证等资质文件材料复印件。',
      source: cite('第九条（二）'),
    },
    {
      id: 'staff_certificates',
      title: '人员资格证书、劳动合同及参保证明',
      detail:
        '社会工作者或养老护理员资格证书，医学或护理学工作人员资格证书和注册证；上述人员的劳动合同和参加社会保险的参保证明；聘用已退休人员的，提供退休证等证件复印件。',
      source: cite('第九条（三）'),
    },
    {
      id: 'management_systems',
      title: '长护内部管理和运营制度及管理人员任职文件',
      detail: '长期护理保险管理的内部管理和运营制度，长期护理保险管理人员任职文件。',
      source: cite('第九条（四）'),
    },
    {
      id: 'operating_accounts',
      title: '财务账目及服务能力材料',
      detail: '正式运营的财务账目，耗材采购等佐证材料、服务量，以及具备承担服务能力的有关材料。',
      source: cite('第九条（五）'),
    },
    {
      id: 'information_system',
      title: '医保信息平台相关材料',
      detail: '与医保信息平台等系统有关的材料。',
      source: cite('第九条（六）'),
    },
    {
      id: 'fund_forecast_and_fees',
      title: '基金使用预测性分析报告及收费价格表',
      detail: '纳入定点后使用医疗保障基金的预测性分析报告，符合政策规定的收费项目和收费价格表。',
      source: cite('第九条（七）'),
    },
    {
      id: 'commitment_letter',
      title: '承诺书',
      detail: '承诺书。',
      source: cite('第九条（八）'),
    },
    {
      id: 'other_required_materials',
      title: '其他材料',
      detail: '按相关规定要求的其他材料。',
      source: cite('第九条（九）'),
    },
  ],

  notAcceptedReasons: [
    {
      id: 'unfulfilled_penalty',
      title: '受到行政处罚（处理）但未完全履行处罚（处理）责任',
      source: cite('第十四条（一）'),
      declaredFactKey: 'unfulfilled_penalty',
    },
    {
      id: 'fraud_within_3_years',
      title: '以弄虚作假等不正当手段申请定点管理，自发现之日起未满3年',
      source: cite('第十四条（二）'),
      declaredFactKey: 'fraud_within_3_years',
    },
    {
      id: 'terminated_within_3_years',
      title: '因违法违规或严重违约被解除协议未满3年，或已满3年但未完全履行违约责任',
      source: cite('第十四条（三）'),
      declaredFactKey: 'terminated_within_3_years',
    },
    {
      id: 'founded_assessment_agency',
      title: '法定代表人、主要负责人、实际控制人或股东设立长期护理保险失能等级评估机构',
      source: cite('第十四条（四）'),
      declaredFactKey: 'founded_assessment_agency',
    },
    {
      id: 'serious_dishonesty_list',
      title: '法定代表人、主要负责人或实际控制人被列入严重失信名单',
      source: cite('第十四条（五）'),
      declaredFactKey: 'serious_dishonesty_list',
    },
    {
      id: 'banned_from_management',
      title: '法定代表人、主要负责人或实际控制人被禁止从事定点长护服务机构管理活动不满5年',
      source: cite('第十四条（六）'),
      declaredFactKey: 'banned_from_management',
    },
    {
      id: 'other_statutory_reason',
      title: '法律法规和规章规定的其他不予受理的情形',
      source: cite('第十四条（七）'),
    },
  ],

  reviewContents: [
    { id: 'planning', title: '是否符合区域内定点长护服务机构配置规划', source: cite('第十一条（一）') },
    {
      id: 'qualification_documents',
      title: '是否具备医疗机构执业许可证、诊所备案凭证、养老机构登记证书、备案回执等资质文件材料',
      source: cite('第十一条（二）'),
    },
    { id: 'facilities', title: '是否具有与服务功能相匹配的基础设备设施', source: cite('第十一条（三）') },
    {
      id: 'care_staff',
      title: '长期照护师、养老护理员、医师、护士（师）等护理服务人员数量、执业资质等是否符合规定',
      source: cite('第十一条（四）'),
    },
    {
      id: 'management_systems',
      title: '是否具有与长期护理保险政策规定相关的内部管理制度等材料',
      source: cite('第十一条（五）'),
    },
    {
      id: 'information_system',
      title: '是否具备使用全国统一的医保信息平台、按接口标准对接的条件',
      source: cite('第十一条（六）'),
    },
    { id: 'pricing', title: '与长护服务相关的收费项目和收费价格是否符合政策规定', source: cite('第十一条（七）') },
  ],

  thresholds: {
    minOperatingMonths: null,
    minPremisesYears: null,
    minManagers: {
      value: 1,
      source: cite('第七条（三）'),
      valueInferred: true,
      note: '条文要求“配备专（兼）职长护管理人员”，且已签订劳动（用工）合同并参加社会保险，未写人数；按至少1名处理。',
    },
    internalUnitCapacity: {
      value: 100,
      source: cite('第八条（二）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: '只在机构护理条款中规定（“100（含）人以上”）；不同于000第六条（二）对所有申请机构的要求。',
    },
    carerShareMinPercent: null,
    carerShareTargetPercent: null,
    carerShareTargetYears: null,
    homeCommunityMinCareStaff: {
      value: 4,
      source: cite('第八条（一）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      note: HOME_COMMUNITY_NOTE,
    },
    homeCommunityMinDoctors: null,
    homeCommunityMinNurses: null,
    homeCommunityMinMedicalStaff: {
      value: 2,
      source: cite('第八条（一）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      condition: '具备医疗资质的',
      note: `医护人员合计不少于2人，未分别规定医师、护士人数。${HOME_COMMUNITY_NOTE}`,
    },
    institutionalMinBeds: null,
    bedsPerStaffMax: null,
    elderlyCareMinBeds: {
      value: 10,
      source: cite('第六条（一）'),
      appliesTo: { institutionTypes: ['elderly_care'] },
      note: '这是可申请定点的养老机构的定义（依法登记，为老年人提供全日集中住宿和照料护理服务，床位数在10张以上），适用于养老机构申请的所有服务类型，不是机构护理专区的床位要求。',
    },
    institutionalMinDoctors: {
      value: 2,
      source: cite('第八条（二）'),
      appliesTo: { serviceTypes: ['institutional'] },
      condition: '具备医疗资质的',
    },
    institutionalMinNurses: {
      value: 2,
      source: cite('第八条（二）'),
      appliesTo: { serviceTypes: ['institutional'] },
      condition: '具备医疗资质的',
    },
  },

  appeal: {
    bodies: '可以协商解决，或者要求医保经办机构同级医保行政部门协调处理，也可以依法申请行政复议或者提起行政诉讼。',
    timeLimits:
      '细则未规定期限；适用《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》的法定期限（一般为知道或应当知道行政行为之日起60日内申请行政复议；直接起诉的6个月内），以法律规定为准。',
    source: cite('第四十八条'),
    note: '第四十八条针对协议签订、履行阶段的争议；第四十一条另规定医保经办机构违反长护协议的，定点机构有权要求纠正或提请同级医保行政部门协调处理、督促整改，也可以依法申请行政复议或者提起行政诉讼。',
  },
};
