import { refuse } from '../errors';

/**
 * Refuses a document before anything is written: `zh` for the clerk, `en` for
 * the log; `field` puts the message at that form field too (e.g. passphrase).
 */
export function docError(zh: string, en: string, field?: string): never {
  refuse('VALIDATION', zh, en, field ? { [field]: zh } : undefined);
}
