import { z } from 'zod';
import { EXPERTISE_FIELDS } from '../../shared/domain/enums';
import { CONFLICT_KINDS, PANEL_ROLES } from '../../shared/rules/panel';
import { packageApplicationDataSchema, packageEligibilitySchema } from '../../shared/offline/packageData';
import { PACKAGE_FORMAT, SHEET_FORMAT } from './files';

/**
 * The two signed file formats' bodies, version 1. Objects are `.strict()`:
 * a body with a key this version does not know is refused rather than
 * half-read (a later version gets a new format id).
 */

const id = z.string().min(1).max(64);
const when = z.string().min(10).max(40);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const shortText = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(1_000_000);

// ---------------------------------------------------------------------------
// Round package (ltc-round-package/1)

const basicCheckSchema = z
  .object({
    id,
    results: z.array(z.object({ indicatorId: shortText(80), passed: z.boolean(), note: shortText(500).nullable() }).strict()).max(200),
    recordedBy: shortText(100),
    recordedAt: when,
  })
  .strict();

export const packageApplicationSchema = z
  .object({
    id,
    seq: z.number().int().min(1),
    applicationNo: shortText(64),
    status: z.literal('accepted'),
    data: packageApplicationDataSchema,
    staffToBedRatio: shortText(40).nullable(),
    eligibility: packageEligibilitySchema,
    basicCheck: basicCheckSchema.nullable(),
  })
  .strict();
export type PackageApplication = z.infer<typeof packageApplicationSchema>;

export const packageMemberSchema = z
  .object({
    id,
    personId: id,
    name: shortText(50),
    role: z.enum(PANEL_ROLES),
    fields: z.array(z.enum(EXPERTISE_FIELDS)).min(1).max(6),
    addedAt: when,
    /** the public key registered with the clerk, null when none yet */
    keyFingerprint: shortText(39).nullable(),
  })
  .strict();
export type PackageMember = z.infer<typeof packageMemberSchema>;

export const packageBodySchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    /** the clerk's export counter for this round: a member laptop only takes a higher one */
    seq: z.number().int().min(1),
    exportedAt: when,
    agency: z.object({ name: shortText(100), publicKey: z.string().max(64), fingerprint: shortText(39) }).strict(),
    round: z
      .object({
        id,
        code: shortText(40),
        name: shortText(100),
        region: shortText(50),
        openedOn: date,
        status: z.enum(['open', 'closed']),
        quota: z.object({ institutional: count, home: count, community: count }).strict(),
        profileId: shortText(80),
        profileVersion: z.number().int().min(1),
        createdAt: when,
      })
      .strict(),
    /** the round's region profile version, exactly as stored (public policy data) */
    profile: z.object({ id: shortText(80), version: z.number().int().min(1), builtin: z.boolean(), json: z.string().max(2_000_000) }).strict(),
    rubric: z
      .object({
        id,
        version: z.number().int().min(1),
        definition: z.unknown(),
        reason: shortText(500).nullable(),
        createdAt: when,
        createdBy: shortText(100),
        frozenAt: when,
        frozenBy: shortText(100),
      })
      .strict(),
    scoringConfig: z
      .object({ trimEnabled: z.boolean(), trimMinCount: z.number().int(), deviationShare: z.number(), spreadShare: z.number(), updatedAt: when, updatedBy: shortText(100) })
      .strict()
      .nullable(),
    panel: z
      .object({
        members: z.array(packageMemberSchema).min(1).max(99),
        gapAcks: z.array(z.object({ field: z.enum(EXPERTISE_FIELDS), note: shortText(500), memberId: id, acknowledgedAt: when }).strict()).max(6),
      })
      .strict(),
    conflicts: z
      .array(
        z
          .object({
            id,
            memberId: id,
            applicationId: id,
            decision: z.enum(['conflicted', 'cleared']),
            kind: z.enum(CONFLICT_KINDS).nullable(),
            note: shortText(500).nullable(),
            source: z.enum(['declared', 'flag']),
            flagReason: shortText(1000).nullable(),
            decidedBy: shortText(100),
            decidedAt: when,
          })
          .strict(),
      )
      .max(100_000),
    applications: z.array(packageApplicationSchema).max(20_000),
  })
  .strict();
