/**
 * Rubric templates per region profile. A template is a starting point: the
 * clerk copies it into the round's draft and edits it before scoring starts.
 *
 * Basic indicators (基础性指标) are the profile's eligibility rules
 * (shared/rules/eligibility: ids, requirements with the profile's numbers,
 * articles and scope), minus the 不予受理 rules (already settled at 形式审查)
 * and advisory ones. Differentiated indicators (差异化指标) are points-based,
 * 100 in all, grounded in what the texts ask of a 定点长护服务机构: staffing
 * (000 第六条（三）、第七条), facilities (000 第七条（三）), 制度 (000 第六条（四）、
 * 第二十条、第二十一条), 信息化 (000 第六条（五）、第二十二条、第二十三条、第三十二条),
 * 收费 (000 第六条（六）、第二十四条、第二十五条) and service capacity and quality.
 * None of the texts gives point values (001 names the method, not the items),
 * so the points below are a proposal the agency must adopt or change.
 */
import type { CitationFile, RegionProfile } from '../profiles/schema';
import { formatCitation } from '../profiles/schema';
import { ruleCatalogue } from '../rules/eligibility';
import type { BasicIndicator, RubricDefinition } from './rubric';

type RegionFile = Exclude<CitationFile, 'national'>;

interface CriterionDraft {
  id: string;
  title: string;
  maxPoints: number;
  guidance: string;
  /** article per policy file; a profile whose file has none gets no citation */
  basis: Partial<Record<RegionFile, string>>;
}

interface GroupDraft {
  id: string;
  title: string;
  criteria: CriterionDraft[];
}

