import { z } from 'zod';
import { requiredText, optionalText } from '../../domain/common';
import { PANEL_ROLES } from '../../rules/panel';
import { packageApplicationDataSchema, packageEligibilitySchema } from '../../offline/packageData';
import { byRound } from './common';
import { actorSchema } from './scoring';

/**
 * Offline laptops (issue 5): signing keys, the round package a member's laptop
 * imports, the signed score sheet it writes, and the clerk's import (preview,
 * then commit) and status board. File paths are plain strings: the desktop UI
 * fills them from its open/save dialogs.
 *
 * Two laptops, one program:
 * - the clerk's laptop (经办机构): agency key, members' registered public keys,
 *   package export, sheet import, status board;
 * - a member's laptop (评审专家): member keys (several members may share one
 *   laptop), package import, sign-in with the key passphrase, scoring with the
 *   scoring.* methods, signed sheet export.
 */

const filePath = (label: string) =>
  z
    .string({ message: `请选择${label}` })
    .trim()
    .min(1, { message: `请选择${label}` })
    .max(1000, { message: '文件路径过长' });

/** a new passphrase */
export const newPassphraseSchema = z
  .string({ message: '请设置密钥口令' })
  .min(8, { message: '密钥口令至少8位' })
  .max(200, { message: '密钥口令不能超过200位' });
/** a passphrase to unlock a key */
export const passphraseSchema = z.string({ message: '请输入密钥口令' }).min(1, { message: '请输入密钥口令' }).max(200, { message: '密钥口令不能超过200位' });

const fingerprintInput = z.string({ message: '请输入对方念出的指纹' }).trim().min(1, { message: '请输入对方念出的指纹' }).max(120, { message: '指纹过长' });

export const keyViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['agency', 'member']),
  name: z.string(),
  /** `3F9A-21C0-…`: 8 groups of 4 hex digits */
  fingerprint: z.string(),
  /** the same as 8 groups of 5 digits, for reading aloud */
  fingerprintDigits: z.string(),
  createdAt: z.string(),
});
export type KeyView = z.infer<typeof keyViewSchema>;

export const registeredKeySchema = z.object({
  personId: z.string(),
  personName: z.string(),
  fingerprint: z.string(),
  fingerprintDigits: z.string(),
  /** the name written in the key file by the member's laptop */
  keyName: z.string().nullable(),
  source: z.enum(['file', 'text']),
  registeredAt: z.string(),
  registeredBy: z.string(),
  /** earlier keys of this person, replaced */
  replaced: z.number().int(),
});
export type RegisteredKey = z.infer<typeof registeredKeySchema>;

const agencyRefSchema = z.object({ name: z.string(), fingerprint: z.string(), fingerprintDigits: z.string() });

const packageMemberViewSchema = z.object({
  memberId: z.string(),
  personId: z.string(),
  name: z.string(),
  role: z.enum(PANEL_ROLES),
  /** registered with the clerk; null = this member cannot sign a sheet */
  keyFingerprint: z.string().nullable(),
  /** the matching private key is on this laptop: the member can sign in here */
  keyOnThisLaptop: z.boolean(),
});

export const packagePreviewSchema = z.object({
  file: z.object({ path: z.string(), name: z.string(), bytes: z.number().int(), sha256: z.string() }),
  agency: agencyRefSchema.extend({ trusted: z.boolean() }),
  round: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  exportedAt: z.string(),
  rubricVersion: z.number().int(),
  applications: z.number().int(),
  conflicts: z.number().int(),
  members: z.array(packageMemberViewSchema),
  /** new: not on this laptop yet; update: newer than the one here; same: already imported; older: older than the one here */
  state: z.enum(['new', 'update', 'same', 'older']),
  /** why importing is refused, null when it may go ahead (an untrusted agency key needs its fingerprint typed) */
  blocker: z.string().nullable(),
});
export type PackagePreview = z.infer<typeof packagePreviewSchema>;

