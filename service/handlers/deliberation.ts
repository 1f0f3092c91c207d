import { randomUUID } from 'node:crypto';
import type { HandlerSlice } from './types';
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator, today } from '../context';
import { appendAudit } from '../../db/queries/audit';
import type { Db } from '../../db/queries/types';
import { getPerson, findPanelMemberByPerson } from '../../db/queries/panel';
import { getApplication, listApplications } from '../../db/queries/applications';
import {
  getAuditHead,
  insertAgenda,
  insertArrival,
  insertAttendance,
  insertDecision,
  insertDelivery,
  insertMeeting,
  insertResponse,
  insertSeal,
  insertSubstitute,
  insertVote,
  listMeetingsOfRound,
  getSeal,
  listDecisions,
} from '../../db/queries/deliberation';
import { notFound, refuse } from '../errors';
import { checkPin, loadApplicants, openSession, refuseUnlessClear, requireMember, requireSession, requireValidPanel } from './panel';
import { deliberationBlockersOf, loadScoringState } from './scoring';
import { requireRound } from './rounds';
import { loadProfile } from '../profiles';
import { likelyConflicts, panelInvalidMessage } from '../../shared/rules/panel';
import { formatCitation } from '../../shared/profiles/schema';
import {
  DEFAULT_TIE_RULE,
  TIE_RULES,
  TIE_RULE_LABEL,
  VOTE_CHOICE_LABEL,
  resolveDecision,
  tallyVotes,
  voteProblem,
  type Resolution,
} from '../../shared/rules/voting';
import { PANEL_REASONS, advicePresetsFor, reasonKindOf } from '../../shared/rules/rectification';
import { formatDateZh } from '../../shared/util/dates';
import { canonicalJson } from '../../shared/util/canonicalJson';
import {
  arrivalText,
  castVote,
  heads,
  itemState,
  loadMeeting,
  memberActor,
  requireChair,
  requireMeeting,
  requireOnAgenda,
  requireWritable,
  signersOf,
  snapshotOf,
  type MeetingState,
} from '../deliberation/state';
import { agendaView, applicantView, basicFacts, buildMinutes, defaultOrder, minutesView, resultsOf } from '../deliberation/views';
import { agreementOf, deadlineRow, finalDecisions } from '../deliberation/consequences';
import { tallyComplete } from '../deliberation/secrecy';
import { openMeetingOfRound } from '../deliberation/lock';
import type { DecisionView } from '../../shared/contract/slices/deliberation';

// ---------------------------------------------------------------------------
// Helpers

/** Applicants of a round still to be decided: accepted, without a final 合格/不合格 in a sealed meeting. */
async function pendingApplicants(db: Db, roundId: string) {
  const accepted = (await loadApplicants(db, roundId)).filter((a) => a.status === 'accepted');
  const finals = await finalDecisions(db, accepted.map((a) => a.id));
  return accepted.filter((a) => !finals.has(a.id));
}

const openMeetingOf = openMeetingOfRound;

/** The PIN session of the person acting in a meeting (member or substitute). */
async function meetingSession(ctx: ServiceContext, input: { meetingId: string; actingMemberId: string; session: string }) {
  const meeting = await requireMeeting(ctx.db, input.meetingId);
  requireSession(ctx, { roundId: meeting.round_id, actingMemberId: input.actingMemberId, session: input.session });
  return meeting;
}

function seatActor(st: MeetingState, voterId: string): string {
  const m = st.s.panel.members.find((x) => x.id === voterId);
  if (m) return memberActor(m);
  const sub = st.substitutes.find((x) => x.person_id === voterId);
  return memberActor({ name: sub?.name ?? voterId, role: null });
}