const GROUPS: GroupDraft[] = [
  {
    id: 'staffing',
    title: '人员配备与队伍建设',
    criteria: [
      {
        id: 'staff_carer_share',
        title: '长期照护师配备',
        maxPoints: 8,
        guidance:
          '查看工作人员名册及长期照护师证书。长期照护师占护理人员比例明显高于本地区最低要求、持证上岗规范的得7–8分；达到最低要求且有明确提升计划的得4–6.5分；刚达到最低要求、无提升计划的得1–3.5分；未达到最低要求的得0分（并应在基础性指标中认定不符合）。',
        basis: { '000': '第六条（三）', '001': '三、定点管理要求', '002': '第七条（一）', '003': '第十四条', '004': '第十一条（四）' },
      },
      {
        id: 'staff_scale',
        title: '护理服务人员数量与服务规模匹配',
        maxPoints: 8,
        guidance:
          '对照护理床位数或服务人数核查护理服务人员数量和排班。配备明显优于规定（机构护理人员与床位配比优于规定，居家/社区护理人员充足、排班合理）的得7–8分；符合规定的得4–6.5分；勉强符合、一人多岗或兼职较多的得1–3.5分；不符合规定的得0分。',
        basis: { '000': '第七条（二）（三）', '001': '三、定点管理要求', '002': '第七条（一）', '003': '第十四条', '004': '第十一条（四）' },
      },
      {
        id: 'staff_medical',
        title: '医护人员配置与执业资质',
        maxPoints: 6,
        guidance:
          '核查执业医师、执业护士（护师）人数及执业证书。人数充足、执业注册地点与本机构一致、证照在有效期内的得5–6分；人数达到规定、证照齐全的得3–4.5分；人数达到规定但资质材料不全的得1–2.5分；不符合规定的得0分。不具备医疗资质且未申请医疗护理的，按与医疗机构合作的医护力量评分。',
        basis: { '000': '第七条（二）（三）', '002': '第十条', '003': '第十四条', '004': '第十一条（四）' },
      },
      {
        id: 'staff_management',
        title: '管理人员与长护管理机构',
        maxPoints: 4,
        guidance:
          '配备熟悉长期护理保险政策的专职管理人员、服务能力100人（含）以上的已设长护管理内设工作机构的得4分；有专（兼）职管理人员、职责明确的得2–3.5分；仅有名义上的兼职人员的得0.5–1.5分；没有的得0分。',
        basis: { '000': '第六条（二）', '003': '第二十一条', '004': '第七条（三）' },
      },
      {
        id: 'staff_training',
        title: '培训、实名制管理与考核',
        maxPoints: 4,
        guidance:
          '有年度培训计划、培训记录和工作质量考核评价体系，对护理服务人员实行实名制、动态管理的得4分；有培训记录但不成体系的得2–3.5分；只有制度没有记录的得0.5–1.5分；没有的得0分。',
        basis: { '000': '第七条（二）、第二十三条', '002': '第十三条', '003': '第二十一条' },
      },
    ],
  },
  {
    id: 'facilities',
    title: '设施设备',
    criteria: [
      {
        id: 'facility_zone',
        title: '长期护理服务专区与标识',
        maxPoints: 6,
        guidance:
          '申请机构护理的：设有独立的长期护理服务专区、标识清晰醒目、布局合理的得5–6分；有专区但与其他区域分隔不清或标识不全的得2–4.5分；无独立专区的得0分。只申请居家/社区护理的，按服务场所（站点）的设置与标识评分。',
        basis: { '000': '第七条（三）', '002': '第十四条', '003': '第十四条（三）', '004': '第十一条（三）' },
      },
      {
        id: 'facility_beds',
        title: '护理床位与居住条件',
        maxPoints: 6,
        guidance:
          '护理床位数量与申请规模相符、床位设置和适老化条件良好的得5–6分；符合要求的得3–4.5分；勉强符合的得1–2.5分；不符合的得0分。只申请居家/社区护理的，按上门服务装备和交通保障评分。',
        basis: { '000': '第七条（三）', '003': '第十四条（三）', '004': '第十一条（三）' },
      },
      {
        id: 'facility_equipment',
        title: '医疗护理用具、消毒灭菌与洗浴设施',
        maxPoints: 5,
        guidance:
          '配备必要的医疗护理用具与设备、物品及环境消毒灭菌设施和洗澡设施，台账完整、维护良好的得4–5分；基本齐全的得2–3.5分；明显不足的得0.5–1.5分；没有的得0分。',
        basis: { '000': '第七条（三）', '001': '三、定点管理要求', '003': '第十四条（三）', '004': '第十一条（三）' },
      },
      {
        id: 'facility_premises',
        title: '业务用房稳定性',
        maxPoints: 3,
        guidance: '业务用房为自有产权或剩余租期5年以上的得3分；剩余租期2至5年的得1.5–2.5分；刚满足最低使用期限的得0.5–1分；不满足的得0分。',
        basis: { '000': '第六条（一）', '001': '三、定点管理要求' },
      },
    ],
  },
  {
    id: 'systems',
    title: '管理制度',
    criteria: [
      {
        id: 'mgmt_systems',
        title: '内部管理制度',
        maxPoints: 6,
        guidance:
          '服务管理、财务管理、信息统计、内控管理、人员管理、档案管理等制度齐全、内容具体并有执行记录的得5–6分；制度齐全但执行记录不足的得3–4.5分；制度不全的得1–2.5分；没有的得0分。',
        basis: { '000': '第六条（四）', '001': '三、定点管理要求', '002': '第七条（二）、第十四条', '003': '第二十一条', '004': '第十一条（五）' },
      },
      {
        id: 'mgmt_process',
        title: '服务流程与服务标准',
        maxPoints: 4,
        guidance: '制定了服务流程和服务标准并能保证护理服务一致、规范的得3.5–4分；有流程标准但不完整的得1.5–3分；只有原则性表述的得0.5–1分；没有的得0分。',
        basis: { '000': '第二十一条', '001': '二、文件主要内容', '002': '第十四条' },
      },
      {
        id: 'mgmt_records',
        title: '护理服务档案（一人一档）',
        maxPoints: 5,
        guidance:
          '按“一人一档”建立护理服务文书电子档案，内容包括入住材料、护理内容、收费情况、健康状况等，保管制度明确的得4–5分；有档案但不完整或以纸质为主的得2–3.5分；档案零散的得0.5–1.5分；没有的得0分。',
        basis: { '000': '第二十条', '002': '第十五条' },
      },
    ],
  },
  {
    id: 'informatization',
    title: '信息化',
    criteria: [
      {
        id: 'it_platform',
        title: '医保信息平台对接条件',
        maxPoints: 7,
        guidance:
          '已具备使用全国统一的医保信息平台长期护理保险功能模块、或自建系统已按接口标准完成对接测试的得6–7分；具备对接条件、有实施方案的得3–5.5分；设备或网络条件不足的得0.5–2.5分；不具备的得0分。',
        basis: { '000': '第六条（五）、第二十二条', '001': '三、定点管理要求', '002': '第二十六条', '003': '第四十一条', '004': '第十一条（六）' },
      },
      {
        id: 'it_coding',
        title: '编码信息维护与实名制管理',
        maxPoints: 4,
        guidance: '机构、人员编码信息维护及时，护理服务人员实名制管理到位的得3.5–4分；基本到位的得1.5–3分；明显不足的得0.5–1分；没有的得0分。',
        basis: { '000': '第二十三条', '002': '第二十六条', '003': '第四十二条' },
      },
      {
        id: 'it_security',
        title: '数据安全与个人信息保护',
        maxPoints: 4,
        guidance: '有信息安全和保密制度、数据隔离、脱敏、加密等措施并落实到人的得3.5–4分；有制度、措施不全的得1.5–3分；只有原则性要求的得0.5–1分；没有的得0分。',
        basis: { '000': '第三十二条', '002': '第二十六条', '003': '第四十六条' },
      },
    ],
  },
  {
    id: 'charges',
    title: '收费与价格',
    criteria: [
      {
        id: 'fee_compliance',
        title: '收费项目和收费价格符合政策',
        maxPoints: 5,
        guidance:
          '收费项目和价格符合政策规定，医疗护理价格参照当地定点医疗机构价格政策，生活照护价格公允、同业比价有优势的得4–5分；符合规定的得2–3.5分；个别项目不符合的得0.5–1.5分；明显不符合的得0分。',
        basis: { '000': '第六条（六）、第二十四条', '001': '三、定点管理要求', '002': '第二十五条', '004': '第十一条（七）' },
      },
      {
        id: 'fee_transparency',
        title: '价格公示、费用清单与收费行为',
        maxPoints: 5,
        guidance:
          '全面实行收费价格公示和费用清单制度，无重复、分解收费，保障范围外服务事先书面同意的得4–5分；基本做到的得2–3.5分；公示或清单不完整的得0.5–1.5分；没有的得0分。',
        basis: { '000': '第二十四条、第二十五条', '002': '第十九条', '003': '第十六条' },
      },
    ],
  },
  {
    id: 'capacity',
    title: '服务能力与质量',
    criteria: [
      {
        id: 'service_capacity',
        title: '服务能力与覆盖范围',
        maxPoints: 4,
        guidance: '服务能力（床位或可服务人数）与区域需求匹配、服务覆盖范围清楚的得3.5–4分；基本匹配的得1.5–3分；能力不足或范围不清的得0.5–1分；不具备的得0分。',
        basis: { '000': '第六条（二）、第七条', '001': '三、定点管理要求', '003': '第十四条' },
      },
      {
        id: 'service_medical_link',
        title: '医疗护理衔接',
        maxPoints: 3,
        guidance: '内设医疗机构，或与医保住院定点医疗机构签有内容完整（服务条件、内容、规范、要求）的合作协议并实际运行的得2.5–3分；有协议但内容简单的得1–2分；没有医疗衔接安排的得0分。',
        basis: { '000': '第七条（三）', '003': '第十四条' },
      },
      {
        id: 'service_quality',
        title: '质量管理与考核评价',
        maxPoints: 3,
        guidance: '建立护理服务质量管理和工作质量考核评价体系并有改进记录的得2.5–3分；有体系但运行记录少的得1–2分；只有制度的得0.5分；没有的得0分。',
        basis: { '000': '第二十三条', '002': '第十三条、第三十条', '003': '第二十一条' },
      },
    ],
  },
];

