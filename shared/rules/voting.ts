/**
 * 集体评议 votes, pure: who may vote on an applicant, the tally, quorum, ties,
 * dissent and the checks before minutes are sealed.
 *
 * The numbers and the article come from the region profile's panel section
 * (000 第十三条; 003 第二十条（二）; 004 第十一条: 审核小组成员人数不少于5人且为单数),
 * so every refusal cites it. Decisions of the panel itself (000 第十四条: 审核结果分为
 * 合格和不合格) are taken by simple majority of the members entitled to vote.
 *
 * Conventions, decided here once:
 * - Voters of an applicant: the members present at the meeting who have not
 *   stepped aside (回避) for it, plus substitutes (候补成员) standing in for a
 *   recused or absent member for that applicant only. Nobody abstains: the
 *   panel decides only once every voter has voted.
 * - Quorum: after recusals and absences the voters must still number at least
 *   the profile's minimum panel size; else no decision at all (not even 暂缓).
 * - Reasons: a 不合格 vote always carries one (checked when cast). A vote
 *   against the result (dissent, 少数意见) must carry one too; the result is
 *   only known once everyone has voted, so this is checked when the chair
 *   records the decision, and the minority re-cast their vote with a reason.
 * - Ties (possible only with an even number of voters): the meeting's tie rule
 *   applies. 'revote_substitute' (default) holds the applicant (暂缓) for a new
 *   ballot with a substitute: the software never decides a tie by itself.
 *   'chair_casting' lets the chair cast a deciding vote (决定票) with a reason,
 *   recorded as such; if the chair may not vote on this applicant, the
 *   applicant is held instead.
 * - Votes and decisions are append-only; a change is a new row with a reason.
 */

