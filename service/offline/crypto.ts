import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt as scryptCb,
  sign,
  verify,
  type KeyObject,
  type ScryptOptions,
} from 'node:crypto';
import { FINGERPRINT_BYTES, formatFingerprint } from '../../shared/offline/fingerprint';

/**
 * Ed25519 signing keys for offline laptops, with node:crypto only.
 *
 * - A public key travels as its raw 32 bytes (base64); its fingerprint is the
 *   first 16 bytes of SHA-256 of those bytes (shared/offline/fingerprint.ts).
 * - A private key is stored as PKCS#8 DER encrypted with AES-256-GCM under a
 *   key derived from the passphrase by scrypt (N=2^15, r=8, p=1). The
 *   fingerprint is the GCM associated data, so an encrypted key cannot be
 *   swapped onto another key's row unnoticed. A wrong passphrase fails the GCM
 *   tag check: no plaintext is ever produced.
 * - Signatures are detached Ed25519 over the canonical bytes of a document.
 */

export const KEY_FORMAT = 'ltc-key/1';
const KDF = { N: 1 << 15, r: 8, p: 1, keyLen: 32 } as const;
const MAXMEM = 128 * 1024 * 1024;

export interface KeyPair {
  /** raw 32-byte public key */
  publicRaw: Buffer;
  privateKey: KeyObject;
}

export function generateSigningKey(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicRaw: rawPublicKey(publicKey), privateKey };
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The public key object of raw bytes, or null when they are not a valid Ed25519 public key. */
export function publicKeyFromRaw(raw: Buffer): KeyObject | null {
  if (raw.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

/** `3F9A-21C0-…` of a raw public key. */
export function fingerprintOf(publicRaw: Buffer): string {
  return formatFingerprint(createHash('sha256').update(publicRaw).digest().subarray(0, FINGERPRINT_BYTES));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function scrypt(passphrase: string, salt: Buffer, opts: ScryptOptions & { keyLen: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, opts.keyLen, { N: opts.N, r: opts.r, p: opts.p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `ltc-key/1$scrypt$N$r$p$salt$iv$tag$ciphertext`, base64 parts. */
export async function encryptPrivateKey(privateKey: KeyObject, passphrase: string, fingerprint: string): Promise<string> {
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await scrypt(passphrase, salt, KDF);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${KEY_FORMAT}|${fingerprint}`));
  const ct = Buffer.concat([cipher.update(der), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [KEY_FORMAT, 'scrypt', KDF.N, KDF.r, KDF.p, salt.toString('base64'), iv.toString('base64'), tag.toString('base64'), ct.toString('base64')].join('$');
}

/** The private key, or null when the passphrase is wrong (or the stored value was altered). */
export async function decryptPrivateKey(stored: string, passphrase: string, fingerprint: string): Promise<KeyObject | null> {
  const parts = stored.split('$');
  if (parts.length !== 9 || parts[0] !== KEY_FORMAT || parts[1] !== 'scrypt') return null;
  const [, , n, r, p, saltB64, ivB64, tagB64, ctB64] = parts as [string, string, string, string, string, string, string, string, string];
  const key = await scrypt(passphrase, Buffer.from(saltB64, 'base64'), { N: Number(n), r: Number(r), p: Number(p), keyLen: KDF.keyLen });
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
    decipher.setAAD(Buffer.from(`${KEY_FORMAT}|${fingerprint}`));
    decipher.setAuthTag(Buffer.from(tagB64, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export function signDetached(privateKey: KeyObject, data: Buffer): Buffer {
  return sign(null, data, privateKey);
}

export function verifyDetached(publicRaw: Buffer, data: Buffer, signature: Buffer): boolean {
  const key = publicKeyFromRaw(publicRaw);
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
