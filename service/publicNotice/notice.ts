/**
 * 公示 (000 第十四条, 第十七条): creating a notice of the round's 合格
 * institutions, logging objections (异议) during it, and fixing the final list.
 *
 * The end of the period is computed on read from the start and the working
 * days (a holiday year entered later moves it; an unpublished year makes it
 * 待定). Finalising needs the period over (today after the end), the end not
 * provisional, and no objection open (received or under review) — an open
 * objection holds its institution. An upheld objection takes the institution
 * off the final list. The agreement window of each listed institution (3
 * months after the 公示 ends) follows from the final end date, through the
 * deliberation feature's agreementOf.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator, today } from '../context';
import { notFound, refuse } from '../errors';
import { loadProfile } from '../profiles';
import { applicationData } from '../views';
import { requireRound } from '../handlers/rounds';
import { agreementOf, finalDecisions } from '../deliberation/consequences';
import { appendAudit } from '../../db/queries/audit';
import { getApplication, listApplications } from '../../db/queries/applications';
import { getDocument } from '../../db/queries/documents';
import {
  applicationsOnNotices,
  getNotice,
  getObjection,
  insertNotice,
  insertObjection,
  insertObjectionEvent,
  latestNoticeDocumentId,
  linkNoticeDocument,
  listEntries,
  listNoticesOfRound,
  listObjectionEvents,
  listObjections,
  setFinal,
  type NoticeRow,
  type ObjectionState,
} from '../../db/queries/publicNotice';
import type { Db } from '../../db/queries/types';
import { formatCitation, type RegionProfile } from '../../shared/profiles/schema';
import type { WorkingDayCalendar } from '../../shared/calendar/workingDays';
import { formatDateZh } from '../../shared/util/dates';
import { addDays } from '../../shared/rules/eligibility/helpers';
import {
  ENTRY_STATE_LABEL,
  OBJECTION_CHANNEL_LABEL,
  OBJECTION_STATE_LABEL,
  type Candidate,
  type NoticeView,
  type OBJECTION_CHANNELS,
} from '../../shared/contract/slices/publicNotice';
import { issue, loadSettings } from '../documents/issue';
import { loadResultSettings, preparePublicNotice, preparePublicNoticeFrom } from '../documents/results';
import { refuseWhileBatchRunning } from '../documents/batch/jobs';

type Period = NoticeView['period'];
const OPEN_STATES: readonly ObjectionState[] = ['received', 'under_review'];

// ---------------------------------------------------------------------------
// The period

function dayKind(cal: WorkingDayCalendar, d: string): Period['days'][number]['kind'] {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (cal.isWorkingDay(d)) return weekend ? 'makeup' : 'working';
  // a Saturday inside the National Day break is part of the holiday, not an ordinary weekend
  return cal.isHoliday(d) || !weekend ? 'holiday' : 'weekend';
}

export function periodOf(cal: WorkingDayCalendar, profile: RegionProfile, startOn: string, workingDays: number): Period {
  const end = cal.addWorkingDays(startOn, workingDays);
  const days: Period['days'] = [];
  for (let d = addDays(startOn, 1); d <= end.date; d = addDays(d, 1)) days.push({ date: d, kind: dayKind(cal, d) });
  return {
    startOn,
    workingDays,
    minWorkingDays: profile.publicNotice.minWorkingDays,
    citation: formatCitation(profile.publicNotice.source),
    end,
    days,
  };
}

function refuseShortPeriod(profile: RegionProfile, workingDays: number): void {
  const min = profile.publicNotice.minWorkingDays;
  if (workingDays < min) {
    refuse('VALIDATION', `公示期不得少于${min}个工作日（${formatCitation(profile.publicNotice.source)}）`, `notice of ${workingDays} < ${min} working days`, { workingDays: `不得少于${min}个工作日` });
  }
}

// ---------------------------------------------------------------------------
// Candidates: sealed 合格 decisions not on a notice yet

export async function candidatesOf(db: Db, roundId: string): Promise<Candidate[]> {
  const apps = (await listApplications(db, roundId)).filter((a) => a.status === 'accepted');
  const finals = await finalDecisions(db, apps.map((a) => a.id));
  const noticed = await applicationsOnNotices(db, roundId);
  return apps
    .filter((a) => finals.get(a.id)?.outcome === 'pass' && !noticed.has(a.id))
    .sort((x, y) => (x.application_no < y.application_no ? -1 : 1))
    .map((a) => {
      const data = applicationData(a);
      const f = finals.get(a.id)!;
      return { applicationId: a.id, applicationNo: a.application_no, name: data.name, address: data.address, serviceTypes: data.serviceTypes, uscc: data.uscc, decisionId: f.id, decidedOn: f.held_on };
    });
}

function createProblems(candidates: Candidate[], startOn: string, settingsMissing: boolean): string[] {
  const out: string[] = [];
  if (candidates.length === 0) out.push('没有待公示的合格机构：本批次尚无已封存的合格审核结论，或均已列入公示');
  const latest = candidates.reduce((m, c) => (c.decidedOn > m ? c.decidedOn : m), '');
  if (latest && startOn < latest) out.push(`公示发布日期不能早于集体评议日期（${formatDateZh(latest)}）`);
  if (settingsMissing) out.push('请先在文书设置中填写公示的异议受理地址和联系电话');
  return out;
}

export async function previewNotice(ctx: ServiceContext, roundId: string, startOn: string, workingDays?: number) {
  const round = await requireRound(ctx.db, roundId);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const days = workingDays ?? profile.publicNotice.minWorkingDays;
  const cal = await loadCalendar(ctx.db);
  const candidates = await candidatesOf(ctx.db, roundId);
  const rs = await loadResultSettings(ctx.db);
  const problems = createProblems(candidates, startOn, !rs.objectionAddress || !rs.objectionPhone);
  if (days < profile.publicNotice.minWorkingDays) problems.unshift(`公示期不得少于${profile.publicNotice.minWorkingDays}个工作日（${formatCitation(profile.publicNotice.source)}）`);
  const period = periodOf(cal, profile, startOn, days);
  if (period.end.provisional) problems.push(`公示期跨入节假日安排尚未公布的年份，结束日期${formatDateZh(period.end.date)}为待定，须在该年安排公布并录入后才能确定最终名单`);
  return { period, candidates, problems };
}

// ---------------------------------------------------------------------------
// The view

export async function noticeView(ctx: ServiceContext, db: Db, n: NoticeRow): Promise<NoticeView> {
  const round = await requireRound(db, n.round_id);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const cal = await loadCalendar(db);
  const period = periodOf(cal, profile, n.start_on, n.working_days);
  const entries = await listEntries(db, n.id);
  const objections = await listObjections(db, n.id);
  const events = await listObjectionEvents(db, n.id);
  const names = new Map<string, string>();
  const entryViews: NoticeView['entries'] = [];
  const finals = await finalDecisions(db, entries.map((e) => e.application_id));
  const objectionViews: NoticeView['objections'] = objections.map((o) => {
    const history = events.filter((e) => e.objection_id === o.id).map((e) => ({ state: e.state, stateLabel: OBJECTION_STATE_LABEL[e.state], note: e.note, at: e.at, by: e.by }));
    const last = history[history.length - 1]!;
    return {
      objectionId: o.id,
      applicationId: o.application_id,
      institution: '',
      receivedOn: o.received_on,
      channel: o.channel as (typeof OBJECTION_CHANNELS)[number],
      channelLabel: OBJECTION_CHANNEL_LABEL[o.channel as (typeof OBJECTION_CHANNELS)[number]] ?? o.channel,
      objector: o.objector,
      contact: o.contact,
      content: o.content,
      state: last.state,
      stateLabel: last.stateLabel,
      note: last.note,
      history,
      recordedAt: o.recorded_at,
      recordedBy: o.recorded_by,
    };
  });
  for (const e of entries) {
    const app = (await getApplication(db, e.application_id))!;
    const data = applicationData(app);
    names.set(app.id, data.name);
    const mine = objectionViews.filter((o) => o.applicationId === app.id);
    const open = mine.filter((o) => OPEN_STATES.includes(o.state)).length;
    const state = open > 0 ? 'held' : mine.some((o) => o.state === 'upheld') ? 'removed' : 'listed';
    entryViews.push({
      applicationId: app.id,
      applicationNo: app.application_no,
      name: data.name,
      address: data.address,
      serviceTypes: data.serviceTypes,
      uscc: data.uscc,
      decisionId: e.decision_id,
      decidedOn: finals.get(app.id)?.held_on ?? '',
      position: e.position,
      state,
      stateLabel: n.finalised_at && state === 'listed' ? '列入最终名单' : ENTRY_STATE_LABEL[state],
      objections: mine.length,
      openObjections: open,
    });
  }
  for (const o of objectionViews) o.institution = names.get(o.applicationId) ?? '';
  const problems = n.finalised_at ? [] : finaliseProblems(period, entryViews, today(ctx));
  const status: NoticeView['status'] = n.finalised_at ? 'finalised' : today(ctx) <= period.end.date ? 'open' : 'ended';
  let final: NoticeView['final'] = null;
  if (n.finalised_at) {
    const list = JSON.parse(n.final_list_json ?? '[]') as { applicationId: string; name: string; uscc: string }[];
    const removed = entryViews
      .filter((e) => !list.some((x) => x.applicationId === e.applicationId))
      .map((e) => {
        const upheld = objectionViews.filter((o) => o.applicationId === e.applicationId && o.state === 'upheld');
        return { applicationId: e.applicationId, name: e.name, reason: upheld.map((o) => o.note ?? '异议成立').join('；') || '异议成立' };
      });
    final = {
      finalisedAt: n.finalised_at,
      finalisedBy: n.finalised_by ?? '',
      endOn: n.final_end_on ?? period.end.date,
      listed: list.map((x) => ({ ...x, agreement: agreementOf(profile, n.final_end_on ?? period.end.date, cal) })),
      removed,
    };
  }
  const docId = await latestNoticeDocumentId(db, n.id);
  const doc = docId ? await getDocument(db, docId) : undefined;
  return {
    noticeId: n.id,
    roundId: round.id,
    roundCode: round.code,
    roundName: round.name,
    seq: n.seq,
    period,
    status,
    statusLabel: status === 'finalised' ? '已确定最终名单' : status === 'open' ? `公示中（至${formatDateZh(period.end.date)}${period.end.provisional ? '，待定' : ''}）` : '公示期已结束，待确定最终名单',
    objectionAddress: n.objection_address,
    objectionPhone: n.objection_phone,
    entries: entryViews,
    objections: objectionViews,
    canFinalise: !n.finalised_at && problems.length === 0,
    finaliseProblems: problems,
    final,
    document: doc ? { documentId: doc.id, path: doc.path, signed: doc.signed === 1, sha256: doc.sha256 } : null,
    createdAt: n.created_at,
    createdBy: n.created_by,
  };
}

/** Why the final list cannot be fixed today (empty when it can). */
function finaliseProblems(period: Period, entries: NoticeView['entries'], todayIso: string): string[] {
  const out: string[] = [];
  const end = period.end.date;
  if (period.end.provisional) {
    out.push(`公示期所在年份的节假日安排尚未公布，结束日期${formatDateZh(end)}为待定，须录入该年节假日安排后才能确定最终名单`);
  } else if (todayIso <= end) {
    out.push(`公示期至${formatDateZh(end)}结束，公示期满后（${formatDateZh(addDays(end, 1))}起）方可确定最终名单`);
  }
  const held = entries.filter((e) => e.state === 'held');
  if (held.length > 0) out.push(`${held.map((e) => `“${e.name}”`).join('、')}有尚未处理完毕的异议（暂缓），异议处理完毕后方可确定最终名单`);
  return out;
}

