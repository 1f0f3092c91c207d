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

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAtSeq: number; reason: string };

/** Walks the chain from the start; reports the first row whose link or content does not match. */
export async function verifyAudit(db: Db): Promise<AuditVerdict> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  let expectedSeq = rows[0]?.seq ?? 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return { ok: false, entries: rows.length, brokenAtSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (deleted)` };
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, brokenAtSeq: r.seq, reason: `entry ${r.seq} does not link to the previous entry` };
    if (entryHash(prev, r) !== r.hash) return { ok: false, entries: rows.length, brokenAtSeq: r.seq, reason: `entry ${r.seq} was altered` };
    prev = r.hash;
    expectedSeq = r.seq + 1;
  }
  return { ok: true, entries: rows.length };
}
