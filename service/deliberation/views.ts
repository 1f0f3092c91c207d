/**
 * What the meeting screens and the minutes show, built from a MeetingState.
 * Nothing here writes.
 */
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../context';
import type { Db } from '../../db/queries/types';
import { getApplication } from '../../db/queries/applications';
import { getLink } from '../../db/queries/deliberation';
import { roundResults, type ScoringState } from '../handlers/scoring';
import { rulesHandlers } from '../handlers/rules';
import { formalCheckHandlers } from '../handlers/formalCheck';
import { steppedAsideText, type ApplicantInfo } from '../handlers/panel';
import { canonicalJson } from '../../shared/util/canonicalJson';
import { EXPERTISE_FIELD_LABEL } from '../../shared/domain/enums';
import { REAPPLICATION_LABEL } from '../../shared/rules/consequences';
import { PANEL_REASONS, advicePresetsFor, panelCode, ruleCode } from '../../shared/rules/rectification';
import { basicStateOf } from '../eligibility/roundStates';
import { SEAT_STANDING_LABEL, TIE_RULE_LABEL, proposedOutcome } from '../../shared/rules/voting';
import {
  ITEM_STATUS_LABEL,
  type AgendaView,
  type ApplicantView,
  type DecisionView,
  type Minutes,
  type MinutesView,
} from '../../shared/contract/slices/deliberation';
import type { ResultsView } from '../../shared/contract/slices/scoring';
import { arrivalText, chairOf, heads, itemState, signersOf, type ItemState, type MeetingState, type TallySnapshot } from './state';
import { ballotDisclosed, voteVisible } from './secrecy';
import { finalDecisions } from './consequences';
import type { DecisionRow, VoteRow } from '../../db/queries/deliberation';
import { sealProblem } from '../../shared/rules/voting';

type Reason = ApplicantView['reasonOptions'][number];
type BasicState = 'passed' | 'failed' | 'pending' | 'none';

/** The ranking and aggregates, or null when the rubric is being revised (no frozen version to rank on). */
export async function resultsOf(db: Db, s: ScoringState): Promise<ResultsView | null> {
  try {
    return await roundResults(db, s);
  } catch {
    return null;
  }
}

function ranksOf(results: ResultsView | null, applicationId: string) {
  if (!results) return [];
  return results.rankings.flatMap((r) => {
    const row = r.rows.find((x) => x.applicationId === applicationId);
    return row ? [{ serviceType: r.serviceType, label: r.label, quota: r.quota, rank: row.rank, status: row.status }] : [];
  });
}

export interface BasicFacts {
  state: BasicState;
  rules: ApplicantView['basic']['rules'];
  /** failed rules as decision reasons */
  failed: Reason[];
  /** rules not verified yet */
  pending: { code: string; title: string }[];
}

const RULE_ORDER: Record<string, number> = { fail: 0, manual: 1, warning: 2, pass: 3 };

/**
 * 基础性指标 of one applicant: the eligibility results with their articles,
 * shown once. They are the only record (the 评分细则 merely lists them by rule
 * id), so the meeting sees exactly what the ranking used.
 */
export async function basicFacts(ctx: ServiceContext, db: Db, _st: MeetingState, a: ApplicantInfo): Promise<BasicFacts> {
  const e = await rulesHandlers['eligibility.get']({ ...ctx, db }, { applicationId: a.id });
  const rules = e.groups
    .flatMap((g) => g.results)
    .map((r) => ({ code: ruleCode(r.ruleId), ruleId: r.ruleId, title: r.title, group: r.group, state: r.state, explanation: r.explanation, requirement: r.requirement, citations: r.citations }))
    .sort((x, y) => RULE_ORDER[x.state]! - RULE_ORDER[y.state]!);
  const failed: Reason[] = rules
    .filter((r) => r.state === 'fail')
    .map((r) => ({ code: r.code, kind: 'rule' as const, title: r.title, text: r.explanation, citation: r.citations.join('、') || null }));
  const pending = rules.filter((r) => r.state === 'manual').map((r) => ({ code: r.code, title: r.title }));
  return { state: basicStateOf(e.overall), rules, failed, pending };
}

/** The state only, from the round's eligibility already loaded with the scoring state (no query per applicant). */
function basicStateOfApplicant(st: MeetingState, a: ApplicantInfo): BasicState {
  return st.s.basic.get(a.id) ?? 'none';
}

