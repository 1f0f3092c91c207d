import { z } from 'zod';

/**
 * The audit log (who, what, when, before and after), each entry chained to the
 * previous one by hash, and its verification for the audit screen.
 */

export const AUDIT_BREAK_KINDS = ['missing', 'unlinked', 'altered', 'truncated', 'head_mismatch', 'seal_mismatch'] as const;
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];

export const auditVerdictSchema = z.object({
  ok: z.boolean(),
  /** entries present in the log */
  entries: z.number().int(),
  /** the head kept beside the log (seq, hash and count of the last entry) */
  head: z.object({ seq: z.number().int(), hash: z.string(), count: z.number().int() }).nullable(),
  /** sealed meetings whose recorded audit head was checked against the chain */
  sealsChecked: z.number().int(),
  /** the first broken link, or null */
  broken: z
    .object({
      seq: z.number().int(),
      kind: z.enum(AUDIT_BREAK_KINDS),
      /** Chinese, for the screen */
      message: z.string(),
      /** English, for logs and the CLI */
      detail: z.string(),
    })
    .nullable(),
  /** Chinese one-line summary */
  summary: z.string(),
  checkedAt: z.string(),
});
export type AuditVerdictView = z.infer<typeof auditVerdictSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditContract = {
  'audit.verify': { input: z.object({}), output: auditVerdictSchema },
  /** Newest first. */
  'audit.list': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
      entity: z.string().min(1).max(50).optional(),
      entityId: z.string().min(1).max(100).optional(),
    }),
    output: z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
  },
} as const;
