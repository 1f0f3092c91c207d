import { z } from 'zod';
import { isoDate, requiredText } from '../../domain/common';
import { ok } from './common';

export const yearCalendarSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(isoDate).max(60),
  makeupWorkdays: z.array(isoDate).max(30),
});

export const appContract = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      today: isoDate,
      operator: z.string(),
      knownYears: z.array(z.number().int()),
    }),
  },
  'settings.setOperator': {
    input: z.object({ operator: requiredText('操作员姓名', 50) }),
    output: ok,
  },
  'calendar.listYears': {
    input: z.object({}),
    output: z.object({
      builtinYears: z.array(z.number().int()),
      customYears: z.array(yearCalendarSchema),
    }),
  },
  'calendar.saveYear': { input: yearCalendarSchema, output: ok },
  'calendar.deleteYear': { input: z.object({ year: z.number().int() }), output: ok },
} as const;
