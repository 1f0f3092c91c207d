/**
 * The sfnt container (TrueType/OpenType): table directories, one face out of
 * a .ttc collection, WOFF 1.0 decoding, and writing a font back out.
 *
 * Small on purpose: the document engine only embeds TrueType (glyf) outlines,
 * which pdf-lib's subsetter gets wrong for short documents (glyph padding), so
 * the subset is built here too (see subset.ts).
 */
import { inflateSync } from 'node:zlib';

export interface TableRecord {
  tag: string;
  /** absolute offset in the buffer the directory was read from */
  offset: number;
  length: number;
}

export class FontFormatError extends Error {}

const SFNT_TRUETYPE = 0x00010000;
const SFNT_TRUE = 0x74727565; // 'true' (old Apple TrueType)
const SFNT_OTTO = 0x4f54544f; // 'OTTO' (CFF outlines)
const TAG_TTCF = 0x74746366;
const TAG_WOFF = 0x774f4646;
const TAG_WOFF2 = 0x774f4632;

export type ContainerKind = 'truetype' | 'cff' | 'collection' | 'woff' | 'woff2' | 'unknown';

export function containerKind(buf: Uint8Array): ContainerKind {
  if (buf.length < 12) return 'unknown';
  const tag = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(0);
  if (tag === SFNT_TRUETYPE || tag === SFNT_TRUE) return 'truetype';
  if (tag === SFNT_OTTO) return 'cff';
  if (tag === TAG_TTCF) return 'collection';
  if (tag === TAG_WOFF) return 'woff';
  if (tag === TAG_WOFF2) return 'woff2';
  return 'unknown';
}

function view(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function tagAt(buf: Uint8Array, off: number): string {
  return String.fromCharCode(buf[off]!, buf[off + 1]!, buf[off + 2]!, buf[off + 3]!);
}

/** The table directory of the face starting at `faceOffset` (0 for a plain .ttf). */
export function readTableDirectory(buf: Uint8Array, faceOffset = 0): Map<string, TableRecord> {
  const dv = view(buf);
  if (faceOffset + 12 > buf.length) throw new FontFormatError('font file truncated (no table directory)');
  const numTables = dv.getUint16(faceOffset + 4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const rec = faceOffset + 12 + 16 * i;
    if (rec + 16 > buf.length) throw new FontFormatError('font file truncated (table directory)');
    const tag = tagAt(buf, rec);
    const offset = dv.getUint32(rec + 8);
    const length = dv.getUint32(rec + 12);
    if (offset + length > buf.length) throw new FontFormatError(`font table ${tag} lies outside the file`);
    tables.set(tag, { tag, offset, length });
  }
  return tables;
}

/** Offsets of the faces in a TrueType collection. */
export function collectionFaceOffsets(buf: Uint8Array): number[] {
  if (containerKind(buf) !== 'collection') throw new FontFormatError('not a TrueType collection');
  const dv = view(buf);
  const n = dv.getUint32(8);
  if (n < 1 || 12 + 4 * n > buf.length) throw new FontFormatError('TrueType collection header is damaged');
  return Array.from({ length: n }, (_, i) => dv.getUint32(12 + 4 * i));
}

/** sfnt table checksum: the sum of big-endian uint32s, the tail padded with zeros. */
export function tableChecksum(data: Uint8Array): number {
  const dv = view(data);
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/**
 * Writes a standalone sfnt from tables (tag → bytes), sorted by tag, each
 * 4-byte aligned, with correct checksums and head.checkSumAdjustment.
 */
export function writeSfnt(tables: Map<string, Uint8Array>, sfntVersion = SFNT_TRUETYPE): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= n) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const headerLen = 12 + 16 * n;
  let total = headerLen;
  for (const t of tags) total += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const dv = view(out);
  dv.setUint32(0, sfntVersion);
  dv.setUint16(4, n);
  dv.setUint16(6, searchRange);
  dv.setUint16(8, entrySelector);
  dv.setUint16(10, n * 16 - searchRange);
  let off = headerLen;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    if (tag === 'head' && data.length >= 12) {
      // checkSumAdjustment is computed with this field zero
      const copy = data.slice();
      view(copy).setUint32(8, 0);
      out.set(copy, off);
      headOffset = off;
    } else {
      out.set(data, off);
    }
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    dv.setUint32(rec + 4, tableChecksum(out.subarray(off, off + data.length)));
    dv.setUint32(rec + 8, off);
    dv.setUint32(rec + 12, data.length);
    off += (data.length + 3) & ~3;
  });
  if (headOffset >= 0) dv.setUint32(headOffset + 8, (0xb1b0afba - tableChecksum(out)) >>> 0);
  return out;
}

/** Copies one face of a .ttc into a standalone font file (offsets rewritten). */
export function extractCollectionFace(buf: Uint8Array, index: number): Uint8Array {
  const offsets = collectionFaceOffsets(buf);
  const faceOffset = offsets[index];
  if (faceOffset === undefined) throw new FontFormatError(`collection has ${offsets.length} faces, no face ${index}`);
  const dir = readTableDirectory(buf, faceOffset);
  const tables = new Map<string, Uint8Array>();
  for (const [tag, rec] of dir) tables.set(tag, buf.subarray(rec.offset, rec.offset + rec.length));
  return writeSfnt(tables, view(buf).getUint32(faceOffset));
}

/** Decodes WOFF 1.0 (zlib-compressed tables) back into the sfnt it was made from. */
export function decodeWoff(buf: Uint8Array): Uint8Array {
  if (containerKind(buf) !== 'woff') throw new FontFormatError('not a WOFF 1.0 file');
  const dv = view(buf);
  const flavor = dv.getUint32(4);
  const numTables = dv.getUint16(12);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < numTables; i++) {
    const rec = 44 + 20 * i;
    const tag = tagAt(buf, rec);
    const offset = dv.getUint32(rec + 4);
    const compLength = dv.getUint32(rec + 8);
    const origLength = dv.getUint32(rec + 12);
    if (offset + compLength > buf.length) throw new FontFormatError(`WOFF table ${tag} lies outside the file`);
    const raw = buf.subarray(offset, offset + compLength);
    const data = compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw;
    if (data.length !== origLength) throw new FontFormatError(`WOFF table ${tag} decompressed to ${data.length} bytes, expected ${origLength}`);
    tables.set(tag, data);
  }
  return writeSfnt(tables, flavor);
}