export const VOTE_CHOICES = ['pass', 'fail'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const VOTE_CHOICE_LABEL: Record<VoteChoice, string> = { pass: '合格', fail: '不合格' };

export const OUTCOMES = ['pass', 'fail', 'held'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABEL: Record<Outcome, string> = { pass: '合格', fail: '不合格', held: '暂缓（待重新表决）' };

export const TIE_RULES = ['revote_substitute', 'chair_casting'] as const;
export type TieRule = (typeof TIE_RULES)[number];
export const TIE_RULE_LABEL: Record<TieRule, string> = {
  revote_substitute: '票数相同时暂缓决定，由候补成员替代回避或缺席的成员后重新表决',
  chair_casting: '票数相同时由组长投决定票',
};
export const DEFAULT_TIE_RULE: TieRule = 'revote_substitute';

/** Where a person stands towards voting on one applicant. */
export const SEAT_STANDINGS = ['eligible', 'absent', 'recused', 'flag_pending', 'inactive'] as const;
export type SeatStanding = (typeof SEAT_STANDINGS)[number];
export const SEAT_STANDING_LABEL: Record<SeatStanding, string> = {
  eligible: '参加表决',
  absent: '缺席',
  recused: '回避',
  flag_pending: '待确认回避',
  inactive: '无需替代',
};

export interface Seat {
  /** panel member id, or substitute id */
  id: string;
  name: string;
  kind: 'member' | 'substitute';
  role: 'chair' | 'member' | null;
  standing: SeatStanding;
  /** why absent / recused / flagged, or whom a substitute replaces */
  note: string | null;
  replacesMemberId: string | null;
}

export interface CastVote {
  voteId: string;
  voterId: string;
  choice: VoteChoice;
  reason: string | null;
  at: string;
}

export interface QuorumRule {
  minMembers: number;
  /** the panel article, e.g. '000 第十三条' */
  citation: string;
}

export const TALLY_STATES = ['no_quorum', 'flag_pending', 'incomplete', 'majority', 'tie'] as const;
export type TallyState = (typeof TALLY_STATES)[number];

export interface Tally {
  eligible: Seat[];
  /** the current votes of eligible voters */
  counted: CastVote[];
  /** votes of people who may not vote (any more): cast before a recusal, or by a replaced substitute */
  ignored: CastVote[];
  pass: number;
  fail: number;
  missing: Seat[];
  quorumMet: boolean;
  state: TallyState;
  /** the choice with more votes when every voter has voted and there is no tie */
  majority: VoteChoice | null;
  /** Chinese: what the tally means now */
  message: string;
}

const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join('、');

function quorumBasis(q: QuorumRule): string {
  return `${q.citation}：审核小组人数不少于${q.minMembers}人`;
}

/** The message when too few may vote on an applicant. */
export function quorumMessage(q: QuorumRule, eligible: number, seats: readonly Seat[]): string {
  const recused = seats.filter((s) => s.kind === 'member' && s.standing === 'recused').length;
  const absent = seats.filter((s) => s.kind === 'member' && s.standing === 'absent').length;
  const parts = [recused ? `回避${recused}人` : '', absent ? `缺席${absent}人` : ''].filter(Boolean).join('、');
  return `${parts ? `${parts}后，` : ''}可参加表决的成员只有${eligible}人，少于${q.minMembers}人（${quorumBasis(q)}），不能作出审核结论；请由候补成员替代回避或缺席的成员后再表决`;
}

export function tallyVotes(quorum: QuorumRule, seats: readonly Seat[], votes: readonly CastVote[]): Tally {
  const eligible = seats.filter((s) => s.standing === 'eligible');
  const eligibleIds = new Set(eligible.map((s) => s.id));
  const counted = votes.filter((v) => eligibleIds.has(v.voterId));
  const ignored = votes.filter((v) => !eligibleIds.has(v.voterId));
  const voted = new Set(counted.map((v) => v.voterId));
  const missing = eligible.filter((s) => !voted.has(s.id));
  const pass = counted.filter((v) => v.choice === 'pass').length;
  const fail = counted.length - pass;
  const quorumMet = eligible.length >= quorum.minMembers;
  const flagged = seats.filter((s) => s.standing === 'flag_pending');
  let state: TallyState;
  let majority: VoteChoice | null = null;
  let message: string;
  if (flagged.length > 0) {
    state = 'flag_pending';
    message = `${names(flagged)}与该申请机构可能存在利害关系，须先确认回避或排除，才能作出审核结论`;
  } else if (!quorumMet) {
    state = 'no_quorum';
    message = quorumMessage(quorum, eligible.length, seats);
  } else if (missing.length > 0) {
    state = 'incomplete';
    message = `已表决${counted.length}/${eligible.length}人，尚未表决：${names(missing)}`;
  } else if (pass === fail) {
    state = 'tie';
    message = `${eligible.length}人表决，${pass}票合格、${fail}票不合格，票数相同`;
  } else {
    state = 'majority';
    majority = pass > fail ? 'pass' : 'fail';
    message = `${eligible.length}人表决，${pass}票合格、${fail}票不合格，多数意见为“${VOTE_CHOICE_LABEL[majority]}”`;
  }
  return { eligible, counted, ignored, pass, fail, missing, quorumMet, state, majority, message };
}

/**
 * Why this vote may not be cast, or null. `current` is the voter's current
 * vote on this ballot (a new vote supersedes it and needs a reason).
 */
export function voteProblem(seat: Seat | undefined, choice: VoteChoice, reason: string | null, current: CastVote | undefined, applicantName: string): string | null {
  if (!seat) return `不是本次会议就“${applicantName}”参加表决的人员`;
  if (seat.standing === 'absent') return `${seat.name}未出席本次会议，不能表决`;
  if (seat.standing === 'recused') return `${seat.name}已就“${applicantName}”${seat.note ?? '回避'}，不能表决`;
  if (seat.standing === 'flag_pending') return `系统提示${seat.name}与“${applicantName}”可能存在利害关系（${seat.note ?? ''}），须先确认回避或排除后才能表决`;
  if (seat.standing === 'inactive') return `${seat.name}替代的成员已可参加表决，无需再由候补成员表决`;
  if (choice === 'fail' && !reason) return '投“不合格”票须写明理由';
  if (current) {
    if (current.choice === choice && (current.reason ?? null) === (reason ?? null)) return '与已投的票相同，无需重复提交';
    if (!reason) return current.choice === choice ? '补充意见须写明理由' : '改票须写明理由';
  }
  return null;
}

/** Votes that differ from the result (少数意见), and those of them without a written reason. */
export function dissentsOf(t: Tally, result: VoteChoice): { dissents: CastVote[]; unexplained: CastVote[] } {
  const dissents = t.counted.filter((v) => v.choice !== result);
  return { dissents, unexplained: dissents.filter((v) => !v.reason) };
}

export type Proposal = Outcome | 'casting_needed';

/** What the chair may record now, or null when nothing can be decided yet. */
export function proposedOutcome(t: Tally, tieRule: TieRule, chairMayVote: boolean): Proposal | null {
  if (t.state === 'majority') return t.majority;
  if (t.state !== 'tie') return null;
  return tieRule === 'chair_casting' && chairMayVote ? 'casting_needed' : 'held';
}

export interface CastingVote {
  choice: VoteChoice;
  reason: string | null;
}

export type Resolution =
  | { outcome: VoteChoice; basis: 'majority'; dissents: CastVote[] }
  | { outcome: VoteChoice; basis: 'casting'; casting: { choice: VoteChoice; reason: string }; dissents: CastVote[] }
  | { outcome: 'held'; basis: 'tie'; rule: TieRule; note: string; dissents: [] };

/**
 * The decision the chair may record on this tally, or the Chinese reason why
 * not. `requested` is what the chair saw and confirms (a vote changed since
 * makes the request stale and is refused, never silently turned around).
 */
export function resolveDecision(
  t: Tally,
  opts: { quorum: QuorumRule; tieRule: TieRule; chairMayVote: boolean; chairName: string; requested: Outcome; casting?: CastingVote | null | undefined },
): { ok: true; resolution: Resolution } | { ok: false; message: string } {
  if (t.state === 'flag_pending' || t.state === 'no_quorum' || t.state === 'incomplete') return { ok: false, message: t.state === 'incomplete' ? `还有${t.missing.length}人未表决（${names(t.missing)}），全部参加表决的成员表决后才能作出审核结论` : t.message };
  const stale = (actual: string) => ({ ok: false as const, message: `表决结果为“${actual}”（${t.pass}票合格、${t.fail}票不合格），与提交的结论不一致，请刷新后再确认` });
  const needReasons = (v: CastVote[]) => ({
    ok: false as const,
    message: `${names(v.map((x) => ({ name: t.eligible.find((s) => s.id === x.voterId)?.name ?? x.voterId })))}的表决意见与审核结论不同，须书面说明理由（请其重新投票并写明理由）后才能作出审核结论`,
  });
  if (t.state === 'majority') {
    const result = t.majority!;
    if (opts.casting) return { ok: false, message: '票数不同，无需组长投决定票' };
    if (opts.requested !== result) return stale(VOTE_CHOICE_LABEL[result]);
    const { dissents, unexplained } = dissentsOf(t, result);
    if (unexplained.length > 0) return needReasons(unexplained);
    return { ok: true, resolution: { outcome: result, basis: 'majority', dissents } };
  }
  // a tie
  if (opts.tieRule === 'chair_casting' && opts.chairMayVote) {
    if (!opts.casting) {
      if (opts.requested === 'held') return { ok: false, message: `本次会议规则为“${TIE_RULE_LABEL.chair_casting}”，请组长投决定票` };
      return { ok: false, message: `${t.message}，须由组长${opts.chairName}投决定票并写明理由` };
    }
    if (!opts.casting.reason) return { ok: false, message: '组长投决定票须写明理由' };
    if (opts.requested !== opts.casting.choice) return { ok: false, message: `决定票为“${VOTE_CHOICE_LABEL[opts.casting.choice]}”，与提交的结论不一致` };
    const { dissents, unexplained } = dissentsOf(t, opts.casting.choice);
    if (unexplained.length > 0) return needReasons(unexplained);
    return { ok: true, resolution: { outcome: opts.casting.choice, basis: 'casting', casting: { choice: opts.casting.choice, reason: opts.casting.reason }, dissents } };
  }
  if (opts.casting) return { ok: false, message: opts.tieRule === 'chair_casting' ? `组长${opts.chairName}不参加该申请的表决（回避或缺席），不能投决定票` : `本次会议规则为“${TIE_RULE_LABEL.revote_substitute}”，不设决定票` };
  if (opts.requested !== 'held') return stale('票数相同，暂缓');
  const note =
    opts.tieRule === 'chair_casting'
      ? `${t.message}；组长${opts.chairName}不参加该申请的表决，不能投决定票，暂缓决定，由候补成员替代后重新表决`
      : `${t.message}；按本次会议规则暂缓决定，由候补成员替代回避或缺席的成员后重新表决（系统不自行决定）`;
  return { ok: true, resolution: { outcome: 'held', basis: 'tie', rule: opts.tieRule, note, dissents: [] } };
}

// ---------------------------------------------------------------------------
// Minutes: confirmation and sealing

export interface Signer {
  id: string;
  name: string;
}

export interface MinutesResponse {
  signerId: string;
  response: 'confirm' | 'refuse';
  reason: string | null;
  minutesHash: string;
}

/**
 * Why the minutes cannot be sealed yet, or null: every signer (members
 * present and substitutes) has confirmed, or refused with a reason, the
 * minutes as they stand now (`currentHash`).
 */
export function sealProblem(signers: readonly Signer[], responses: readonly MinutesResponse[], currentHash: string, notReady: string | null): string | null {
  if (notReady) return notReady;
  const latest = new Map<string, MinutesResponse>();
  for (const r of responses) latest.set(r.signerId, r);
  const missing = signers.filter((s) => !latest.has(s.id));
  const stale = signers.filter((s) => latest.has(s.id) && latest.get(s.id)!.minutesHash !== currentHash);
  const refusedWithout = signers.filter((s) => latest.get(s.id)?.response === 'refuse' && !latest.get(s.id)?.reason);
  if (refusedWithout.length > 0) return `${names(refusedWithout)}拒绝确认但未写明理由`;
  if (missing.length > 0) return `还有${missing.length}人未确认会议纪要：${names(missing)}`;
  if (stale.length > 0) return `会议纪要在${names(stale)}确认后又有变化，须重新确认`;
  return null;
}
