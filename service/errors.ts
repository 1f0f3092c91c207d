import { ApiError, type ErrorCode } from '../shared/contract/errors';

/** Refuse an action: `zh` is shown to the clerk, `en` goes to the log. */
export function refuse(code: ErrorCode, zh: string, en: string, fieldErrors?: Record<string, string>): never {
  throw new ApiError({ code, message: zh, logMessage: en, ...(fieldErrors ? { fieldErrors } : {}) });
}

export function notFound(what: string, id: string): never {
  refuse('NOT_FOUND', `找不到该${what}（可能已被删除）`, `${what} ${id} not found`);
}
