/**
 * Conditions a computer cannot check from the 申请表: 制度, 信息系统, 收费,
 * 资质文件, 专区标识与设施… Each is tied to the profile's review-content item
 * (审核内容) that covers it, cites that item's article, and is decided by the
 * reviewer's mark on that item (checklist.mark): 符合 → pass, 不符合 → fail,
 * otherwise it stays 待人工核查.
 */
import type { RuleDef } from './types';

function manual(id: string, title: string, ids: readonly string[], requirement: string): RuleDef {
  return {
    id,
    title,
    group: 'manual',
    kind: 'manual',
    inputs: [],
    anchor: { kind: 'reviewContent', ids },
    checklist: ids,
    requirement: () => requirement,
    evaluate: () => ({ state: 'manual', explanation: `须由审核人员核查：${requirement}` }),
  };
}

export const MANUAL_RULES: readonly RuleDef[] = [
  manual(
    'manual_qualification',
    '机构资质文件',
    ['qualification', 'qualification_documents', 'eligibility'],
    '具备养老机构设立许可（备案）、医疗机构执业许可证（诊所备案凭证）或依法登记等资质文件，且在有效期内',
  ),
  manual(
    'manual_entry_conditions',
    '其他申请条件',
    ['entry_conditions', 'national_conditions'],
    '符合法人资格、固定场所、专业化队伍、软硬件设备等其他申请条件',
  ),
  manual('manual_planning', '区域配置规划', ['planning'], '符合区域内定点长护服务机构配置规划'),
  manual(
    'manual_staff_credentials',
    '护理人员执业资质与用工',
    ['care_staff'],
    '护理服务人员的执业证书、资格证书、劳动合同（用工合同）及参加社会保险情况符合规定',
  ),
  manual(
    'manual_home_team',
    '居家/社区专业护理服务团队与培训',
    ['home_community_team'],
    '配备专业护理服务团队，定期开展技能培训，并按需为参保人员家属和现聘用护理人员提供培训服务',
  ),
  manual(
    'manual_care_zone_facilities',
    '专区标识及医疗护理设施',
    ['institutional_care_zone'],
    '专区设置清晰、醒目的标识，配备必要的医疗护理用具与设备、物品及环境消毒灭菌设施和洗澡设施等基础硬件',
  ),
  manual('manual_facilities', '基础设备设施', ['facilities', 'institutional_staff_facilities'], '具有与服务功能相匹配的基础设备设施'),
  manual(
    'manual_management_systems',
    '内部管理制度',
    ['management_systems', 'finance_audit_systems'],
    '具有与长期护理保险政策规定相适应的服务管理、财务管理、信息统计、内控管理、人员管理、档案管理等制度',
  ),
  manual(
    'manual_information_system',
    '医保信息平台对接条件',
    ['information_system'],
    '具备使用全国统一的医保信息平台、与医保信息平台长期护理保险功能模块按接口标准对接的条件',
  ),
  manual('manual_pricing', '收费项目和收费价格', ['pricing'], '与长护服务相关的收费项目和收费价格符合政策规定'),
  manual(
    'manual_medical_care_compliance',
    '医疗护理服务符合卫生健康部门规定',
    ['medical_care_compliance'],
    '申请提供医疗护理服务的，符合卫生健康部门的有关规定',
  ),
  manual('manual_other_conditions', '其他规定条件', ['other_conditions'], '符合法律法规及医疗保障行政部门规定的其他条件'),
];
