/**
 * 黑龙江省 — 003 黑龙江省长期护理保险经办规程（试行）（征求意见稿）.
 *
 * A handling procedure, not the province's 定点管理实施细则 (黑医保规〔2025〕7号,
 * which it cites but which is not among our files). For the designation of care
 * institutions it relies on 第十四条 (service types and staffing), 第十八–十九条
 * (defers to 《办法》) and 第二十条 (the procedure). It lists neither materials
 * nor reasons for not accepting an application; what is below is derived from
 * its own articles or, for the not-accepted reasons, taken from 《办法》 to which
 * 第十八、十九条 defer — each such item says so in its note.
 */
import { EXPERTISE_FIELDS } from '../domain/enums';
import * as national from './national';
import type { RegionProfile } from './schema';

const F = '003' as const;
const cite = (article: string) => ({ file: F, article });

const DERIVED_MATERIAL_NOTE =
  '003 未列申请材料清单（第十八、十九条规定按《办法》实行定点管理，黑龙江实施细则原文不在本项目文件中）；本项由所引条款的要求推出，供经办人员参考。';
const DERIVED_REVIEW_NOTE =
  '第二十条（二）只规定书面查验、现场核查、集体评议等审核形式，未列审核内容；本项由所引条款的要求推出。';
const NATIONAL_NOT_ACCEPTED_NOTE =
  '003 未列不予受理情形；第十八、十九条规定长护服务机构按《办法》实行定点管理、符合《办法》申请条件，故采用《办法》第十三条。《办法》原文不在本项目文件中，条目按同源表述（000第九条、004第十四条）整理，须与原文核对。';

