import { z } from 'zod';
import { isoDate, requiredText, optionalText } from '../domain/common';
import { roundCreateSchema, roundSchema, roundSummarySchema } from '../domain/round';
import { applicationInputSchema, applicationSchema, applicationSummarySchema } from '../domain/application';
import { formalCheckSchema, markMaterialSchema } from '../domain/formalCheck';
import { regionProfileSchema } from '../profiles/schema';

/**
 * Every back-end method, declared once. Both transports (Electron IPC and the
 * Node host) and the service's handler map are typed from this object, so a
 * method without a handler is a compile error.
 */

const byRound = z.object({ roundId: z.string().min(1) });
const byApplication = z.object({ applicationId: z.string().min(1) });
const ok = z.object({ ok: z.literal(true) });

export const yearCalendarSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(isoDate).max(60),
  makeupWorkdays: z.array(isoDate).max(30),
});

export const profileSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  supplementWorkingDays: z.number().int().nullable(),
  panelMinMembers: z.number().int(),
  materialsCount: z.number().int(),
});

export const contract = {
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

  'profiles.list': { input: z.object({}), output: z.array(profileSummarySchema) },
  'profiles.get': {
    input: z.object({ id: z.string().min(1), version: z.number().int().optional() }),
    output: regionProfileSchema,
  },

  'rounds.create': { input: roundCreateSchema, output: roundSchema },
  'rounds.list': { input: z.object({}), output: z.array(roundSummarySchema) },
  'rounds.get': { input: byRound, output: roundSummarySchema },
  'rounds.close': { input: byRound, output: roundSchema },
  'rounds.reopen': { input: byRound.extend({ reason: requiredText('重新开启原因', 300) }), output: roundSchema },

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
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** What the renderer holds: one async function per method. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

export function isMethod(x: unknown): x is Method {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(contract, x);
}