export function decisionView(d: DecisionRow, stale = false): DecisionView {
  const t = JSON.parse(d.tally_json) as TallySnapshot;
  return {
    decisionId: d.id,
    ballot: d.ballot,
    outcome: d.outcome,
    basis: d.basis,
    tally: { eligible: t.eligible, pass: t.pass, fail: t.fail, votes: t.votes },
    reasons: JSON.parse(d.reasons_json) as DecisionView['reasons'],
    advice: JSON.parse(d.advice_json) as DecisionView['advice'],
    override: d.override_json ? (JSON.parse(d.override_json) as DecisionView['override']) : null,
    tie: d.tie_json ? (JSON.parse(d.tie_json) as DecisionView['tie']) : null,
    decidedAt: d.decided_at,
    decidedBy: d.decided_by,
    supersedes: d.supersedes,
    changeReason: d.change_reason,
    stale,
  };
}

function voteView(st: MeetingState, item: ItemState, v: VoteRow, all: readonly VoteRow[], viewerId: string | null): ApplicantView['votes'][number] {
  const byId = new Map(all.map((x) => [x.id, x]));
  const shown = voteVisible(ballotDisclosed(st, item, v.ballot), v.voter_id, viewerId);
  let revisions = 0;
  for (let p = v.supersedes; p && revisions < 1000; p = byId.get(p)?.supersedes ?? null) revisions++;
  const seat = item.seats.find((s) => s.id === v.voter_id);
  const counted = item.tally.counted.some((c) => c.voteId === v.id);
  return {
    voteId: v.id,
    voterId: v.voter_id,
    name: seat?.name ?? st.substitutes.find((x) => x.person_id === v.voter_id)?.name ?? v.voter_id,
    kind: v.voter_kind,
    ballot: v.ballot,
    choice: shown ? v.choice : null,
    reason: shown ? v.reason : null,
    hidden: !shown,
    castAt: v.cast_at,
    supersedes: v.supersedes,
    revisions,
    counted,
  };
}

function tallyView(st: MeetingState, item: ItemState): ApplicantView['tally'] {
  const t = item.tally;
  const result = t.state === 'majority' ? t.majority : null;
  const names = new Map(t.eligible.map((s) => [s.id, s.name]));
  const disclosed = ballotDisclosed(st, item);
  return {
    ballot: item.ballot,
    disclosed,
    eligible: t.eligible.length,
    minMembers: st.quorum.minMembers,
    citation: st.quorum.citation,
    quorumMet: t.quorumMet,
    pass: disclosed ? t.pass : null,
    fail: disclosed ? t.fail : null,
    missing: t.missing.map((s) => ({ id: s.id, name: s.name })),
    state: t.state,
    proposed: item.current && !item.stale ? null : proposedOutcome(t, st.meeting.tie_rule, item.chairMayVote),
    message: t.message,
    dissents: result && disclosed ? t.counted.filter((v) => v.choice !== result).map((v) => ({ voterId: v.voterId, name: names.get(v.voterId) ?? v.voterId, choice: v.choice, reason: v.reason })) : [],
  };
}

function meetingHeader(st: MeetingState): AgendaView['meeting'] {
  const chair = chairOf(st);
  return {
    meetingId: st.meeting.id,
    roundId: st.meeting.round_id,
    roundCode: st.s.panel.round.code,
    roundName: st.s.panel.round.name,
    seq: st.meeting.seq,
    heldOn: st.meeting.held_on,
    place: st.meeting.place,
    chair: { memberId: st.meeting.chair_member_id, name: chair?.name ?? '' },
    tieRule: st.meeting.tie_rule,
    tieRuleLabel: TIE_RULE_LABEL[st.meeting.tie_rule],
    minMembers: st.quorum.minMembers,
    panelCitation: st.quorum.citation,
    openedAt: st.meeting.opened_at,
    openedBy: st.meeting.opened_by,
    sealed: !!st.seal,
    sealedAt: st.seal?.sealed_at ?? null,
    minutesHash: st.seal?.minutes_hash ?? null,
  };
}

