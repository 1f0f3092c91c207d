/**
 * Layout: blocks → positioned drawing operations per page. Pure (no PDF
 * objects), so breaking and pagination are testable on their own; pdf.ts
 * turns the operations into PDF content.
 */
import type { FontRole, FontSet } from '../fonts';
import { chineseDate, type Align, type Block, type DocumentSpec } from './blocks';
import { MM, baselineInBox, yFromTop, type PageGeometry } from './geometry';
import { breakLines, measure, place, type Line, type Placed, type TextStyle } from './text';

export type RGB = [number, number, number];
export const BLACK: RGB = [0, 0, 0];
export const RED: RGB = [0.87, 0.06, 0.1];

export type Op =
  | { op: 'text'; x: number; y: number; size: number; chars: Placed[]; tracking: number; color: RGB }
  /** text drawn as glyph outlines: seen, not extracted (the watermark) */
  | { op: 'outline'; x: number; y: number; size: number; chars: Placed[]; color: RGB; angle: number }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: RGB }
  | { op: 'seal'; cx: number; cy: number; width: number };

export interface RenderedPage {
  ops: Op[];
}

const EPS = 0.01;

class Flow {
  readonly pages: RenderedPage[] = [];
  /** distance below the text area's top edge */
  y = 0;
  private page!: RenderedPage;

  constructor(
    readonly g: PageGeometry,
    private readonly onNewPage: (p: RenderedPage) => void,
  ) {
    this.newPage();
  }

  get current(): RenderedPage {
    return this.page;
  }

  /** body-grid lines pushed on this page, in order */
  private lines: Op[] = [];

  newPage(): void {
    this.lines = [];
    this.page = { ops: [] };
    this.pages.push(this.page);
    this.onNewPage(this.page);
    this.y = 0;
  }

  /** Starts a new page unless `h` points still fit. */
  ensure(h: number): void {
    if (this.y > EPS && this.y + h > this.g.textHeight + EPS) this.newPage();
  }

  push(op: Op): void {
    this.page.ops.push(op);
  }

  /** A body line on the grid (may be carried to the next page with the signature). */
  pushLine(op: Op): void {
    this.page.ops.push(op);
    this.lines.push(op);
  }

  /** Removes the last `k` body lines if they end the page (nothing drawn after them), for carrying over. */
  takeTrailingLines(k: number): Op[] {
    const ops = this.page.ops;
    const tail = this.lines.slice(-k);
    if (tail.length < k || tail.some((op, i) => ops[ops.length - k + i] !== op)) return [];
    ops.splice(ops.length - k, k);
    this.lines.splice(this.lines.length - k, k);
    return tail;
  }

  /** Moves down to the next body grid line. */
  snap(): void {
    const p = this.g.linePitch;
    this.y = Math.ceil(this.y / p - EPS) * p;
  }
}

function lineOp(g: PageGeometry, line: Line, boxTop: number, boxHeight: number, size: number, x: number, tracking: number, color: RGB = BLACK): Op {
  return {
    op: 'text',
    x,
    y: yFromTop(g, boxTop + baselineInBox(boxHeight, size)),
    size,
    chars: line.chars,
    tracking: tracking + line.extra,
    color,
  };
}

function alignedX(g: PageGeometry, left: number, width: number, lineWidth: number, align: Align): number {
  if (align === 'center') return left + (width - lineWidth) / 2;
  if (align === 'right') return left + width - lineWidth;
  return left;
}

export class Renderer {
  constructor(
    private readonly fonts: FontSet,
    readonly g: PageGeometry,
  ) {}

  private style(role: FontRole, size: number, grid: boolean): TextStyle {
    // body-size text sits on the character grid; other sizes use natural advances
    return { role, size, tracking: grid ? this.g.charPitch - this.g.bodySize : 0 };
  }

