/**
 * 评议锁定: what a 集体评议 fixes, decided here once and called at the top of
 * the scoring and panel handlers (inside their transaction, before anything
 * is written).
 *
 * An applicant is LOCKED when
 *   - it is on the agenda of its round's open (not yet sealed) meeting: the
 *     panel deliberates and votes on the scores, ranks and 回避 it sees, as
 *     attendance is fixed when the meeting opens; or
 *   - it was decided 合格 or 不合格 in a sealed meeting: the sealed minutes
 *     record the decision and its basis (an applicant held 暂缓 in a sealed
 *     meeting is not decided, and is open to changes until the next meeting
 *     puts it on its agenda).
 * For a locked applicant scoring.save and scoring.explain are refused, and
 * so is panel.setConflict (回避 and its clearing) — with one exception while
 * the meeting is open: a possible conflict the system flags (e.g. after a
 * member's employer was edited) and nobody has answered yet may be answered,
 * since until then nobody can decide on the applicant (the tally waits for
 * it) and the flagged member cannot vote on it.
 *
 * Changes that reach every applicant of the round are refused the same way:
 *   - while a meeting of the round is open: scoring.submit, panel.addMember,
 *     panel.removeMember (they change whose scores count and who votes), and
 *     the rubric and scoring rules below;
 *   - once any applicant of the round is decided in a sealed meeting:
 *     rubric.saveDraft / rubric.freeze / rubric.newVersion and
 *     scoring.setConfig (scores and ranks would no longer be those the
 *     decision was taken on).
 *
 * No policy article speaks of locking. The rule follows from the texts'
 * procedure — the panel scores, then deliberates collectively (000 第十二条、
 * 第十三条) and the result is recorded and filed (000 第十四条: 报同级医疗保障
 * 行政部门备案) — and from keeping records intact; 003 第四十八条 (档案资料应
 * 真实、准确、完整，不得伪造、变造、隐匿、涂改) is the nearest text, in one
 * region only, so the messages name the reason rather than an article.
 */
import type { Db } from '../../db/queries/types';
import { currentAgenda, getMeeting, getSeal, listMeetingsOfRound, type MeetingRow } from '../../db/queries/deliberation';
import { getApplication, listApplications } from '../../db/queries/applications';
import { getConflict } from '../../db/queries/panel';
import { ConflictMatrix, loadApplicants, loadPanel } from '../handlers/panel';
import { refuse } from '../errors';
import { formatDateZh } from '../../shared/util/dates';
import { OUTCOME_LABEL } from '../../shared/rules/voting';
import { finalDecisions } from './consequences';

export type ApplicantLock =
  | { kind: 'agenda'; applicationId: string; meeting: MeetingRow }
  | { kind: 'decided'; applicationId: string; meeting: MeetingRow; outcome: 'pass' | 'fail' };

/** The round's unsealed meeting, if any (at most one: deliberation.open refuses a second). */
export async function openMeetingOfRound(db: Db, roundId: string): Promise<MeetingRow | undefined> {
  for (const m of (await listMeetingsOfRound(db, roundId)).reverse()) {
    if (!(await getSeal(db, m.id))) return m;
  }
  return undefined;
}

/** Why an applicant cannot change any more, or null. */
export async function applicantLock(db: Db, roundId: string, applicationId: string): Promise<ApplicantLock | null> {
  const open = await openMeetingOfRound(db, roundId);
  if (open && (await currentAgenda(db, open.id)).includes(applicationId)) return { kind: 'agenda', applicationId, meeting: open };
  const final = (await finalDecisions(db, [applicationId])).get(applicationId);
  if (final) {
    const meeting = await getMeeting(db, final.meeting_id);
    if (meeting) return { kind: 'decided', applicationId, meeting, outcome: final.outcome as 'pass' | 'fail' };
  }
  return null;
}

const meetingName = (m: MeetingRow) => `第${m.seq}次集体评议（${formatDateZh(m.held_on)}）`;

/**
 * Every locked applicant of the round at once (one read of the meetings and
 * decisions), for checks over many applicants such as a merged score sheet.
 */
