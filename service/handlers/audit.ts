import { createHash } from 'node:crypto';
import type { HandlerSlice } from './types';
import { nowIso } from '../context';
import type { Db } from '../../db/queries/types';
import { verifyAudit, type AuditVerdict } from '../../db/queries/audit';
import { getAuditHead, listSeals } from '../../db/queries/deliberation';
import type { AuditBreakKind, AuditVerdictView } from '../../shared/contract/slices/audit';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { redactUndisclosedVotes } from '../deliberation/secrecy';

/**
 * The audit log's verification, in three layers:
 * 1. the hash chain, entry by entry (an edited or deleted row breaks it);
 * 2. the audit head (seq, hash, count of the last entry, kept by a trigger in
 *    the same transaction as every insert): deleting the LAST entries leaves a
 *    perfect chain, but not the head;
 * 3. every sealed meeting recorded the head when it was sealed, and its minutes
 *    hash: the entry at that seq must still carry that hash, and the stored
 *    minutes must still hash to it. The minutes hash and head go on the printed
 *    minutes, so a log rolled back together with its head still disagrees
 *    with paper.
 */

function zh(kind: AuditBreakKind, seq: number, v: { entries: number }, head: { seq: number; count: number } | undefined): string {
  switch (kind) {
    case 'missing':
      return `第${seq}条审计记录缺失（已被删除）`;
    case 'unlinked':
      return `第${seq}条审计记录与上一条记录的哈希链接不符（上一条记录被改动或删除）`;
    case 'altered':
      return `第${seq}条审计记录的内容被改动`;
    case 'truncated':
      return `审计日志末尾的记录被删除：应有${head?.count ?? '?'}条（至第${head?.seq ?? '?'}条），现仅${v.entries}条，第${seq}条起缺失`;
    case 'head_mismatch':
      return `审计日志头记录与最后一条审计记录（第${seq}条）不符，日志或头记录被改动`;
    case 'seal_mismatch':
      return `第${seq}条审计记录与集体评议封存时记录的不符`;
  }
}

export async function verifyAll(db: Db, checkedAt: string): Promise<AuditVerdictView> {
  const v: AuditVerdict = await verifyAudit(db);
  const head = await getAuditHead(db);
  let broken: AuditVerdictView['broken'] = v.ok ? null : { seq: v.brokenAtSeq, kind: v.kind, message: zh(v.kind, v.brokenAtSeq, v, head), detail: v.reason };
  const seals = await listSeals(db);
  let sealsChecked = 0;
  if (!broken) {
    for (const s of seals) {
      sealsChecked++;
      if (createHash('sha256').update(canonical(s.minutes_json)).digest('hex') !== s.minutes_hash) {
        broken = { seq: s.audit_seq, kind: 'seal_mismatch', message: '已封存的会议纪要内容被改动（与封存时的哈希不符）', detail: `sealed minutes of meeting ${s.meeting_id} no longer hash to ${s.minutes_hash}` };
        break;
      }
      if (s.audit_seq === 0) continue;
      const row = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', s.audit_seq).executeTakeFirst();
      if (!row || row.hash !== s.audit_hash) {
        broken = {
          seq: s.audit_seq,
          kind: 'seal_mismatch',
          message: `${zh('seal_mismatch', s.audit_seq, v, head)}（会议纪要封存时审计日志至第${s.audit_seq}条）`,
          detail: `meeting ${s.meeting_id} was sealed at audit entry ${s.audit_seq} (${s.audit_hash.slice(0, 12)}…), which ${row ? 'now has another hash' : 'is missing'}`,
        };
        break;
      }
    }
  }
  const entries = v.entries;
  return {
    ok: broken === null,
    entries,
    head: head ? { seq: head.seq, hash: head.hash, count: head.count } : null,
    sealsChecked,
    broken,
    summary: broken ? `审计日志不完整：${broken.message}` : `审计日志完整：共${entries}条记录，哈希链逐条核对无误${seals.length ? `，${seals.length}次封存的会议纪要与日志一致` : ''}`,
    checkedAt,
  };
}

/** Sealed minutes are stored as canonical JSON; re-canonicalised so formatting alone never counts as a change. */
function canonical(json: string): string {
  try {
    return canonicalJson(JSON.parse(json));
  } catch {
    return json;
  }
}

function parse(x: string | null): unknown {
  if (x === null) return null;
  try {
    return JSON.parse(x);
  } catch {
    return x;
  }
}

export const auditHandlers: HandlerSlice<'audit.verify' | 'audit.list'> = {
  async 'audit.verify'(ctx) {
    return verifyAll(ctx.db, nowIso(ctx));
  },

  async 'audit.list'(ctx, { limit, offset, entity, entityId }) {
    let q = ctx.db.selectFrom('audit_log');
    if (entity) q = q.where('entity', '=', entity);
    if (entityId) q = q.where('entity_id', '=', entityId);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
    return {
      total,
      // 表决保密: votes of a ballot still being voted on are listed without their choice (service/deliberation/secrecy.ts)
      entries: await redactUndisclosedVotes(
        ctx.db,
        rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: parse(r.before_json), after: parse(r.after_json), prevHash: r.prev_hash, hash: r.hash })),
      ),
    };
  },
};
