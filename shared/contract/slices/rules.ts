import { z } from 'zod';
import { optionalText } from '../../domain/common';
import { CHECKLIST_STATES, catalogueSchema, eligibilitySchema, matrixSchema, roundStatesSchema } from '../../rules/eligibility/schemas';
import { byApplication, byRound } from './common';

/** Eligibility rules (基础性指标), their catalogue and the review-contents checklist. */
export const rulesContract = {
  /** The rules of a round's profile version, or of a profile (latest version unless given). */
  'rules.catalogue': {
    input: z.union([byRound, z.object({ profileId: z.string().min(1), version: z.number().int().optional() })], {
      message: '请指定审核批次或地区政策配置',
    }),
    output: catalogueSchema,
  },
  /** One application's rule results (evaluated on read) and its review-contents checklist. */
  'eligibility.get': { input: byApplication, output: eligibilitySchema },
  /** Applications × rules of a round, for the panel meeting. */
  'eligibility.matrix': { input: byRound, output: matrixSchema },
  /**
   * Every application's overall 基础性指标 state with the rules failed and
   * pending: the single record the ranking uses (an applicant is ranked only
   * when accepted at formal check and all_pass).
   */
  'eligibility.roundStates': { input: byRound, output: roundStatesSchema },
  /** A reviewer's mark on a checklist item; returns the fresh eligibility view. */
  'checklist.mark': {
    input: byApplication.extend({
      itemId: z.string().min(1, { message: '请选择审核内容' }),
      state: z.enum(CHECKLIST_STATES, { message: '请选择符合、不符合或待定' }),
      note: optionalText('说明', 500),
    }),
    output: eligibilitySchema,
  },
} as const;