export const heilongjiangProfile: RegionProfile = {
  id: 'heilongjiang',
  version: 1,
  name: '黑龙江省',
  shortName: '黑龙江',
  sourceFile: '003_4f9971b1526ade92.txt',
  sourceTitle: '黑龙江省长期护理保险经办规程（试行）（征求意见稿）',
  inForce: '征求意见稿；施行日期留空（第五十九条“本规程自2025年 月 日起施行”）',

  supplement: {
    workingDays: 10,
    withdrawnIfLate: false,
    source: cite('第二十条（二）'),
    note:
      '“补充材料时间在10个工作日内完成”出现在第二十条（二）“对审核不合格的……自结果告知送达之日起”一句中，而不在（一）受理申请（该处只要求一次性告知需补齐的材料）；条文未规定逾期后果。',
  },
  reviewTimeLimit: { months: 3, supplementExcluded: true, source: cite('第二十条（二）') },
  publicNotice: { minWorkingDays: 5, source: cite('第二十条（二）') },
  panel: {
    minMembers: 5,
    oddOnly: true,
    fields: [...EXPERTISE_FIELDS],
    source: cite('第二十条（二）'),
  },
  rectification: {
    months: 3,
    reReviews: 1,
    barMonths: 12,
    source: cite('第二十条（二）'),
    note: '条文为“1年内不得再次申请”。',
  },
  agreement: {
    applyWithinMonthsAfterNotice: null,
    firstTermYears: 1,
    maxTermYears: 3,
    source: cite('第二十条（三）'),
    note: '第二十条（三）未规定公示结束后申请签订协议的期限。',
  },

  materials: [
    {
      id: 'application_form',
      title: '定点申请',
      detail: '长护服务机构向统筹区医疗保障经办机构提出定点申请，经办机构受理并进行形式审查。',
      source: cite('第二十条（一）'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'qualification_documents',
      title: '机构资质证明',
      detail: '养老机构、医疗机构或者其他服务机构符合《办法》申请条件的资质证明。',
      source: cite('第十九条'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'care_team_roster',
      title: '居家/社区护理服务团队人员名册及资质',
      detail: '专业护理服务团队：长期照护师等护理服务人员不少于4人；具备医疗资质的，医护人员不少于2人。',
      source: cite('第十四条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'institutional_staff_and_facilities',
      title: '机构护理人员名册及设施设备材料',
      detail: '长期照护师等护理服务人员及设施设备；具备医疗资质的，医师和护士（师）各不少于2人。',
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'internal_unit_documents',
      title: '长护管理内设工作机构及专职管理人员材料',
      detail: '长期护理服务能力在100（含）人以上的，成立长护管理内设工作机构并配备专职管理人员。',
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      condition: '长期护理服务能力在100（含）人以上的',
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'management_systems',
      title: '内部管理制度及专（兼）职管理人员',
      detail: '与长期护理保险要求相适应的内部管理制度，专（兼）职管理人员；护理服务人员动态管理和工作质量考核评价体系。',
      source: cite('第二十一条'),
      note: `第二十一条是对定点长护服务机构的要求，审核时可一并核查。${DERIVED_MATERIAL_NOTE}`,
    },
  ],

  notAcceptedReasons: national.notAcceptedReasons(NATIONAL_NOT_ACCEPTED_NOTE, {
    banned_from_management:
      '003第三十六条亦规定：造成基金重大损失或其他严重不良社会影响的，其法定代表人或者主要负责人5年内禁止从事定点长护服务机构管理活动。',
  }),

  reviewContents: [
    {
      id: 'eligibility',
      title: '是否为符合《办法》申请条件的养老机构、医疗机构或者其他服务机构',
      source: cite('第十九条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'home_community_team',
      title: '居家/社区护理：专业护理服务团队，护理服务人员不少于4人，具备医疗资质的医护人员不少于2人',
      source: cite('第十四条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'institutional_staff_facilities',
      title: '机构护理：护理服务人员及设施设备，具备医疗资质的医师和护士（师）各不少于2人',
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'internal_unit',
      title: '机构护理服务能力100人（含）以上的，是否成立长护管理内设工作机构并配备专职管理人员',
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'management_systems',
      title: '内部管理制度、专（兼）职管理人员、护理服务人员动态管理和考核评价体系',
      source: cite('第二十一条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'information_system',
      title: '能否按全国及全省统一接口规范与医保信息平台长期护理保险功能模块联通',
      source: cite('第四十一条'),
      note: DERIVED_REVIEW_NOTE,
    },
  ],

  thresholds: {
    minOperatingMonths: null,
    minPremisesYears: null,
    minManagers: {
      value: 1,
      source: cite('第二十一条'),
      valueInferred: true,
      note: '第二十一条要求定点长护服务机构“配备专（兼）职管理人员”，未写人数；按至少1名处理。',
    },
    internalUnitCapacity: {
      value: 100,
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      note: '只在第十四条（三）机构护理条款中规定（“100（含）人以上”），不同于000第六条（二）对所有申请机构的要求。',
    },
    carerShareMinPercent: null,
    carerShareTargetPercent: null,
    carerShareTargetYears: null,
    homeCommunityMinCareStaff: {
      value: 4,
      source: cite('第十四条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
    },
    homeCommunityMinDoctors: null,
    homeCommunityMinNurses: null,
    homeCommunityMinMedicalStaff: {
      value: 2,
      source: cite('第十四条（二）'),
      appliesTo: { serviceTypes: ['home', 'community'] },
      condition: '具备医疗资质的',
      note: '医护人员合计不少于2人，未分别规定医师、护士人数。',
    },
    institutionalMinBeds: null,
    bedsPerStaffMax: null,
    elderlyCareMinBeds: null,
    institutionalMinDoctors: {
      value: 2,
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      condition: '具备医疗资质的',
    },
    institutionalMinNurses: {
      value: 2,
      source: cite('第十四条（三）'),
      appliesTo: { serviceTypes: ['institutional'] },
      condition: '具备医疗资质的',
    },
  },

  appeal: {
    bodies: '本规程未规定定点审核的救济途径。',
    timeLimits: '本规程未规定。',
    source: null,
    note: '003 只对失能等级评估结论规定了复评（第八条（六），15个工作日内），对定点审核结果或协议争议没有救济条款。',
  },
};
