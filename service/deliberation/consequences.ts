/**
 * What follows from a final (sealed) decision: the result's delivery, the
 * rectification window and re-review, the bar after a failed re-review, the
 * agreement window after the 公示; and the link from a new application to the
 * institution's earlier decision (by USCC, across rounds), checked when the
 * application is entered.
 */
import { finalNoticeOf } from '../../db/queries/publicNotice';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator } from '../context';
import type { Db } from '../../db/queries/types';
import { appendAudit } from '../../db/queries/audit';
import { getApplication } from '../../db/queries/applications';
import { getRound } from '../../db/queries/rounds';
import {
  deleteLink,
  getLink,
  listApplicationsByUscc,
  listDeliveries,
  listSealedDecisionsOf,
  upsertLink,
  type DecisionRow,
  type DeliveryRow,
} from '../../db/queries/deliberation';
import { loadProfile } from '../profiles';
import { refuse } from '../errors';
import { formatCitation, type RegionProfile } from '../../shared/profiles/schema';
import {
  REAPPLICATION_LABEL,
  agreementDeadline,
  barEndsOn,
  classifyReapplication,
  rectificationWindow,
  type PriorOutcome,
  type Reapplication,
  type RectificationRule,
  type RestDays,
} from '../../shared/rules/consequences';
import type { DeadlineRow } from '../../shared/contract/slices/deliberation';
import { heads } from './state';

type SealedDecision = DecisionRow & { held_on: string; round_id: string; sealed_at: string };

export function rectificationRuleOf(p: RegionProfile): RectificationRule {
  return { months: p.rectification.months, reReviews: p.rectification.reReviews, barMonths: p.rectification.barMonths, citation: formatCitation(p.rectification.source) };
}

/** The latest 合格/不合格 decided in a sealed meeting, per application. */
export async function finalDecisions(db: Db, applicationIds: readonly string[]): Promise<Map<string, SealedDecision>> {
  const rows = (await listSealedDecisionsOf(db, applicationIds)) as SealedDecision[];
  const out = new Map<string, SealedDecision>();
  // rows come ordered by seal time, then decision time: the last head wins
  for (const d of heads(rows)) if (d.outcome !== 'held') out.set(d.application_id, d);
  return out;
}

export async function currentDelivery(db: Db, applicationId: string): Promise<{ row: DeliveryRow; revisions: number } | undefined> {
  const rows = await listDeliveries(db, [applicationId]);
  const head = heads(rows)[0];
  return head ? { row: head, revisions: rows.length - 1 } : undefined;
}

async function profileOfApplication(db: Db, applicationId: string): Promise<RegionProfile | null> {
  const app = await getApplication(db, applicationId);
  const round = app ? await getRound(db, app.round_id) : undefined;
  return round ? loadProfile(db, round.profile_id, round.profile_version) : null;
}

/** Failed reviews in a row ending with this application's final decision (0 when it passed or has none). */
export async function failuresInRow(db: Db, applicationId: string, depth = 0): Promise<number> {
  if (depth > 20) return 0;
  const final = (await finalDecisions(db, [applicationId])).get(applicationId);
  if (!final || final.outcome !== 'fail') return 0;
  const link = await getLink(db, applicationId);
  return 1 + (link?.kind === 're_review' ? await failuresInRow(db, link.previous_application_id, depth + 1) : 0);
}

/** The institution's latest final decision on another application, as the pure rules want it. */
export async function priorOutcome(db: Db, uscc: string, excludeApplicationId: string): Promise<(PriorOutcome & { decisionId: string }) | null> {
  const apps = (await listApplicationsByUscc(db, uscc)).filter((a) => a.id !== excludeApplicationId);
  if (apps.length === 0) return null;
  const finals = [...(await finalDecisions(db, apps.map((a) => a.id))).values()];
  if (finals.length === 0) return null;
  finals.sort((a, b) => (a.held_on < b.held_on ? -1 : a.held_on > b.held_on ? 1 : a.sealed_at < b.sealed_at ? -1 : 1));
  const last = finals[finals.length - 1]!;
  const app = apps.find((a) => a.id === last.application_id)!;
  const profile = await loadProfile(db, app.profile_id, app.profile_version);
  const delivery = await currentDelivery(db, app.id);
  return {
    decisionId: last.id,
    applicationId: app.id,
    applicationNo: app.application_no,
    roundName: app.round_name,
    outcome: last.outcome as 'pass' | 'fail',
    decidedOn: last.held_on,
    deliveredOn: delivery?.row.delivered_on ?? null,
    failuresInRow: await failuresInRow(db, app.id),
    rule: rectificationRuleOf(profile),
  };
}

/**
 * Called when an application is entered (or its USCC or 受理日期 changes):
 * refuses it inside the 1-year bar with the date the bar ends, and otherwise
 * links it to the institution's earlier decision (a re-review of a failure,
 * or a fresh application). Runs in the caller's transaction.
 */
