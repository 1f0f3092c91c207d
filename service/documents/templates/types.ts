/**
 * Templates are data: Chinese text with `{{字段名}}` placeholders (Chinese field
 * names, so the agency's clerk can read and edit a template), a declared list
 * of fields, and a few block kinds. A template is validated before use: an
 * unknown placeholder is refused with its name.
 */
import type { FontRole } from '../fonts';
import type { Align } from '../layout/blocks';

export type FieldKind = 'text' | 'flag' | 'list';

export interface FieldSpec {
  kind: FieldKind;
  /** what the field holds, for the template editor */
  label: string;
  /** for lists: the fields of each item, usable inside the list's own text */
  item?: Record<string, string>;
}

/** `when` / `unless` name a flag field: the block appears only if it is true / false. */
interface Conditional {
  when?: string;
  unless?: string;
}

export type TemplateBlock = Conditional &
  (
    | { type: 'title'; text: string }
    | { type: 'paragraph'; text: string; indent?: number; role?: FontRole; align?: Align }
    | { type: 'blank'; lines?: number }
    /** one paragraph per item of a list field; `{{序号}}` is the item's number */
    | { type: 'list'; items: string; text: string; indent?: number }
    /** a table with one row per item of a list field */
    | { type: 'table'; items: string; columns: { title: string; cell: string; width: number; align?: Align }[]; size?: number }
    /** 发文机关署名 and 成文日期 from the common fields */
    | { type: 'signature' }
  );

export interface Template {
  id: string;
  /** bump on every change to the text: the document register records it */
  version: number;
  name: string;
  /** the title shown in the PDF's metadata and file name */
  documentTitle: string;
  fields: Record<string, FieldSpec>;
  blocks: TemplateBlock[];
}

export type FieldValue = string | boolean | Record<string, string>[];
export type TemplateValues = Record<string, FieldValue>;

/** Fields every template may use; the generator fills them from the settings. */
export const COMMON_FIELDS: Record<string, FieldSpec> = {
  发文机关: { kind: 'text', label: '发文机关署名（文书设置）' },
  成文日期: { kind: 'text', label: '成文日期，如2025年10月13日' },
  文号: { kind: 'text', label: '发文字号，如乌医保经〔2025〕12号' },
};

/** Available inside every list/table item. */
export const ITEM_NUMBER = '序号';
