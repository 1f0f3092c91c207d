/**
 * Rendered pages → a pdf-lib document: content streams written directly as PDF
 * operators, fonts embedded as Type0/CIDFontType2 subsets (our own subsetter,
 * `XXXXXX+Name` subset names so `pdffonts` reports them as subsets) with a
 * ToUnicode CMap so the text extracts exactly, and the seal as an image.
 *
 * Glyph ids in the subset are assigned in order of first use, so content can
 * be written before the subset is built.
 */
import { deflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { glyphPath } from '../sfnt/outline';
import { subsetTrueType } from '../sfnt/subset';
import type { TrueTypeFont } from '../sfnt/truetype';
import { shortHash } from '../fonts';
import type { PageGeometry } from './geometry';
import type { Op, RenderedPage } from './render';

interface DocFont {
  name: string;
  /** original glyph ids, index = CID in this document; [0] is .notdef */
  order: number[];
  cid: Map<number, number>;
  /** CID → the text it stands for */
  text: string[];
}

function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
  return out;
}

export interface SealImage {
  /** an image already embedded in a scratch document, copied into each document without re-encoding */
  source: PDFDocument;
  ref: PDFRef;
  aspect: number; // height / width
}

/** Embeds a PNG once (decoding and compressing it is the slow part) for reuse in many documents. */
export async function prepareSeal(png: Uint8Array): Promise<SealImage> {
  const source = await PDFDocument.create();
  const img = await source.embedPng(png);
  await source.flush();
  return { source, ref: img.ref, aspect: img.height / img.width };
}

function stream(doc: PDFDocument, data: Uint8Array | string, extra: Record<string, unknown> = {}, compress = true): PDFRef {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const body = compress ? deflateSync(bytes, { level: 6 }) : bytes;
  const dict = doc.context.obj({ ...(compress ? { Filter: 'FlateDecode' } : {}), ...extra });
  return doc.context.register(PDFRawStream.of(dict, body));
}

const paths = new WeakMap<TrueTypeFont, Map<number, string>>();

function cachedPath(font: TrueTypeFont, gid: number): string {
  let m = paths.get(font);
  if (!m) paths.set(font, (m = new Map()));
  let p = m.get(gid);
  if (p === undefined) m.set(gid, (p = glyphPath(font, gid)));
  return p;
}

function outlineOp(o: Extract<Op, { op: 'outline' }>): string {
  const cos = Math.cos(o.angle);
  const sin = Math.sin(o.angle);
  const parts = [`q ${num(o.color[0])} ${num(o.color[1])} ${num(o.color[2])} rg`];
  let adv = 0;
  for (const ch of o.chars) {
    const k = o.size / ch.glyph.font.metrics.unitsPerEm;
    const x = o.x + cos * adv;
    const y = o.y + sin * adv;
    parts.push(`q ${(cos * k).toFixed(5)} ${(sin * k).toFixed(5)} ${(-sin * k).toFixed(5)} ${(cos * k).toFixed(5)} ${num(x)} ${num(y)} cm ${cachedPath(ch.glyph.font, ch.glyph.gid)} f Q`);
    adv += ch.width;
  }
  parts.push('Q');
  return parts.join('\n');
}

export interface WriterMeta {
  title: string;
  author?: string;
  subject?: string;
  creationDate?: Date;
}