  /** Lays out one document; its pages are numbered from 1. */
  render(doc: DocumentSpec): RenderedPage[] {
    const g = this.g;
    const mark = doc.watermark ? this.watermarkOps(doc.watermark) : [];
    const flow = new Flow(g, (p) => p.ops.push(...mark));
    if (doc.redHeader) this.redHeader(flow, doc.redHeader.agencyName, doc.docNumber);
    else if (doc.docNumber) this.paragraph(flow, { type: 'paragraph', text: doc.docNumber, indent: 0, align: 'right' });
    doc.blocks.forEach((b, i) => {
      // a paragraph introducing a table stays on the table's page (with its header and first row)
      const next = doc.blocks[i + 1];
      if (b.type === 'paragraph' && next?.type === 'table') flow.ensure(this.paragraphHeight(b) + this.tableLead(next));
      this.block(flow, b, doc);
    });
    if (doc.pageNumbers !== 'none') this.pageNumbers(flow.pages, doc.pageNumbers ?? 'standard');
    return flow.pages;
  }

  private block(flow: Flow, b: Block, doc: DocumentSpec): void {
    switch (b.type) {
      case 'title':
        return this.title(flow, b.text);
      case 'paragraph':
        return this.paragraph(flow, b);
      case 'blank':
        flow.y += (b.lines ?? 1) * this.g.linePitch;
        if (flow.y > this.g.textHeight + EPS) flow.newPage();
        return;
      case 'table':
        return this.table(flow, b);
      case 'signature':
        return this.signature(flow, b.issuer, b.date, doc.seal === true);
    }
  }

  private redHeader(flow: Flow, agency: string, docNumber: string | undefined): void {
    const g = this.g;
    // as large as fits, at most 初号 (42 pt)
    const probe = place(this.fonts, agency, this.style('title', 10, false));
    const size = Math.min(42, (g.textWidth * 0.96) / (measure(probe) / 10));
    const chars = place(this.fonts, agency, this.style('title', size, false));
    const w = measure(chars);
    const boxH = size * 1.3;
    flow.push(lineOp(g, { chars, width: w, extra: 0, indent: 0 }, flow.y, boxH, size, g.left + (g.textWidth - w) / 2, 0, RED));
    flow.y += boxH;
    if (docNumber) {
      flow.y += g.linePitch; // 发文字号 in the second line under the 标志 (7.2.2, compacted to one)
      this.paragraph(flow, { type: 'paragraph', text: docNumber, indent: 0, align: 'center' });
    } else {
      flow.y += g.linePitch / 2;
    }
    // 分隔线: 4 mm under the 文号, as wide as the text area, red (7.2.4)
    const ry = yFromTop(g, flow.y + 4 * MM - (docNumber ? g.linePitch * 0.25 : 0));
    flow.push({ op: 'line', x1: g.left, y1: ry, x2: g.left + g.textWidth, y2: ry, width: 1, color: RED });
    flow.y += 4 * MM;
    flow.snap();
    flow.y += g.linePitch; // title in the second line under the rule (7.3.1, compacted)
  }

  private title(flow: Flow, text: string): void {
    const g = this.g;
    const size = g.titleSize;
    // a template marks where a long title turns (词意完整) with a newline; a line still too long wraps, balanced
    const lines = text.split('\n').flatMap((segment) => {
      const chars = place(this.fonts, segment, this.style('title', size, false));
      const broken = breakLines(chars, g.textWidth, 0, false);
      if (broken.length <= 1) return broken;
      const target = measure(chars) / broken.length + size;
      const balanced = breakLines(chars, Math.min(g.textWidth, target), 0, false);
      return balanced.length === broken.length ? balanced : broken;
    });
    const boxH = Math.max(g.linePitch, size * 1.5);
    for (const line of lines) {
      flow.ensure(boxH);
      flow.push(lineOp(g, line, flow.y, boxH, size, g.left + (g.textWidth - line.width) / 2, 0));
      flow.y += boxH;
    }
    flow.snap();
    flow.y += g.linePitch; // 标题下空一行 (7.3.2)
  }

