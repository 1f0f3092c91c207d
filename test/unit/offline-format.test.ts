import { describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { digitsOfFingerprint, fingerprintDigits, formatFingerprint, normalizeFingerprint, sameFingerprint } from '../../shared/offline/fingerprint';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  fingerprintOf,
  generateSigningKey,
  rawPublicKey,
  sha256Hex,
  signDetached,
  verifyDetached,
} from '../../service/offline/crypto';
import { PACKAGE_FORMAT, SHEET_FORMAT, envelopeText, parseEnvelope } from '../../service/offline/files';
import { PACKAGE_APPLICATION_FIELDS, pickPackageApplicationData } from '../../shared/offline/packageData';
import { sampleApplication } from '../support/service';
import { applicationInputSchema } from '../../shared/domain/application';

/** RFC 8032 §7.1, test 1: a key any Ed25519 implementation agrees on. */
const RFC_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const RFC_SIG_EMPTY =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const rfcPrivate = () => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(RFC_SECRET, 'hex')]), format: 'der', type: 'pkcs8' });

describe('canonical bytes', () => {
  it('the same data in any key order gives the same bytes, nested and in arrays', () => {
    const a = { seq: 2, member: { name: '李秀英', id: 'm1' }, applications: [{ scores: [{ points: 20, id: 's1' }], applicationId: 'a1' }], comment: undefined };
    const b = { applications: [{ applicationId: 'a1', scores: [{ id: 's1', points: 20 }] }], member: { id: 'm1', name: '李秀英' }, seq: 2 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(b)).toBe('{"applications":[{"applicationId":"a1","scores":[{"id":"s1","points":20}]}],"member":{"id":"m1","name":"李秀英"},"seq":2}');
    // a parse and re-serialise round trip keeps the bytes (what the clerk's laptop verifies)
    expect(canonicalJson(JSON.parse(canonicalJson(a)))).toBe(canonicalJson(a));
    expect(sha256Hex(canonicalJson(a))).toBe(sha256Hex(canonicalJson(b)));
  });

  it('the signature covers the canonical bytes: key order does not matter, one changed value does', () => {
    const { publicRaw, privateKey } = generateSigningKey();
    const body = { format: SHEET_FORMAT, seq: 1, points: [20, 19.5] };
    const sig = signDetached(privateKey, Buffer.from(canonicalJson(body)));
    expect(verifyDetached(publicRaw, Buffer.from(canonicalJson({ points: [20, 19.5], seq: 1, format: SHEET_FORMAT })), sig)).toBe(true);
    expect(verifyDetached(publicRaw, Buffer.from(canonicalJson({ ...body, points: [20, 19] })), sig)).toBe(false);
    expect(verifyDetached(publicRaw, Buffer.from(canonicalJson(body)), Buffer.alloc(64))).toBe(false);
    expect(verifyDetached(Buffer.alloc(31), Buffer.from('x'), sig)).toBe(false);
  });

  it('agrees with RFC 8032 (any Ed25519 implementation verifies our signatures)', () => {
    const priv = rfcPrivate();
    expect(signDetached(priv, Buffer.alloc(0)).toString('hex')).toBe(RFC_SIG_EMPTY);
    expect(verifyDetached(Buffer.from(RFC_PUBLIC, 'hex'), Buffer.alloc(0), Buffer.from(RFC_SIG_EMPTY, 'hex'))).toBe(true);
  });
});

describe('fingerprints', () => {
  it('are the first 16 bytes of SHA-256 of the raw public key, as hex groups and as digits', () => {
    const fp = fingerprintOf(Buffer.from(RFC_PUBLIC, 'hex'));
    expect(fp).toBe('21FE-31DF-A154-A261-626B-F854-046F-D227');
    expect(digitsOfFingerprint(fp)).toBe('08702 12767 41300 41569 25195 63572 01135 53799');
    expect(rawPublicKey(createPublicKey(rfcPrivate())).toString('hex')).toBe(RFC_PUBLIC);
  });

  it('read aloud and typed back in any spelling, name the same key', () => {
    const fp = '21FE-31DF-A154-A261-626B-F854-046F-D227';
    for (const typed of [
      '21fe31dfa154a261626bf854046fd227',
      '21FE 31DF A154 A261 626B F854 046F D227',
      '２１ＦＥ－３１ＤＦ－Ａ１５４－Ａ２６１－６２６Ｂ－Ｆ８５４－０４６Ｆ－Ｄ２２７',
      '08702 12767 41300 41569 25195 63572 01135 53799',
      '0870212767413004156925195635720113553799',
    ]) {
      expect(normalizeFingerprint(typed), typed).toBe(fp);
      expect(sameFingerprint(typed, fp)).toBe(true);
    }
    expect(normalizeFingerprint('21FE-31DF')).toBeNull();
    expect(normalizeFingerprint('99999 12767 41300 41569 25195 63572 01135 53799')).toBeNull(); // a group above 65535
    expect(sameFingerprint('21FE-31DF-A154-A261-626B-F854-046F-D228', fp)).toBe(false);
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    expect(normalizeFingerprint(fingerprintDigits(bytes))).toBe(formatFingerprint(bytes));
  });
});

