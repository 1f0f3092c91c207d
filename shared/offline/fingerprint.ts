/**
 * Public-key fingerprints, read aloud and compared between two laptops
 * (issue 5). A fingerprint is the first 16 bytes of SHA-256 of the raw 32-byte
 * Ed25519 public key (the hashing is done by the service; these helpers only
 * format and compare, so the renderer can use them for input masks too).
 *
 * Two spellings of the same 16 bytes:
 * - hex: 8 groups of 4 upper-case hex digits, `3F9A-21C0-…` (the stored form);
 * - digits: 8 groups of 5 decimal digits, one group per 2 bytes (0–65535), for
 *   reading aloud in Chinese without letters: `16282 08640 …`.
 */

export const FINGERPRINT_BYTES = 16;

const HEX_RE = /^[0-9A-F]{32}$/;
const DIGITS_RE = /^\d{40}$/;

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** `3F9A-21C0-…`: the stored and displayed form. */
export function formatFingerprint(bytes: Uint8Array): string {
  if (bytes.length !== FINGERPRINT_BYTES) throw new Error(`fingerprint must be ${FINGERPRINT_BYTES} bytes`);
  return toHex(bytes).match(/.{4}/g)!.join('-');
}

/** The same bytes as 8 groups of 5 digits (big-endian uint16 each), for reading aloud. */
export function fingerprintDigits(bytes: Uint8Array): string {
  if (bytes.length !== FINGERPRINT_BYTES) throw new Error(`fingerprint must be ${FINGERPRINT_BYTES} bytes`);
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) groups.push(String((bytes[i]! << 8) | bytes[i + 1]!).padStart(5, '0'));
  return groups.join(' ');
}

/** Digits form of a stored hex fingerprint (`3F9A-21C0-…`). */
export function digitsOfFingerprint(hex: string): string {
  const n = normalizeFingerprint(hex);
  if (!n) throw new Error(`not a fingerprint: ${hex}`);
  return fingerprintDigits(bytesOf(n));
}

function bytesOf(formatted: string): Uint8Array {
  const hex = formatted.replace(/-/g, '');
  const out = new Uint8Array(FINGERPRINT_BYTES);
  for (let i = 0; i < FINGERPRINT_BYTES; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * What someone typed (hex with or without dashes, spaces, lower case,
 * full-width characters; or the 40-digit form) as the stored hex form, or null
 * when it is neither.
 */
export function normalizeFingerprint(input: string): string | null {
  // full-width ASCII (Ａ-Ｚ, ０-９) to half-width, then drop separators
  const half = input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const compact = half.replace(/[\s\-_:.,，、－—]/g, '').toUpperCase();
  if (HEX_RE.test(compact)) return compact.match(/.{4}/g)!.join('-');
  if (DIGITS_RE.test(compact)) {
    const bytes = new Uint8Array(FINGERPRINT_BYTES);
    for (let g = 0; g < 8; g++) {
      const v = Number(compact.slice(g * 5, g * 5 + 5));
      if (v > 0xffff) return null;
      bytes[g * 2] = v >> 8;
      bytes[g * 2 + 1] = v & 0xff;
    }
    return formatFingerprint(bytes);
  }
  return null;
}

/** True when two spellings name the same fingerprint. */
export function sameFingerprint(a: string, b: string): boolean {
  const x = normalizeFingerprint(a);
  return x !== null && x === normalizeFingerprint(b);
}
