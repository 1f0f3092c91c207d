import { z } from 'zod';
import { byApplication, ok } from './common';

const fontSource = z.object({
  path: z.string().trim().min(1, { message: '请选择字体文件' }).max(500),
  /** face of a .ttc: index, or part of the family name */
  face: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
});

export const documentSettingsSchema = z.object({
  /** 版头 agency name, printed in red; empty = no red header */
  agencyName: z.string().trim().max(40, { message: '发文机关标志不能超过40个字' }),
  /** 发文机关署名 above the date */
  issuingBody: z.string().trim().min(1, { message: '请填写发文机关署名' }).max(40, { message: '发文机关署名不能超过40个字' }),
  /** 发文字号 prefix, e.g. 乌医保经 → 乌医保经〔2025〕12号; empty = no 文号 */
  docNumberPrefix: z.string().trim().max(20, { message: '发文字号前缀不能超过20个字' }),
  /** fonts the clerk picked; absent roles use installed or built-in fonts */
  fonts: z.object({ title: fontSource.optional(), body: fontSource.optional(), heading: fontSource.optional(), kai: fontSource.optional() }),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

export const certificateStatusSchema = z.object({
  imported: z.boolean(),
  /** the passphrase is never stored: after a restart the clerk unlocks the certificate once */
  unlocked: z.boolean(),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  fingerprint: z.string().nullable(),
});

export const generatedDocumentSchema = z.object({
  documentId: z.string(),
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().min(1),
  signed: z.boolean(),
  /** why the document is an unsigned 草稿, in Chinese; null when signed */
  draftReason: z.string().nullable(),
  docNumber: z.string().nullable(),
  fonts: z.array(z.object({ role: z.string(), family: z.string(), source: z.string() })),
});

const passphrase = z.string().min(1, { message: '请输入证书密码' }).max(200);

export const documentsContract = {
  'documents.supplementNotice': { input: byApplication, output: generatedDocumentSchema },
  'documents.settings.get': { input: z.object({}), output: documentSettingsSchema },
  'documents.settings.set': { input: documentSettingsSchema, output: documentSettingsSchema },
  'documents.certificate.import': {
    input: z.object({ path: z.string().trim().min(1, { message: '请选择证书文件' }), passphrase }),
    output: certificateStatusSchema,
  },
  'documents.certificate.unlock': { input: z.object({ passphrase }), output: certificateStatusSchema },
  'documents.certificate.status': { input: z.object({}), output: certificateStatusSchema },
  /** a PNG seal placed over the date of signed documents; null removes it */
  'documents.seal.import': { input: z.object({ path: z.string().trim().min(1).nullable() }), output: ok },
  /** whether a seal is set and when it was imported */
  'documents.seal.status': { input: z.object({}), output: z.object({ present: z.boolean(), importedAt: z.string().nullable() }) },
  /**
   * What each role prints with on this computer now (the clerk's choice, an
   * installed 公文 font, or the built-in Noto Serif SC); `problem` when no
   * usable font set can be put together, in Chinese.
   */
  'documents.fonts.status': {
    input: z.object({}),
    output: z.object({
      roles: z.array(z.object({ role: z.string(), roleLabel: z.string(), family: z.string(), source: z.string(), configured: z.boolean() })),
      problem: z.string().nullable(),
    }),
  },
} as const;