describe('private keys at rest', () => {
  it('decrypt with the passphrase only, and only for their own fingerprint', async () => {
    const { publicRaw, privateKey } = generateSigningKey();
    const fp = fingerprintOf(publicRaw);
    const stored = await encryptPrivateKey(privateKey, '正确的口令 2025', fp);
    expect(stored.startsWith('ltc-key/1$scrypt$32768$8$1$')).toBe(true);
    expect(stored).not.toContain(privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
    const back = await decryptPrivateKey(stored, '正确的口令 2025', fp);
    expect(back && verifyDetached(publicRaw, Buffer.from('x'), signDetached(back, Buffer.from('x')))).toBe(true);
    expect(await decryptPrivateKey(stored, '错误的口令', fp)).toBeNull();
    expect(await decryptPrivateKey(stored, '正确的口令 2025', '0000-0000-0000-0000-0000-0000-0000-0000')).toBeNull();
  });
});

describe('signed file envelopes', () => {
  const body = { format: SHEET_FORMAT, seq: 1 };
  const text = envelopeText(SHEET_FORMAT, { alg: 'Ed25519', keyFingerprint: 'FP', value: 'c2ln' }, canonicalJson(body));

  it('are written format first, then signature, then the canonical body', () => {
    expect(text).toBe('{"format":"ltc-score-sheet/1","signature":{"alg":"Ed25519","keyFingerprint":"FP","value":"c2ln"},"body":{"format":"ltc-score-sheet/1","seq":1}}');
    expect(parseEnvelope(Buffer.from(text), SHEET_FORMAT)).toEqual({ envelope: { format: SHEET_FORMAT, signature: { alg: 'Ed25519', keyFingerprint: 'FP', value: 'c2ln' }, body } });
  });

  it('tell each kind of bad file apart', () => {
    const code = (b: Buffer | string, f = SHEET_FORMAT) => {
      const r = parseEnvelope(Buffer.isBuffer(b) ? b : Buffer.from(b), f);
      return 'refusal' in r ? r.refusal.code : 'ok';
    };
    expect(code('')).toBe('empty');
    expect(code(Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toBe('not_text');
    expect(code('{"a":1}\u0001')).toBe('not_text');
    expect(code(text.slice(0, 40))).toBe('truncated');
    expect(code('姓名,得分\n李秀英,20')).toBe('not_json');
    expect(code('[1,2]')).toBe('wrong_format');
    expect(code(text, PACKAGE_FORMAT)).toBe('wrong_format');
    expect(code(text.replace('"body":{"format":"ltc-score-sheet/1",', '"body":{'))).toBe('bad_structure');
    expect(code(text.replace('"alg":"Ed25519"', '"alg":"RSA"'))).toBe('bad_structure');
    expect(code(`\uFEFF${text}`)).toBe('ok');
  });
});

describe('package allow-list', () => {
  it('keeps only the listed 申请表 fields: no names, phones, ID or licence numbers, address', () => {
    const data = applicationInputSchema.parse(sampleApplication(0));
    const picked = pickPackageApplicationData(data);
    expect(Object.keys(picked).every((k) => (PACKAGE_APPLICATION_FIELDS as readonly string[]).includes(k))).toBe(true);
    const text = JSON.stringify(picked);
    for (const x of [data.legalRep.phone, data.contact.phone, data.legalRep.name, data.uscc, data.address, data.legalCertNo]) expect(text).not.toContain(x);
    expect(picked).toMatchObject({ name: '测试养老院0', careStaff: 30, doctors: 1, nurses: 2 });
  });
});
