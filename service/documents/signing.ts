/**
 * PDF digital signatures: PKCS#7 detached (adbe.pkcs7.detached), verifiable by
 * standard readers (poppler's pdfsig is the test).
 *
 * - The agency's .p12/.pfx is parsed with node-forge (Node has no PKCS#12
 *   reader). Wrong passphrase, a certificate not valid today and a file without
 *   a private key are refused with a Chinese message before anything is written.
 * - The parsed key becomes a Node KeyObject, kept by the caller for the process;
 *   every document gets its own small signer (no state shared between sign()
 *   calls — the stock @signpdf/signer-p12 breaks on its second call).
 * - The CMS SignedData is built with forge's ASN.1 helpers, but the digest and
 *   the RSA signature are computed by Node's native crypto (~1 ms, against
 *   ~20 ms for forge's JavaScript RSA).
 * - @signpdf/signpdf fills the ByteRange and splices the signature in; the
 *   placeholder is written here so Reason/Name can be Chinese (UTF-16 strings).
 */
import { createHash, createPrivateKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { docError } from './errors';

export interface SigningIdentity {
  key: KeyObject;
  /** DER certificates, the signer's first */
  certs: Buffer[];
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** sha256 of the signer certificate, hex */
  fingerprint: string;
  /** ASN.1 of the signer certificate's issuer Name and serialNumber */
  issuerAsn1: forge.asn1.Asn1;
  serialAsn1: forge.asn1.Asn1;
}

/** forge keeps UTF8String values as UTF-8 byte strings */
function text(v: unknown): string {
  const s = String(v);
  try {
    return forge.util.decodeUtf8(s);
  } catch {
    return s;
  }
}

function dnString(attrs: forge.pki.CertificateField[]): string {
  const get = (sn: string) => {
    const a = attrs.find((x) => x.shortName === sn);
    return a ? text(a.value) : undefined;
  };
  return get('CN') ?? get('O') ?? attrs.map((a) => `${a.shortName ?? a.type}=${text(a.value)}`).join(', ');
}

function zhDate(d: Date): string {
  // Asia/Shanghai calendar date
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}

/**
 * Opens a .p12/.pfx. Refuses (Chinese message) on a wrong passphrase, a file
 * without private key, a non-RSA key, or a certificate not valid at `now`.
 */
export function loadP12(bytes: Uint8Array, passphrase: string, now: Date): SigningIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/MAC could not be verified|Invalid password|decrypt/i.test(msg)) {
      docError('证书密码不正确，请重新输入', `p12: wrong passphrase (${msg})`, 'passphrase');
    }
    if (/OID|private key/i.test(msg)) {
      docError('证书文件中的私钥无法读取：目前仅支持RSA密钥的证书', `p12: unsupported key (${msg})`, 'path');
    }
    docError('该文件不是有效的数字证书文件（.p12/.pfx）', `p12: unreadable (${msg})`, 'path');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const forgeKey = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!forgeKey) {
    docError('证书文件中没有私钥，无法签名。请导出包含私钥的.p12/.pfx文件', 'p12: no private key bag', 'path');
  }
  if (!forgeKey.n) docError('证书文件中的私钥无法读取：目前仅支持RSA密钥的证书', 'p12: key is not RSA', 'path');
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const own = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(forgeKey.n));
  if (!own) docError('证书文件中的私钥与证书不匹配，无法签名', 'p12: no certificate matches the key', 'path');
  if (now < own.validity.notBefore) {
    docError(`证书尚未生效（生效日期${zhDate(own.validity.notBefore)}），无法签名`, `certificate not valid before ${own.validity.notBefore.toISOString()}`, 'path');
  }
  if (now > own.validity.notAfter) {
    docError(`证书已过期（有效期至${zhDate(own.validity.notAfter)}），无法签名`, `certificate expired ${own.validity.notAfter.toISOString()}`, 'path');
  }
  const ordered = [own, ...certs.filter((c) => c !== own)];
  const ders = ordered.map((c) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary'));
  const tbs = (forge.pki.certificateToAsn1(own).value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  const base = fields[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return {
    key: createPrivateKey(forge.pki.privateKeyToPem(forgeKey)),
    certs: ders,
    subject: dnString(own.subject.attributes),
    issuer: dnString(own.issuer.attributes),
    notBefore: own.validity.notBefore,
    notAfter: own.validity.notAfter,
    fingerprint: createHash('sha256').update(ders[0]!).digest('hex'),
    serialAsn1: fields[base]!,
    issuerAsn1: fields[base + 2]!,
  };
}

// ---------------------------------------------------------------------------
// CMS SignedData

const { asn1 } = forge;
const T = asn1.Type;
const U = asn1.Class.UNIVERSAL;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (v: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, v);
const nul = () => asn1.create(U, T.NULL, false, '');
const int = (n: number) => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (b: Buffer) => asn1.create(U, T.OCTETSTRING, false, b.toString('binary'));
const algo = (o: string) => seq([oid(o), nul()]);
const der = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');

/** Detached CMS SignedData over `content`, signed with Node's crypto. */
export function cmsSignDetached(id: SigningIdentity, content: Buffer, signingTime: Date): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const attrs = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.signingTime), set([asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(signingTime))])]),
    seq([oid(OID.messageDigest), set([octets(digest)])]),
  ]
    .map((a) => ({ a, d: der(a) }))
    .sort((x, y) => Buffer.compare(x.d, y.d)) // DER: SET OF sorted by encoding
    .map((x) => x.a);
  // the signature covers the attributes encoded as a SET (RFC 5652 §5.4)
  const signature = rsaSign('sha256', der(set(attrs)), id.key);
  const signerInfo = seq([
    int(1),
    seq([id.issuerAsn1, id.serialAsn1]),
    algo(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attrs),
    algo(OID.rsaEncryption),
    octets(signature),
  ]);
  const certs = id.certs.map((c) => asn1.fromDer(forge.util.createBuffer(c.toString('binary'))));
  const signedData = seq([
    int(1),
    set([algo(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certs),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** One signer per document (see the header note). */
class DetachedSigner extends Signer {
  constructor(
    private readonly id: SigningIdentity,
    private readonly time: Date,
  ) {
    super();
  }
  override async sign(pdf: Buffer): Promise<Buffer> {
    return cmsSignDetached(this.id, pdf, this.time);
  }
}

// ---------------------------------------------------------------------------
// The signature field

export interface SignatureInfo {
  reason: string;
  name: string;
  location: string;
  contactInfo?: string;
  time: Date;
}

const BYTE_RANGE_PLACEHOLDER = '**********';

/** Room for the CMS: the certificates plus attributes and a 4096-bit signature. */
export function placeholderBytes(id: SigningIdentity): number {
  return id.certs.reduce((s, c) => s + c.length, 0) + 1536;
}

/** Adds an invisible signature field with an empty /Contents to the document (before save). */
export function addSignaturePlaceholder(doc: PDFDocument, id: SigningIdentity, info: SignatureInfo): void {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const sig = ctx.register(
    ctx.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'adbe.pkcs7.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(2 * placeholderBytes(id))),
      Reason: PDFHexString.fromText(info.reason),
      M: PDFString.fromDate(info.time),
      Name: PDFHexString.fromText(info.name),
      Location: PDFHexString.fromText(info.location),
      ...(info.contactInfo ? { ContactInfo: PDFHexString.fromText(info.contactInfo) } : {}),
    }),
  );
  const page = doc.getPage(0);
  const widget = ctx.register(
    ctx.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: sig,
      T: PDFHexString.fromText('签名1'),
      F: 4,
      P: page.ref,
    }),
  );
  page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget], SigFlags: 3 }));
}

const signpdf = new SignPdf();

/** Saves `doc` (which must carry a placeholder) and signs it. */
export async function saveSigned(doc: PDFDocument, id: SigningIdentity, time: Date): Promise<Buffer> {
  // no object streams: the signature dictionary must stay readable in the file
  const bytes = await doc.save({ useObjectStreams: false });
  return signpdf.sign(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), new DetachedSigner(id, time));
}

// ---------------------------------------------------------------------------
// Seal image

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Refuses anything but a PNG (checked by its signature bytes, not its name). */
export function assertPng(bytes: Uint8Array): void {
  if (bytes.length < 8 || !Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) {
    docError('印章图片须为PNG格式', 'seal image is not a PNG', 'path');
  }
}
