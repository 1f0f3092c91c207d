import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { refuse } from '../errors';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { sha256Hex } from './crypto';

/**
 * Signed files carried between laptops: one JSON object
 *
 *   {"format":"ltc-…/1","signature":{"alg":"Ed25519","keyFingerprint":"…","value":"<base64>"},"body":{…}}
 *
 * written in that key order (so even a truncated file still shows what it
 * was), with `body` as canonical JSON (shared/util/canonicalJson.ts). The
 * signature covers exactly canonicalJson(body) as UTF-8; `body.format` repeats
 * the format id so it is signed too. Reading is hardened: size checked before
 * anything is read, strict UTF-8, then JSON, then the format id; each failure
 * has its own Chinese message.
 */

export const SHEET_FORMAT = 'ltc-score-sheet/1';
export const PACKAGE_FORMAT = 'ltc-round-package/1';
export const PUBLIC_KEY_FORMAT = 'ltc-public-key/1';

const KNOWN: Record<string, string> = {
  [SHEET_FORMAT]: '签名评分表',
  [PACKAGE_FORMAT]: '评分包',
  [PUBLIC_KEY_FORMAT]: '成员公钥文件',
};

export const REFUSAL_CODES = [
  'too_large',
  'empty',
  'not_text',
  'truncated',
  'not_json',
  'wrong_format',
  'bad_structure',
  'other_round',
  'unknown_round',
  'package_round',
  'round_closed',
  'not_member',
  'no_registered_key',
  'unknown_key',
  'bad_signature',
  'older_sequence',
  'sequence_reused',
  'rubric_not_frozen',
  'rubric_version',
  'panel_invalid',
  'application_unknown',
  'application_not_accepted',
  'conflicted',
  'flag_pending',
  'applicant_locked',
  'criterion_unknown',
  'out_of_range',
  'bad_chain',
  'chain_conflict',
  'score_mismatch',
  'score_id_clash',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  message: string;
  applicationId?: string;
  criterionId?: string;
  scoreId?: string;
}

export interface ReadFile {
  path: string;
  name: string;
  bytes: Buffer;
  sha256: string;
}

export interface Envelope {
  format: string;
  signature: { alg: string; keyFingerprint: string; value: string };
  body: unknown;
}

const MB = 1024 * 1024;
const fmtMb = (n: number) => (n / MB).toFixed(n < 10 * MB ? 1 : 0);

/** Reads a file whose size is checked first; a missing path or a folder is refused (nothing to hash). */
export function readLimited(filePath: string, maxBytes: number, what: string): ReadFile | { refusal: Refusal; file: Omit<ReadFile, 'bytes'> } {
  const abs = path.resolve(filePath);
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) refuse('VALIDATION', `“${path.basename(abs)}”不是文件，请选择${what}文件`, `${abs} is not a file`, { path: '请选择文件' });
    size = st.size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') refuse('NOT_FOUND', `找不到文件“${abs}”（U盘是否已拔出？）`, `${abs} not found`, { path: '找不到该文件' });
    throw e;
  }
  const name = path.basename(abs);
  if (size > maxBytes) {
    // the hash of a file too large to read is the hash of its size and name: enough to tell attempts apart in the log
    return {
      refusal: { code: 'too_large', message: `文件“${name}”大小为${fmtMb(size)} MB，超过${what}上限${fmtMb(maxBytes)} MB，未读取（可能选错了文件）` },
      file: { path: abs, name, sha256: sha256Hex(`too-large:${size}:${name}`) },
    };
  }
  const bytes = readFileSync(abs);
  if (bytes.length > maxBytes) {
    return { refusal: { code: 'too_large', message: `文件“${name}”超过${what}上限${fmtMb(maxBytes)} MB，未读取` }, file: { path: abs, name, sha256: sha256Hex(bytes) } };
  }
  return { path: abs, name, bytes, sha256: sha256Hex(bytes) };
}

// C0 controls other than tab, line feed and carriage return never occur in our JSON
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** The envelope of a signed file of the expected format, or why the bytes are not one. */
export function parseEnvelope(bytes: Buffer, expectedFormat: string): { envelope: Envelope } | { refusal: Refusal } {
  const r = readEnvelope(bytes, expectedFormat);
  return 'refusal' in r ? r : { envelope: r.envelope };
}