/** A late member's arrival, as the attendance records it (absent from the object when on time, so the minutes of other meetings keep their hash). */
function lateOf(st: MeetingState, memberId: string): { arrivedAt?: string; arrivalNote?: string } {
  const arrival = st.arrivals.get(memberId);
  if (!arrival) return {};
  const names = new Map(st.s.applicants.map((a) => [a.id, a.name]));
  // joined: the items whose current ballot (at arrival) had not started; the others only from a new ballot after 暂缓
  const ballotNow = (id: string) => {
    const a = st.s.applicants.find((x) => x.id === id);
    return a ? itemState(st, a).ballot : 0;
  };
  const label = (id: string) => names.get(id) ?? id;
  const joined = arrival.joins.filter((j) => ballotNow(j.applicationId) >= j.fromBallot).map((j) => label(j.applicationId));
  const notJoined = arrival.joins.filter((j) => ballotNow(j.applicationId) < j.fromBallot).map((j) => label(j.applicationId));
  const parts = [joined.length ? `参加表决：${joined.join('、')}` : '', notJoined.length ? `未参加表决：${notJoined.join('、')}（到会时已开始表决或已作出结论）` : ''].filter(Boolean);
  return {
    arrivedAt: arrival.row.arrived_at,
    arrivalNote: `${arrivalText(arrival.row)}${arrival.row.note ? `，${arrival.row.note}` : ''}；${parts.join('；')}`,
  };
}

function attendanceOf(st: MeetingState): AgendaView['attendance'] {
  const members = st.s.panel.members;
  const apps = new Map(st.s.applicants.map((a) => [a.id, a]));
  return {
    present: members
      .filter((m) => st.attendance.get(m.id)?.present === 1 || st.arrivals.has(m.id))
      .map((m) => ({ memberId: m.id, name: m.name, role: m.role, fields: m.fields.map((f) => EXPERTISE_FIELD_LABEL[f]), employer: m.employer, ...lateOf(st, m.id) })),
    absent: members.filter((m) => st.attendance.get(m.id)?.present !== 1 && !st.arrivals.has(m.id)).map((m) => ({ memberId: m.id, name: m.name, role: m.role, note: st.attendance.get(m.id)?.note ?? null })),
    substitutes: st.substitutes.map((x) => ({
      substituteId: x.id,
      personId: x.person_id,
      name: x.name,
      employer: x.employer,
      applicationId: x.application_id,
      applicationNo: apps.get(x.application_id)?.applicationNo ?? '',
      applicationName: apps.get(x.application_id)?.name ?? '',
      replacesMemberId: x.replaces_member_id,
      replacesName: members.find((m) => m.id === x.replaces_member_id)?.name ?? '',
      reason: x.reason,
      addedAt: x.added_at,
    })),
  };
}

function outcomeOf(item: ItemState): 'pass' | 'fail' | 'held' | null {
  if (item.current && !item.stale) return item.current.outcome;
  return item.status === 'held' ? 'held' : null;
}

function agendaApplicants(st: MeetingState): ApplicantInfo[] {
  return st.agenda.map((id) => st.s.applicants.find((a) => a.id === id)).filter((a): a is ApplicantInfo => !!a);
}

export async function agendaView(ctx: ServiceContext, db: Db, st: MeetingState): Promise<AgendaView> {
  const results = await resultsOf(db, st.s);
  const items: AgendaView['items'] = [];
  for (const [i, a] of agendaApplicants(st).entries()) {
    const item = itemState(st, a);
    const r = results?.applicants.find((x) => x.applicationId === a.id);
    items.push({
      position: i + 1,
      applicationId: a.id,
      applicationNo: a.applicationNo,
      name: a.name,
      serviceTypes: a.serviceTypes,
      score: r?.score ?? null,
      ranks: ranksOf(results, a.id),
      dispersion: !!r && (r.memberFlags.length > 0 || r.criterionFlags.length > 0),
      basic: basicStateOfApplicant(st, a),
      recused: item.seats.filter((s) => s.standing === 'recused').length,
      status: item.status,
      statusLabel: ITEM_STATUS_LABEL[item.status],
      ballot: item.ballot,
      votes: item.tally.counted.length,
      eligible: item.tally.eligible.length,
      outcome: outcomeOf(item),
    });
  }
  return {
    meeting: meetingHeader(st),
    attendance: attendanceOf(st),
    items,
    progress: {
      total: items.length,
      decided: items.filter((x) => x.status === 'decided').length,
      held: items.filter((x) => x.status === 'held').length,
      open: items.filter((x) => x.status !== 'decided' && x.status !== 'held').length,
    },
  };
}

