import { z } from 'zod';
import { optionalText, requiredText } from '../../domain/common';
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

/** One stored version of a profile, with what changed from the version before it. */
export const profileVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  builtin: z.boolean(),
  createdAt: z.string(),
  /** rounds that keep this version */
  rounds: z.number().int(),
  changes: z.array(z.object({ path: z.string(), label: z.string(), before: z.string(), after: z.string() })),
});

const profileId = z.string().min(1, { message: '请选择地区政策配置' });

export const profilesContract = {
  'profiles.list': { input: z.object({}), output: z.array(profileSummarySchema) },
  'profiles.get': {
    input: z.object({ id: z.string().min(1), version: z.number().int().optional() }),
    output: regionProfileSchema,
  },
  /** An agency-specific copy (version 1) of a stored profile version. */
  'profiles.copy': {
    input: z.object({
      id: profileId,
      version: z.number().int().optional(),
      newId: z
        .string({ message: '请填写新配置编号' })
        .trim()
        .regex(/^[a-z][a-z0-9-]{1,39}$/, { message: '新配置编号须以小写英文字母开头，只含小写英文字母、数字和连字符，2–40位' }),
      name: requiredText('新配置名称', 100),
      shortName: optionalText('新配置简称', 20),
    }),
    output: regionProfileSchema,
  },
  /** Stores `profile` as the NEXT version of `id` (never changes a stored one); `profile.version` must be the latest. */
  'profiles.update': {
    input: z.object({ id: profileId, profile: regionProfileSchema }),
    output: regionProfileSchema,
  },
  'profiles.versions': { input: z.object({ id: profileId }), output: z.array(profileVersionSchema) },
} as const;
