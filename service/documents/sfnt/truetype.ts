/**
 * A parsed TrueType (glyf) face: code point → glyph, advance widths, metrics
 * and names — what layout and embedding need, nothing more. Parsed once per
 * process (fonts.ts caches instances); lookups are array reads.
 */
import { FontFormatError, containerKind, readTableDirectory, type TableRecord } from './sfnt';

export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  weightClass: number;
}

export class TrueTypeFont {
  readonly buf: Uint8Array;
  readonly tables: Map<string, TableRecord>;
  readonly metrics: FontMetrics;
  readonly numGlyphs: number;
  readonly postScriptName: string;
  readonly familyName: string;
  private readonly dv: DataView;
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;
  /** BMP code point → glyph id (0 = none) */
  private readonly bmp = new Uint16Array(0x10000);
  private readonly astral = new Map<number, number>();

  /** `buf` must be a standalone TrueType font (split .ttc and decode WOFF first). */
  constructor(buf: Uint8Array, readonly label: string) {
    const kind = containerKind(buf);
    if (kind === 'cff') throw new FontFormatError('CFF outlines (OpenType/PostScript) are not supported, only TrueType glyf');
    if (kind !== 'truetype') throw new FontFormatError(`not a TrueType font (${kind})`);
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.tables = readTableDirectory(buf);
    for (const t of ['head', 'hhea', 'hmtx', 'maxp', 'cmap', 'loca', 'glyf']) {
      if (!this.tables.has(t)) {
        throw new FontFormatError(t === 'glyf' || t === 'loca' ? 'no glyf table: CFF or bitmap-only font, only TrueType glyf outlines are supported' : `font has no ${t} table`);
      }
    }
    const head = this.table('head').offset;
    const hhea = this.table('hhea').offset;
    const unitsPerEm = this.dv.getUint16(head + 18);
    this.longLoca = this.dv.getInt16(head + 50) === 1;
    this.numGlyphs = this.dv.getUint16(this.table('maxp').offset + 4);
    this.numberOfHMetrics = this.dv.getUint16(hhea + 34);
    const ascent = this.dv.getInt16(hhea + 4);
    const descent = this.dv.getInt16(hhea + 6);
    let capHeight = ascent;
    let weightClass = 400;
    const os2 = this.tables.get('OS/2');
    if (os2) {
      weightClass = this.dv.getUint16(os2.offset + 4);
      if (this.dv.getUint16(os2.offset) >= 2 && os2.length >= 90) capHeight = this.dv.getInt16(os2.offset + 88) || ascent;
    }
    this.metrics = {
      unitsPerEm,
      ascent,
      descent,
      capHeight,
      bbox: [this.dv.getInt16(head + 36), this.dv.getInt16(head + 38), this.dv.getInt16(head + 40), this.dv.getInt16(head + 42)],
      weightClass,
    };
    const names = this.readNames();
    this.familyName = names.get(1) ?? label;
    this.postScriptName = (names.get(6) ?? this.familyName).replace(/[^A-Za-z0-9-]/g, '') || 'CJKFont';
    this.readCmap();
  }

  table(tag: string): TableRecord {
    const t = this.tables.get(tag);
    if (!t) throw new FontFormatError(`font has no ${tag} table`);
    return t;
  }

  tableBytes(tag: string): Uint8Array | undefined {
    const t = this.tables.get(tag);
    return t ? this.buf.subarray(t.offset, t.offset + t.length) : undefined;
  }

  /** 0 when the font has no glyph for the code point. */
  glyphId(codePoint: number): number {
    return codePoint < 0x10000 ? this.bmp[codePoint]! : (this.astral.get(codePoint) ?? 0);
  }

  /** Advance width in font units. */
  advance(gid: number): number {
    const hmtx = this.table('hmtx').offset;
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.dv.getUint16(hmtx + 4 * i);
  }

  leftSideBearing(gid: number): number {
    const hmtx = this.table('hmtx').offset;
    if (gid < this.numberOfHMetrics) return this.dv.getInt16(hmtx + 4 * gid + 2);
    return this.dv.getInt16(hmtx + 4 * this.numberOfHMetrics + 2 * (gid - this.numberOfHMetrics));
  }

