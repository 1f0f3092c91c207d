/**
 * The one error shape that crosses every transport. `message` is Chinese and
 * goes to the UI as is; `logMessage` is English and goes to logs.
 */
export type ErrorCode =
  | 'VALIDATION' // payload failed the shared schema
  | 'NOT_FOUND'
  | 'CONFLICT' // e.g. duplicate USCC in a round
  | 'STATE' // action not allowed in the current state (closed round, notice already issued…)
  | 'UNKNOWN_METHOD'
  | 'FORBIDDEN' // IPC sender not our window
  | 'INTERNAL';

export interface ApiErrorPayload {
  code: ErrorCode;
  message: string;
  logMessage: string;
  /** field path ("legalRep.phone") → Chinese message, for inline form errors */
  fieldErrors?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly logMessage: string;
  readonly fieldErrors: Record<string, string> | undefined;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.logMessage = payload.logMessage;
    this.fieldErrors = payload.fieldErrors;
  }
  toPayload(): ApiErrorPayload {
    return {
      code: this.code,
      message: this.message,
      logMessage: this.logMessage,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
    };
  }
}

export function isApiErrorPayload(x: unknown): x is ApiErrorPayload {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ApiErrorPayload).code === 'string' &&
    typeof (x as ApiErrorPayload).message === 'string'
  );
}

/** Result envelope used by both transports, so errors keep their fields across IPC and HTTP. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };
