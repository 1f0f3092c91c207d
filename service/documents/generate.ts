/**
 * One call from a laid-out document to PDF bytes: layout, fonts, seal, and
 * the signature — or, without a signing identity, the 草稿 watermark (a
 * document is never left unsigned silently).
 */
import type { FontSet } from './fonts';
import type { DocumentSpec } from './layout/blocks';
import { gb9704, type PageGeometry } from './layout/geometry';
import { PdfWriter, type SealImage } from './layout/pdf';
import { Renderer } from './layout/render';
import { addSignaturePlaceholder, saveSigned, type SigningIdentity } from './signing';

export const DRAFT_MARK = '草稿';

export interface GenerateOptions {
  fonts: FontSet;
  /** null/undefined: unsigned draft with the 草稿 watermark */
  identity?: SigningIdentity | null;
  /** placed over the signature block of signed documents only (a draft carries no seal) */
  seal?: SealImage | null;
  now: Date;
  /** shown in the signature's properties */
  signer?: { reason?: string; location?: string };
  geometry?: PageGeometry;
}

export interface GeneratedPdf {
  bytes: Buffer;
  pages: number;
  signed: boolean;
}

/** Renders one or more documents into one PDF (each numbered from page 1), signed once when an identity is given. */
export async function generatePdf(specs: DocumentSpec[], opts: GenerateOptions): Promise<GeneratedPdf> {
  if (specs.length === 0) throw new Error('generatePdf: no documents');
  const g = opts.geometry ?? gb9704();
  const signed = !!opts.identity;
  const renderer = new Renderer(opts.fonts, g);
  const first = specs[0]!;
  const writer = await PdfWriter.create(
    {
      title: signed ? first.title : `${first.title}（${DRAFT_MARK}）`,
      author: first.author,
      subject: signed ? first.subject : `${DRAFT_MARK}：未经数字签名`,
      creationDate: opts.now,
    },
    signed ? (opts.seal ?? null) : null,
  );
  for (const spec of specs) {
    const s: DocumentSpec = signed ? spec : { ...spec, watermark: spec.watermark ?? DRAFT_MARK, seal: false };
    writer.addPages(renderer.render(s), g);
  }
  writer.finishFonts();
  if (!opts.identity) {
    const bytes = await writer.doc.save({ useObjectStreams: false });
    return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: writer.pages, signed: false };
  }
  addSignaturePlaceholder(writer.doc, opts.identity, {
    reason: opts.signer?.reason ?? first.title,
    name: opts.identity.subject,
    location: opts.signer?.location ?? first.author ?? '',
    time: opts.now,
  });
  const bytes = await saveSigned(writer.doc, opts.identity, opts.now);
  return { bytes, pages: writer.pages, signed: true };
}