/** The default discussion order: dispersion flagged first, then by score (best first), then by application number. */
export function defaultOrder(applicants: readonly ApplicantInfo[], results: ResultsView | null): string[] {
  const info = new Map((results?.applicants ?? []).map((r) => [r.applicationId, r]));
  return [...applicants]
    .sort((x, y) => {
      const a = info.get(x.id);
      const b = info.get(y.id);
      const fa = a && (a.memberFlags.length > 0 || a.criterionFlags.length > 0) ? 0 : 1;
      const fb = b && (b.memberFlags.length > 0 || b.criterionFlags.length > 0) ? 0 : 1;
      if (fa !== fb) return fa - fb;
      const sa = a?.score ?? -Infinity;
      const sb = b?.score ?? -Infinity;
      if (sa !== sb) return sb - sa;
      return x.applicationNo < y.applicationNo ? -1 : 1;
    })
    .map((a) => a.id);
}

async function historyOf(db: Db, applicationId: string): Promise<ApplicantView['history']> {
  const link = await getLink(db, applicationId);
  if (!link) return null;
  const prev = await getApplication(db, link.previous_application_id);
  const final = (await finalDecisions(db, [link.previous_application_id])).get(link.previous_application_id);
  if (!prev || !final) return null;
  const round = await db.selectFrom('round').select('name').where('id', '=', prev.round_id).executeTakeFirst();
  return {
    kind: link.kind,
    label: REAPPLICATION_LABEL[link.kind],
    previousApplicationId: prev.id,
    previousApplicationNo: prev.application_no,
    previousRoundName: round?.name ?? '',
    previousOutcome: final.outcome as 'pass' | 'fail',
    previousDecidedOn: final.held_on,
    previousReasons: JSON.parse(final.reasons_json) as Reason[],
  };
}

