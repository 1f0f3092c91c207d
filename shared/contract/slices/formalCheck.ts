import { z } from 'zod';
import { isoDate, optionalText } from '../../domain/common';
import { formalCheckSchema, markMaterialSchema } from '../../domain/formalCheck';
import { byApplication } from './common';

export const formalCheckContract = {
  'formalCheck.get': { input: byApplication, output: formalCheckSchema },
  'formalCheck.markMaterial': { input: markMaterialSchema, output: formalCheckSchema },
  'formalCheck.issueNotice': {
    input: byApplication.extend({
      issuedOn: isoDate,
      /** only where the profile sets no 补正 period; otherwise the profile's number applies */
      workingDays: z.number({ message: '补正期限应为数字' }).int({ message: '补正期限应为整数' }).min(1, { message: '补正期限至少1个工作日' }).max(60, { message: '补正期限不能超过60个工作日' }).optional(),
    }),
    output: formalCheckSchema,
  },
  'formalCheck.recordSupplement': {
    input: byApplication.extend({ receivedOn: isoDate }),
    output: formalCheckSchema,
  },
  'formalCheck.markWithdrawn': { input: byApplication, output: formalCheckSchema },
  'formalCheck.pass': { input: byApplication, output: formalCheckSchema },
  'formalCheck.notAccept': {
    input: byApplication.extend({ reasonId: z.string().min(1, { message: '请选择不予受理的理由' }), note: optionalText('说明', 500) }),
    output: formalCheckSchema,
  },
} as const;
