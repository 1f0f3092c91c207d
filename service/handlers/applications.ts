import { randomUUID } from 'node:crypto';
import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator, today } from '../context';
import { findByUscc, getApplication, insertApplication, updateApplication } from '../../db/queries/applications';
import { getNotice } from '../../db/queries/formalCheck';
import { takeNextSeq, getRound } from '../../db/queries/rounds';
import { appendAudit } from '../../db/queries/audit';
import { loadProfile } from '../profiles';
import { applicationView } from '../views';
import { roundOverview } from '../roundOverview';
import { requireRound } from './rounds';
import { notFound, refuse } from '../errors';
import type { Db } from '../../db/queries/types';
import type { ApplicationData } from '../../shared/domain/application';
import { linkToEarlierDecision } from '../deliberation/consequences';

export async function requireApplication(db: Db, id: string) {
  const row = await getApplication(db, id);
  if (!row) notFound('申请', id);
  return row;
}

/** 申请编号: the round's code and a three-digit sequence, e.g. 2026-01-007. */
export function applicationNo(roundCode: string, seq: number): string {
  return `${roundCode}-${String(seq).padStart(3, '0')}`;
}

async function refuseDuplicateUscc(db: Db, roundId: string, uscc: string, selfId: string | null) {
  const dup = await findByUscc(db, roundId, uscc);
  if (dup && dup.id !== selfId) {
    refuse(
      'CONFLICT',
      `统一社会信用代码 ${uscc} 在本批次已有申请（${dup.application_no} ${dup.name}），同一机构在一个批次只能申请一次`,
      `duplicate USCC ${uscc} in round ${roundId}`,
      { 'data.uscc': `本批次已有该代码的申请：${dup.application_no}` },
    );
  }
}

async function view(ctx: ServiceContext, id: string) {
  const row = await requireApplication(ctx.db, id);
  const round = (await getRound(ctx.db, row.round_id))!;
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  return applicationView(row, profile, await getNotice(ctx.db, id), await loadCalendar(ctx.db), today(ctx));
}

function columns(data: ApplicationData) {
  return {
    name: data.name,
    uscc: data.uscc,
    institution_type: data.institutionType,
    received_on: data.receivedOn,
    data_json: JSON.stringify(data),
  };
}

export const applicationHandlers: HandlerSlice<'applications.list' | 'applications.get' | 'applications.create' | 'applications.update'> = {
  async 'applications.list'(ctx, { roundId }) {
    const row = await requireRound(ctx.db, roundId);
    return (await roundOverview(ctx.db, row, await loadCalendar(ctx.db), today(ctx))).applications;
  },

  async 'applications.get'(ctx, { applicationId }) {
    return view(ctx, applicationId);
  },

  async 'applications.create'(ctx, { roundId, data }) {
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      const round = await requireRound(trx, roundId);
      if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能再登记申请', `round ${roundId} is closed`);
      await refuseDuplicateUscc(trx, roundId, data.uscc, null);
      const seq = await takeNextSeq(trx, roundId);
      const now = nowIso(ctx);
      const row = {
        id,
        round_id: roundId,
        seq,
        application_no: applicationNo(round.code, seq),
        status: 'registered',
        ...columns(data),
        not_accepted_reason_id: null,
        not_accepted_note: null,
        created_at: now,
        updated_at: now,
      };
      await insertApplication(trx, row);
      await appendAudit(trx, { at: now, actor: await operator(trx), action: 'applications.create', entity: 'application', entityId: id, after: data });
      // 1-year bar after a failed re-review (000 第十四条), and the link to an earlier decision of the same institution
      await linkToEarlierDecision(ctx, trx, { applicationId: id, uscc: data.uscc, receivedOn: data.receivedOn });
    });
    return view(ctx, id);
  },

  async 'applications.update'(ctx, { applicationId, data }) {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await requireApplication(trx, applicationId);
      const round = await requireRound(trx, row.round_id);
      if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能再修改申请', `round ${round.id} is closed`);
      if (row.status === 'withdrawn' || row.status === 'not_accepted') {
        refuse('STATE', '该申请已办结（视作放弃或不予受理），不能再修改', `application ${applicationId} is final (${row.status})`);
      }
      await refuseDuplicateUscc(trx, row.round_id, data.uscc, applicationId);
      const now = nowIso(ctx);
      await updateApplication(trx, applicationId, { ...columns(data), updated_at: now });
      await appendAudit(trx, { at: now, actor: await operator(trx), action: 'applications.update', entity: 'application', entityId: applicationId, before: JSON.parse(row.data_json), after: data });
      if (data.uscc !== row.uscc || data.receivedOn !== row.received_on) await linkToEarlierDecision(ctx, trx, { applicationId, uscc: data.uscc, receivedOn: data.receivedOn });
    });
    return view(ctx, applicationId);
  },
};