/** `viewerId`: the person signed in with their own PIN session, who sees their own votes before the ballot is disclosed (see secrecy.ts). */
export async function applicantView(ctx: ServiceContext, db: Db, st: MeetingState, applicationId: string, viewerId: string | null = null): Promise<ApplicantView> {
  const list = agendaApplicants(st);
  const index = list.findIndex((a) => a.id === applicationId);
  const a = list[index]!;
  const item = itemState(st, a);
  const app = (await getApplication(db, a.id))!;
  const address = (JSON.parse(app.data_json) as { address?: string }).address ?? '';
  const results = await resultsOf(db, st.s);
  const r = results?.applicants.find((x) => x.applicationId === a.id);
  const names = new Map(st.s.panel.members.map((m) => [m.id, m.name]));
  const basic = await basicFacts(ctx, db, st, a);
  const fc = await formalCheckHandlers['formalCheck.get']({ ...ctx, db }, { applicationId: a.id });
  const conflicts: ApplicantView['conflicts'] = st.s.panel.members.flatMap((m) => {
    const d = st.s.conflicts.decision(m.id, a.id);
    const flags = st.s.conflicts.flagsOf(m.id, a.id);
    if (!d && flags.length === 0) return [];
    const standing = d ? d.decision : ('flag_pending' as const);
    const text = d ? (d.decision === 'conflicted' ? steppedAsideText(d) : `经核实排除回避：${d.note ?? ''}`) : `系统提示可能存在利害关系：${flags.map((f) => f.reason).join('；')}`;
    return [{ memberId: m.id, name: m.name, standing, kind: d?.kind ?? null, text, decidedBy: d?.decided_by ?? null, decidedAt: d?.decided_at ?? null }];
  });
  const decisions = item.decisions;
  const currentId = item.current?.id;
  const replaced = new Set(st.substitutes.filter((x) => x.application_id === a.id).map((x) => x.replaces_member_id));
  const reasonOptions = basic.failed;
  const panelPresets = PANEL_REASONS.map((p) => ({ code: panelCode(p.key), title: p.title, text: p.text }));
  return {
    meetingId: st.meeting.id,
    sealed: !!st.seal,
    position: index + 1,
    total: list.length,
    prevApplicationId: list[index - 1]?.id ?? null,
    nextApplicationId: list[index + 1]?.id ?? null,
    applicant: { applicationId: a.id, applicationNo: a.applicationNo, name: a.name, uscc: app.uscc, address, institutionType: a.institutionType, serviceTypes: a.serviceTypes, receivedOn: app.received_on },
    basic: {
      state: basic.state,
      rules: basic.rules,
      counts: {
        pass: basic.rules.filter((x) => x.state === 'pass').length,
        fail: basic.failed.length,
        pending: basic.pending.length,
      },
    },
    scores: r
      ? {
          score: r.score,
          mean: r.mean,
          trimmed: r.trimmed,
          trimmedMean: r.trimmedMean,
          count: r.count,
          memberTotals: r.memberTotals.map((t) => ({ memberId: t.memberId, name: names.get(t.memberId) ?? t.memberId, total: t.total })),
          spread: r.memberTotals.length ? spreadOf(r.memberTotals.map((t) => t.total)) : null,
          memberFlags: r.memberFlags.map((f) => ({ memberId: f.memberId, name: names.get(f.memberId) ?? f.memberId, total: f.total, othersMean: f.othersMean, deviation: f.deviation, direction: f.direction, explanation: f.explanation })),
          criterionFlags: r.criterionFlags.map((c) => {
            const crit = results!.rubric.criteria.find((x) => x.id === c.criterionId);
            return { criterionId: c.criterionId, title: crit ? `${crit.groupTitle}·${crit.title}` : c.criterionId, maxPoints: crit?.maxPoints ?? 0, min: c.min, max: c.max };
          }),
          ranks: ranksOf(results, a.id),
        }
      : null,
    conflicts,
    materials: {
      received: fc.materials.filter((m) => m.state === 'received').length,
      missing: fc.materials.filter((m) => m.state === 'missing').length,
      pending: fc.materials.filter((m) => m.state === 'pending').length,
      items: fc.materials.map((m) => ({ materialId: m.materialId, title: m.title, citation: m.citation, state: m.state, note: m.note })),
      notice: fc.notice ? { issuedOn: fc.notice.issuedOn, deadline: fc.notice.deadline.date, outcome: fc.notice.outcome, fulfilledOn: fc.notice.fulfilledOn } : null,
    },
    history: await historyOf(db, a.id),
    seats: item.seats.map((s) => ({ ...s, standingLabel: SEAT_STANDING_LABEL[s.standing] })),
    votes: item.currentVotes.map((v) => voteView(st, item, v, item.allVotes, viewerId)),
    voteHistory: item.allVotes.filter((v) => !item.currentVotes.includes(v)).map((v) => voteView(st, item, v, item.allVotes, viewerId)),
    tally: tallyView(st, item),
    status: item.status,
    statusLabel: ITEM_STATUS_LABEL[item.status],
    decision: item.current ? decisionView(item.current, item.stale) : null,
    decisionHistory: decisions.filter((d) => d.id !== currentId).map((d) => decisionView(d, false)),
    reasonOptions,
    panelReasonPresets: panelPresets,
    advicePresets: [...reasonOptions.map((x) => x.code), ...panelPresets.map((p) => p.code)].map((code) => ({ code, presets: advicePresetsFor(code).map((p) => ({ id: p.id, text: p.text })) })),
    overrideNeeded: [...basic.failed.map((f) => ({ code: f.code, title: f.title, state: 'fail' as const })), ...basic.pending.map((p) => ({ ...p, state: 'pending' as const }))],
    chairMayCast: st.meeting.tie_rule === 'chair_casting' && item.chairMayVote,
    replaceable: item.seats
      .filter((s) => s.kind === 'member' && (s.standing === 'absent' || s.standing === 'recused') && !replaced.has(s.id))
      .map((s) => ({ memberId: s.id, name: s.name, standing: s.standing as 'absent' | 'recused' })),
  };
}

function spreadOf(totals: number[]) {
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  return { min, max, range: Math.round((max - min) * 100) / 100 };
}

// ---------------------------------------------------------------------------
// Minutes

export function minutesHashOf(m: Minutes): string {
  return createHash('sha256').update(canonicalJson(m)).digest('hex');
}

