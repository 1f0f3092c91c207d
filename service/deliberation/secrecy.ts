/**
 * 表决保密: what the meeting's read methods may show of the votes on a
 * ballot, decided here once and used by every view (deliberation.applicant,
 * deliberation.vote's answer, deliberation.agenda, deliberation.minutes and
 * the audit log listing).
 *
 * The policy texts say only that the panel reviews collectively (000 第十二条,
 * 003 第二十条（二）: 集体评议) and that the result is 合格 or 不合格 (000
 * 第十四条); they say nothing on secrecy. The rule below keeps each vote
 * independent: no member can learn how others voted before casting their own.
 *
 * A ballot is DISCLOSED when any of:
 *   - the meeting is sealed (the minutes record every vote);
 *   - the chair has recorded a decision on that ballot (合格, 不合格 or 暂缓);
 *     earlier ballots always end in a 暂缓 decision, so they are disclosed;
 *   - its tally is complete: every voter entitled to vote (present, not
 *     recused, substitutes standing in) has voted, the quorum is met and no
 *     possible conflict is waiting to be confirmed (tally state `majority` or
 *     `tie`).
 * Before that, for each vote the views give who voted, when, whether it
 * counts and how often it was changed — never the choice or the reason (a
 * reason alone would betray a 不合格, which always carries one) — and no
 * running 合格/不合格 counts. The one exception: a person signed in with their
 * own PIN session (`viewer`) sees their own votes in full.
 *
 * Once disclosed a ballot stays readable: a substitute added afterwards (a
 * tie) votes on a new ballot, which starts hidden again.
 */
import type { Db } from '../../db/queries/types';
import { getMeeting, getSeal } from '../../db/queries/deliberation';
import type { Tally } from '../../shared/rules/voting';
import { itemState, loadMeeting, type ItemState, type MeetingState } from './state';

/** The tally alone says everyone has voted: a result exists (majority or tie). */
export const tallyComplete = (t: Pick<Tally, 'state'>) => t.state === 'majority' || t.state === 'tie';

/** Whether the choices of `ballot` (default: the current one) of an applicant may be shown to anyone. */
export function ballotDisclosed(st: MeetingState, item: ItemState, ballot = item.ballot): boolean {
  if (st.seal) return true;
  if (item.decisions.some((d) => d.ballot === ballot)) return true;
  if (ballot < item.ballot) return true;
  return tallyComplete(item.tally);
}

/** One vote's choice and reason may be shown: its ballot is disclosed, or it is the viewer's own. */
export function voteVisible(disclosed: boolean, voterId: string, viewerId: string | null): boolean {
  return disclosed || (viewerId !== null && voterId === viewerId);
}

export const HIDDEN_VOTE_NOTE = '表决完毕前不公开表决意见';

// ---------------------------------------------------------------------------
// The audit log keeps every vote in full (its hash chain needs them); the
// listing withholds the choice and reason of votes on undisclosed ballots.

interface AuditEntryLike {
  action: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const VOTE_ACTIONS = new Set(['deliberation.vote', 'deliberation.changeVote']);

function withheld(x: unknown): unknown {
  if (!x || typeof x !== 'object') return x;
  return { ...(x as Record<string, unknown>), choice: null, reason: null, hidden: HIDDEN_VOTE_NOTE };
}

/** Audit entries as listed: vote entries of ballots not yet disclosed lose their choice and reason (the stored entry is untouched). */
export async function redactUndisclosedVotes<T extends AuditEntryLike>(db: Db, entries: T[]): Promise<T[]> {
  const votes = entries.filter((e) => VOTE_ACTIONS.has(e.action));
  if (votes.length === 0) return entries;
  const meetings = new Map<string, MeetingState | null>();
  const disclosed = async (meetingId: string, applicationId: string, ballot: number) => {
    if (!meetings.has(meetingId)) {
      const m = await getMeeting(db, meetingId);
      meetings.set(meetingId, !m || (await getSeal(db, meetingId)) ? null : await loadMeeting(db, meetingId));
    }
    const st = meetings.get(meetingId);
    if (!st) return true; // sealed (or gone): everything is in the minutes
    const a = st.s.applicants.find((x) => x.id === applicationId);
    if (!a) return true;
    return ballotDisclosed(st, itemState(st, a), ballot);
  };
  const out: T[] = [];
  for (const e of entries) {
    const after = e.after as { meetingId?: unknown; ballot?: unknown } | null;
    if (VOTE_ACTIONS.has(e.action) && after && typeof after.meetingId === 'string' && typeof after.ballot === 'number' && !(await disclosed(after.meetingId, e.entityId, after.ballot))) {
      out.push({ ...e, before: withheld(e.before), after: withheld(e.after) });
    } else out.push(e);
  }
  return out;
}
