/**
 * Page geometry of GB/T 9704-2012 《党政机关公文格式》 on A4, in PDF points
 * (origin bottom left, y up).
 *
 * Text area 156 mm × 225 mm, top margin 37 mm, left 28 mm; body 3号 (16 pt) in
 * 22 lines of 28 characters. 28 × 16 pt is 448 pt but the line is 442.2 pt, so
 * characters sit on a 15.79 pt grid (−0.21 pt tracking, as Word's 文档网格 does);
 * the line pitch is 225 mm / 22 = 28.99 pt.
 */
export const MM = 72 / 25.4;

export interface PageGeometry {
  pageWidth: number;
  pageHeight: number;
  /** text area, in points from the page's left and top edges */
  left: number;
  top: number;
  textWidth: number;
  textHeight: number;
  bodySize: number;
  titleSize: number;
  charsPerLine: number;
  linesPerPage: number;
  /** distance between body baselines */
  linePitch: number;
  /** advance of a full-width body character on the grid */
  charPitch: number;
  /** 4号 page numbers */
  pageNumberSize: number;
}

export function gb9704(over: Partial<Pick<PageGeometry, 'bodySize' | 'titleSize' | 'charsPerLine' | 'linesPerPage'>> = {}): PageGeometry {
  const textWidth = 156 * MM;
  const textHeight = 225 * MM;
  const charsPerLine = over.charsPerLine ?? 28;
  const linesPerPage = over.linesPerPage ?? 22;
  return {
    pageWidth: 210 * MM,
    pageHeight: 297 * MM,
    left: 28 * MM,
    top: 37 * MM,
    textWidth,
    textHeight,
    bodySize: over.bodySize ?? 16,
    titleSize: over.titleSize ?? 22,
    charsPerLine,
    linesPerPage,
    linePitch: textHeight / linesPerPage,
    charPitch: textWidth / charsPerLine,
    pageNumberSize: 14,
  };
}

/** PDF y of a distance measured down from the text area's top edge. */
export function yFromTop(g: PageGeometry, down: number): number {
  return g.pageHeight - g.top - down;
}

/** Baseline offset inside a line box of height h for text of size s: the em box is centred. */
export function baselineInBox(h: number, s: number): number {
  // CJK faces put about 0.88 em above and 0.12 em below the baseline
  return h / 2 + s * 0.38;
}