export async function buildMinutes(ctx: ServiceContext, db: Db, st: MeetingState): Promise<{ minutes: Minutes; hash: string; notReady: string | null }> {
  const results = await resultsOf(db, st.s);
  const attendance = attendanceOf(st);
  const chair = chairOf(st);
  const items: Minutes['items'] = [];
  const tieRuleUses: Minutes['tieRuleUses'] = [];
  const overrides: Minutes['overrides'] = [];
  const open: string[] = [];
  const stale: string[] = [];
  const substitutePersons = new Set(st.substitutes.map((x) => x.person_id));
  for (const [i, a] of agendaApplicants(st).entries()) {
    const item = itemState(st, a);
    if (item.status === 'pending' || item.status === 'voting') open.push(a.name);
    if (item.status === 'stale') stale.push(a.name);
    const r = results?.applicants.find((x) => x.applicationId === a.id);
    const decisionHeads = heads(item.decisions);
    const ballots: Minutes['items'][number]['ballots'] = [];
    for (let b = 1; b <= item.ballot; b++) {
      const d = decisionHeads.find((x) => x.ballot === b);
      const kind = (id: string) => (substitutePersons.has(id) ? ('substitute' as const) : ('member' as const));
      if (d && !(b === item.ballot && item.stale)) {
        const t = JSON.parse(d.tally_json) as TallySnapshot;
        ballots.push({ ballot: b, eligible: t.eligible, pass: t.pass, fail: t.fail, outcome: d.outcome, votes: t.votes.map((v) => ({ voterId: v.voterId, name: v.name, kind: kind(v.voterId), choice: v.choice, reason: v.reason })) });
      } else if (b === item.ballot && item.currentVotes.length > 0 && ballotDisclosed(st, item, b)) {
        const names = new Map(item.seats.map((s) => [s.id, s.name]));
        ballots.push({
          ballot: b,
          eligible: item.tally.eligible.length,
          pass: item.tally.pass,
          fail: item.tally.fail,
          outcome: null,
          votes: item.tally.counted.map((v) => ({ voterId: v.voterId, name: names.get(v.voterId) ?? v.voterId, kind: kind(v.voterId), choice: v.choice, reason: v.reason })),
        });
      }
    }
    const outcome = outcomeOf(item);
    const finalRow = item.current && !item.stale ? item.current : item.status === 'held' ? item.held[item.held.length - 1] : undefined;
    const decision = finalRow ? (({ stale: _stale, ...rest }) => rest)(decisionView(finalRow)) : null;
    const votesById = new Map(item.allVotes.map((v) => [v.id, v]));
    const seatName = (id: string) => item.seats.find((s) => s.id === id)?.name ?? st.substitutes.find((x) => x.person_id === id)?.name ?? id;
    for (const d of decisionHeads) {
      if (d.tie_json) {
        const tie = JSON.parse(d.tie_json) as NonNullable<DecisionView['tie']>;
        tieRuleUses.push({ applicationId: a.id, applicationName: a.name, ballot: d.ballot, rule: tie.rule, applied: tie.applied, note: tie.note, casting: tie.casting });
      }
    }
    if (decision?.override) overrides.push({ applicationId: a.id, applicationName: a.name, ...decision.override });
    items.push({
      position: i + 1,
      applicationId: a.id,
      applicationNo: a.applicationNo,
      name: a.name,
      uscc: (await getApplication(db, a.id))?.uscc ?? '',
      serviceTypes: a.serviceTypes,
      score: r?.score ?? null,
      ranks: ranksOf(results, a.id),
      basic: basicStateOfApplicant(st, a),
      recusals: item.seats.filter((s) => s.kind === 'member' && s.standing === 'recused').map((s) => ({ memberId: s.id, name: s.name, reason: s.note ?? '回避' })),
      substitutes: st.substitutes
        .filter((x) => x.application_id === a.id)
        .map((x) => ({ substituteId: x.id, name: x.name, replacesName: st.s.panel.members.find((m) => m.id === x.replaces_member_id)?.name ?? '', reason: x.reason })),
      ballots,
      outcome,
      decision,
      decisionChanges: item.decisions.filter((d) => !decisionHeads.includes(d)).map((d) => ({ decisionId: d.id, outcome: d.outcome, changeReason: item.decisions.find((x) => x.supersedes === d.id)?.change_reason ?? null, decidedAt: d.decided_at })),
      dissents: decision && decision.outcome !== 'held' ? decision.tally.votes.filter((v) => v.choice !== decision.outcome).map((v) => ({ voterId: v.voterId, name: v.name, choice: v.choice, reason: v.reason })) : [],
      voteChanges: item.allVotes
        .filter((v) => v.supersedes && ballotDisclosed(st, item, v.ballot))
        .map((v) => ({ voterId: v.voter_id, name: seatName(v.voter_id), ballot: v.ballot, from: votesById.get(v.supersedes!)!.choice, to: v.choice, reason: v.reason, at: v.cast_at })),
    });
  }
  const minutes: Minutes = {
    title: '长护服务机构定点申请集体评议会议纪要',
    meetingId: st.meeting.id,
    meetingNo: st.meeting.seq,
    round: { id: st.s.panel.round.id, code: st.s.panel.round.code, name: st.s.panel.round.name, region: st.s.panel.round.region },
    profile: { id: st.profile.id, version: st.profile.version, name: st.profile.name },
    heldOn: st.meeting.held_on,
    place: st.meeting.place,
    chair: { memberId: st.meeting.chair_member_id, name: chair?.name ?? '' },
    panelRule: { minMembers: st.quorum.minMembers, citation: st.quorum.citation },
    tieRule: { rule: st.meeting.tie_rule, label: TIE_RULE_LABEL[st.meeting.tie_rule] },
    attendance,
    items,
    tieRuleUses,
    overrides,
    summary: {
      total: items.length,
      pass: items.filter((x) => x.outcome === 'pass').length,
      fail: items.filter((x) => x.outcome === 'fail').length,
      held: items.filter((x) => x.outcome === 'held').length,
    },
  };
  const problems = [
    open.length ? `还有${open.length}个申请机构未作出审核结论（${open.join('、')}）` : '',
    stale.length ? `${stale.join('、')}的表决在作出结论后有变化，须由组长重新确认结论` : '',
  ].filter(Boolean);
  return { minutes, hash: minutesHashOf(minutes), notReady: problems.length ? problems.join('；') : null };
}

