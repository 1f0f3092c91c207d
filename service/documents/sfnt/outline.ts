/**
 * A TrueType glyph's outline as PDF path operators (font units, y up), for
 * marks that must be seen but not extracted as text — the 草稿 watermark would
 * otherwise interleave with the letter's text in `pdftotext`.
 */
import type { TrueTypeFont } from './truetype';

interface Pt {
  x: number;
  y: number;
  on: boolean;
}

function simpleContours(g: Uint8Array, n: number): Pt[][] {
  const dv = new DataView(g.buffer, g.byteOffset, g.byteLength);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) ends.push(dv.getUint16(10 + 2 * i));
  const count = (ends[n - 1] ?? -1) + 1;
  let p = 10 + 2 * n;
  p += 2 + dv.getUint16(p);
  const flags: number[] = [];
  while (flags.length < count) {
    const f = g[p++]!;
    flags.push(f);
    if (f & 8) {
      const r = g[p++]!;
      for (let k = 0; k < r; k++) flags.push(f);
    }
  }
  const coords = (short: number, same: number): number[] => {
    const out: number[] = [];
    let v = 0;
    for (const f of flags) {
      if (f & short) {
        const d = g[p++]!;
        v += f & same ? d : -d;
      } else if (!(f & same)) {
        v += dv.getInt16(p);
        p += 2;
      }
      out.push(v);
    }
    return out;
  };
  const xs = coords(2, 16);
  const ys = coords(4, 32);
  const contours: Pt[][] = [];
  let start = 0;
  for (const end of ends) {
    const c: Pt[] = [];
    for (let i = start; i <= end; i++) c.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 1) === 1 });
    contours.push(c);
    start = end + 1;
  }
  return contours;
}

function contours(font: TrueTypeFont, gid: number, depth = 0): Pt[][] {
  const g = font.glyphData(gid);
  if (g.length < 10 || depth > 8) return [];
  const n = (g[0]! << 8) | g[1]!;
  if (n < 0x8000) return simpleContours(g, n);
  // composite: components moved by their x/y offsets (scales applied, point matching ignored)
  const dv = new DataView(g.buffer, g.byteOffset, g.byteLength);
  const out: Pt[][] = [];
  let p = 10;
  for (;;) {
    const flags = dv.getUint16(p);
    const comp = dv.getUint16(p + 2);
    p += 4;
    let dx = 0;
    let dy = 0;
    if (flags & 1) {
      dx = dv.getInt16(p);
      dy = dv.getInt16(p + 2);
      p += 4;
    } else {
      dx = dv.getInt8(p);
      dy = dv.getInt8(p + 1);
      p += 2;
    }
    if (!(flags & 2)) dx = dy = 0;
    let a = 1, b = 0, c = 0, d = 1;
    if (flags & 8) {
      a = d = dv.getInt16(p) / 16384;
      p += 2;
    } else if (flags & 0x40) {
      a = dv.getInt16(p) / 16384;
      d = dv.getInt16(p + 2) / 16384;
      p += 4;
    } else if (flags & 0x80) {
      a = dv.getInt16(p) / 16384;
      b = dv.getInt16(p + 2) / 16384;
      c = dv.getInt16(p + 4) / 16384;
      d = dv.getInt16(p + 6) / 16384;
      p += 8;
    }
    for (const ct of contours(font, comp, depth + 1)) {
      out.push(ct.map((q) => ({ x: a * q.x + c * q.y + dx, y: b * q.x + d * q.y + dy, on: q.on })));
    }
    if (!(flags & 0x20)) return out;
  }
}

const r = (n: number) => String(Math.round(n));

/** PDF path operators (m, l, c, h) for a glyph; fill with `f`. */
export function glyphPath(font: TrueTypeFont, gid: number): string {
  const ops: string[] = [];
  for (const pts of contours(font, gid)) {
    if (pts.length === 0) continue;
    // start at an on-curve point (or the midpoint of two off-curve ones)
    let s = pts.findIndex((q) => q.on);
    let first: Pt;
    if (s < 0) {
      const a = pts[0]!;
      const b = pts[1] ?? a;
      first = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true };
      s = 0;
    } else {
      first = pts[s]!;
      s = s + 1;
    }
    ops.push(`${r(first.x)} ${r(first.y)} m`);
    let cur = first;
    let ctrl: Pt | null = null;
    const quad = (q: Pt, to: Pt) => {
      // quadratic → cubic
      const c1x = cur.x + (2 / 3) * (q.x - cur.x);
      const c1y = cur.y + (2 / 3) * (q.y - cur.y);
      const c2x = to.x + (2 / 3) * (q.x - to.x);
      const c2y = to.y + (2 / 3) * (q.y - to.y);
      ops.push(`${r(c1x)} ${r(c1y)} ${r(c2x)} ${r(c2y)} ${r(to.x)} ${r(to.y)} c`);
      cur = to;
    };
    for (let k = 0; k < pts.length; k++) {
      const q = pts[(s + k) % pts.length]!;
      if (q.on) {
        if (ctrl) quad(ctrl, q);
        else if (q !== first) {
          ops.push(`${r(q.x)} ${r(q.y)} l`);
          cur = q;
        }
        ctrl = null;
      } else {
        if (ctrl) quad(ctrl, { x: (ctrl.x + q.x) / 2, y: (ctrl.y + q.y) / 2, on: true });
        ctrl = q;
      }
    }
    if (ctrl) quad(ctrl, first);
    ops.push('h');
  }
  return ops.join(' ');
}
