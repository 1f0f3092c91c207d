/**
 * Templates: the built-ins, lookup, and template + values → document.
 */
import type { DocumentSpec } from '../layout/blocks';
import { BUILTIN_TEMPLATES } from './builtin';
import { fillTemplate, validateTemplate, type FillContext } from './placeholders';
import type { Template, TemplateValues } from './types';

export * from './types';
export * from './builtin';
export * from './inputs';
export * from './records';
export { validateTemplate, fillTemplate, placeholdersIn } from './placeholders';

export function builtinTemplate(id: string): Template {
  const t = BUILTIN_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no built-in template ${id}`);
  return t;
}

export interface DocumentContext extends FillContext {
  redHeader?: { agencyName: string };
}

const validated = new WeakSet<Template>();

/** Validates (once per template object) and fills a template into a document. */
export function documentFromTemplate(t: Template, values: TemplateValues, c: DocumentContext): DocumentSpec {
  if (!validated.has(t)) {
    validateTemplate(t);
    validated.add(t);
  }
  const spec = fillTemplate(t, values, c);
  return { ...spec, author: c.issuer, subject: t.name, ...(c.redHeader ? { redHeader: c.redHeader } : {}) };
}
