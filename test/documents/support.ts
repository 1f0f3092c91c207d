/**
 * Helpers for document tests: a throwaway certificate made at test time (no
 * private key is committed), a tiny PNG encoder, and poppler/qpdf wrappers
 * that read real generated PDFs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import forge from 'node-forge';

export const ARTIFACTS = path.resolve('test/artifacts/documents');
mkdirSync(ARTIFACTS, { recursive: true });

export function tmpFile(name: string): string {
  const dir = path.join(os.tmpdir(), 'ltc-doc-tests');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${process.pid}-${name}`);
}

export interface TestCertOptions {
  notBefore?: Date;
  notAfter?: Date;
  withKey?: boolean;
  passphrase?: string;
  commonName?: string;
}

let keyCache: { pem: string; forgeKey: forge.pki.rsa.PrivateKey; pub: forge.pki.rsa.PublicKey } | null = null;

/** A self-signed RSA-2048 certificate in a .p12, made now (Node's keygen: fast). */
export function makeP12(o: TestCertOptions = {}): Buffer {
  if (!keyCache) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
    keyCache = { pem, forgeKey, pub: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
  }
  const cert = forge.pki.createCertificate();
  cert.publicKey = keyCache.pub;
  cert.serialNumber = '0' + Math.floor(Math.random() * 1e9).toString(16);
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const attrs: forge.pki.CertificateField[] = [
    { name: 'commonName', value: o.commonName ?? '测试医疗保障事务中心', valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.pki.CertificateField['valueTagClass'] },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keyCache.forgeKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(o.withKey === false ? null : keyCache.forgeKey, [cert], o.passphrase ?? 'test-pass', { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

// ---------------------------------------------------------------------------
// PNG

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(b: Buffer): number {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG of a red ring on transparency (a stand-in seal). */
export function sealPng(size = 120): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const ink = (d < c - 2 && d > c - 10) || (d < c * 0.25);
      row.set(ink ? [220, 20, 30, 230] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------
// poppler / qpdf

export function pdftotext(file: string, opts: string[] = []): string {
  return execFileSync('pdftotext', [...opts, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Text of one page (1-based). */
export function pageText(file: string, page: number): string {
  return pdftotext(file, ['-f', String(page), '-l', String(page)]);
}

/** Text in content-stream order (a wrapped table cell stays together), without whitespace. */
export function flatRawText(file: string): string {
  return pdftotext(file, ['-raw']).replace(/[\s\f]+/g, '');
}

/** The body text as one string: whitespace and the 公文 page numbers (— 1 —) dropped, so a page break cannot split a phrase. */
export function flatText(file: string): string {
  return pdftotext(file)
    .replace(/^\s*—\s*\d+\s*—\s*$/gm, '')
    .replace(/[\s\f]+/g, '');
}

export interface FontRow {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}
export function pdffonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return out.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name, type (may be two words: "CID TrueType"), encoding, emb, sub, uni, object, id
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5]!, sub: cols[n - 4]!, uni: cols[n - 3]! };
  });
}

export function pdfsig(file: string): string {
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

export function qpdfCheck(file: string): { ok: boolean; out: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

export interface Gray {
  width: number;
  height: number;
  data: Buffer;
}

/** Renders one page to 8-bit gray (PGM, trivially parsed). */
export function renderGray(file: string, page: number, dpi = 50): Gray {
  const out = tmpFile(`gray-${path.basename(file)}-${page}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  const buf = readFileSync(`${out}.pgm`);
  // P5\n<w> <h>\n<max>\n (comments not produced by pdftoppm)
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.toString('latin1', 0, 40))!;
  return { width: Number(header[1]), height: Number(header[2]), data: buf.subarray(header[0].length) };
}

/** Dark pixels (< 128) inside a rectangle given in millimetres from the page's top-left corner. */
export function darkPixels(g: Gray, mm: { left: number; top: number; width: number; height: number }, dpi = 50): number {
  const px = (v: number) => Math.round((v / 25.4) * dpi);
  let n = 0;
  for (let y = px(mm.top); y < Math.min(g.height, px(mm.top + mm.height)); y++) {
    for (let x = px(mm.left); x < Math.min(g.width, px(mm.left + mm.width)); x++) if (g.data[y * g.width + x]! < 128) n++;
  }
  return n;
}

/** The GB/T 9704 text area. */
export const TEXT_AREA = { left: 28, top: 37, width: 156, height: 225 };

/** Saves page images for a person to look at (test/artifacts is git-ignored). */
export function savePngs(file: string, name: string, dpi = 80): void {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(ARTIFACTS, name)]);
}

export function write(name: string, bytes: Uint8Array): string {
  const p = tmpFile(name);
  writeFileSync(p, bytes);
  return p;
}
