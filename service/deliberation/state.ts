/**
 * Everything about one 集体评议 meeting, read once per call (inside the
 * caller's transaction for writes), and what follows per applicant: seats,
 * the current ballot, the tally, the current decision and whether it is stale.
 */
import type { Db } from '../../db/queries/types';
import {
  currentAgenda,
  getMeeting,
  getSeal,
  listArrivals,
  listAttendance,
  listDecisions,
  listResponses,
  listSubstitutes,
  listVotes,
  type ArrivalRow,
  type AttendanceRow,
  type DecisionRow,
  type MeetingRow,
  type ResponseRow,
  type SealRow,
  type SubstituteRow,
  type VoteRow,
} from '../../db/queries/deliberation';
import { loadScoringState, type ScoringState } from '../handlers/scoring';
import { steppedAsideText, type ApplicantInfo, type MemberInfo } from '../handlers/panel';
import { loadProfile } from '../profiles';
import { notFound, refuse } from '../errors';
import type { RegionProfile } from '../../shared/profiles/schema';
import { formatCitation } from '../../shared/profiles/schema';
import { todayIso } from '../../shared/calendar/workingDays';
import { formatDateZh } from '../../shared/util/dates';
import { SEAT_STANDING_LABEL, tallyVotes, type CastVote, type QuorumRule, type Seat, type Tally } from '../../shared/rules/voting';
import type { ITEM_STATUSES } from '../../shared/contract/slices/deliberation';

export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface MeetingState {
  meeting: MeetingRow;
  seal: SealRow | undefined;
  profile: RegionProfile;
  quorum: QuorumRule;
  s: ScoringState;
  attendance: Map<string, AttendanceRow>;
  /** members absent at the opening who arrived later (migration 009), by member id */
  arrivals: Map<string, Arrival>;
  agenda: string[];
  substitutes: SubstituteRow[];
  votes: VoteRow[];
  decisions: DecisionRow[];
  responses: ResponseRow[];
}

export interface Arrival {
  row: ArrivalRow;
  /** the agenda items the late member votes on, from which ballot */
  joins: { applicationId: string; fromBallot: number }[];
}

export async function requireMeeting(db: Db, meetingId: string): Promise<MeetingRow> {
  const m = await getMeeting(db, meetingId);
  if (!m) notFound('集体评议会议', meetingId);
  return m;
}

export async function loadMeeting(db: Db, meetingId: string): Promise<MeetingState> {
  const meeting = await requireMeeting(db, meetingId);
  const s = await loadScoringState(db, meeting.round_id);
  const profile = await loadProfile(db, s.panel.round.profile_id, s.panel.round.profile_version);
  return {
    meeting,
    seal: await getSeal(db, meetingId),
    profile,
    quorum: { minMembers: profile.panel.minMembers, citation: formatCitation(profile.panel.source) },
    s,
    attendance: new Map((await listAttendance(db, meetingId)).map((a) => [a.member_id, a])),
    arrivals: new Map((await listArrivals(db, meetingId)).map((r) => [r.member_id, { row: r, joins: JSON.parse(r.joins_json) as Arrival['joins'] }])),
    agenda: await currentAgenda(db, meetingId),
    substitutes: await listSubstitutes(db, meetingId),
    votes: await listVotes(db, meetingId),
    decisions: await listDecisions(db, meetingId),
    responses: await listResponses(db, meetingId),
  };
}

/** Writes to a sealed meeting, or in a closed round, are refused before anything is written. */
export function requireWritable(st: MeetingState) {
  if (st.seal) refuse('STATE', `第${st.meeting.seq}次集体评议已于${formatDateZh(todayIso(new Date(st.seal.sealed_at)))}封存，会议中的任何内容都不能再修改`, `meeting ${st.meeting.id} is sealed`);
  if (st.s.panel.round.status !== 'open') refuse('STATE', '本批次已关闭，不能再修改', `round ${st.meeting.round_id} is closed`);
}

