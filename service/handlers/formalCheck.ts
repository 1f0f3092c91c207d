import { randomUUID } from 'node:crypto';
import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator, today } from '../context';
import { closeNotice, getNotice, insertNotice, listMaterialChecks, upsertMaterialCheck } from '../../db/queries/formalCheck';
import { updateApplication } from '../../db/queries/applications';
import { appendAudit } from '../../db/queries/audit';
import type { Db } from '../../db/queries/types';
import { loadProfile } from '../profiles';
import { applicationData, materialChecks, noticeView, pausedDays, reviewDeadline } from '../views';
import { requireApplication } from './applications';
import { requireRound } from './rounds';
import { refuse } from '../errors';
import { formatCitation } from '../../shared/profiles/schema';
import { formalActionBlocker, supplementLateness, type FormalAction, type FormalCheckFacts } from '../../shared/rules/formalCheck';
import type { ApplicationStatus } from '../../shared/domain/application';
import type { FormalCheck } from '../../shared/domain/formalCheck';

/** Everything about one application's 形式审查, read in the caller's transaction. */
async function load(ctx: ServiceContext, db: Db, applicationId: string) {
  const app = await requireApplication(db, applicationId);
  const round = await requireRound(db, app.round_id);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const cal = await loadCalendar(db);
  const data = applicationData(app);
  const materials = materialChecks(profile, data, await listMaterialChecks(db, applicationId));
  const noticeRow = await getNotice(db, applicationId);
  const notice = noticeRow ? noticeView(noticeRow, profile, cal) : null;
  const t = today(ctx);
  const facts: FormalCheckFacts = {
    roundOpen: round.status === 'open',
    status: app.status as ApplicationStatus,
    materialStates: materials.map((m) => m.state),
    notice: notice ? { outcome: notice.outcome, deadline: notice.deadline.date, provisional: notice.deadline.provisional } : null,
    today: t,
    withdrawnIfLate: profile.supplement.withdrawnIfLate,
  };
  const paused = pausedDays(noticeRow, t);
  const view: FormalCheck = {
    applicationId,
    status: facts.status,
    materials,
    notice,
    reviewDeadline: reviewDeadline(profile, data.receivedOn, paused, cal),
    pausedDays: paused,
    notAcceptedReasons: profile.notAcceptedReasons.map((r) => ({ id: r.id, title: r.title, citation: formatCitation(r.source) })),
    supplementRule: {
      workingDays: profile.supplement.workingDays,
      withdrawnIfLate: profile.supplement.withdrawnIfLate,
      citation: formatCitation(profile.supplement.source),
      note: profile.supplement.note ?? null,
    },
    can: {
      issueNotice: !formalActionBlocker('issueNotice', facts),
      recordSupplement: !formalActionBlocker('recordSupplement', facts),
      markWithdrawn: !formalActionBlocker('markWithdrawn', facts),
      pass: !formalActionBlocker('pass', facts),
      notAccept: !formalActionBlocker('notAccept', facts),
    },
    blockers: Object.fromEntries(
      (['markMaterial', 'issueNotice', 'recordSupplement', 'markWithdrawn', 'pass', 'notAccept'] as const)
        .map((a) => [a, formalActionBlocker(a, facts)] as const)
        .filter((e): e is [FormalAction, string] => e[1] !== null),
    ),
  };
  return { app, profile, view, facts, noticeRow };
}

function ensureAllowed(action: FormalAction, facts: FormalCheckFacts, applicationId: string) {
  const why = formalActionBlocker(action, facts);
  if (why) refuse('STATE', why, `formalCheck.${action} refused for application ${applicationId} (status ${facts.status})`);
}

/** Runs one formal-check action in a transaction with its audit entry, and returns the fresh view. */
async function act(
  ctx: ServiceContext,
  applicationId: string,
  action: FormalAction,
  body: (trx: Db, l: Awaited<ReturnType<typeof load>>, now: string) => Promise<unknown>,
): Promise<FormalCheck> {
  await ctx.db.transaction().execute(async (trx) => {
    const l = await load(ctx, trx, applicationId);
    ensureAllowed(action, l.facts, applicationId);
    const now = nowIso(ctx);
    const after = await body(trx, l, now);
    await appendAudit(trx, { at: now, actor: await operator(trx), action: `formalCheck.${action}`, entity: 'application', entityId: applicationId, before: { status: l.app.status }, after });
  });
  return (await load(ctx, ctx.db, applicationId)).view;
}

/** The profile's period wins; where the text sets none, the clerk must state one on the notice. */
function noticePeriod(profileDays: number | null, stated: number | undefined): number {
  if (profileDays !== null) {
    if (stated !== undefined && stated !== profileDays) {
      refuse('VALIDATION', `本地区政策规定补正期限为${profileDays}个工作日，不能另行设定`, `stated period ${stated} differs from profile ${profileDays}`, { workingDays: `应为${profileDays}个工作日` });
    }
    return profileDays;
  }
  if (stated === undefined) {
    refuse('VALIDATION', '本地区政策未规定补正期限，请填写本次补正通知给予的期限（工作日）', 'notice without period under a profile that sets none', { workingDays: '请填写补正期限' });
  }
  return stated;
}