  private paragraph(flow: Flow, p: Extract<Block, { type: 'paragraph' }>): void {
    const g = this.g;
    const size = g.bodySize;
    const st = this.style(p.role ?? 'body', size, true);
    const chars = place(this.fonts, p.text, st);
    const indent = (p.indent ?? 2) * g.charPitch;
    const align = p.align ?? 'left';
    const lines = chars.length === 0 ? [{ chars: [], width: 0, extra: 0, indent: 0 }] : breakLines(chars, g.textWidth, indent, align === 'left');
    // a heading never ends a page: it moves on with at least one line of what follows
    if (p.role === 'heading') flow.ensure(g.linePitch * (lines.length + 1));
    for (const line of lines) {
      flow.ensure(g.linePitch);
      const x = alignedX(g, g.left + line.indent, g.textWidth - line.indent, line.width, align);
      if (line.chars.length) flow.pushLine(lineOp(g, line, flow.y, g.linePitch, size, x, st.tracking));
      flow.y += g.linePitch;
    }
  }

  private paragraphHeight(p: Extract<Block, { type: 'paragraph' }>): number {
    const g = this.g;
    const chars = place(this.fonts, p.text, this.style(p.role ?? 'body', g.bodySize, true));
    return Math.max(1, chars.length ? breakLines(chars, g.textWidth, (p.indent ?? 2) * g.charPitch, false).length : 1) * g.linePitch;
  }

  /** Height of a table's header row and first row: what must fit on a page for the table to start there. */
  private tableLead(t: Extract<Block, { type: 'table' }>): number {
    const g = this.g;
    const size = t.size ?? 12;
    const pad = 4;
    const lh = size * 1.45;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const rowHeight = (cells: string[], role: FontRole) =>
      Math.max(
        1,
        ...t.columns.map((c, i) => {
          const chars = place(this.fonts, cells[i] ?? '', this.style(role, size, false));
          return chars.length ? breakLines(chars, (c.width / total) * g.textWidth - 2 * pad, 0, false).length : 1;
        }),
      ) *
        lh +
      2 * pad;
    return rowHeight(t.columns.map((c) => c.title), 'heading') + (t.rows[0] ? rowHeight(t.rows[0], 'body') : lh + 2 * pad);
  }

