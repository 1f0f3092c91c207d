import { refuse } from '../errors';

/** Refuses a document before anything is written: `zh` for the clerk, `en` for the log. */
export function docError(zh: string, en: string): never {
  refuse('VALIDATION', zh, en);
}
