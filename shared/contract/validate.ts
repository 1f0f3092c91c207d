import type { z } from 'zod';
import { ApiError } from './errors';
import { contract, type Method, type ParsedInput } from './methods';

/** Turn zod issues into field path → message, the shape forms show inline. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export function validationError(error: z.ZodError, context: string): ApiError {
  const fieldErrors = fieldErrorsOf(error);
  const first = Object.values(fieldErrors)[0] ?? '输入有误';
  return new ApiError({
    code: 'VALIDATION',
    message: Object.keys(fieldErrors).length > 1 ? `${first}（另有${Object.keys(fieldErrors).length - 1}处需要修改）` : first,
    logMessage: `${context}: invalid payload: ${error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}`,
    fieldErrors,
  });
}

export function parseInput<M extends Method>(method: M, payload: unknown): ParsedInput<M> {
  const r = contract[method].input.safeParse(payload);
  if (!r.success) throw validationError(r.error, method);
  return r.data as ParsedInput<M>;
}