export class PdfWriter {
  private readonly fonts = new Map<TrueTypeFont, DocFont>();
  private readonly fontDict: PDFDict;
  private readonly xobjects: PDFDict;
  private readonly resources: PDFRef;
  private sealName: string | null = null;
  private pageCount = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly seal: SealImage | null,
  ) {
    this.fontDict = doc.context.obj({});
    this.xobjects = doc.context.obj({});
    this.resources = doc.context.register(doc.context.obj({ Font: this.fontDict, XObject: this.xobjects, ProcSet: ['PDF', 'Text', 'ImageC'] }));
  }

  static async create(meta: WriterMeta, seal: SealImage | null = null): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    if (meta.author) doc.setAuthor(meta.author);
    if (meta.subject) doc.setSubject(meta.subject);
    doc.setProducer('长护服务机构定点审核 (pdf-lib)');
    doc.setCreator('长护服务机构定点审核');
    const when = meta.creationDate ?? new Date();
    doc.setCreationDate(when);
    doc.setModificationDate(when);
    doc.setLanguage('zh-CN');
    return new PdfWriter(doc, seal);
  }

  get pages(): number {
    return this.pageCount;
  }

  private fontOf(font: TrueTypeFont): DocFont {
    let f = this.fonts.get(font);
    if (!f) {
      f = { name: `F${this.fonts.size + 1}`, order: [0], cid: new Map([[0, 0]]), text: [''] };
      this.fonts.set(font, f);
    }
    return f;
  }

  private cidOf(f: DocFont, gid: number, text: string): number {
    let c = f.cid.get(gid);
    if (c === undefined) {
      c = f.order.length;
      f.order.push(gid);
      f.cid.set(gid, c);
      f.text.push(text);
    }
    return c;
  }

  private textOp(o: Extract<Op, { op: 'text' }>): string {
    const parts: string[] = ['BT', `${num(o.color[0])} ${num(o.color[1])} ${num(o.color[2])} rg`];
    parts.push(`1 0 0 1 ${num(o.x)} ${num(o.y)} Tm`);
    if (o.tracking) parts.push(`${num(o.tracking)} Tc`);
    let current: DocFont | null = null;
    let hex = '';
    const flush = () => {
      if (hex) parts.push(`<${hex}> Tj`);
      hex = '';
    };
    for (const ch of o.chars) {
      const f = this.fontOf(ch.glyph.font);
      if (f !== current) {
        flush();
        parts.push(`/${f.name} ${num(o.size)} Tf`);
        current = f;
      }
      hex += hex4(this.cidOf(f, ch.glyph.gid, ch.ch));
    }
    flush();
    parts.push('ET');
    return parts.join('\n');
  }

  private sealOp(o: Extract<Op, { op: 'seal' }>): string {
    if (!this.seal) return '';
    if (!this.sealName) {
      const copied = PDFObjectCopier.for(this.seal.source.context, this.doc.context).copy(this.seal.ref);
      this.sealName = 'Seal';
      this.xobjects.set(PDFName.of(this.sealName), copied);
    }
    const w = o.width;
    const h = w * this.seal.aspect;
    return `q ${num(w)} 0 0 ${num(h)} ${num(o.cx - w / 2)} ${num(o.cy - h / 2)} cm /${this.sealName} Do Q`;
  }

  /** Appends laid-out pages. */
  addPages(pages: RenderedPage[], g: PageGeometry): void {
    for (const p of pages) {
      const ops: string[] = [];
      for (const o of p.ops) {
        if (o.op === 'text') ops.push(this.textOp(o));
        else if (o.op === 'outline') ops.push(outlineOp(o));
        else if (o.op === 'line') ops.push(`q ${num(o.width)} w ${num(o.color[0])} ${num(o.color[1])} ${num(o.color[2])} RG ${num(o.x1)} ${num(o.y1)} m ${num(o.x2)} ${num(o.y2)} l S Q`);
        else ops.push(this.sealOp(o));
      }
      const page = this.doc.addPage([g.pageWidth, g.pageHeight]);
      page.node.set(PDFName.of('Resources'), this.resources);
      page.node.set(PDFName.of('Contents'), stream(this.doc, ops.join('\n')));
      this.pageCount++;
    }
  }

  /** Embeds the font subsets; call once, after the last page. */
  finishFonts(): void {
    for (const [font, f] of this.fonts) {
      const sub = subsetTrueType(font, f.order);
      const upm = font.metrics.unitsPerEm;
      const k = 1000 / upm;
      const tag = shortHash(`${font.postScriptName}:${f.order.join(',')}`)
        .slice(0, 6)
        .replace(/[0-9a-f]/g, (c) => String.fromCharCode(65 + parseInt(c, 16)));
      const baseName = `${tag}+${font.postScriptName}`;
      const fontFile = stream(this.doc, sub.bytes, { Length1: sub.bytes.length });
      const [x0, y0, x1, y1] = font.metrics.bbox;
      const descriptor = this.doc.context.register(
        this.doc.context.obj({
          Type: 'FontDescriptor',
          FontName: baseName,
          Flags: 4,
          FontBBox: [Math.round(x0 * k), Math.round(y0 * k), Math.round(x1 * k), Math.round(y1 * k)],
          ItalicAngle: 0,
          Ascent: Math.round(font.metrics.ascent * k),
          Descent: Math.round(font.metrics.descent * k),
          CapHeight: Math.round(font.metrics.capHeight * k),
          StemV: font.metrics.weightClass >= 600 ? 140 : 80,
          FontFile2: fontFile,
        }),
      );
      const widths = this.doc.context.obj(sub.advances.slice(0, f.order.length).map((a) => Math.round(a * k * 10) / 10));
      const cidFont = this.doc.context.register(
        this.doc.context.obj({
          Type: 'Font',
          Subtype: 'CIDFontType2',
          BaseFont: baseName,
          CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
          FontDescriptor: descriptor,
          W: PDFArray.withContext(this.doc.context),
          CIDToGIDMap: 'Identity',
        }),
      );
      const cidDict = this.doc.context.lookup(cidFont, PDFDict);
      const w = cidDict.lookup(PDFName.of('W'), PDFArray);
      w.push(PDFNumber.of(0));
      w.push(widths);
      const toUnicode = stream(this.doc, this.toUnicode(f));
      const type0 = this.doc.context.register(
        this.doc.context.obj({
          Type: 'Font',
          Subtype: 'Type0',
          BaseFont: baseName,
          Encoding: 'Identity-H',
          DescendantFonts: [cidFont],
          ToUnicode: toUnicode,
        }),
      );
      this.fontDict.set(PDFName.of(f.name), type0);
    }
  }

  private toUnicode(f: DocFont): string {
    const entries: string[] = [];
    for (let cid = 1; cid < f.text.length; cid++) entries.push(`<${hex4(cid)}> <${utf16Hex(f.text[cid]!)}>`);
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

