import { randomUUID } from 'node:crypto';
import type { HandlerSlice } from './types';
import { loadCalendar, nowIso, operator, today } from '../context';
import { getRound, getRoundByCode, insertRound, listRounds, setRoundStatus } from '../../db/queries/rounds';
import { appendAudit } from '../../db/queries/audit';
import { loadProfile } from '../profiles';
import { roundOverview, roundView } from '../roundOverview';
import { notFound, refuse } from '../errors';
import type { Db } from '../../db/queries/types';

export async function requireRound(db: Db, id: string) {
  const row = await getRound(db, id);
  if (!row) notFound('审核批次', id);
  return row;
}

export const roundHandlers: HandlerSlice<'rounds.create' | 'rounds.list' | 'rounds.get' | 'rounds.close' | 'rounds.reopen'> = {
  async 'rounds.create'(ctx, input) {
    const profile = await loadProfile(ctx.db, input.profileId);
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      if (await getRoundByCode(trx, input.code)) {
        refuse('CONFLICT', `批次编号“${input.code}”已被使用，请换一个`, `round code ${input.code} already exists`, { code: '批次编号已被使用' });
      }
      const row = {
        id,
        code: input.code,
        name: input.name,
        region: input.region,
        profile_id: profile.id,
        profile_version: profile.version,
        quota_json: JSON.stringify(input.quota),
        opened_on: input.openedOn,
        status: 'open' as const,
        closed_at: null,
        note: input.note ?? null,
        next_seq: 1,
        created_at: nowIso(ctx),
      };
      await insertRound(trx, row);
      await appendAudit(trx, { at: row.created_at, actor: await operator(trx), action: 'rounds.create', entity: 'round', entityId: id, after: row });
    });
    return roundView((await getRound(ctx.db, id))!, profile);
  },

  async 'rounds.list'(ctx) {
    const cal = await loadCalendar(ctx.db);
    const rows = await listRounds(ctx.db);
    const out = [];
    for (const r of rows) out.push((await roundOverview(ctx.db, r, cal, today(ctx))).round);
    return out;
  },

  async 'rounds.get'(ctx, { roundId }) {
    const row = await requireRound(ctx.db, roundId);
    return (await roundOverview(ctx.db, row, await loadCalendar(ctx.db), today(ctx))).round;
  },

  async 'rounds.close'(ctx, { roundId }) {
    return setStatus(ctx, roundId, 'closed', null);
  },

  async 'rounds.reopen'(ctx, { roundId, reason }) {
    return setStatus(ctx, roundId, 'open', reason);
  },
};

async function setStatus(ctx: Parameters<HandlerSlice<'rounds.close'>['rounds.close']>[0], roundId: string, status: 'open' | 'closed', reason: string | null) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireRound(trx, roundId);
    if (row.status === status) {
      refuse('STATE', status === 'closed' ? '该批次已经关闭' : '该批次本来就是进行中', `round ${roundId} already ${status}`);
    }
    const closedAt = status === 'closed' ? nowIso(ctx) : null;
    await setRoundStatus(trx, roundId, status, closedAt);
    await appendAudit(trx, {
      at: nowIso(ctx),
      actor: await operator(trx),
      action: status === 'closed' ? 'rounds.close' : 'rounds.reopen',
      entity: 'round',
      entityId: roundId,
      before: { status: row.status },
      after: { status, reason },
    });
  });
  const row = await requireRound(ctx.db, roundId);
  return roundView(row, await loadProfile(ctx.db, row.profile_id, row.profile_version));
}