export async function lockedApplicants(db: Db, roundId: string): Promise<Map<string, ApplicantLock>> {
  const out = new Map<string, ApplicantLock>();
  const open = await openMeetingOfRound(db, roundId);
  if (open) for (const id of await currentAgenda(db, open.id)) out.set(id, { kind: 'agenda', applicationId: id, meeting: open });
  const finals = await finalDecisions(db, (await listApplications(db, roundId)).map((a) => a.id));
  const meetings = new Map<string, MeetingRow | undefined>();
  for (const [id, f] of finals) {
    if (out.has(id)) continue;
    if (!meetings.has(f.meeting_id)) meetings.set(f.meeting_id, await getMeeting(db, f.meeting_id));
    const meeting = meetings.get(f.meeting_id);
    if (meeting) out.set(id, { kind: 'decided', applicationId: id, meeting, outcome: f.outcome as 'pass' | 'fail' });
  }
  return out;
}

/** Why a change to a locked applicant is refused: `what` is the Chinese action (修改评分, 变更回避…), `whatEn` the log's. */
export function lockReason(lock: ApplicantLock, name: string, what: string, whatEn: string): { zh: string; en: string } {
  if (lock.kind === 'agenda') {
    return {
      zh: `“${name}”已列入${meetingName(lock.meeting)}的议程，会议封存前不能${what}：集体评议以开会时的评分和回避情况为依据`,
      en: `${whatEn} refused: application ${lock.applicationId} is on the agenda of open meeting ${lock.meeting.id}`,
    };
  }
  return {
    zh: `“${name}”已在${meetingName(lock.meeting)}中作出审核结论（${OUTCOME_LABEL[lock.outcome]}），会议纪要已封存，不能再${what}：已封存的审核结论及其依据不能更改`,
    en: `${whatEn} refused: application ${lock.applicationId} decided (${lock.outcome}) in sealed meeting ${lock.meeting.id}`,
  };
}

/** Refuses a change to one applicant's scores or 回避 once it is locked (see lockReason). */
export async function refuseIfApplicantLocked(db: Db, roundId: string, applicationId: string, what: string, whatEn: string): Promise<void> {
  const lock = await applicantLock(db, roundId, applicationId);
  if (!lock) return;
  const reason = lockReason(lock, (await getApplication(db, applicationId))?.name ?? applicationId, what, whatEn);
  refuse('STATE', reason.zh, reason.en);
}

/** A system flag between the member and the applicant that nobody has answered (回避 or 排除) yet. */
async function unansweredFlag(db: Db, roundId: string, memberId: string, applicationId: string): Promise<boolean> {
  if (await getConflict(db, memberId, applicationId)) return false;
  const member = (await loadPanel(db, roundId)).members.find((m) => m.id === memberId);
  const applicant = (await loadApplicants(db, roundId)).find((a) => a.id === applicationId);
  if (!member || !applicant) return false;
  return new ConflictMatrix([member], [applicant], []).flagsOf(memberId, applicationId).length > 0;
}

/** Refuses a 回避 change for a locked applicant, except answering a pending system flag while its meeting is open. */
export async function refuseIfConflictLocked(db: Db, roundId: string, memberId: string, applicationId: string): Promise<void> {
  const lock = await applicantLock(db, roundId, applicationId);
  if (!lock) return;
  if (lock.kind === 'agenda' && (await unansweredFlag(db, roundId, memberId, applicationId))) return;
  await refuseIfApplicantLocked(db, roundId, applicationId, '变更回避', 'panel.setConflict');
}

/**
 * Refuses a change reaching every applicant of the round: always while a
 * meeting is open; with `afterDecisions` also once any applicant of the round
 * is decided in a sealed meeting.
 */
export async function refuseIfRoundLocked(db: Db, roundId: string, what: string, whatEn: string, opts: { afterDecisions: boolean }): Promise<void> {
  const open = await openMeetingOfRound(db, roundId);
  if (open) {
    refuse('STATE', `${meetingName(open)}正在进行，会议封存前不能${what}：集体评议以开会时的评分、回避和审核小组为依据`, `${whatEn} refused: meeting ${open.id} of round ${roundId} is open`);
  }
  if (!opts.afterDecisions) return;
  const ids = (await listApplications(db, roundId)).map((a) => a.id);
  const finals = [...(await finalDecisions(db, ids)).values()];
  if (finals.length > 0) {
    const meeting = await getMeeting(db, finals[0]!.meeting_id);
    refuse(
      'STATE',
      `本批次已有${finals.length}个申请机构在集体评议${meeting ? `（${meetingName(meeting)}）` : ''}中作出审核结论，不能再${what}：已作出的结论以当时的评分细则和计分规则为依据`,
      `${whatEn} refused: ${finals.length} application(s) of round ${roundId} decided in sealed meetings`,
    );
  }
}