/** parseEnvelope, also giving the file's text (for signedBodyBytes). */
export function readEnvelope(bytes: Buffer, expectedFormat: string): { envelope: Envelope; text: string } | { refusal: Refusal } {
  const what = KNOWN[expectedFormat] ?? '文件';
  if (bytes.length === 0) return { refusal: { code: 'empty', message: `文件是空的（0字节），不是${what}` } };
  if (!isUtf8(bytes)) {
    return { refusal: { code: 'not_text', message: `文件内容不是文本（含有二进制数据），不是${what}：可能选错了文件，或文件已损坏` } };
  }
  // valid UTF-8, so nothing is replaced; a byte-order mark stays a character here and is dropped below
  const text = bytes.toString('utf8');
  if (CONTROL.test(text)) {
    return { refusal: { code: 'not_text', message: `文件内容不是文本（含有控制字符），不是${what}：可能选错了文件，或文件已损坏` } };
  }
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    if (/^\{\s*"format"\s*:\s*"ltc-/.test(trimmed)) {
      return { refusal: { code: 'truncated', message: `${what}文件不完整（只有${bytes.length}字节，在中途断开），可能在拷贝时被截断或未保存完，请重新导出或重新拷贝` } };
    }
    return { refusal: { code: 'not_json', message: `文件不是JSON格式，不是本程序导出的${what}（可能选错了文件）` } };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as { format?: unknown }).format !== 'string') {
    return { refusal: { code: 'wrong_format', message: `文件是JSON，但没有格式标识，不是本程序导出的${what}` } };
  }
  const format = (parsed as { format: string }).format;
  if (format !== expectedFormat) {
    const known = KNOWN[format];
    return {
      refusal: {
        code: 'wrong_format',
        message: known ? `这是${known}（${format}），不是${what}，请选择正确的文件` : `文件格式为“${format.slice(0, 40)}”，不是${what}（应为 ${expectedFormat}）；可能由其他版本的程序导出`,
      },
    };
  }
  const e = parsed as Partial<Envelope>;
  const sig = e.signature as Partial<Envelope['signature']> | undefined;
  if (!sig || typeof sig !== 'object' || typeof sig.value !== 'string' || typeof sig.keyFingerprint !== 'string' || sig.alg !== 'Ed25519') {
    return { refusal: { code: 'bad_structure', message: `${what}缺少签名或签名信息不完整，不予导入` } };
  }
  if (!e.body || typeof e.body !== 'object' || (e.body as { format?: unknown }).format !== format) {
    return { refusal: { code: 'bad_structure', message: `${what}内容不完整（缺少正文或正文格式标识不符），不予导入` } };
  }
  return { envelope: { format, signature: { alg: sig.alg, keyFingerprint: sig.keyFingerprint, value: sig.value }, body: e.body }, text };
}

/** The file text of a signed document: format, signature, then the canonical body. */
export function envelopeText(format: string, signature: Envelope['signature'], canonicalBody: string): string {
  return `{"format":${JSON.stringify(format)},"signature":${canonicalJson(signature)},"body":${canonicalBody}}`;
}

/**
 * Writes a file so that it is either complete or absent: a temporary file in
 * the same folder, flushed to disk, then renamed over the target.
 */
export function writeFileAtomic(target: string, data: string | Buffer): { path: string; name: string; bytes: number } {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  if (!existsSync(dir)) refuse('VALIDATION', `保存位置“${dir}”不存在（U盘是否已拔出？）`, `folder ${dir} missing`, { outPath: '保存位置不存在' });
  if (existsSync(abs) && statSync(abs).isDirectory()) refuse('VALIDATION', `“${abs}”是文件夹，请输入文件名`, `${abs} is a folder`, { outPath: '请输入文件名' });
  const tmp = path.join(dir, `.${path.basename(abs)}.${randomBytes(6).toString('hex')}.tmp`);
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, abs);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') refuse('VALIDATION', `无法写入“${abs}”（没有写入权限或U盘写保护）`, `cannot write ${abs}: ${code}`, { outPath: '无法写入' });
    if (code === 'ENOSPC') refuse('VALIDATION', `“${dir}”空间不足，文件未保存`, `no space in ${dir}`, { outPath: '空间不足' });
    throw e;
  }
  return { path: abs, name: path.basename(abs), bytes: buf.length };
}

/** The bytes a signature covers: canonicalJson(body) as UTF-8. */
export function canonicalBodyBytes(body: unknown): Buffer {
  return Buffer.from(canonicalJson(body), 'utf8');
}

/**
 * canonicalJson(envelope.body) as UTF-8, the bytes the signature covers, for
 * a file read by readEnvelope (`bytes` and the `text` they decode to). A file
 * exactly as envelopeText wrote it holds those bytes already, between its
 * header and its last brace: they are used as they are when their text equals
 * JSON.stringify(body) and every object of the body has its keys in canonical
 * (sorted) order — together, when they equal canonicalJson(body) — without
 * sorting and copying every object of a 30,000-score sheet. Any other file
 * (a byte-order mark, white space, keys in another order…) is serialised again.
 */
export function signedBodyBytes(bytes: Buffer, text: string, envelope: Envelope): Buffer {
  // the header is ASCII (format id, fingerprint, base64), so its length in characters is its length in bytes
  const head = `{"format":${JSON.stringify(envelope.format)},"signature":${canonicalJson(envelope.signature)},"body":`;
  if (
    /^[\x20-\x7e]*$/.test(head) &&
    text.length > head.length &&
    text.startsWith(head) &&
    text.endsWith('}') &&
    bytes[bytes.length - 1] === 0x7d &&
    inCanonicalOrder(envelope.body) &&
    text.slice(head.length, -1) === JSON.stringify(envelope.body)
  ) {
    return bytes.subarray(head.length, bytes.length - 1);
  }
  return canonicalBodyBytes(envelope.body);
}

/** True when every object in `v` lists its keys in strictly ascending order (as canonicalJson sorts them) and none is __proto__. */
export function inCanonicalOrder(v: unknown): boolean {
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object' && !inCanonicalOrder(x)) return false;
    return true;
  }
  if (v === null || typeof v !== 'object') return true;
  let prev: string | undefined;
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || (prev !== undefined && !(prev < k))) return false;
    prev = k;
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object' && !inCanonicalOrder(x)) return false;
  }
  return true;
}
