/**
 * Closed vocabularies of the domain. Identifiers are English; the Chinese
 * labels are what clerks see. See docs/glossary.md.
 */

/** 申请定点服务类型 (000 第七条) */
export const SERVICE_TYPES = ['institutional', 'home', 'community'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const SERVICE_TYPE_LABEL: Record<ServiceType, string> = {
  institutional: '机构护理',
  home: '居家护理',
  community: '社区护理',
};

/** 服务机构类型 (000 第五条) */
export const INSTITUTION_TYPES = ['medical', 'elderly_care', 'other'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export const INSTITUTION_TYPE_LABEL: Record<InstitutionType, string> = {
  medical: '医疗机构',
  elderly_care: '养老机构',
  other: '其他服务机构',
};

/** 服务机构分类 */
export const PROFIT_CLASSES = ['non_profit', 'for_profit'] as const;
export type ProfitClass = (typeof PROFIT_CLASSES)[number];
export const PROFIT_CLASS_LABEL: Record<ProfitClass, string> = {
  non_profit: '非营利',
  for_profit: '营利',
};

/** 医疗护理服务情况 (养老机构填写) */
export const MEDICAL_ARRANGEMENTS = ['internal_medical_unit', 'hospital_agreement', 'none'] as const;
export type MedicalArrangement = (typeof MEDICAL_ARRANGEMENTS)[number];
export const MEDICAL_ARRANGEMENT_LABEL: Record<MedicalArrangement, string> = {
  internal_medical_unit: '养老机构内设医疗机构',
  hospital_agreement: '与定点住院医疗机构签订服务协议',
  none: '无',
};

/** Which legal-person certificate the 申请表 number refers to. */
export const LEGAL_CERT_KINDS = ['public_institution', 'private_non_enterprise', 'business_licence'] as const;
export type LegalCertKind = (typeof LEGAL_CERT_KINDS)[number];
export const LEGAL_CERT_KIND_LABEL: Record<LegalCertKind, string> = {
  public_institution: '事业单位法人证书号',
  private_non_enterprise: '民办非企业单位登记证书号',
  business_licence: '营业执照号',
};

/** 审核小组 fields of expertise (000 第十三条). */
export const EXPERTISE_FIELDS = [
  'ltc_management',
  'elderly_services',
  'medical_security',
  'medicine_health',
  'finance',
  'information_technology',
] as const;
export type ExpertiseField = (typeof EXPERTISE_FIELDS)[number];
export const EXPERTISE_FIELD_LABEL: Record<ExpertiseField, string> = {
  ltc_management: '长护管理',
  elderly_services: '养老服务',
  medical_security: '医疗保障',
  medicine_health: '医药卫生',
  finance: '财务管理',
  information_technology: '信息技术',
};
