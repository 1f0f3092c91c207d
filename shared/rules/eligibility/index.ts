/** Eligibility rules (基础性指标) and the review-contents checklist. See ./types.ts. */
export * from './types';
export * from './schemas';
export * from './catalogue';
export * from './evaluate';
export { GENERAL_RULES } from './general';
export { SERVICE_RULES } from './services';
export { NOT_ACCEPTED_RULES, FRAUD_BAR_YEARS, TERMINATION_BAR_YEARS, MANAGEMENT_BAN_YEARS } from './notAccepted';
export { MANUAL_RULES } from './manual';
export { cnDate, ceilPercentOf, medicalQualification } from './helpers';
