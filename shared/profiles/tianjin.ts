/**
 * 天津市 — 002 天津市长期护理保险护理服务机构定点管理实施细则（津医保规字〔2025〕2号）.
 *
 * The text defers the procedure to 《办法》: 第八条 (受理申请、综合审核、社会公示、
 * 协商谈判、签订协议、信息公开 → 《办法》第九、十、十一、十四条), 第七条 (conditions
 * of 《办法》第六、七、八条, no 第十三条 situation), 第十条 (team numbers → 《办法》
 * 第八条), 第三十三条 (term → 《办法》第十一条). 《办法》 itself is not among our
 * files; the numbers below follow the wording that 004 and 003 reproduce from it
 * (004 第十–十五条 are 《办法》第九–十四条 shifted by one, matching every reference
 * 002 makes), and each such item says so in its note.
 */
import * as national from './national';
import type { RegionProfile } from './schema';

const F = '002' as const;
const cite = (article: string) => ({ file: F, article });

const NATIONAL_REVIEW_NOTE =
  '002第八条规定综合审核、社会公示按《办法》第十条执行；《办法》原文不在本项目文件中，数值按其同源表述（004第十一条、003第二十条（二））取得，须与原文核对。';
const NATIONAL_TEAM_NOTE =
  '002第十条规定专业护理服务团队的资质和数量按《办法》第八条执行；《办法》原文不在本项目文件中，数值按其同源表述（004第八条、003第十四条）取得，须与原文核对。';
const NATIONAL_NOT_ACCEPTED_NOTE =
  '002第七条要求不存在《办法》第十三条规定的情形；《办法》原文不在本项目文件中，条目按同源表述（000第九条、004第十四条）整理，须与原文核对。';
const DERIVED_MATERIAL_NOTE =
  '002 未列申请材料清单（第八条规定受理申请按《办法》第九条执行）；本项由所引条款的申请条件推出，供经办人员参考。';
const DERIVED_REVIEW_NOTE = '002 未列审核内容；本项按所引条款的申请条件整理。';

export const tianjinProfile: RegionProfile = {
  id: 'tianjin',
  version: 1,
  name: '天津市',
  shortName: '天津',
  sourceFile: '002_97398f748e8e93a3.txt',
  sourceTitle: '天津市长期护理保险护理服务机构定点管理实施细则（津医保规字〔2025〕2号）',
  inForce: '自2025年8月18日起施行，有效期至2030年8月17日；《天津市长期护理保险定点护理机构管理办法》（津医保规〔2023〕2号）同时废止（第四十二条）',

  supplement: national.supplement(
    '002第八条规定受理申请按《办法》第九条执行，002本身未规定补正期限。《办法》原文不在本项目文件中；其同源表述（004第十条、003第二十条（一））只要求一次性告知需补齐的材料，未设申请机构补正期限，须与原文核对。',
  ),
  reviewTimeLimit: national.reviewTimeLimit(NATIONAL_REVIEW_NOTE),
  publicNotice: national.publicNotice(NATIONAL_REVIEW_NOTE),
  panel: national.panel(NATIONAL_REVIEW_NOTE),
  rectification: national.rectification(NATIONAL_REVIEW_NOTE),
  agreement: national.agreement(
    '002第三十三条规定协议有效期限按《办法》第十一条确定；数值按其同源表述（004第十二条）取得，须与原文核对。未规定公示后申请签订协议的期限。延续协议须在有效期届满3个月前申请（002第三十四条）。',
  ),

  materials: [
    {
      id: 'application_form',
      title: '定点申请',
      detail: '向医保经办机构提出定点申请，按《办法》第九条受理。',
      source: cite('第八条'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'qualification_documents',
      title: '机构登记及主管部门备案、许可材料',
      detail:
        '养老机构、医疗机构或依法登记成立的其他法人机构的登记材料；经民政、卫生健康等行政主管部门备案、许可的材料（配置规划出台前可视同符合配置规划）。',
      source: cite('第六条'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'staff_roster_and_certificates',
      title: '护理人员名册及资质材料',
      detail: '长期照护师和养老护理员、医疗护理员或者医护人员的配备情况，人员类型、数量与服务能力、服务范围相匹配。',
      source: cite('第七条（一）'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'finance_audit_systems',
      title: '财会制度及审计制度',
      detail: '适应《社会保险基金财务制度》及《社会保险基金会计制度》的财会制度及审计制度。',
      source: cite('第七条（二）'),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'other_required_materials',
      title: '其他条件的证明材料',
      detail: '符合法律法规及国家和本市医疗保障行政部门规定的其他条件的材料。',
      source: cite('第七条（三）'),
      note: DERIVED_MATERIAL_NOTE,
    },
  ],

  notAcceptedReasons: national.notAcceptedReasons(NATIONAL_NOT_ACCEPTED_NOTE),

  reviewContents: [
    {
      id: 'planning',
      title: '是否符合定点长护服务机构配置规划（配置规划出台前，经民政、卫生健康等部门备案、许可或符合养老服务改革要求的，视同符合）',
      source: cite('第六条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'national_conditions',
      title: '是否符合《办法》第六条、第七条、第八条规定，且不存在《办法》第十三条规定的情形',
      source: cite('第七条'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'care_staff',
      title: '长期照护师和养老护理员、医疗护理员或医护人员的类型、数量是否与服务能力、服务范围相匹配',
      source: cite('第七条（一）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'finance_audit_systems',
      title: '是否具有适应社会保险基金财务、会计制度的财会制度及审计制度',
      source: cite('第七条（二）'),
      note: DERIVED_REVIEW_NOTE,
    },
    {
      id: 'other_conditions',
      title: '是否符合法律法规及国家和本市医疗保障行政部门规定的其他条件',
      source: cite('第七条（三）'),
      note: DERIVED_REVIEW_NOTE,
    },
  ],

  /** 第十条 defers the team numbers to 《办法》第八条; 第七条 (→《办法》第七条) the managers. */
  thresholds: {
    ...national.thresholds(NATIONAL_TEAM_NOTE),
    minManagers: {
      value: 1,
      source: national.cite('第七条'),
      valueInferred: true,
      note:
        '002第七条要求符合《办法》第七条；按其同源表述（004第七条（三）“配备专（兼）职长护管理人员”）推定至少1名，《办法》原文不在本项目文件中，须与原文核对。',
    },
  },

  appeal: {
    bodies: '可以通过协商解决，或者要求医疗保障行政部门协调处理，也可以依法申请行政复议或者提起行政诉讼。',
    timeLimits:
      '细则未规定期限；适用《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》的法定期限（一般为知道或应当知道行政行为之日起60日内申请行政复议；直接起诉的6个月内），以法律规定为准。',
    source: cite('第三十八条'),
    note: '第三十八条针对协议签订、履行阶段的争议；第三十五条另规定医保经办机构违反协议的，定点机构有权要求纠正，或提请同级医疗保障行政部门协调处理、督促整改，也可以依法申请行政复议或者提起行政诉讼。',
  },
};
