import { z } from 'zod';
import { regionProfileSchema } from '../../profiles/schema';

export const profileSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  supplementWorkingDays: z.number().int().nullable(),
  panelMinMembers: z.number().int(),
  materialsCount: z.number().int(),
});

export const profilesContract = {
  'profiles.list': { input: z.object({}), output: z.array(profileSummarySchema) },
  'profiles.get': {
    input: z.object({ id: z.string().min(1), version: z.number().int().optional() }),
    output: regionProfileSchema,
  },
} as const;
