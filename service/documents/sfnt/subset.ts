/**
 * TrueType subsetting for PDF embedding (CIDFontType2, CIDToGIDMap Identity).
 *
 * Written here rather than taken from @pdf-lib/fontkit because fontkit writes
 * the short `loca` format without padding glyphs to an even length, so a
 * subset whose glyph offsets turn odd (typically a two-character document)
 * renders blank. Here every glyph is padded to 4 bytes and `loca` is always
 * the long format. Only the tables PDF requires for a Type 2 CIDFont are kept
 * (ISO 32000-1 §9.9: glyf, head, hhea, hmtx, loca, maxp, plus cvt/fpgm/prep
 * when the glyphs' instructions use them).
 */
import { writeSfnt } from './sfnt';
import type { TrueTypeFont } from './truetype';

export interface Subset {
  /** the subset font file */
  bytes: Uint8Array;
  /** original glyph id → glyph id in the subset (the CID written in content streams) */
  newId: Map<number, number>;
  /** advance widths of the subset's glyphs, in font units */
  advances: number[];
}

// composite glyph flags
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Walks a composite glyph's components: calls `visit(offsetOfGlyphIndex, glyphIndex)`. */
function forEachComponent(g: Uint8Array, visit: (at: number, gid: number) => void): void {
  let p = 10;
  for (;;) {
    if (p + 4 > g.length) return;
    const flags = (g[p]! << 8) | g[p + 1]!;
    visit(p + 2, (g[p + 2]! << 8) | g[p + 3]!);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) return;
  }
}

function isComposite(g: Uint8Array): boolean {
  return g.length >= 10 && ((g[0]! << 8) | g[1]!) >= 0x8000;
}

/**
 * Builds the subset. `order` lists the original glyph ids in the order they get
 * their new ids (order[0] must be 0, .notdef); components of composite glyphs
 * are appended after them.
 */
export function subsetTrueType(font: TrueTypeFont, order: readonly number[]): Subset {
  if (order[0] !== 0) throw new Error('subset order must start with glyph 0 (.notdef)');
  const newId = new Map<number, number>();
  const all: number[] = [];
  const add = (gid: number) => {
    if (newId.has(gid)) return;
    newId.set(gid, all.length);
    all.push(gid);
  };
  order.forEach(add);
  for (let i = 0; i < all.length; i++) {
    const data = font.glyphData(all[i]!);
    if (isComposite(data)) forEachComponent(data, (_at, c) => add(c));
  }

  const glyphs = all.map((gid) => {
    const data = font.glyphData(gid);
    if (!isComposite(data)) return data;
    const copy = data.slice();
    forEachComponent(copy, (at, c) => {
      const id = newId.get(c) ?? 0;
      copy[at] = id >> 8;
      copy[at + 1] = id & 0xff;
    });
    return copy;
  });

  let glyfLen = 0;
  for (const g of glyphs) glyfLen += (g.length + 3) & ~3;
  const glyf = new Uint8Array(glyfLen);
  const loca = new Uint8Array(4 * (glyphs.length + 1));
  const locaView = new DataView(loca.buffer);
  let off = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(4 * i, off);
    glyf.set(g, off);
    off += (g.length + 3) & ~3;
  });
  locaView.setUint32(4 * glyphs.length, off);

  const advances = all.map((gid) => font.advance(gid));
  const hmtx = new Uint8Array(4 * all.length);
  const hmtxView = new DataView(hmtx.buffer);
  all.forEach((gid, i) => {
    hmtxView.setUint16(4 * i, advances[i]!);
    hmtxView.setInt16(4 * i + 2, font.leftSideBearing(gid));
  });

  const head = font.tableBytes('head')!.slice();
  new DataView(head.buffer).setInt16(50, 1); // indexToLocFormat: long
  const hhea = font.tableBytes('hhea')!.slice();
  new DataView(hhea.buffer).setUint16(34, all.length);
  const maxp = font.tableBytes('maxp')!.slice();
  new DataView(maxp.buffer).setUint16(4, all.length);

  const tables = new Map<string, Uint8Array>([
    ['head', head],
    ['hhea', hhea],
    ['maxp', maxp],
    ['hmtx', hmtx],
    ['loca', loca],
    ['glyf', glyf],
  ]);
  for (const t of ['cvt ', 'fpgm', 'prep']) {
    const b = font.tableBytes(t);
    if (b) tables.set(t, b);
  }
  return { bytes: writeSfnt(tables), newId, advances };
}