async function requireNotice(db: Db, noticeId: string): Promise<NoticeRow> {
  const n = await getNotice(db, noticeId);
  if (!n) notFound('公示', noticeId);
  return n;
}

function refuseFinalised(n: NoticeRow, what: string): void {
  if (n.finalised_at) refuse('STATE', `第${n.seq}次公示已于${formatDateZh(n.finalised_at.slice(0, 10))}确定最终名单，不能再${what}`, `notice ${n.id} finalised`);
}

// ---------------------------------------------------------------------------
// Operations

export async function getNoticeView(ctx: ServiceContext, noticeId: string): Promise<NoticeView> {
  return noticeView(ctx, ctx.db, await requireNotice(ctx.db, noticeId));
}

export async function listNotices(ctx: ServiceContext, roundId: string) {
  const round = await requireRound(ctx.db, roundId);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const rs = await loadResultSettings(ctx.db);
  const notices = [];
  for (const n of await listNoticesOfRound(ctx.db, roundId)) notices.push(await noticeView(ctx, ctx.db, n));
  return {
    roundId,
    minWorkingDays: profile.publicNotice.minWorkingDays,
    citation: formatCitation(profile.publicNotice.source),
    candidates: await candidatesOf(ctx.db, roundId),
    notices,
    settingsMissing: !rs.objectionAddress || !rs.objectionPhone,
  };
}