  private table(flow: Flow, t: Extract<Block, { type: 'table' }>): void {
    const g = this.g;
    const size = t.size ?? 12;
    const pad = 4;
    const lh = size * 1.45;
    const total = t.columns.reduce((s, c) => s + c.width, 0);
    const widths = t.columns.map((c) => (c.width / total) * g.textWidth);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [g.left]);
    const layoutRow = (cells: string[], role: FontRole) => {
      const broken = widths.map((w, i) => {
        const chars = place(this.fonts, cells[i] ?? '', this.style(role, size, false));
        return chars.length ? breakLines(chars, w - 2 * pad, 0, false) : [];
      });
      const height = Math.max(1, ...broken.map((l) => l.length)) * lh + 2 * pad;
      return { broken, height };
    };
    const header = layoutRow(t.columns.map((c) => c.title), 'heading');
    const drawRow = (row: ReturnType<typeof layoutRow>, isHeader: boolean) => {
      const top = flow.y;
      row.broken.forEach((lines, i) => {
        const align: Align = isHeader ? 'center' : (t.columns[i]!.align ?? 'left');
        lines.forEach((line, k) => {
          const x = alignedX(g, xs[i]! + pad, widths[i]! - 2 * pad, line.width, align);
          flow.push(lineOp(g, line, top + pad + k * lh, lh, size, x, 0));
        });
      });
      const y1 = yFromTop(g, top);
      const y2 = yFromTop(g, top + row.height);
      const stroke = { width: 0.6, color: BLACK };
      flow.push({ op: 'line', x1: g.left, y1, x2: g.left + g.textWidth, y2: y1, ...stroke });
      flow.push({ op: 'line', x1: g.left, y1: y2, x2: g.left + g.textWidth, y2, ...stroke });
      for (const x of xs) flow.push({ op: 'line', x1: x, y1, x2: x, y2, ...stroke });
      flow.y += row.height;
    };
    flow.ensure(header.height + lh + 2 * pad);
    drawRow(header, true);
    for (const cells of t.rows) {
      const row = layoutRow(cells, 'body');
      if (flow.y + row.height > g.textHeight + EPS) {
        flow.newPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
    flow.y += g.linePitch / 2;
    flow.snap();
  }

  private signature(flow: Flow, issuer: string, isoDate: string, seal: boolean): void {
    const g = this.g;
    const size = g.bodySize;
    const st = this.style('body', size, true);
    const date = place(this.fonts, chineseDate(isoDate), st);
    const name = place(this.fonts, issuer, st);
    const dw = measure(date);
    const nw = measure(name);
    // a blank line, then the 署名 and the 日期 together (the seal reaches into the blank line)
    flow.y += g.linePitch;
    if (flow.y + 2 * g.linePitch > g.textHeight + EPS) {
      // never a page with only the signature (7.3.5.4): the last two body lines come along
      const carried = flow.takeTrailingLines(2);
      flow.newPage();
      for (const op of carried) {
        if (op.op === 'text') op.y = yFromTop(g, flow.y + baselineInBox(g.linePitch, op.size));
        flow.push(op);
        flow.y += g.linePitch;
      }
      if (carried.length) flow.y += g.linePitch;
    }
    const right = g.left + g.textWidth - 4 * g.charPitch; // 成文日期右空四字 (7.3.5.1)
    const dateX = right - dw;
    const centre = dateX + dw / 2;
    const nameX = Math.min(centre - nw / 2, g.left + g.textWidth - 2 * g.charPitch - nw);
    const nameTop = flow.y;
    flow.push(lineOp(g, { chars: name, width: nw, extra: 0, indent: 0 }, flow.y, g.linePitch, size, nameX, st.tracking));
    flow.y += g.linePitch;
    flow.push(lineOp(g, { chars: date, width: dw, extra: 0, indent: 0 }, flow.y, g.linePitch, size, dateX, st.tracking));
    flow.y += g.linePitch;
    if (seal) {
      // 印章居中下压署名和日期, the two lines a little below the seal's centre
      flow.push({ op: 'seal', cx: centre, cy: yFromTop(g, nameTop + g.linePitch * 0.8), width: 40 * MM });
    }
  }

  private pageNumbers(pages: RenderedPage[], style: 'standard' | 'centered'): void {
    const g = this.g;
    const size = g.pageNumberSize;
    // 一字线上距版心下边缘7mm (7.5): the dash sits about a third of an em above the baseline
    const y = g.pageHeight - g.top - g.textHeight - 7 * MM - size * 0.35;
    pages.forEach((p, i) => {
      const chars = place(this.fonts, `— ${i + 1} —`, this.style('body', size, false));
      const w = measure(chars);
      const odd = (i + 1) % 2 === 1;
      let x = g.left + (g.textWidth - w) / 2;
      if (style === 'standard') x = odd ? g.left + g.textWidth - size - w : g.left + size; // 单页码居右空一字，双页码居左空一字
      p.ops.push({ op: 'text', x, y, size, chars, tracking: 0, color: BLACK });
    });
  }

  private watermarkOps(text: string): Op[] {
    const g = this.g;
    const size = 120;
    const chars = place(this.fonts, text, this.style('title', size, false));
    const w = measure(chars);
    const angle = (35 * Math.PI) / 180;
    const cx = g.pageWidth / 2;
    const cy = g.pageHeight / 2;
    // the text's centre at the page centre
    const x = cx - (Math.cos(angle) * w) / 2 + (Math.sin(angle) * size * 0.38);
    const y = cy - (Math.sin(angle) * w) / 2 - (Math.cos(angle) * size * 0.38);
    return [{ op: 'outline', x, y, size, chars, color: [0.85, 0.85, 0.85], angle }];
  }
}
