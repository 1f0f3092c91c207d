/**
 * Measuring and breaking Chinese text.
 *
 * Characters are placed one by one (no shaping: Chinese needs none), each with
 * the glyph of the first font that has it. Line breaking follows the usual
 * 禁则: no line starts with closing punctuation (，。、；：？！）》」』”’ …) and no
 * line ends with opening punctuation (（《「『“‘ …); a character that would
 * break a rule is carried to the next line together with its neighbour, and
 * the short line is justified. Runs of Latin letters and digits (a USCC, a
 * date, a number) are kept whole unless longer than a line.
 */
import type { FontRole, FontSet, Glyph } from '../fonts';

export interface Placed {
  ch: string;
  glyph: Glyph;
  /** advance in points, tracking included */
  width: number;
}

export interface Line {
  chars: Placed[];
  /** natural width in points */
  width: number;
  /** extra space added after each character but the last to justify the line */
  extra: number;
  /** indent of this line in points */
  indent: number;
}

export const CLOSING = new Set([...'，。、；：？！）》」』”’〕】〉…—·%％,.;:?!)]}']);
export const OPENING = new Set([...'（《「『“‘〔【〈([{']);
const WORD = /[A-Za-z0-9_@./\-+#&'％%]/;

export interface TextStyle {
  role: FontRole;
  size: number;
  /** extra advance added to every character (negative = tighter), in points */
  tracking: number;
}

/** Places the characters of `text` (newlines removed: blocks carry paragraphs). */
export function place(fonts: FontSet, text: string, style: TextStyle): Placed[] {
  fonts.assertCovered(style.role, text);
  const out: Placed[] = [];
  for (const ch of text) {
    if (ch === '\n' || ch === '\r') continue;
    const g = fonts.glyph(style.role, ch.codePointAt(0)!)!;
    out.push({ ch, glyph: g, width: g.advance * style.size + style.tracking });
  }
  return out;
}

function isWord(ch: string): boolean {
  return WORD.test(ch);
}

/** May a line end before chars[i] (i.e. between i-1 and i)? */
function canBreakBefore(chars: Placed[], i: number): boolean {
  if (i <= 0 || i >= chars.length) return true;
  const prev = chars[i - 1]!.ch;
  const next = chars[i]!.ch;
  if (CLOSING.has(next)) return false;
  if (OPENING.has(prev)) return false;
  if (isWord(prev) && isWord(next)) return false;
  if ((prev === '—' && next === '—') || (prev === '…' && next === '…')) return false;
  return true;
}

function sum(chars: Placed[], from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += chars[i]!.width;
  return w;
}

/**
 * Breaks placed characters into lines of `width` points, the first indented by
 * `firstIndent`. Every line but the last is justified.
 */
export function breakLines(chars: Placed[], width: number, firstIndent = 0, justify = true): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const eps = 0.01;
  while (start < chars.length) {
    const indent = lines.length === 0 ? firstIndent : 0;
    const avail = width - indent;
    // how many fit
    let end = start;
    let w = 0;
    while (end < chars.length && w + chars[end]!.width <= avail + eps) {
      w += chars[end]!.width;
      end++;
    }
    if (end >= chars.length) {
      lines.push({ chars: chars.slice(start), width: sum(chars, start, chars.length), extra: 0, indent });
      break;
    }
    // step back to an allowed break
    let brk = end;
    while (brk > start && !canBreakBefore(chars, brk)) brk--;
    if (brk === start) {
      // nothing allowed (a word longer than the line): break where it fits, at least one character
      brk = Math.max(end, start + 1);
    }
    // a space never starts a line
    let next = brk;
    while (next < chars.length && (chars[next]!.ch === ' ' || chars[next]!.ch === '\u3000')) next++;
    let lineEnd = brk;
    while (lineEnd > start && chars[lineEnd - 1]!.ch === ' ') lineEnd--;
    const lw = sum(chars, start, lineEnd);
    const gaps = lineEnd - start - 1;
    const slack = avail - lw;
    const extra = justify && gaps > 0 && slack > 0 ? slack / gaps : 0;
    // justification wider than half a character per gap looks broken: leave such a line ragged
    const size = chars[start]!.width || 1;
    lines.push({ chars: chars.slice(start, lineEnd), width: lw, extra: extra < size * 0.5 ? extra : 0, indent });
    start = next;
  }
  return lines;
}

/** Width of a single line of text (no breaking). */
export function measure(chars: Placed[]): number {
  return sum(chars, 0, chars.length);
}
