/**
 * What a document is made of, before layout: plain data, so templates can
 * produce it and tests can build it by hand.
 */
import type { FontRole } from '../fonts';

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  title: string;
  /** relative width; the columns share the text width in these proportions */
  width: number;
  align?: Align;
}

export type Block =
  /** 标题: 2号 小标宋-style, centred, wrapped into balanced lines */
  | { type: 'title'; text: string }
  /** a body paragraph: 3号 仿宋-style, first line indented `indent` characters (default 2) */
  | { type: 'paragraph'; text: string; indent?: number; role?: FontRole; align?: Align }
  | { type: 'blank'; lines?: number }
  /** a ruled table; the header row repeats on every page the table reaches */
  | { type: 'table'; columns: TableColumn[]; rows: string[][]; size?: number }
  /** 发文机关署名 centred over 成文日期 (ISO date, printed 2025年10月13日), date right-indented 4 characters */
  | { type: 'signature'; issuer: string; date: string };

export interface DocumentSpec {
  /** document title for the PDF metadata */
  title: string;
  /** 版头: the issuing agency's name in red with a red rule under the 文号 */
  redHeader?: { agencyName: string };
  /** 发文字号, e.g. 乌医保经〔2025〕12号: under the red header, or right-aligned above the title */
  docNumber?: string;
  blocks: Block[];
  /** a large diagonal mark on every page, e.g. 草稿 */
  watermark?: string;
  /** 'standard': GB/T 9704 7.5 (odd pages right, even left, one character in); 'centered'; 'none' */
  pageNumbers?: 'standard' | 'centered' | 'none';
  /** a seal image is placed over the signature block when the writer is given one */
  seal?: boolean;
  author?: string;
  subject?: string;
}

/** 2025-10-13 → 2025年10月13日 (GB/T 9704 7.3.5.2: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`日期“${iso}”无效`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