async function personOfSigner(db: Db, st: MeetingState, id: string) {
  const personId = st.s.panel.members.find((m) => m.id === id)?.personId ?? st.substitutes.find((x) => x.person_id === id)?.person_id;
  const person = personId ? await getPerson(db, personId) : undefined;
  if (!person) notFound('人员', id);
  return person;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------

export const deliberationHandlers: HandlerSlice<
  | 'deliberation.status'
  | 'deliberation.signIn'
  | 'deliberation.open'
  | 'deliberation.agenda'
  | 'deliberation.recordArrival'
  | 'deliberation.setOrder'
  | 'deliberation.applicant'
  | 'deliberation.addSubstitute'
  | 'deliberation.vote'
  | 'deliberation.decide'
  | 'deliberation.minutes'
  | 'deliberation.respondMinutes'
  | 'deliberation.seal'
  | 'deliberation.recordDelivery'
  | 'deliberation.deadlines'
  | 'deliberation.agreementDeadline'
> = {
  async 'deliberation.status'(ctx, { roundId }) {
    await requireRound(ctx.db, roundId);
    const blockers = (await deliberationBlockersOf(ctx.db, roundId)).map((b) => ({ code: b.code as string, message: b.message }));
    const open = await openMeetingOf(ctx.db, roundId);
    const pending = await pendingApplicants(ctx.db, roundId);
    if (open) blockers.push({ code: 'meeting_open', message: `第${open.seq}次集体评议尚未封存，请先完成并封存会议纪要` });
    if (pending.length === 0) blockers.push({ code: 'nothing_to_decide', message: '没有待集体评议的申请（形式审查通过且尚无审核结论的申请）' });
    const meetings = [];
    for (const m of await listMeetingsOfRound(ctx.db, roundId)) {
      const seal = await getSeal(ctx.db, m.id);
      const ds = heads(await listDecisions(ctx.db, m.id));
      meetings.push({
        meetingId: m.id,
        seq: m.seq,
        heldOn: m.held_on,
        place: m.place,
        sealed: !!seal,
        sealedAt: seal?.sealed_at ?? null,
        minutesHash: seal?.minutes_hash ?? null,
        pass: ds.filter((d) => d.outcome === 'pass').length,
        fail: ds.filter((d) => d.outcome === 'fail').length,
        held: ds.filter((d) => d.outcome === 'held').length,
      });
    }
    return {
      roundId,
      canOpen: blockers.length === 0,
      blockers,
      pendingApplicants: pending.length,
      openMeetingId: open?.id ?? null,
      meetings,
      tieRules: TIE_RULES.map((id) => ({ id, label: TIE_RULE_LABEL[id], isDefault: id === DEFAULT_TIE_RULE })),
    };
  },

  async 'deliberation.signIn'(ctx, { meetingId, voterId, pin }) {
    const st = await loadMeeting(ctx.db, meetingId);
    if (st.seal) refuse('STATE', '本次集体评议已封存', `meeting ${meetingId} sealed`);
    const member = st.s.panel.members.find((m) => m.id === voterId);
    const sub = st.substitutes.find((x) => x.person_id === voterId);
    if (!member && !sub) notFound('参加本次会议的人员', voterId);
    const person = await getPerson(ctx.db, member?.personId ?? sub!.person_id);
    if (!person) notFound('人员', voterId);
    await checkPin(ctx, person, pin);
    const { token, expiresAt } = openSession(ctx, st.meeting.round_id, voterId);
    return { session: token, voterId, name: person.name, kind: member ? ('member' as const) : ('substitute' as const), expiresAt };
  },

  async 'deliberation.open'(ctx, input) {
    requireSession(ctx, input);
    const { roundId } = input;
    let meetingId = '';
    await ctx.db.transaction().execute(async (trx) => {
      const panel = await requireValidPanel(trx, roundId);
      if (panel.round.status !== 'open') refuse('STATE', '本批次已关闭，不能召开集体评议', `round ${roundId} closed`);
      const chair = requireMember(panel, input.actingMemberId);
      if (chair.role !== 'chair') refuse('STATE', `只有组长才能召开集体评议，${chair.name}不是组长`, `member ${chair.id} is not the chair`);
      const open = await openMeetingOf(trx, roundId);
      if (open) refuse('STATE', `第${open.seq}次集体评议（${formatDateZh(open.held_on)}）尚未封存，请先完成并封存会议纪要`, `meeting ${open.id} of ${roundId} still open`);
      const blockers = await deliberationBlockersOf(trx, roundId);
      if (blockers.length > 0) {
        refuse('STATE', `不能开始集体评议：${blockers[0]!.message}${blockers.length > 1 ? `（另有${blockers.length - 1}项，见评分进度）` : ''}`, `deliberation blocked for ${roundId}: ${blockers.map((b) => b.code).join(',')}`);
      }
      // attendance: every member exactly once, present or absent
      const ids = new Set(panel.members.map((m) => m.id));
      const seen = new Set<string>();
      const errors: Record<string, string> = {};
      input.presentMemberIds.forEach((id, i) => {
        if (!ids.has(id)) errors[`presentMemberIds.${i}`] = '不是本批次审核小组成员';
        else if (seen.has(id)) errors[`presentMemberIds.${i}`] = '重复';
        seen.add(id);
      });
      input.absences.forEach((x, i) => {
        if (!ids.has(x.memberId)) errors[`absences.${i}.memberId`] = '不是本批次审核小组成员';
        else if (seen.has(x.memberId)) errors[`absences.${i}.memberId`] = '同一成员不能既出席又缺席，或重复填写';
        seen.add(x.memberId);
      });
      const unaccounted = panel.members.filter((m) => !seen.has(m.id));
      if (unaccounted.length > 0) errors.absences = `请登记${unaccounted.map((m) => m.name).join('、')}出席或缺席`;
      if (Object.keys(errors).length > 0) refuse('VALIDATION', Object.values(errors)[0]!, `bad attendance for ${roundId}`, errors);
      if (!input.presentMemberIds.includes(chair.id)) refuse('VALIDATION', '组长须出席并主持集体评议', 'chair not present', { presentMemberIds: '组长须出席' });
      const profile = await loadProfile(trx, panel.round.profile_id, panel.round.profile_version);
      const min = profile.panel.minMembers;
      if (input.presentMemberIds.length < min) {
        refuse('STATE', `出席成员${input.presentMemberIds.length}人，少于${min}人（${formatCitation(profile.panel.source)}：审核小组人数不少于${min}人），不能召开集体评议`, `only ${input.presentMemberIds.length} present`);
      }
      const pending = await pendingApplicants(trx, roundId);
      if (pending.length === 0) refuse('STATE', '没有待集体评议的申请', `nothing to decide in ${roundId}`);
      let order: string[];
      if (input.order) {
        const want = new Set(pending.map((a) => a.id));
        if (input.order.length !== want.size || !input.order.every((id) => want.has(id)) || new Set(input.order).size !== input.order.length) {
          refuse('VALIDATION', '议程顺序须包含全部待评议的申请，且每个只出现一次', 'order is not a permutation', { order: '议程顺序有误' });
        }
        order = input.order;
      } else {
        const s = await loadScoringState(trx, roundId);
        order = defaultOrder(pending, await resultsOf(trx, s));
      }
      const now = nowIso(ctx);
      const by = memberActor(chair);
      meetingId = randomUUID();
      const seq = (await listMeetingsOfRound(trx, roundId)).length + 1;
      const tieRule = input.tieRule ?? DEFAULT_TIE_RULE;
      await insertMeeting(trx, { id: meetingId, round_id: roundId, seq, held_on: input.heldOn, place: input.place, chair_member_id: chair.id, tie_rule: tieRule, opened_at: now, opened_by: by });
      await insertAttendance(trx, [
        ...input.presentMemberIds.map((id) => ({ meeting_id: meetingId, member_id: id, present: 1, note: null })),
        ...input.absences.map((x) => ({ meeting_id: meetingId, member_id: x.memberId, present: 0, note: x.note ?? null })),
      ]);
      await insertAgenda(trx, meetingId, order, now, by);
      await appendAudit(trx, {
        at: now,
        actor: by,
        action: 'deliberation.open',
        entity: 'round',
        entityId: roundId,
        after: { meetingId, seq, heldOn: input.heldOn, place: input.place, chairMemberId: chair.id, tieRule, present: input.presentMemberIds, absences: input.absences, order },
      });
    });
    return agendaView(ctx, ctx.db, await loadMeeting(ctx.db, meetingId));
  },

  async 'deliberation.agenda'(ctx, { meetingId }) {
    return agendaView(ctx, ctx.db, await loadMeeting(ctx.db, meetingId));
  },

  async 'deliberation.recordArrival'(ctx, input) {
    await meetingSession(ctx, input);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const chair = requireChair(st, input.actingMemberId, '登记成员到会');
      const member = st.s.panel.members.find((m) => m.id === input.memberId);
      if (!member) notFound('审核小组成员', input.memberId);
      if (st.attendance.get(member.id)?.present === 1) refuse('STATE', `${member.name}开会时已登记出席，无需登记到会`, `member ${member.id} present at the opening of ${st.meeting.id}`);
      const earlier = st.arrivals.get(member.id);
      if (earlier) refuse('CONFLICT', `已登记${member.name}${arrivalText(earlier.row)}，无需重复登记`, `arrival of ${member.id} already recorded in ${st.meeting.id}`);
      // the items the member joins: fixed now, from a ballot nobody has voted on yet (表决保密: they learn no choice first)
      const joins = st.agenda.flatMap((id) => {
        const a = st.s.applicants.find((x) => x.id === id);
        if (!a) return [];
        const item = itemState(st, a);
        const started = item.allVotes.some((v) => v.ballot === item.ballot) || item.decisions.some((d) => d.ballot === item.ballot);
        return [{ applicationId: a.id, fromBallot: started ? item.ballot + 1 : item.ballot }];
      });
      const now = nowIso(ctx);
      const by = memberActor(chair);
      await insertArrival(trx, { meeting_id: st.meeting.id, member_id: member.id, arrived_at: now, joins_json: JSON.stringify(joins), note: input.note ?? null, recorded_by: by });
      await appendAudit(trx, {
        at: now,
        actor: by,
        action: 'deliberation.recordArrival',
        entity: 'meeting',
        entityId: st.meeting.id,
        before: { memberId: member.id, present: false, note: st.attendance.get(member.id)?.note ?? null },
        after: { memberId: member.id, name: member.name, arrivedAt: now, note: input.note ?? null, joins },
      });
    });
    return agendaView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId));
  },

  async 'deliberation.setOrder'(ctx, input) {
    await meetingSession(ctx, input);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const chair = requireChair(st, input.actingMemberId, '调整议程顺序');
      const want = new Set(st.agenda);
      if (input.applicationIds.length !== want.size || !input.applicationIds.every((id) => want.has(id)) || new Set(input.applicationIds).size !== input.applicationIds.length) {
        refuse('VALIDATION', '议程顺序须包含本次会议的全部申请，且每个只出现一次', 'order is not a permutation of the agenda', { applicationIds: '议程顺序有误' });
      }
      if (sameJson(input.applicationIds, st.agenda)) return;
      const now = nowIso(ctx);
      await insertAgenda(trx, st.meeting.id, input.applicationIds, now, memberActor(chair));
      await appendAudit(trx, { at: now, actor: memberActor(chair), action: 'deliberation.setOrder', entity: 'meeting', entityId: st.meeting.id, before: st.agenda, after: input.applicationIds });
    });
    return agendaView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId));
  },

  async 'deliberation.applicant'(ctx, { meetingId, applicationId, viewer }) {
    const st = await loadMeeting(ctx.db, meetingId);
    // a viewer sees their own votes (表决保密): only with their own live PIN session of this meeting's round
    if (viewer) requireSession(ctx, { roundId: st.meeting.round_id, actingMemberId: viewer.actingMemberId, session: viewer.session });
    requireOnAgenda(st, applicationId);
    return applicantView(ctx, ctx.db, st, applicationId, viewer?.actingMemberId ?? null);
  },

  async 'deliberation.addSubstitute'(ctx, input) {
    await meetingSession(ctx, input);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const chair = requireChair(st, input.actingMemberId, '安排候补成员');
      const a = requireOnAgenda(st, input.applicationId);
      const item = itemState(st, a);
      if (item.status === 'decided') refuse('STATE', `“${a.name}”已作出审核结论，无需候补成员`, `application ${a.id} decided`);
      const person = await getPerson(trx, input.personId);
      if (!person) notFound('人员', input.personId);
      if (await findPanelMemberByPerson(trx, st.meeting.round_id, person.id)) refuse('STATE', `${person.name}是本批次审核小组成员，不能作为候补成员`, `person ${person.id} is on the panel`);
      if (!person.pin_hash) refuse('STATE', `${person.name}尚未设置个人PIN，请先设置后再作为候补成员表决`, `person ${person.id} has no PIN`);
      const replaced = item.seats.find((x) => x.kind === 'member' && x.id === input.replacesMemberId);
      if (!replaced) notFound('审核小组成员', input.replacesMemberId);
      if (replaced.standing !== 'absent' && replaced.standing !== 'recused') {
        refuse('STATE', `${replaced.name}可以参加对“${a.name}”的表决，候补成员只能替代回避或缺席的成员`, `member ${replaced.id} is ${replaced.standing}`);
      }
      if (st.substitutes.some((x) => x.application_id === a.id && x.replaces_member_id === replaced.id)) refuse('CONFLICT', `已有候补成员替代${replaced.name}参加对“${a.name}”的表决`, `member ${replaced.id} already replaced`);
      if (st.substitutes.some((x) => x.application_id === a.id && x.person_id === person.id)) refuse('CONFLICT', `${person.name}已是“${a.name}”的候补成员`, `person ${person.id} already substitute`);
      const flags = likelyConflicts({ name: person.name, employer: person.employer }, { name: a.name, legalRep: a.legalRep, principal: a.principal, actualController: a.actualController });
      if (flags.length > 0) refuse('STATE', `${person.name}与“${a.name}”可能存在利害关系（${flags.map((f) => f.reason).join('；')}），不能作为候补成员`, `substitute ${person.id} flagged for ${a.id}`);
      const now = nowIso(ctx);
      const id = randomUUID();
      await insertSubstitute(trx, { id, meeting_id: st.meeting.id, application_id: a.id, person_id: person.id, replaces_member_id: replaced.id, reason: input.reason, added_at: now, added_by: memberActor(chair) });
      await appendAudit(trx, {
        at: now,
        actor: memberActor(chair),
        action: 'deliberation.addSubstitute',
        entity: 'application',
        entityId: a.id,
        after: { substituteId: id, meetingId: st.meeting.id, personId: person.id, name: person.name, replacesMemberId: replaced.id, replacesName: replaced.name, replacedStanding: replaced.standing, reason: input.reason },
      });
    });
    return applicantView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId), input.applicationId);
  },

  async 'deliberation.vote'(ctx, input) {
    await meetingSession(ctx, input);
    const reason = input.reason ?? null;
    return ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      if (!st.s.panel.validation.valid) refuse('STATE', `审核小组不符合要求，不能表决：${panelInvalidMessage(st.s.panel.validation)}`, `panel of ${st.meeting.round_id} invalid`);
      const a = requireOnAgenda(st, input.applicationId);
      const item = itemState(st, a);
      const seat = item.seats.find((x) => x.id === input.actingMemberId);
      const member = st.s.panel.members.find((m) => m.id === input.actingMemberId);
      if (member && seat && seat.standing !== 'absent') refuseUnlessClear(st.s.conflicts, member, a, '表决');
      const late = member ? st.arrivals.get(member.id) : undefined;
      if (late && seat?.standing === 'absent') {
        refuse('STATE', `${member!.name}${arrivalText(late.row)}，到会时对“${a.name}”的本轮表决已经开始或已作出结论，不能参加本轮表决`, `late member ${member!.id} did not join ballot ${item.ballot} of ${a.id}`);
      }
      const current = item.currentVotes.find((v) => v.voter_id === input.actingMemberId);
      const problem = voteProblem(seat, input.choice, reason, current ? castVote(current) : undefined, a.name);
      if (problem) {
        const isReason = problem.includes('理由');
        refuse(isReason ? 'VALIDATION' : 'STATE', problem, `vote refused for ${input.actingMemberId} on ${a.id}: ${problem}`, isReason ? { reason: problem } : undefined);
      }
      const now = nowIso(ctx);
      const row = {
        id: randomUUID(),
        meeting_id: st.meeting.id,
        application_id: a.id,
        ballot: item.ballot,
        voter_id: seat!.id,
        voter_kind: seat!.kind,
        choice: input.choice,
        reason,
        supersedes: current?.id ?? null,
        cast_at: now,
        cast_by: seat!.name,
      };
      await insertVote(trx, row);
      await appendAudit(trx, {
        at: now,
        actor: seatActor(st, seat!.id),
        action: current ? 'deliberation.changeVote' : 'deliberation.vote',
        entity: 'application',
        entityId: a.id,
        before: current ? { voteId: current.id, choice: current.choice, reason: current.reason } : null,
        after: { voteId: row.id, meetingId: st.meeting.id, ballot: row.ballot, voterId: row.voter_id, voterKind: row.voter_kind, choice: row.choice, reason, supersedes: row.supersedes },
      });
      const votes = [...item.currentVotes.filter((v) => v.id !== current?.id), row].map(castVote);
      const t = tallyVotes(st.quorum, item.seats, votes);
      // 表决保密: the counts only once the ballot is disclosed (a decision on it, or everyone has voted)
      const disclosed = item.decisions.some((d) => d.ballot === row.ballot) || tallyComplete(t);
      return {
        voteId: row.id,
        meetingId: st.meeting.id,
        applicationId: a.id,
        ballot: row.ballot,
        choice: row.choice,
        castAt: now,
        supersedes: row.supersedes,
        tally: { disclosed, pass: disclosed ? t.pass : null, fail: disclosed ? t.fail : null, eligible: t.eligible.length, missing: t.missing.length, state: t.state },
      };
    });
  },

  async 'deliberation.decide'(ctx, input) {
    await meetingSession(ctx, input);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const chair = requireChair(st, input.actingMemberId, '确认审核结论');
      if (!st.s.panel.validation.valid) refuse('STATE', `审核小组不符合要求，不能作出审核结论：${panelInvalidMessage(st.s.panel.validation)}`, `panel invalid`);
      const a = requireOnAgenda(st, input.applicationId);
      const item = itemState(st, a);
      const r = resolveDecision(item.tally, {
        quorum: st.quorum,
        tieRule: st.meeting.tie_rule,
        chairMayVote: item.chairMayVote,
        chairName: chair.name,
        requested: input.outcome,
        casting: input.castingVote ?? null,
      });
      if (!r.ok) refuse('STATE', r.message, `decision refused for ${a.id}: ${r.message}`);
      const res: Resolution = r.resolution;
      const basic = await basicFacts(ctx, trx, st, a);
      const errors: Record<string, string> = {};
      // the panel's own reasons
      const panelKeys = new Map(PANEL_REASONS.map((p) => [`panel:${p.key}`, p]));
      const panelReasons = input.panelReasons.map((p, i) => {
        const preset = panelKeys.get(p.code);
        if (!preset) errors[`panelReasons.${i}.code`] = `理由代码“${p.code}”不在可选范围内`;
        return { code: p.code, kind: 'panel' as const, title: preset?.title ?? p.code, text: p.text, citation: null };
      });
      if (new Set(input.panelReasons.map((p) => p.code)).size !== input.panelReasons.length) errors.panelReasons = '审核小组意见的理由代码不能重复';
      let reasons: DecisionView['reasons'] = [];
      let advice: DecisionView['advice'] = [];
      let override: DecisionView['override'] = null;
      if (res.outcome === 'held') {
        if (input.panelReasons.length || input.advice.length || input.override) errors.outcome = '暂缓决定（待重新表决）无需填写理由、整改建议或认定理由';
      } else if (res.outcome === 'pass') {
        const needed = [...basic.failed.map((f) => ({ code: f.code, title: f.title, state: 'fail' as const })), ...basic.pending.map((p) => ({ ...p, state: 'pending' as const }))];
        if (needed.length > 0 && !input.override) {
          const nf = basic.failed.length;
          const np = basic.pending.length;
          const what = [nf ? `${nf}项基础性指标不符合` : '', np ? `${np}项尚未核查` : ''].filter(Boolean).join('、');
          refuse(
            'STATE',
            `“${a.name}”有${what}（${needed.slice(0, 3).map((x) => x.title).join('、')}${needed.length > 3 ? '等' : ''}），认定合格须由审核小组明确记录认定理由（推翻基础性指标结论）`,
            `pass without override for ${a.id}`,
            { override: '请填写认定合格的理由' },
          );
        }
        if (needed.length === 0 && input.override) errors.override = '基础性指标均已符合，无需记录认定理由';
        if (input.advice.length > 0) errors.advice = '审核结论为合格，无需整改建议';
        reasons = panelReasons;
        if (input.override && needed.length > 0) {
          const supporters = item.tally.counted.filter((v) => v.choice === 'pass').map((v) => item.seats.find((x) => x.id === v.voterId)?.name ?? v.voterId);
          override = { items: needed, reason: input.override.reason, recordedBy: memberActor(chair), supporters };
        }
      } else {
        if (input.override) errors.override = '审核结论为不合格，无需记录认定合格的理由';
        reasons = [...basic.failed, ...panelReasons];
        if (reasons.length === 0) errors.panelReasons = '审核结论为不合格，须写明理由（基础性指标均符合时，请填写审核小组的理由）';
        const codes = new Set(reasons.map((x) => x.code));
        input.advice.forEach((x, i) => {
          if (!codes.has(x.code)) errors[`advice.${i}.code`] = `整改建议对应的理由“${x.code}”不在本次结论的理由中`;
          else if (x.presetId && !advicePresetsFor(x.code).some((p) => p.id === x.presetId)) errors[`advice.${i}.presetId`] = '整改建议模板不在可选范围内';
        });
        const advised = new Set(input.advice.map((x) => x.code));
        const missing = reasons.filter((x) => (x.kind === 'rule' || x.kind === 'basic') && !advised.has(x.code));
        if (missing.length > 0) errors.advice = `请为每项不符合的基础性指标提出整改建议（还缺：${missing.map((x) => x.title).join('、')}）`;
        else if (input.advice.length === 0) errors.advice = '审核结论为不合格，须提出整改建议';
        advice = input.advice.map((x) => ({ code: x.code, presetId: x.presetId ?? null, text: x.text }));
        for (const x of input.advice) if (!reasonKindOf(x.code)) errors.advice ??= `理由代码“${x.code}”无效`;
      }
      if (Object.keys(errors).length > 0) refuse('VALIDATION', Object.values(errors)[0]!, `decision input refused for ${a.id}`, errors);

      const tie: DecisionView['tie'] =
        res.basis === 'tie'
          ? { rule: res.rule, applied: 'held', note: res.note, casting: null }
          : res.basis === 'casting'
            ? { rule: st.meeting.tie_rule, applied: 'casting', note: `${item.tally.message}，由组长${chair.name}投决定票：${VOTE_CHOICE_LABEL[res.casting.choice]}`, casting: { choice: res.casting.choice, reason: res.casting.reason, by: chair.name } }
            : null;
      const snapshot = snapshotOf(item.tally);
      const previous = item.current;
      if (previous) {
        const same =
          previous.outcome === res.outcome &&
          !item.stale &&
          sameJson(JSON.parse(previous.reasons_json), reasons) &&
          sameJson(JSON.parse(previous.advice_json), advice) &&
          sameJson(previous.override_json ? JSON.parse(previous.override_json) : null, override) &&
          sameJson(previous.tie_json ? JSON.parse(previous.tie_json) : null, tie);
        if (same) refuse('STATE', '与已作出的审核结论相同，无需重复提交', `identical decision for ${a.id}`);
        if (!input.changeReason) refuse('VALIDATION', '已作出审核结论，修改须写明修改原因', `decision change without reason`, { changeReason: '请填写修改原因' });
      }
      const now = nowIso(ctx);
      const row = {
        id: randomUUID(),
        meeting_id: st.meeting.id,
        application_id: a.id,
        ballot: item.ballot,
        outcome: res.outcome,
        basis: res.basis,
        tally_json: JSON.stringify(snapshot),
        reasons_json: JSON.stringify(reasons),
        advice_json: JSON.stringify(advice),
        override_json: override ? JSON.stringify(override) : null,
        tie_json: tie ? JSON.stringify(tie) : null,
        supersedes: previous?.id ?? null,
        change_reason: previous ? (input.changeReason ?? null) : null,
        decided_at: now,
        decided_by: memberActor(chair),
      };
      await insertDecision(trx, row);
      await appendAudit(trx, {
        at: now,
        actor: memberActor(chair),
        action: previous ? 'deliberation.changeDecision' : 'deliberation.decide',
        entity: 'application',
        entityId: a.id,
        before: previous ? { decisionId: previous.id, outcome: previous.outcome, reasons: JSON.parse(previous.reasons_json), advice: JSON.parse(previous.advice_json) } : null,
        after: { decisionId: row.id, meetingId: st.meeting.id, ballot: row.ballot, outcome: res.outcome, basis: res.basis, tally: snapshot, reasons, advice, override, tie, changeReason: row.change_reason },
      });
    });
    return applicantView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId), input.applicationId);
  },

  async 'deliberation.minutes'(ctx, { meetingId }) {
    return minutesView(ctx, ctx.db, await loadMeeting(ctx.db, meetingId));
  },

  async 'deliberation.respondMinutes'(ctx, input) {
    await meetingSession(ctx, input);
    const pre = await loadMeeting(ctx.db, input.meetingId);
    const signer = signersOf(pre).find((s) => s.id === input.actingMemberId);
    if (!signer) refuse('STATE', '只有出席本次会议的成员和候补成员需要确认会议纪要', `${input.actingMemberId} is not a signer of ${input.meetingId}`);
    await checkPin(ctx, await personOfSigner(ctx.db, pre, signer.id), input.pin);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const { hash, notReady } = await buildMinutes(ctx, trx, st);
      if (notReady) refuse('STATE', `会议纪要尚不能确认：${notReady}`, `minutes of ${st.meeting.id} not ready`);
      if (hash !== input.minutesHash) refuse('STATE', '会议纪要在您阅读后已有变化，请刷新后重新阅读再确认', `stale minutes hash from ${signer.id}`);
      const latest = st.responses.filter((r) => r.signer_id === signer.id).pop();
      if (latest && latest.minutes_hash === hash && latest.response === input.response && (latest.reason ?? null) === (input.reason ?? null)) {
        refuse('STATE', input.response === 'confirm' ? '您已确认本版会议纪要' : '您已拒绝确认本版会议纪要', `duplicate response from ${signer.id}`);
      }
      const now = nowIso(ctx);
      const row = { id: randomUUID(), meeting_id: st.meeting.id, signer_id: signer.id, signer_kind: signer.kind, minutes_hash: hash, response: input.response, reason: input.reason ?? null, at: now, by_name: signer.name };
      await insertResponse(trx, row);
      await appendAudit(trx, {
        at: now,
        actor: seatActor(st, signer.id),
        action: input.response === 'confirm' ? 'deliberation.confirmMinutes' : 'deliberation.refuseMinutes',
        entity: 'meeting',
        entityId: st.meeting.id,
        before: latest ? { response: latest.response, reason: latest.reason, minutesHash: latest.minutes_hash } : null,
        after: { responseId: row.id, response: row.response, reason: row.reason, minutesHash: hash, pinVerified: true },
      });
    });
    return minutesView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId));
  },

  async 'deliberation.seal'(ctx, input) {
    await meetingSession(ctx, input);
    const pre = await loadMeeting(ctx.db, input.meetingId);
    const chair = requireChair(pre, input.actingMemberId, '封存会议纪要');
    const person = await getPerson(ctx.db, chair.personId);
    if (!person) notFound('人员', chair.personId);
    await checkPin(ctx, person, input.pin);
    await ctx.db.transaction().execute(async (trx) => {
      const st = await loadMeeting(trx, input.meetingId);
      requireWritable(st);
      const view = await minutesView(ctx, trx, st);
      if (view.minutesHash !== input.minutesHash) refuse('STATE', '会议纪要已有变化，请刷新后再封存', `stale minutes hash for seal of ${st.meeting.id}`);
      if (view.sealProblem) refuse('STATE', `不能封存：${view.sealProblem}`, `seal refused for ${st.meeting.id}: ${view.sealProblem}`);
      const head = await getAuditHead(trx);
      const now = nowIso(ctx);
      const responses = view.signers.map((s) => ({ signerId: s.id, name: s.name, kind: s.kind, response: s.response!.response, reason: s.response!.reason, at: s.response!.at, minutesHash: s.response!.minutesHash }));
      await insertSeal(trx, {
        meeting_id: st.meeting.id,
        sealed_at: now,
        sealed_by: memberActor(chair),
        minutes_hash: view.minutesHash,
        minutes_json: canonicalJson(view.minutes),
        responses_json: JSON.stringify(responses),
        audit_seq: head?.seq ?? 0,
        audit_hash: head?.hash ?? '0'.repeat(64),
      });
      await appendAudit(trx, {
        at: now,
        actor: memberActor(chair),
        action: 'deliberation.seal',
        entity: 'meeting',
        entityId: st.meeting.id,
        after: { minutesHash: view.minutesHash, auditHead: { seq: head?.seq ?? 0, hash: head?.hash ?? null }, summary: view.minutes.summary, responses: responses.map((r) => ({ signerId: r.signerId, response: r.response, reason: r.reason })) },
      });
    });
    return minutesView(ctx, ctx.db, await loadMeeting(ctx.db, input.meetingId));
  },

  async 'deliberation.recordDelivery'(ctx, input) {
    await ctx.db.transaction().execute(async (trx) => {
      const app = await getApplication(trx, input.applicationId);
      if (!app) notFound('申请', input.applicationId);
      const final = (await finalDecisions(trx, [app.id])).get(app.id);
      if (!final) refuse('STATE', `“${app.name}”尚无已封存的审核结论，不能登记结果告知送达`, `no sealed decision for ${app.id}`);
      if (input.deliveredOn < final.held_on) refuse('VALIDATION', `送达日期不能早于集体评议日期（${formatDateZh(final.held_on)}）`, 'delivery before decision', { deliveredOn: '送达日期早于评议日期' });
      if (input.deliveredOn > today(ctx)) refuse('VALIDATION', '送达日期不能晚于今天', 'delivery in the future', { deliveredOn: '送达日期晚于今天' });
      const rows = await trx.selectFrom('result_delivery').selectAll().where('application_id', '=', app.id).execute();
      const current = heads(rows)[0];
      if (current) {
        if (current.delivered_on === input.deliveredOn && current.method === input.method && (current.note ?? null) === (input.note ?? null)) refuse('STATE', '与已登记的送达信息相同，无需重复提交', 'duplicate delivery');
        if (!input.reason) refuse('VALIDATION', '已登记送达信息，修改须写明原因', 'delivery change without reason', { reason: '请填写修改原因' });
      }
      const now = nowIso(ctx);
      const by = await operator(trx);
      const row = { id: randomUUID(), application_id: app.id, decision_id: final.id, delivered_on: input.deliveredOn, method: input.method, note: input.note ?? null, supersedes: current?.id ?? null, reason: current ? (input.reason ?? null) : null, recorded_at: now, recorded_by: by };
      await insertDelivery(trx, row);
      await appendAudit(trx, {
        at: now,
        actor: by,
        action: 'deliberation.recordDelivery',
        entity: 'application',
        entityId: app.id,
        before: current ? { deliveredOn: current.delivered_on, method: current.method, note: current.note } : null,
        after: { deliveryId: row.id, decisionId: final.id, outcome: final.outcome, deliveredOn: row.delivered_on, method: row.method, note: row.note, reason: row.reason },
      });
    });
    const app = (await getApplication(ctx.db, input.applicationId))!;
    return deadlineRow(ctx.db, await loadCalendar(ctx.db), app, null);
  },

  async 'deliberation.deadlines'(ctx, { roundId }) {
    await requireRound(ctx.db, roundId);
    const cal = await loadCalendar(ctx.db);
    const open = await openMeetingOf(ctx.db, roundId);
    const openDecisions = new Map<string, { outcome: 'pass' | 'fail' | 'held'; decisionId: string; meetingId: string; decidedOn: string }>();
    if (open) {
      for (const d of heads(await listDecisions(ctx.db, open.id))) openDecisions.set(d.application_id, { outcome: d.outcome, decisionId: d.id, meetingId: open.id, decidedOn: open.held_on });
    }
    const apps = (await listApplications(ctx.db, roundId)).filter((a) => a.status === 'accepted');
    const out = [];
    for (const a of apps) out.push(await deadlineRow(ctx.db, cal, a, openDecisions.get(a.id) ?? null));
    return out;
  },

  async 'deliberation.agreementDeadline'(ctx, { applicationId, noticeEndsOn }) {
    const app = await getApplication(ctx.db, applicationId);
    if (!app) notFound('申请', applicationId);
    const final = (await finalDecisions(ctx.db, [app.id])).get(app.id);
    if (!final || final.outcome !== 'pass') refuse('STATE', `“${app.name}”没有已封存的合格结论，无需计算协议申请期限`, `no sealed pass for ${app.id}`);
    if (noticeEndsOn < final.held_on) refuse('VALIDATION', '公示结束日期不能早于集体评议日期', 'notice end before decision', { noticeEndsOn: '日期早于评议日期' });
    const round = await requireRound(ctx.db, app.round_id);
    const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
    return { applicationId, ...agreementOf(profile, noticeEndsOn, await loadCalendar(ctx.db)), noticeEndsOn };
  },
};