const sheetExportViewSchema = z.object({
  seq: z.number().int(),
  createdAt: z.string(),
  fileName: z.string(),
  sheetHash: z.string(),
  fileSha256: z.string(),
  scores: z.number().int(),
  applications: z.number().int(),
  rubricVersion: z.number().int().nullable(),
});

export const packageInfoSchema = z.object({
  roundId: z.string(),
  /** package: the round came from a round package and is read-only here except members' own scores */
  origin: z.enum(['local', 'package']),
  package: z
    .object({
      exportedAt: z.string(),
      importedAt: z.string(),
      agency: agencyRefSchema,
      packageHash: z.string(),
      rubricVersion: z.number().int(),
      members: z.array(packageMemberViewSchema.extend({ lastExport: sheetExportViewSchema.nullable() })),
    })
    .nullable(),
});
export type PackageInfo = z.infer<typeof packageInfoSchema>;

export const packageApplicationViewSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  /** only the allow-listed fields (shared/offline/packageData.ts) */
  data: packageApplicationDataSchema,
  staffToBedRatio: z.string().nullable(),
  eligibility: packageEligibilitySchema,
});

export const sheetExportResultSchema = sheetExportViewSchema.extend({
  path: z.string(),
  bytes: z.number().int(),
  /** applicants left out because the member stepped aside */
  steppedAside: z.number().int(),
  deviceId: z.string(),
});

const refusalSchema = z.object({
  code: z.string(),
  message: z.string(),
  applicationId: z.string().nullable(),
  criterionId: z.string().nullable(),
  scoreId: z.string().nullable(),
});

