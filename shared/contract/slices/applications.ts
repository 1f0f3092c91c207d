import { z } from 'zod';
import { applicationInputSchema, applicationSchema, applicationSummarySchema } from '../../domain/application';
import { byApplication, byRound } from './common';

export const applicationsContract = {
  'applications.list': { input: byRound, output: z.array(applicationSummarySchema) },
  'applications.get': { input: byApplication, output: applicationSchema },
  'applications.create': {
    input: z.object({ roundId: z.string().min(1), data: applicationInputSchema }),
    output: applicationSchema,
  },
  'applications.update': {
    input: z.object({ applicationId: z.string().min(1), data: applicationInputSchema }),
    output: applicationSchema,
  },
} as const;