/**
 * Creates a notice and issues its PDF in one step: the PDF is made first (a
 * missing character refuses everything), then the notice, its institutions,
 * the register entry and the audit entries are written in one transaction.
 */
export async function createNotice(ctx: ServiceContext, roundId: string, startOn: string, workingDays?: number): Promise<NoticeView> {
  const round = await requireRound(ctx.db, roundId);
  refuseWhileBatchRunning(ctx, roundId);
  if (round.status !== 'open') refuse('STATE', '本批次已关闭，不能再公示', `round ${roundId} closed`);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const days = workingDays ?? profile.publicNotice.minWorkingDays;
  refuseShortPeriod(profile, days);
  const candidates = await candidatesOf(ctx.db, roundId);
  const rs = await loadResultSettings(ctx.db);
  const problems = createProblems(candidates, startOn, !rs.objectionAddress || !rs.objectionPhone);
  if (problems.length > 0) refuse('STATE', problems[0]!, `notice for ${roundId} refused: ${problems.join('; ')}`);
  const seq = (await listNoticesOfRound(ctx.db, roundId)).length + 1;
  const noticeId = randomUUID();
  const data = { seq, startOn, workingDays: days, objectionAddress: rs.objectionAddress, objectionPhone: rs.objectionPhone, applicationIds: candidates.map((c) => c.applicationId) };
  const settings = await loadSettings(ctx.db);
  const p = await preparePublicNoticeFrom(ctx, ctx.db, roundId, settings, data);
  const cal = await loadCalendar(ctx.db);
  const end = cal.addWorkingDays(startOn, days);
  await issue(
    ctx,
    {
      kind: p.kind,
      template: p.template,
      fileLabel: p.fileLabel,
      roundCode: p.roundCode,
      applicationId: null,
      roundId,
      docNumber: null,
      onRegistered: async (trx, documentId) => {
        const at = nowIso(ctx);
        const by = await operator(trx);
        await insertNotice(
          trx,
          { id: noticeId, round_id: roundId, seq, start_on: startOn, working_days: days, objection_address: rs.objectionAddress, objection_phone: rs.objectionPhone, created_at: at, created_by: by },
          candidates.map((c, i) => ({ notice_id: noticeId, application_id: c.applicationId, decision_id: c.decisionId, position: i + 1 })),
        );
        await linkNoticeDocument(trx, noticeId, documentId);
        await appendAudit(trx, {
          at,
          actor: by,
          action: 'publicNotice.create',
          entity: 'round',
          entityId: roundId,
          after: { noticeId, seq, startOn, workingDays: days, endOn: end.date, provisional: end.provisional, institutions: candidates.map((c) => ({ applicationId: c.applicationId, name: c.name })), documentId },
        });
      },
    },
    () => ({ ...p.context, values: p.values }),
  );
  return getNoticeView(ctx, noticeId);
}