export async function minutesView(ctx: ServiceContext, db: Db, st: MeetingState): Promise<MinutesView> {
  const signers = signersOf(st);
  if (st.seal) {
    const minutes = JSON.parse(st.seal.minutes_json) as Minutes;
    const responses = JSON.parse(st.seal.responses_json) as { signerId: string; response: 'confirm' | 'refuse'; reason: string | null; at: string; minutesHash: string }[];
    const sealedSigners = [...attendance(minutes)];
    return {
      meetingId: st.meeting.id,
      minutes,
      minutesHash: st.seal.minutes_hash,
      notReady: null,
      signers: sealedSigners.map((s) => {
        const r = responses.find((x) => x.signerId === s.id);
        return { ...s, response: r ? { response: r.response, reason: r.reason, at: r.at, minutesHash: r.minutesHash, current: r.minutesHash === st.seal!.minutes_hash } : null };
      }),
      canSeal: false,
      sealProblem: '会议已封存',
      sealed: { sealedAt: st.seal.sealed_at, sealedBy: st.seal.sealed_by, minutesHash: st.seal.minutes_hash, auditHead: { seq: st.seal.audit_seq, hash: st.seal.audit_hash } },
    };
  }
  const { minutes, hash, notReady } = await buildMinutes(ctx, db, st);
  const latest = new Map(st.responses.map((r) => [r.signer_id, r]));
  const problem = sealProblem(
    signers,
    st.responses.map((r) => ({ signerId: r.signer_id, response: r.response, reason: r.reason, minutesHash: r.minutes_hash })),
    hash,
    notReady,
  );
  return {
    meetingId: st.meeting.id,
    minutes,
    minutesHash: hash,
    notReady,
    signers: signers.map((s) => {
      const r = latest.get(s.id);
      return { id: s.id, name: s.name, kind: s.kind, role: s.role, response: r ? { response: r.response, reason: r.reason, at: r.at, minutesHash: r.minutes_hash, current: r.minutes_hash === hash } : null };
    }),
    canSeal: problem === null,
    sealProblem: problem,
    sealed: null,
  };
}

/** Signers of sealed minutes, from the minutes themselves (present members, then substitutes). */
function attendance(m: Minutes): { id: string; name: string; kind: 'member' | 'substitute'; role: 'chair' | 'member' | null }[] {
  const subs = new Map(m.attendance.substitutes.map((x) => [x.personId, { id: x.personId, name: x.name, kind: 'substitute' as const, role: null }]));
  return [...m.attendance.present.map((p) => ({ id: p.memberId, name: p.name, kind: 'member' as const, role: p.role })), ...subs.values()];
}