export type PackageBody = z.infer<typeof packageBodySchema>;

// ---------------------------------------------------------------------------
// Signed score sheet (ltc-score-sheet/1)

export const sheetScoreSchema = z
  .object({
    id,
    criterionId: shortText(60),
    points: z.number(),
    comment: shortText(500).optional(),
    supersedes: id.optional(),
    reason: shortText(500).optional(),
    enteredAt: when,
  })
  .strict();
export type SheetScore = z.infer<typeof sheetScoreSchema>;

export const sheetBodySchema = z
  .object({
    format: z.literal(SHEET_FORMAT),
    round: z.object({ id, code: shortText(40), name: shortText(100) }).strict(),
    rubric: z.object({ id, version: z.number().int().min(1) }).strict(),
    member: z.object({ id, personId: id, name: shortText(50) }).strict(),
    deviceId: id,
    /** monotonic per member per round on the laptop that wrote it */
    seq: z.number().int().min(1).max(1_000_000),
    createdAt: when,
    keyFingerprint: shortText(39),
    /** every score row of the member for this rubric version (the whole history of each criterion), per applicant */
    applications: z.array(z.object({ applicationId: id, scores: z.array(sheetScoreSchema).min(1).max(2_000) }).strict()).max(20_000),
    /** applicants left out because the member stepped aside (回避) on the laptop */
    steppedAside: z.array(id).max(20_000),
    counts: z.object({ applications: count, scores: count }).strict(),
  })
  .strict();
export type SheetBody = z.infer<typeof sheetBodySchema>;

/** Where a body failed its schema, in a few Chinese words plus the path (for the refusal message). */
export function schemaProblem(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return '内容有误';
  const where = i.path.map(String).join('.');
  return `${where || '正文'}：${i.code === 'unrecognized_keys' ? '含有未知字段' : i.code === 'invalid_type' ? '缺少或类型不符' : '取值不符合要求'}`;
}

// ---------------------------------------------------------------------------
// Reading a sheet's 30,000 scores

/** sheetBodySchema with each application's scores left to isSheetScore (same checks, by hand). */
const sheetBodyShellSchema = sheetBodySchema.extend({
  applications: z.array(z.object({ applicationId: id, scores: z.array(z.unknown()).min(1).max(2_000) }).strict()).max(20_000),
});

const SHEET_SCORE_KEYS = new Set(['id', 'criterionId', 'points', 'comment', 'supersedes', 'reason', 'enteredAt']);
const isText = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

/**
 * What sheetScoreSchema accepts, checked by hand: it never accepts what the
 * schema refuses (anything it does not recognise is false, and parseSheetBody
 * then asks the schema itself), at a fraction of the cost per score.
 */
export function isSheetScore(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  for (const k in o) if (!SHEET_SCORE_KEYS.has(k)) return false;
  return (
    isText(o.id, 1, 64) &&
    isText(o.criterionId, 0, 60) &&
    typeof o.points === 'number' &&
    Number.isFinite(o.points) &&
    (o.comment === undefined || isText(o.comment, 0, 500)) &&
    (o.supersedes === undefined || isText(o.supersedes, 1, 64)) &&
    (o.reason === undefined || isText(o.reason, 0, 500)) &&
    isText(o.enteredAt, 10, 40)
  );
}

/**
 * sheetBodySchema.safeParse, with the same result for every input: the body
 * around the scores by the schema, each score by isSheetScore, and the whole
 * schema whenever that finds anything wrong, so a refused sheet gets the
 * schema's own first problem in its message.
 */
export function parseSheetBody(input: unknown): { success: true; data: SheetBody } | { success: false; error: z.ZodError } {
  const shell = sheetBodyShellSchema.safeParse(input);
  if (shell.success && shell.data.applications.every((a) => a.scores.every(isSheetScore))) return { success: true, data: shell.data as SheetBody };
  const full = sheetBodySchema.safeParse(input);
  return full.success ? { success: true, data: full.data } : { success: false, error: full.error };
}
