import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ServiceContext } from '../context';
import { refuse } from '../errors';
import type { Db } from '../../db/queries/types';
import { getSetting, setSetting } from '../../db/queries/settings';
import type { OfflineKeyRow } from '../../db/queries/offline';
import { digitsOfFingerprint, normalizeFingerprint } from '../../shared/offline/fingerprint';
import type { KeyView } from '../../shared/contract/slices/offline';
import { decryptPrivateKey, fingerprintOf, publicKeyFromRaw } from './crypto';
import { PUBLIC_KEY_FORMAT, readLimited } from './files';

/** Keys, device id and passphrase checks shared by the package and sheet code. */

export const DEVICE_ID_SETTING = 'offline.deviceId';

export function keyView(r: OfflineKeyRow): KeyView {
  return { id: r.id, kind: r.kind, name: r.name, fingerprint: r.fingerprint, fingerprintDigits: digitsOfFingerprint(r.fingerprint), createdAt: r.created_at };
}

/** This installation's random id, created on first use (inside the caller's transaction). */
export async function deviceId(db: Db): Promise<string> {
  const existing = await getSetting(db, DEVICE_ID_SETTING);
  if (existing) return existing;
  const id = randomUUID();
  await setSetting(db, DEVICE_ID_SETTING, id);
  return id;
}

// ---------------------------------------------------------------------------
// Unlocking a private key: 5 wrong passphrases in a row lock that key for 5 minutes.

const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
const failures = new WeakMap<ServiceContext, Map<string, { count: number; lockedUntil: number }>>();

export async function unlockKey(ctx: ServiceContext, row: OfflineKeyRow, passphrase: string): Promise<KeyObject> {
  let table = failures.get(ctx);
  if (!table) failures.set(ctx, (table = new Map()));
  const now = ctx.now().getTime();
  const f = table.get(row.id) ?? { count: 0, lockedUntil: 0 };
  if (f.lockedUntil > now) {
    refuse('STATE', `密钥口令连续输错${MAX_FAILURES}次，请${Math.ceil((f.lockedUntil - now) / 60_000)}分钟后再试`, `key ${row.id} locked out`);
  }
  const key = await decryptPrivateKey(row.private_key_enc, passphrase, row.fingerprint);
  if (key) {
    table.delete(row.id);
    return key;
  }
  f.count += 1;
  if (f.count >= MAX_FAILURES) {
    f.count = 0;
    f.lockedUntil = now + LOCK_MS;
  }
  table.set(row.id, f);
  refuse('VALIDATION', '密钥口令不正确', `wrong passphrase for key ${row.id}`, { passphrase: '密钥口令不正确' });
}

// ---------------------------------------------------------------------------
// Public key files (ltc-public-key/1): not signed; the fingerprint read aloud is the check.

export interface PublicKeyFile {
  name: string;
  publicRaw: Buffer;
  fingerprint: string;
  createdAt: string | null;
}

export function publicKeyFileText(row: OfflineKeyRow, device: string): string {
  return `${JSON.stringify(
    { format: PUBLIC_KEY_FORMAT, kind: row.kind, name: row.name, publicKey: row.public_key, fingerprint: row.fingerprint, createdAt: row.created_at, deviceId: device },
    null,
    2,
  )}\n`;
}

/** A public key given as base64 text (44 characters), checked to be an Ed25519 key. */
export function parsePublicKeyText(text: string): Buffer {
  const raw = Buffer.from(text.trim(), 'base64');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(text.trim()) || !publicKeyFromRaw(raw)) {
    refuse('VALIDATION', '公钥文本不正确（应为44个字符的Base64文本，从成员电脑的“导出公钥”复制）', 'bad public key text', { publicKey: '公钥文本不正确' });
  }
  return raw;
}

export function readPublicKeyFile(filePath: string): PublicKeyFile {
  const read = readLimited(filePath, 64 * 1024, '公钥文件');
  if ('refusal' in read) refuse('VALIDATION', read.refusal.message, `public key file refused: ${read.refusal.code}`, { path: read.refusal.message });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes).replace(/^\uFEFF/, ''));
  } catch {
    refuse('VALIDATION', `“${read.name}”不是公钥文件（不是JSON文本）`, 'public key file not JSON', { path: '不是公钥文件' });
  }
  const p = parsed as { format?: unknown; name?: unknown; publicKey?: unknown; createdAt?: unknown };
  if (!p || typeof p !== 'object' || p.format !== PUBLIC_KEY_FORMAT) {
    const f = typeof p?.format === 'string' ? `（格式为“${p.format.slice(0, 40)}”）` : '';
    refuse('VALIDATION', `“${read.name}”不是成员公钥文件${f}，请选择成员电脑“导出公钥”生成的文件`, 'not a public key file', { path: '不是公钥文件' });
  }
  if (typeof p.publicKey !== 'string') refuse('VALIDATION', '公钥文件缺少公钥', 'public key missing', { path: '公钥文件不完整' });
  const publicRaw = parsePublicKeyText(p.publicKey);
  return {
    name: typeof p.name === 'string' ? p.name.slice(0, 100) : '',
    publicRaw,
    // computed here, never taken from the file
    fingerprint: fingerprintOf(publicRaw),
    createdAt: typeof p.createdAt === 'string' ? p.createdAt.slice(0, 40) : null,
  };
}

/** Refuses unless the fingerprint typed (as read aloud) names the same bytes as the key. */
export function requireFingerprintMatch(typed: string, actual: string, whose: string, field: string) {
  const n = normalizeFingerprint(typed);
  if (!n) {
    refuse('VALIDATION', '指纹格式不正确：应为32位十六进制（如 3F9A-21C0-…）或40位数字（如 16282 08640 …）', 'fingerprint not parseable', { [field]: '指纹格式不正确' });
  }
  if (n !== actual) {
    refuse(
      'VALIDATION',
      `指纹不一致：${whose}的指纹为 ${actual}（${digitsOfFingerprint(actual)}），与输入的 ${n} 不符。请当面重新核对；不一致时不得登记`,
      'fingerprint mismatch',
      { [field]: '指纹不一致' },
    );
  }
}