export const importResultSchema = z.object({
  file: z.object({ path: z.string(), name: z.string(), bytes: z.number().int(), sha256: z.string() }),
  /** accept: may be committed; duplicate: this very sheet is already in (nothing to do); refused: see refusals */
  verdict: z.enum(['accept', 'duplicate', 'refused']),
  committed: z.boolean(),
  /** one Chinese sentence for the top of the dialog */
  message: z.string(),
  /** what the file says (null when it could not be read as a sheet) */
  sheet: z
    .object({
      roundId: z.string(),
      roundCode: z.string(),
      roundName: z.string(),
      rubricId: z.string(),
      rubricVersion: z.number().int(),
      memberId: z.string(),
      memberName: z.string(),
      personId: z.string(),
      deviceId: z.string(),
      seq: z.number().int(),
      createdAt: z.string(),
      sheetHash: z.string(),
      keyFingerprint: z.string(),
      applications: z.number().int(),
      scores: z.number().int(),
      steppedAside: z.number().int(),
    })
    .nullable(),
  counts: z.object({ new: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), total: z.number().int() }),
  /** per applicant in the sheet: criteria new / changed / unchanged, and the member's total before and after */
  applications: z.array(
    z.object({
      applicationId: z.string(),
      applicationNo: z.string(),
      name: z.string(),
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      totalBefore: z.number().nullable(),
      totalAfter: z.number().nullable(),
    }),
  ),
  /** each changed criterion (a correction of a score already here), at most 2,000 */
  changes: z.array(
    z.object({
      applicationId: z.string(),
      criterionId: z.string(),
      criterionTitle: z.string(),
      before: z.number(),
      after: z.number(),
      comment: z.string().nullable(),
      reason: z.string().nullable(),
      scoreId: z.string(),
    }),
  ),
  changesTruncated: z.boolean(),
  /** every reason the sheet is refused (at most 200 listed; refusalCount has them all) */
  refusals: z.array(refusalSchema),
  refusalCount: z.number().int(),
  warnings: z.array(z.string()),
  /** the member's sheet counts as submitted once merged (complete) */
  marksSubmitted: z.boolean(),
  importId: z.string().nullable(),
  duplicateOf: z.object({ seq: z.number().int(), importedAt: z.string() }).nullable(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const offlineStatusSchema = z.object({
  roundId: z.string(),
  rubricVersion: z.number().int().nullable(),
  members: z.array(
    z.object({
      memberId: z.string(),
      personId: z.string(),
      name: z.string(),
      role: z.enum(PANEL_ROLES),
      keyFingerprint: z.string().nullable(),
      keyFingerprintDigits: z.string().nullable(),
      /** received: a sheet is in (and no later refusal); refused: the latest file was refused; missing: nothing yet */
      state: z.enum(['received', 'refused', 'missing']),
      sheetStatus: z.enum(['none', 'draft', 'submitted']),
      sheets: z.number().int(),
      lastSheet: z
        .object({
          seq: z.number().int(),
          signedAt: z.string(),
          importedAt: z.string(),
          importedBy: z.string(),
          sheetHash: z.string(),
          fileSha256: z.string(),
          fileName: z.string(),
          deviceId: z.string(),
          scores: z.number().int(),
          newScores: z.number().int(),
          changedScores: z.number().int(),
          rubricVersion: z.number().int(),
          /** for the round's current rubric version */
          current: z.boolean(),
        })
        .nullable(),
      lastRefusal: z.object({ at: z.string(), code: z.string(), reason: z.string(), fileName: z.string(), fileSha256: z.string(), seq: z.number().int().nullable() }).nullable(),
    }),
  ),
  /** refused files that name no member of this panel (or no round this laptop knows), newest first */
  otherRefusals: z.array(z.object({ at: z.string(), code: z.string(), reason: z.string(), fileName: z.string(), fileSha256: z.string() })),
  counts: z.object({ received: z.number().int(), refused: z.number().int(), missing: z.number().int(), withoutKey: z.number().int() }),
});
export type OfflineStatus = z.infer<typeof offlineStatusSchema>;

const signInOutput = z.object({ session: z.string(), memberId: z.string(), name: z.string(), role: z.enum(PANEL_ROLES), expiresAt: z.string() });

export const offlineContract = {
  // --- keys (both laptops) -------------------------------------------------
  /** this laptop's keys, device id and trusted agencies */
  'offline.keys': {
    input: z.object({}),
    output: z.object({
      deviceId: z.string().nullable(),
      agencyKey: keyViewSchema.nullable(),
      memberKeys: z.array(
        keyViewSchema.extend({
          /** panel members of package rounds on this laptop whose registered key this is */
          members: z.array(z.object({ roundId: z.string(), roundCode: z.string(), roundName: z.string(), memberId: z.string(), name: z.string(), role: z.enum(PANEL_ROLES) })),
        }),
      ),
      trustedAgencies: z.array(agencyRefSchema.extend({ trustedAt: z.string() })),
    }),
  },
  /** a new Ed25519 key pair; the private key is kept here, encrypted with the passphrase. One agency key per laptop. */
  'offline.createKey': {
    input: z.object({ kind: z.enum(['agency', 'member'], { message: '请选择密钥类型' }), name: requiredText('密钥持有人（姓名或机构名称）', 100), passphrase: newPassphraseSchema }),
    output: keyViewSchema,
  },
  /** writes the public key file (ltc-public-key/1) the member carries to the clerk */
  'offline.exportPublicKey': {
    input: z.object({ keyId: z.string().min(1), outPath: filePath('保存位置') }),
    output: z.object({ path: z.string(), fileName: z.string(), fingerprint: z.string(), fingerprintDigits: z.string() }),
  },
  /** reads a public key file so the clerk can compare the fingerprint with the one read aloud */
  'offline.readKeyFile': {
    input: z.object({ path: filePath('公钥文件') }),
    output: z.object({
      name: z.string(),
      fingerprint: z.string(),
      fingerprintDigits: z.string(),
      publicKey: z.string(),
      createdAt: z.string().nullable(),
      /** already registered to this person */
      registeredTo: z.object({ personId: z.string(), name: z.string() }).nullable(),
    }),
  },
  /**
   * Registers a member's public key with the clerk: from the key file (path) or
   * the key as text (publicKey, base64), and the fingerprint the member read
   * aloud from their own screen, which must match. Replacing a person's key
   * needs a reason.
   */
  'offline.registerKey': {
    input: z
      .object({
        personId: z.string().min(1, { message: '请选择成员' }),
        path: z.string().trim().max(1000).optional(),
        publicKey: z.string().trim().max(100).optional(),
        fingerprint: fingerprintInput,
        reason: optionalText('更换公钥原因', 300),
      })
      .refine((v) => Boolean(v.path) !== Boolean(v.publicKey), { message: '请选择公钥文件（或粘贴公钥文本），二者选一', path: ['path'] }),
    output: registeredKeySchema,
  },
  'offline.registeredKeys': { input: z.object({}), output: z.array(registeredKeySchema) },

  // --- round package ---------------------------------------------------------
  /** clerk: writes the round package signed by the agency key */
  'offline.exportPackage': {
    input: byRound.extend({ outPath: filePath('保存位置'), passphrase: passphraseSchema }),
    output: z.object({
      path: z.string(),
      fileName: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      packageHash: z.string(),
      exportedAt: z.string(),
      applications: z.number().int(),
      members: z.number().int(),
      /** members with no registered key: they cannot sign a sheet from this package */
      membersWithoutKey: z.array(z.string()),
      agencyFingerprint: z.string(),
    }),
  },
  /** member laptop: what a package file holds, and whether it can be imported here */
  'offline.packagePreview': { input: z.object({ path: filePath('评分包文件') }), output: packagePreviewSchema },
  /**
   * member laptop: imports (or updates to a newer export of) a round package.
   * The first package of an agency needs `agencyFingerprint`, as read from the
   * clerk's screen; it is trusted from then on.
   */
  'offline.packageImport': {
    input: z.object({ path: filePath('评分包文件'), agencyFingerprint: z.string().trim().max(120).optional() }),
    output: packagePreviewSchema.extend({ result: z.enum(['imported', 'updated', 'unchanged']) }),
  },
  /** whether a round came from a package (read-only here) and its members and exports */
  'offline.packageInfo': { input: byRound, output: packageInfoSchema },
  /** member laptop: the allow-listed data and eligibility results of one applicant of a package round */
  'offline.packageApplication': { input: byRound.extend({ applicationId: z.string().min(1) }), output: packageApplicationViewSchema },

  // --- member laptop: sign in, signed sheet ----------------------------------
  /** sign in with the key passphrase instead of a PIN; the session works with every scoring.* method */
  'offline.signIn': { input: byRound.extend({ memberId: z.string().min(1, { message: '请选择评分成员' }), passphrase: passphraseSchema }), output: signInOutput },
  /** writes the member's signed score sheet (ltc-score-sheet/1): submitting offline */
  'offline.exportSheet': { input: actorSchema.extend({ passphrase: passphraseSchema, outPath: filePath('保存位置') }), output: sheetExportResultSchema },
  'offline.sheetExports': { input: actorSchema, output: z.array(sheetExportViewSchema) },

  // --- clerk: import and status ------------------------------------------------
  /** reads and checks a signed sheet, writes nothing (a refusal is recorded for the status board) */
  'offline.importPreview': { input: z.object({ path: filePath('评分表文件'), roundId: z.string().min(1).optional() }), output: importResultSchema },
  /**
   * checks again and merges in one transaction; `expectedSha256` (from the
   * preview) refuses a file changed since. A refused sheet throws with its reason.
   */
  'offline.importCommit': {
    input: z.object({ path: filePath('评分表文件'), roundId: z.string().min(1).optional(), expectedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
    output: importResultSchema,
  },
  /**
   * several files at once (e.g. every sheet on a USB stick): the accepted ones
   * are merged in ONE transaction, a member's sheets in sequence order; each
   * file gets its own result (refused ones write nothing and are recorded).
   */
  'offline.importCommitMany': {
    input: z.object({ paths: z.array(filePath('评分表文件')).min(1, { message: '请选择评分表文件' }).max(200, { message: '一次最多导入200个文件' }), roundId: z.string().min(1).optional() }),
    output: z.object({ results: z.array(importResultSchema) }),
  },
  'offline.status': { input: byRound, output: offlineStatusSchema },
} as const;
