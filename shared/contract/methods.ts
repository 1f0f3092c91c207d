import type { z } from 'zod';
import { appContract } from './slices/app';
import { profilesContract } from './slices/profiles';
import { roundsContract } from './slices/rounds';
import { applicationsContract } from './slices/applications';
import { formalCheckContract } from './slices/formalCheck';
import { rulesContract } from './slices/rules';
import { documentsContract } from './slices/documents';
import { panelContract } from './slices/panel';
import { scoringContract } from './slices/scoring';
import { offlineContract } from './slices/offline';
import { deliberationContract } from './slices/deliberation';
import { auditContract } from './slices/audit';
import { roundDocumentsContract } from './slices/roundDocuments';
import { publicNoticeContract } from './slices/publicNotice';
import { systemContract } from './slices/system';

export { yearCalendarSchema } from './slices/app';
export { profileSummarySchema, profileVersionSchema } from './slices/profiles';

/**
 * Every back-end method, declared once (per domain in ./slices). Both
 * transports (Electron IPC and the Node host) and the service's handler map
 * are typed from this object, so a method without a handler is a compile error.
 */
export const contract = {
  ...appContract,
  ...profilesContract,
  ...roundsContract,
  ...applicationsContract,
  ...formalCheckContract,
  ...rulesContract,
  ...documentsContract,
  ...panelContract,
  ...scoringContract,
  ...offlineContract,
  ...deliberationContract,
  ...auditContract,
  ...roundDocumentsContract,
  ...publicNoticeContract,
  ...systemContract,
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