export async function linkToEarlierDecision(ctx: ServiceContext, db: Db, a: { applicationId: string; uscc: string; receivedOn: string }): Promise<Reapplication> {
  const prior = await priorOutcome(db, a.uscc, a.applicationId);
  const r = classifyReapplication(prior, a.receivedOn, await loadCalendar(db));
  if (r.kind === 'barred') refuse('STATE', r.message, `USCC ${a.uscc} is barred until ${r.barEndsOn}`, { 'data.uscc': r.message });
  const before = await getLink(db, a.applicationId);
  if (r.kind === 'first') {
    if (before) {
      await deleteLink(db, a.applicationId);
      await appendAudit(db, { at: nowIso(ctx), actor: await operator(db), action: 'applications.unlink', entity: 'application', entityId: a.applicationId, before });
    }
    return r;
  }
  const row = { application_id: a.applicationId, previous_application_id: r.previous.applicationId, previous_decision_id: prior!.decisionId, kind: r.kind, linked_at: nowIso(ctx) };
  if (before && before.previous_decision_id === row.previous_decision_id && before.kind === row.kind) return r;
  await upsertLink(db, row);
  await appendAudit(db, { at: row.linked_at, actor: await operator(db), action: 'applications.link', entity: 'application', entityId: a.applicationId, before: before ?? null, after: { ...row, label: REAPPLICATION_LABEL[r.kind] } });
  return r;
}

/** The deadlines that follow from an application's decision. */
export async function deadlineRow(db: Db, cal: RestDays, app: { id: string; application_no: string; name: string }, open: { outcome: 'pass' | 'fail' | 'held'; decisionId: string; meetingId: string; decidedOn: string } | null): Promise<DeadlineRow> {
  const final = (await finalDecisions(db, [app.id])).get(app.id);
  const link = await getLink(db, app.id);
  const profile = await profileOfApplication(db, app.id);
  const reapplication = link
    ? { kind: link.kind, label: REAPPLICATION_LABEL[link.kind], previousApplicationId: link.previous_application_id, previousApplicationNo: (await getApplication(db, link.previous_application_id))?.application_no ?? null }
    : { kind: 'first', label: REAPPLICATION_LABEL.first, previousApplicationId: null, previousApplicationNo: null };
  const base: DeadlineRow = {
    applicationId: app.id,
    applicationNo: app.application_no,
    name: app.name,
    outcome: final ? (final.outcome as 'pass' | 'fail') : (open?.outcome ?? null),
    final: !!final,
    decisionId: final?.id ?? open?.decisionId ?? null,
    meetingId: final?.meeting_id ?? open?.meetingId ?? null,
    decidedOn: final?.held_on ?? open?.decidedOn ?? null,
    reapplication,
    delivery: null,
    rectification: null,
    bar: null,
    agreement: null,
  };
  if (!final || !profile) return base;
  const delivery = await currentDelivery(db, app.id);
  if (delivery) {
    const d = delivery.row;
    base.delivery = { deliveredOn: d.delivered_on, method: d.method, note: d.note, recordedBy: d.recorded_by, recordedAt: d.recorded_at, revisions: delivery.revisions };
  }
  const rule = rectificationRuleOf(profile);
  if (final.outcome === 'fail') {
    const failures = await failuresInRow(db, app.id);
    const available = failures <= rule.reReviews;
    base.rectification = {
      months: rule.months,
      citation: rule.citation,
      window: delivery && available ? rectificationWindow(delivery.row.delivered_on, rule, cal) : null,
      reReviewsAllowed: rule.reReviews,
      reReviewsUsed: failures - 1,
      reReviewAvailable: available,
    };
    if (!available && rule.barMonths > 0) {
      const start = delivery?.row.delivered_on ?? final.held_on;
      base.bar = { months: rule.barMonths, citation: rule.citation, startsOn: start, endsOn: barEndsOn(start, rule), fromDelivery: !!delivery };
    }
  } else {
    // Known once the 公示 that listed this applicant has been finalised.
    base.agreement = agreementOf(profile, (await finalNoticeOf(db, app.id))?.endOn ?? null, cal);
  }
  return base;
}

export function agreementOf(profile: RegionProfile, noticeEndsOn: string | null, cal: RestDays) {
  const months = profile.agreement.applyWithinMonthsAfterNotice;
  const citation = formatCitation(profile.agreement.source);
  const note =
    months === null
      ? `本地区政策未规定公示后申请签订协议的期限${profile.agreement.note ? `（${profile.agreement.note}）` : ''}`
      : noticeEndsOn
        ? `公示结束后${months}个月内申请签订协议（${citation}）`
        : `公示结束后${months}个月内申请签订协议（${citation}）；公示结束日期确定后计算截止日期`;
  return { months, citation, noticeEndsOn, deadline: months !== null && noticeEndsOn ? agreementDeadline(noticeEndsOn, months, cal) : null, note };
}