/** documents.publicNotice: the notice's PDF again (e.g. after the seal or certificate changed). */
export async function reissueNoticeDocument(ctx: ServiceContext, noticeId: string) {
  const n = await requireNotice(ctx.db, noticeId);
  refuseWhileBatchRunning(ctx, n.round_id);
  const p = await preparePublicNotice(ctx, ctx.db, noticeId, await loadSettings(ctx.db));
  return issue(
    ctx,
    { kind: p.kind, template: p.template, fileLabel: p.fileLabel, roundCode: p.roundCode, applicationId: null, roundId: p.roundId, docNumber: null, onRegistered: (trx, documentId) => linkNoticeDocument(trx, noticeId, documentId) },
    () => ({ ...p.context, values: p.values }),
  );
}

export async function addObjection(
  ctx: ServiceContext,
  input: { noticeId: string; applicationId: string; receivedOn: string; channel: string; objector: string; contact?: string | undefined; content: string },
): Promise<NoticeView> {
  await ctx.db.transaction().execute(async (trx) => {
    const n = await requireNotice(trx, input.noticeId);
    refuseFinalised(n, '登记异议');
    const entries = await listEntries(trx, n.id);
    const app = await getApplication(trx, input.applicationId);
    if (!app) notFound('申请', input.applicationId);
    if (!entries.some((e) => e.application_id === app.id)) refuse('VALIDATION', `“${app.name}”不在第${n.seq}次公示名单上`, `application ${app.id} not on notice ${n.id}`, { applicationId: '该机构不在本次公示名单上' });
    const round = await requireRound(trx, n.round_id);
    const profile = await loadProfile(trx, round.profile_id, round.profile_version);
    const end = (await loadCalendar(trx)).addWorkingDays(n.start_on, n.working_days);
    if (input.receivedOn < n.start_on) refuse('VALIDATION', `收到日期早于公示发布日期（${formatDateZh(n.start_on)}）`, 'objection before the notice', { receivedOn: '早于公示发布日期' });
    if (input.receivedOn > end.date) {
      refuse('VALIDATION', `收到日期晚于公示期最后一日（${formatDateZh(end.date)}），不属于公示期间的异议（${formatCitation(profile.publicNotice.source)}）`, 'objection after the notice', { receivedOn: '晚于公示期' });
    }
    if (input.receivedOn > today(ctx)) refuse('VALIDATION', '收到日期不能晚于今天', 'objection in the future', { receivedOn: '晚于今天' });
    const id = randomUUID();
    const at = nowIso(ctx);
    const by = await operator(trx);
    await insertObjection(trx, { id, notice_id: n.id, application_id: app.id, received_on: input.receivedOn, channel: input.channel, objector: input.objector, contact: input.contact ?? null, content: input.content, recorded_at: at, recorded_by: by });
    await insertObjectionEvent(trx, { objection_id: id, state: 'received', note: null, at, by });
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'publicNotice.addObjection',
      entity: 'application',
      entityId: app.id,
      after: { objectionId: id, noticeId: n.id, receivedOn: input.receivedOn, channel: input.channel, objector: input.objector, contact: input.contact ?? null, content: input.content },
    });
  });
  return getNoticeView(ctx, input.noticeId);
}