export function requireOnAgenda(st: MeetingState, applicationId: string): ApplicantInfo {
  const a = st.s.applicants.find((x) => x.id === applicationId);
  if (!a) notFound('申请', applicationId);
  if (!st.agenda.includes(applicationId)) refuse('STATE', `“${a.name}”不在本次集体评议的议程中`, `application ${applicationId} not on the agenda of ${st.meeting.id}`);
  return a;
}

export function chairOf(st: MeetingState): MemberInfo | undefined {
  return st.s.panel.members.find((m) => m.id === st.meeting.chair_member_id);
}

/** The presiding chair (recorded when the meeting opened) is the one acting. */
export function requireChair(st: MeetingState, actingMemberId: string, what: string): MemberInfo {
  const chair = chairOf(st);
  if (!chair || chair.id !== actingMemberId) {
    refuse('STATE', `只有主持本次会议的组长${chair ? `（${chair.name}）` : ''}才能${what}`, `${actingMemberId} is not the chair of meeting ${st.meeting.id}`);
  }
  return chair;
}

export const memberActor = (m: { name: string; role: 'chair' | 'member' | null }) => `${m.name}（${m.role === 'chair' ? '组长' : m.role === 'member' ? '审核小组成员' : '候补成员'}）`;

/** Rows of a chain that no other row supersedes. */
export function heads<T extends { id: string; supersedes: string | null }>(rows: readonly T[]): T[] {
  const superseded = new Set(rows.map((r) => r.supersedes).filter((x): x is string => x !== null));
  return rows.filter((r) => !superseded.has(r.id));
}

export interface TallySnapshot {
  eligibleIds: string[];
  eligible: number;
  pass: number;
  fail: number;
  votes: { voteId: string; voterId: string; name: string; choice: 'pass' | 'fail'; reason: string | null }[];
}

export interface ItemState {
  applicant: ApplicantInfo;
  /** the ballot votes go to now: 1 + the held decisions before it */
  ballot: number;
  held: DecisionRow[];
  seats: Seat[];
  /** every vote on this applicant in this meeting */
  allVotes: VoteRow[];
  /** each voter's current vote on the current ballot */
  currentVotes: VoteRow[];
  tally: Tally;
  /** every decision on this applicant in this meeting */
  decisions: DecisionRow[];
  /** the decision (合格/不合格) on the current ballot, if any */
  current: DecisionRow | undefined;
  stale: boolean;
  status: ItemStatus;
  chairMayVote: boolean;
}

