import { z } from 'zod';
import { requiredText } from '../../domain/common';
import { roundCreateSchema, roundSchema, roundSummarySchema } from '../../domain/round';
import { byRound } from './common';

export const roundsContract = {
  'rounds.create': { input: roundCreateSchema, output: roundSchema },
  'rounds.list': { input: z.object({}), output: z.array(roundSummarySchema) },
  'rounds.get': { input: byRound, output: roundSummarySchema },
  'rounds.close': { input: byRound, output: roundSchema },
  'rounds.reopen': { input: byRound.extend({ reason: requiredText('重新开启原因', 300) }), output: roundSchema },
} as const;