export const formalCheckHandlers: HandlerSlice<
  | 'formalCheck.get'
  | 'formalCheck.markMaterial'
  | 'formalCheck.issueNotice'
  | 'formalCheck.recordSupplement'
  | 'formalCheck.markWithdrawn'
  | 'formalCheck.pass'
  | 'formalCheck.notAccept'
> = {
  async 'formalCheck.get'(ctx, { applicationId }) {
    return (await load(ctx, ctx.db, applicationId)).view;
  },

  async 'formalCheck.markMaterial'(ctx, { applicationId, materialId, state, note }) {
    return act(ctx, applicationId, 'markMaterial', async (trx, l, now) => {
      if (!l.view.materials.some((m) => m.materialId === materialId)) {
        refuse('VALIDATION', '该材料不在本申请的材料清单中', `material ${materialId} does not apply to application ${applicationId}`);
      }
      await upsertMaterialCheck(trx, { application_id: applicationId, material_id: materialId, state, note: note ?? null, updated_at: now });
      return { materialId, state, note };
    });
  },

  async 'formalCheck.issueNotice'(ctx, { applicationId, issuedOn, workingDays: stated }) {
    return act(ctx, applicationId, 'issueNotice', async (trx, l, now) => {
      if (issuedOn < applicationData(l.app).receivedOn) {
        refuse('VALIDATION', '补正通知日期不能早于受理日期', `notice date ${issuedOn} before received date`, { issuedOn: '不能早于受理日期' });
      }
      const workingDays = noticePeriod(l.profile.supplement.workingDays, stated);
      const missing = l.view.materials.filter((m) => m.state === 'missing').map((m) => ({ materialId: m.materialId, title: m.title }));
      await insertNotice(trx, {
        id: randomUUID(),
        application_id: applicationId,
        issued_on: issuedOn,
        working_days: workingDays,
        missing_json: JSON.stringify(missing),
        fulfilled_on: null,
        outcome: 'open',
        created_at: now,
      });
      await updateApplication(trx, applicationId, { status: 'supplement_requested', updated_at: now });
      return { issuedOn, workingDays, missing };
    });
  },

  async 'formalCheck.recordSupplement'(ctx, { applicationId, receivedOn }) {
    return act(ctx, applicationId, 'recordSupplement', async (trx, l, now) => {
      const notice = l.view.notice!;
      if (receivedOn < notice.issuedOn) {
        refuse('VALIDATION', '补正材料收到日期不能早于补正通知日期', `supplement ${receivedOn} before notice ${notice.issuedOn}`, { receivedOn: '不能早于补正通知日期' });
      }
      if (receivedOn > today(ctx)) {
        refuse('VALIDATION', '补正材料收到日期不能晚于今天', `supplement date ${receivedOn} in the future`, { receivedOn: '不能晚于今天' });
      }
      const late = supplementLateness(receivedOn, notice.deadline.date, notice.deadline.provisional, l.profile.supplement.withdrawnIfLate);
      if (late) refuse('STATE', late, `supplement for ${applicationId} received ${receivedOn} after deadline ${notice.deadline.date}`);
      for (const item of notice.missingItems) {
        await upsertMaterialCheck(trx, { application_id: applicationId, material_id: item.materialId, state: 'received', note: `补正收到（${receivedOn}）`, updated_at: now });
      }
      await closeNotice(trx, notice.id, 'fulfilled', receivedOn);
      await updateApplication(trx, applicationId, { status: 'registered', updated_at: now });
      return { receivedOn };
    });
  },

  async 'formalCheck.markWithdrawn'(ctx, { applicationId }) {
    return act(ctx, applicationId, 'markWithdrawn', async (trx, l, now) => {
      await closeNotice(trx, l.view.notice!.id, 'expired', null);
      await updateApplication(trx, applicationId, { status: 'withdrawn', updated_at: now });
      return { status: 'withdrawn', deadline: l.view.notice!.deadline.date };
    });
  },

  async 'formalCheck.pass'(ctx, { applicationId }) {
    return act(ctx, applicationId, 'pass', async (trx, _l, now) => {
      await updateApplication(trx, applicationId, { status: 'accepted', updated_at: now });
      return { status: 'accepted' };
    });
  },

  async 'formalCheck.notAccept'(ctx, { applicationId, reasonId, note }) {
    return act(ctx, applicationId, 'notAccept', async (trx, l, now) => {
      if (!l.profile.notAcceptedReasons.some((r) => r.id === reasonId)) {
        refuse('VALIDATION', '请从本地区政策列出的不予受理情形中选择理由', `unknown not-accepted reason ${reasonId}`, { reasonId: '理由不在列表中' });
      }
      if (l.noticeRow?.outcome === 'open') await closeNotice(trx, l.noticeRow.id, 'expired', null);
      await updateApplication(trx, applicationId, { status: 'not_accepted', not_accepted_reason_id: reasonId, not_accepted_note: note ?? null, updated_at: now });
      return { status: 'not_accepted', reasonId, note };
    });
  },
};