/** The Chinese note of a late arrival, e.g. 迟到（10:32到会）. */
export function arrivalText(r: ArrivalRow): string {
  const d = new Date(r.arrived_at);
  const hm = Number.isNaN(d.getTime()) ? r.arrived_at : `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `迟到（${hm}到会）`;
}

/** A late member votes on an item only from the ballot fixed at arrival (see migration 009). */
export function lateMemberJoins(arrival: Arrival | undefined, applicationId: string, ballot: number): boolean {
  const j = arrival?.joins.find((x) => x.applicationId === applicationId);
  return !!j && ballot >= j.fromBallot;
}

export function seatsOf(st: MeetingState, a: ApplicantInfo, ballot: number): Seat[] {
  const seats: Seat[] = st.s.panel.members.map((m) => {
    const att = st.attendance.get(m.id);
    const base = { id: m.id, name: m.name, kind: 'member' as const, role: m.role, replacesMemberId: null };
    const arrival = st.arrivals.get(m.id);
    if (arrival && !lateMemberJoins(arrival, a.id, ballot)) return { ...base, standing: 'absent' as const, note: `${arrivalText(arrival.row)}，到会时该申请已开始表决或已作出结论，不参加本轮表决` };
    if (!arrival && (!att || att.present !== 1)) return { ...base, standing: 'absent' as const, note: att?.note ?? '未出席' };
    const standing = st.s.conflicts.standing(m.id, a.id);
    if (standing === 'conflicted') return { ...base, standing: 'recused' as const, note: steppedAsideText(st.s.conflicts.decision(m.id, a.id)!) };
    if (standing === 'flag_pending') return { ...base, standing: 'flag_pending' as const, note: st.s.conflicts.flagsOf(m.id, a.id).map((f) => f.reason).join('；') };
    return { ...base, standing: 'eligible' as const, note: null };
  });
  for (const sub of st.substitutes.filter((x) => x.application_id === a.id)) {
    const replaced = seats.find((x) => x.id === sub.replaces_member_id);
    const active = !replaced || replaced.standing !== 'eligible';
    seats.push({
      // a substitute votes and signs as the person (one person may stand in on several applicants)
      id: sub.person_id,
      name: sub.name,
      kind: 'substitute',
      role: null,
      standing: active ? 'eligible' : 'inactive',
      note: `替代${replaced?.name ?? '成员'}（${replaced ? SEAT_STANDING_LABEL[replaced.standing] : ''}）：${sub.reason}`,
      replacesMemberId: sub.replaces_member_id,
    });
  }
  return seats;
}

export const castVote = (v: VoteRow): CastVote => ({ voteId: v.id, voterId: v.voter_id, choice: v.choice, reason: v.reason, at: v.cast_at });

export function snapshotOf(t: Tally): TallySnapshot {
  const names = new Map(t.eligible.map((s) => [s.id, s.name]));
  return {
    eligibleIds: t.eligible.map((s) => s.id).sort(),
    eligible: t.eligible.length,
    pass: t.pass,
    fail: t.fail,
    votes: t.counted.map((v) => ({ voteId: v.voteId, voterId: v.voterId, name: names.get(v.voterId) ?? v.voterId, choice: v.choice, reason: v.reason })),
  };
}

function sameTally(a: TallySnapshot, b: TallySnapshot): boolean {
  const ids = (x: TallySnapshot) => x.votes.map((v) => v.voteId).sort().join(',');
  return a.eligibleIds.join(',') === b.eligibleIds.join(',') && ids(a) === ids(b);
}

export function itemState(st: MeetingState, a: ApplicantInfo): ItemState {
  const decisions = st.decisions.filter((d) => d.application_id === a.id);
  const held = decisions.filter((d) => d.outcome === 'held');
  const ballot = held.length + 1;
  const allVotes = st.votes.filter((v) => v.application_id === a.id);
  const currentVotes = heads(allVotes.filter((v) => v.ballot === ballot));
  const seats = seatsOf(st, a, ballot);
  const tally = tallyVotes(st.quorum, seats, currentVotes.map(castVote));
  const current = heads(decisions.filter((d) => d.ballot === ballot && d.outcome !== 'held'))[0];
  const stale = current ? !sameTally(JSON.parse(current.tally_json) as TallySnapshot, snapshotOf(tally)) : false;
  let status: ItemStatus;
  if (current) status = stale ? 'stale' : 'decided';
  else if (currentVotes.length > 0) status = 'voting';
  else if (held.length > 0) status = 'held';
  else status = 'pending';
  const chairSeat = seats.find((x) => x.id === st.meeting.chair_member_id);
  return { applicant: a, ballot, held, seats, allVotes, currentVotes, tally, decisions, current, stale, status, chairMayVote: chairSeat?.standing === 'eligible' };
}

/** Present members, then substitutes: who confirms the minutes. */
export function signersOf(st: MeetingState): { id: string; name: string; kind: 'member' | 'substitute'; role: 'chair' | 'member' | null; personId: string }[] {
  const present = st.s.panel.members.filter((m) => st.attendance.get(m.id)?.present === 1 || st.arrivals.has(m.id)).map((m) => ({ id: m.id, name: m.name, kind: 'member' as const, role: m.role, personId: m.personId }));
  const subs = new Map(st.substitutes.map((x) => [x.person_id, { id: x.person_id, name: x.name, kind: 'substitute' as const, role: null, personId: x.person_id }]));
  return [...present, ...subs.values()];
}