  /** The raw glyf bytes of one glyph (empty for a blank glyph such as the space). */
  glyphData(gid: number): Uint8Array {
    if (gid < 0 || gid >= this.numGlyphs) return new Uint8Array(0);
    const loca = this.table('loca').offset;
    const glyf = this.table('glyf').offset;
    const start = this.longLoca ? this.dv.getUint32(loca + 4 * gid) : this.dv.getUint16(loca + 2 * gid) * 2;
    const end = this.longLoca ? this.dv.getUint32(loca + 4 * gid + 4) : this.dv.getUint16(loca + 2 * gid + 2) * 2;
    if (end <= start) return new Uint8Array(0);
    return this.buf.subarray(glyf + start, glyf + end);
  }

  /** True when the glyph draws something (has contours or components). */
  hasOutline(gid: number): boolean {
    const g = this.glyphData(gid);
    return g.length >= 10 && (g[0]! << 8 | g[1]!) !== 0;
  }

  private readNames(): Map<number, string> {
    const out = new Map<number, string>();
    const t = this.tables.get('name');
    if (!t) return out;
    const dv = this.dv;
    const count = dv.getUint16(t.offset + 2);
    const strings = t.offset + dv.getUint16(t.offset + 4);
    for (let i = 0; i < count; i++) {
      const r = t.offset + 6 + 12 * i;
      const platform = dv.getUint16(r);
      const encoding = dv.getUint16(r + 2);
      const language = dv.getUint16(r + 4);
      const nameId = dv.getUint16(r + 6);
      const len = dv.getUint16(r + 8);
      const off = strings + dv.getUint16(r + 10);
      if (off + len > this.buf.length) continue;
      let s: string | null = null;
      if (platform === 3 && (encoding === 1 || encoding === 10)) {
        let str = '';
        for (let k = 0; k + 1 < len; k += 2) str += String.fromCharCode(dv.getUint16(off + k));
        s = str;
        // prefer English (0x409) names, keep the first otherwise
        if (out.has(nameId) && language !== 0x409) continue;
      } else if (platform === 1 && encoding === 0 && !out.has(nameId)) {
        s = String.fromCharCode(...this.buf.subarray(off, off + len));
      }
      if (s !== null) out.set(nameId, s);
    }
    return out;
  }

  private readCmap(): void {
    const t = this.table('cmap');
    const dv = this.dv;
    const n = dv.getUint16(t.offset + 2);
    let fmt4 = -1;
    let fmt12 = -1;
    for (let i = 0; i < n; i++) {
      const r = t.offset + 4 + 8 * i;
      const platform = dv.getUint16(r);
      const encoding = dv.getUint16(r + 2);
      const sub = t.offset + dv.getUint32(r + 4);
      const format = dv.getUint16(sub);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 12 && fmt12 < 0) fmt12 = sub;
      if (format === 4 && fmt4 < 0) fmt4 = sub;
    }
    if (fmt12 >= 0) this.readFormat12(fmt12);
    else if (fmt4 >= 0) this.readFormat4(fmt4);
    else throw new FontFormatError('font has no Unicode cmap (format 4 or 12)');
  }

  private readFormat4(sub: number): void {
    const dv = this.dv;
    const segX2 = dv.getUint16(sub + 6);
    const ends = sub + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      const end = dv.getUint16(ends + s);
      const start = dv.getUint16(starts + s);
      const delta = dv.getInt16(deltas + s);
      const ro = dv.getUint16(rangeOffsets + s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s + ro + 2 * (c - start);
          if (at + 2 > this.buf.length) continue;
          g = dv.getUint16(at);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g < this.numGlyphs) this.bmp[c] = g;
      }
    }
  }

  private readFormat12(sub: number): void {
    const dv = this.dv;
    const groups = dv.getUint32(sub + 12);
    for (let i = 0; i < groups; i++) {
      const g = sub + 16 + 12 * i;
      const start = dv.getUint32(g);
      const end = dv.getUint32(g + 4);
      const gid = dv.getUint32(g + 8);
      for (let c = start; c <= end; c++) {
        const id = gid + (c - start);
        if (id >= this.numGlyphs) break;
        if (c < 0x10000) this.bmp[c] = id;
        else this.astral.set(c, id);
      }
    }
  }
}
