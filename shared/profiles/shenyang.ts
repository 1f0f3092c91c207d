/**
 * 沈阳市 — 001, the official explanation (政策解读) of 《沈阳市长期护理保险护理服务
 * 机构定点管理实施细则（试行）》, not the 细则 itself. It has no articles: citations
 * use its section headings. It says applicants must first meet the 基础性指标 and
 * are then ranked by 差异化指标分值, and that the 细则 sets entry conditions per
 * service type, lists not-accepted situations and details the public notice —
 * without giving any of them. Where it is silent the national 《办法》 defaults
 * are used and each such item says so in its note.
 */
import * as national from './national';
import type { RegionProfile } from './schema';

const F = '001' as const;
const cite = (article: string) => ({ file: F, article });

const REQUIREMENTS = '三、定点管理要求';
const CONTENTS = '二、文件主要内容';

const SILENT =
  '001 是政策解读，沈阳细则原文及辽宁省实施细则（辽医保规〔2025〕3号）均不在本项目文件中；此处暂按《办法》默认值（按其同源表述004、003取得），须以沈阳细则原文核对。';
const SILENT_TEAM = `001 只说细则“明确了三种服务类型下的机构具体准入条件”，未给数值。${SILENT}`;
const SILENT_NOT_ACCEPTED = `001“二、文件主要内容”第04项称细则“列明不予受理申请的具体情形”，但解读未列出；暂按《办法》第十三条。${SILENT}`;
const DERIVED_MATERIAL_NOTE = '001 未列申请材料清单；本项由“三、定点管理要求”所列申请条件推出，供经办人员参考。';

export const shenyangProfile: RegionProfile = {
  id: 'shenyang',
  version: 1,
  name: '沈阳市',
  shortName: '沈阳',
  sourceFile: '001_b1cb79d417ccccdb.txt',
  sourceTitle: '《沈阳市长期护理保险护理服务机构定点管理实施细则（试行）》政策解读',
  inForce: '自2026年1月1日起执行（“五、执行时间”）；本文件为政策解读，细则原文未收录',

  supplement: national.supplement(
    `001 未提补正。${SILENT}《办法》同源表述只要求一次性告知需补齐的材料，未设申请机构补正期限。`,
  ),
  reviewTimeLimit: national.reviewTimeLimit(`001 只说经“书面审核及综合审核、社会公示”，未给审核时限。${SILENT}`),
  publicNotice: national.publicNotice(
    `001“二、文件主要内容”第04项称细则“细化社会公示的标准与要求”，但未给公示期，沈阳可能另有规定。${SILENT}`,
  ),
  panel: national.panel(`001 未提审核小组。${SILENT}`),
  rectification: national.rectification(`001 未提审核不合格后的整改。${SILENT}`),
  agreement: national.agreement(
    `001 只说“双方协商谈判达成一致并签订长护服务协议”，未给协议期限，也未规定公示后申请签约的期限。${SILENT}`,
  ),

  materials: [
    {
      id: 'application_form',
      title: '定点申请',
      detail: '符合条件的机构自愿向医疗保障经办机构提出定点申请。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'legal_person_certificate',
      title: '法人资格证明',
      detail: '具备法人资格的证明（养老机构、医疗机构及其他服务机构的登记证书、许可证等）。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'premises_proof',
      title: '固定场所证明',
      detail: '有固定场所的证明。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'staff_roster_and_certificates',
      title: '专业化队伍人员材料',
      detail: '配备与长护服务工作相适应的专业化队伍和服务力量的材料。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'management_systems',
      title: '软硬件设备及管理制度',
      detail: '符合长护服务协议要求的软、硬件设备和相应管理制度。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'information_system',
      title: '计算机系统材料',
      detail: '具备与长期护理保险信息管理系统相匹配的计算机系统的材料。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
    {
      id: 'fee_list',
      title: '收费项目和收费价格清单',
      detail: '长护服务相关的收费项目和收费价格符合政策规定的材料。',
      source: cite(REQUIREMENTS),
      note: DERIVED_MATERIAL_NOTE,
    },
  ],

  notAcceptedReasons: national.notAcceptedReasons(SILENT_NOT_ACCEPTED),

  reviewContents: [
    {
      id: 'basic_indicators',
      title: '基础性指标：申请机构须先满足基础性指标要求',
      source: cite(REQUIREMENTS),
    },
    {
      id: 'differentiated_scores',
      title: '差异化指标分值：满足基础性指标后，以差异化指标分值高低作为纳入定点管理的核心依据',
      source: cite(REQUIREMENTS),
      note: '001 未给出指标项目及分值。',
    },
    {
      id: 'planning',
      title: '是否符合按居家护理、社区护理、机构护理三种服务类型进行的定点资源规划配置',
      source: cite(CONTENTS),
    },
    {
      id: 'entry_conditions',
      title:
        '申请条件：法人资格；固定场所；专业化队伍和服务力量；软硬件设备和管理制度；与长护信息管理系统匹配的计算机系统；收费项目和价格符合规定；所申请服务类型的具体准入条件',
      source: cite(REQUIREMENTS),
    },
  ],

  /** 001 gives no numbers: 《办法》第八条 until the 细则's own are known. */
  thresholds: national.thresholds(SILENT_TEAM),

  appeal: {
    bodies: '解读未说明救济途径。',
    timeLimits: '解读未说明。',
    source: null,
    note: '001 只说明协议中止、解除情形，未涉及审核结果异议或协议争议的处理；须以沈阳细则原文核对。',
  },
};