export async function setObjectionState(ctx: ServiceContext, input: { objectionId: string; state: 'under_review' | 'upheld' | 'dismissed'; note?: string | undefined }): Promise<NoticeView> {
  const o = await getObjection(ctx.db, input.objectionId);
  if (!o) notFound('异议', input.objectionId);
  await ctx.db.transaction().execute(async (trx) => {
    const n = await requireNotice(trx, o.notice_id);
    refuseFinalised(n, '处理异议');
    const events = (await listObjectionEvents(trx, n.id)).filter((e) => e.objection_id === o.id);
    const current = events[events.length - 1]!;
    if (current.state === input.state && (current.note ?? null) === (input.note ?? null)) {
      refuse('STATE', `该异议已是“${OBJECTION_STATE_LABEL[input.state]}”`, `objection ${o.id} already ${input.state}`);
    }
    const at = nowIso(ctx);
    const by = await operator(trx);
    await insertObjectionEvent(trx, { objection_id: o.id, state: input.state, note: input.note ?? null, at, by });
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'publicNotice.objectionState',
      entity: 'application',
      entityId: o.application_id,
      before: { objectionId: o.id, state: current.state, note: current.note },
      after: { objectionId: o.id, noticeId: n.id, state: input.state, note: input.note ?? null },
    });
  });
  return getNoticeView(ctx, o.notice_id);
}

export async function finaliseNotice(ctx: ServiceContext, noticeId: string): Promise<NoticeView> {
  await ctx.db.transaction().execute(async (trx) => {
    const n = await requireNotice(trx, noticeId);
    refuseFinalised(n, '确定最终名单');
    const view = await noticeView(ctx, trx, n);
    if (view.finaliseProblems.length > 0) refuse('STATE', `不能确定最终名单：${view.finaliseProblems.join('；')}`, `finalise ${noticeId} refused: ${view.finaliseProblems.join('; ')}`);
    const round = await requireRound(trx, n.round_id);
    const profile = await loadProfile(trx, round.profile_id, round.profile_version);
    const cal = await loadCalendar(trx);
    const endOn = view.period.end.date;
    const listed = view.entries.filter((e) => e.state === 'listed').map((e) => ({ applicationId: e.applicationId, name: e.name, uscc: e.uscc }));
    const removed = view.entries.filter((e) => e.state === 'removed').map((e) => ({ applicationId: e.applicationId, name: e.name }));
    const at = nowIso(ctx);
    const by = await operator(trx);
    await setFinal(trx, n.id, { finalised_at: at, finalised_by: by, final_end_on: endOn, final_list_json: JSON.stringify(listed) });
    const agreement = agreementOf(profile, endOn, cal);
    await appendAudit(trx, {
      at,
      actor: by,
      action: 'publicNotice.finalise',
      entity: 'round',
      entityId: n.round_id,
      after: { noticeId: n.id, seq: n.seq, endOn, listed, removed, agreement: { months: agreement.months, deadline: agreement.deadline?.date ?? null, citation: agreement.citation } },
    });
  });
  return getNoticeView(ctx, noticeId);
}
