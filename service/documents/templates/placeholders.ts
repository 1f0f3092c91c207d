/**
 * Validating and filling `{{字段名}}` placeholders.
 */
import { docError } from '../errors';
import { chineseDate, type Block, type DocumentSpec } from '../layout/blocks';
import { COMMON_FIELDS, ITEM_NUMBER, type FieldSpec, type Template, type TemplateBlock, type TemplateValues } from './types';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names in a text, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Braces left over once the well-formed placeholders are removed: “{{名称” or “名称}}”. */
function strayBraces(text: string): boolean {
  return /\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''));
}

function texts(b: TemplateBlock): string[] {
  switch (b.type) {
    case 'title':
    case 'paragraph':
    case 'list':
      return [b.text];
    case 'table':
      return b.columns.flatMap((c) => [c.title, c.cell]);
    default:
      return [];
  }
}

/**
 * Refuses a template that uses a placeholder it does not declare (Chinese
 * message naming every unknown one), a condition on a non-flag field, or a
 * list/table over a non-list field.
 */
export function validateTemplate(t: Template): void {
  const fields: Record<string, FieldSpec> = { ...COMMON_FIELDS, ...t.fields };
  const unknown = new Set<string>();
  const problems: string[] = [];
  for (const b of t.blocks) {
    for (const cond of [b.when, b.unless]) {
      if (cond !== undefined && fields[cond]?.kind !== 'flag') problems.push(`条件“${cond}”不是模板中的是/否字段`);
    }
    let allowed = (name: string) => fields[name] !== undefined && fields[name].kind === 'text';
    if (b.type === 'list' || b.type === 'table') {
      const list = fields[b.items];
      if (list?.kind !== 'list') problems.push(`“${b.items}”不是模板中的列表字段`);
      const item = list?.item ?? {};
      allowed = (name) => name === ITEM_NUMBER || item[name] !== undefined || (fields[name] !== undefined && fields[name].kind === 'text');
    }
    for (const text of texts(b)) {
      if (strayBraces(text)) problems.push(`“${text.slice(0, 30)}”中有不完整的占位符（缺少“{{”或“}}”）`);
      for (const name of placeholdersIn(text)) if (!allowed(name)) unknown.add(name);
    }
  }
  if (unknown.size > 0) {
    docError(
      `模板“${t.name}”中有未知的占位符：${[...unknown].map((n) => `{{${n}}}`).join('、')}`,
      `template ${t.id}: unknown placeholders ${[...unknown].join(', ')}`,
    );
  }
  if (problems.length > 0) docError(`模板“${t.name}”有误：${problems.join('；')}`, `template ${t.id}: ${problems.join('; ')}`);
}

function fill(text: string, lookup: (name: string) => string | undefined, templateId: string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = lookup(name);
    if (v === undefined) throw new Error(`template ${templateId}: no value for {{${name}}}`);
    return v;
  });
}

export interface FillContext {
  issuer: string;
  /** ISO date */
  date: string;
  docNumber?: string;
}

/** Template + values → the blocks of a document (the template must have passed validateTemplate). */
export function fillTemplate(t: Template, values: TemplateValues, c: FillContext): DocumentSpec {
  const all: TemplateValues = { ...values, 发文机关: c.issuer, 成文日期: chineseDate(c.date), 文号: c.docNumber ?? '' };
  const scalar = (name: string) => {
    const v = all[name];
    return typeof v === 'string' ? v : undefined;
  };
  const flag = (name: string) => all[name] === true;
  const list = (name: string) => {
    const v = all[name];
    if (!Array.isArray(v)) throw new Error(`template ${t.id}: list field ${name} has no items array`);
    return v;
  };
  const blocks: Block[] = [];
  for (const b of t.blocks) {
    if (b.when !== undefined && !flag(b.when)) continue;
    if (b.unless !== undefined && flag(b.unless)) continue;
    switch (b.type) {
      case 'title':
        blocks.push({ type: 'title', text: fill(b.text, scalar, t.id) });
        break;
      case 'paragraph':
        blocks.push({ type: 'paragraph', text: fill(b.text, scalar, t.id), indent: b.indent, role: b.role, align: b.align });
        break;
      case 'blank':
        blocks.push({ type: 'blank', lines: b.lines });
        break;
      case 'list':
        list(b.items).forEach((item, i) => {
          const look = (n: string) => (n === ITEM_NUMBER ? String(i + 1) : (item[n] ?? scalar(n)));
          blocks.push({ type: 'paragraph', text: fill(b.text, look, t.id), indent: b.indent });
        });
        break;
      case 'table':
        blocks.push({
          type: 'table',
          size: b.size,
          columns: b.columns.map((col) => ({ title: fill(col.title, scalar, t.id), width: col.width, align: col.align })),
          rows: list(b.items).map((item, i) => {
            const look = (n: string) => (n === ITEM_NUMBER ? String(i + 1) : (item[n] ?? scalar(n)));
            return b.columns.map((col) => fill(col.cell, look, t.id));
          }),
        });
        break;
      case 'signature':
        blocks.push({ type: 'signature', issuer: c.issuer, date: c.date });
        break;
    }
  }
  return { title: t.documentTitle, blocks, docNumber: c.docNumber };
}