/** Eligibility rules that are reminders rather than conditions of this review. */
const ADVISORY_RULES = new Set(['carer_share_target']);

/** The profile's eligibility rules as pass/fail basic indicators. */
export function basicIndicatorsOf(profile: RegionProfile): BasicIndicator[] {
  return ruleCatalogue(profile)
    .filter((b) => b.def.group !== 'not_accepted' && !ADVISORY_RULES.has(b.def.id))
    .map((b) => ({
      id: b.def.id,
      title: b.def.title,
      requirement: b.condition ? `${b.def.requirement(b)}（${b.condition}）` : b.def.requirement(b),
      citation: b.citations.length > 0 ? b.citations.map(formatCitation).join('；') : null,
      ruleId: b.def.id,
      appliesTo: b.appliesTo
        ? {
            ...(b.appliesTo.institutionTypes ? { institutionTypes: [...b.appliesTo.institutionTypes] } : {}),
            ...(b.appliesTo.serviceTypes ? { serviceTypes: [...b.appliesTo.serviceTypes] } : {}),
          }
        : null,
    }));
}

export interface RubricTemplate {
  id: string;
  name: string;
  description: string;
  definition: RubricDefinition;
}

/** The templates offered for a round of this profile. */
export function rubricTemplates(profile: RegionProfile): RubricTemplate[] {
  const file = profile.sourceFile.slice(0, 3) as RegionFile;
  const groups = GROUPS.map((g) => {
    const criteria = g.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      guidance: c.guidance,
      maxPoints: c.maxPoints,
      step: 0.5 as const,
      citation: c.basis[file] ? `${file} ${c.basis[file]}` : null,
    }));
    return { id: g.id, title: g.title, points: criteria.reduce((s, c) => s + c.maxPoints, 0), criteria };
  });
  return [
    {
      id: 'standard_100',
      name: `${profile.shortName}：基础性指标＋差异化指标（百分制）`,
      description:
        '基础性指标取自本地区政策的准入条件（逐项符合/不符合）；差异化指标6类20项共100分，分值为建议值，各地可在开始评分前调整。',
      definition: { title: `${profile.shortName}长护服务机构定点评审评分细则`, totalPoints: 100, basic: basicIndicatorsOf(profile), groups },
    },
  ];
}
