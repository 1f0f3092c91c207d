import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/util/canonicalJson';
import type { Db } from './types';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function entryHash(prevHash: string, e: { at: string; actor: string; action: string; entity: string; entity_id: string; before_json: string | null; after_json: string | null }): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson([e.at, e.actor, e.action, e.entity, e.entity_id, e.before_json, e.after_json]))
    .digest('hex');
}

/**
 * Appends one entry chained to the previous one by hash. Call it inside the
 * same transaction as the change it records, so neither exists without the other.
 */
export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before_json: e.before === undefined ? null : canonicalJson(e.before),
    after_json: e.after === undefined ? null : canonicalJson(e.after),
  };
  await db.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) }).execute();
}

export type AuditBreakKind = 'missing' | 'unlinked' | 'altered' | 'truncated' | 'head_mismatch';

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAtSeq: number; reason: string; kind: AuditBreakKind };

/**
 * Walks the chain from the start; reports the first row whose link or content
 * does not match. Then compares the last entry with `audit_head` (seq, hash
 * and count, kept by a trigger in every audit insert's transaction, migration
 * 005): the chain alone cannot tell that its last entries were deleted.
 */
export async function verifyAudit(db: Db): Promise<AuditVerdict> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  const broken = (brokenAtSeq: number, kind: AuditBreakKind, reason: string): AuditVerdict => ({ ok: false, entries: rows.length, brokenAtSeq, reason, kind });
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return broken(expectedSeq, 'missing', `entry ${expectedSeq} is missing (deleted)`);
    if (r.prev_hash !== prev) return broken(r.seq, 'unlinked', `entry ${r.seq} does not link to the previous entry`);
    if (entryHash(prev, r) !== r.hash) return broken(r.seq, 'altered', `entry ${r.seq} was altered`);
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  const lastSeq = expectedSeq - 1;
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!head) return broken(lastSeq + 1, 'head_mismatch', 'the audit head row is missing');
  if (head.seq > lastSeq) {
    return broken(lastSeq + 1, 'truncated', `entries ${lastSeq + 1}–${head.seq} are missing at the end (the audit head records ${head.count} entries up to ${head.seq}; ${rows.length} remain)`);
  }
  if (head.seq !== lastSeq || head.hash !== prev || head.count !== rows.length) {
    return broken(head.seq || lastSeq, 'head_mismatch', `the audit head (entry ${head.seq}, ${head.count} entries) does not match the last entry ${lastSeq} (${rows.length} entries)`);
  }
  return { ok: true, entries: rows.length };
}
