import { describe, expect, it } from 'vitest';
import { proposedOutcome, resolveDecision, sealProblem, tallyVotes, voteProblem, type CastVote, type QuorumRule, type Seat, type TieRule } from '../../shared/rules/voting';
import { ALL_RULES } from '../../shared/rules/eligibility/catalogue';
import { PANEL_REASONS, RULE_ADVICE_PRESETS, advicePresetsFor, reasonKindOf } from '../../shared/rules/rectification';
import { classifyReapplication, monthsPeriodEnd, type PriorOutcome } from '../../shared/rules/consequences';
import { WorkingDayCalendar } from '../../shared/calendar/workingDays';

const Q: QuorumRule = { minMembers: 5, citation: '000 第十三条' };

function seats(n: number, over: Record<number, Partial<Seat>> = {}): Seat[] {
  return Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `成员${i}`, kind: 'member' as const, role: i === 0 ? ('chair' as const) : ('member' as const), standing: 'eligible' as const, note: null, replacesMemberId: null, ...over[i] }));
}

/** 'P' = 合格, 'F' = 不合格 (with a reason), 'f' = 不合格 without a reason, 'p' = 合格 with a reason, '-' = not voted */
function votes(pattern: string): CastVote[] {
  return [...pattern].flatMap((c, i) =>
    c === '-' ? [] : [{ voteId: `v${i}`, voterId: `m${i}`, choice: c.toUpperCase() === 'P' ? ('pass' as const) : ('fail' as const), reason: c === 'F' || c === 'p' ? `成员${i}的理由` : null, at: '2025-10-20T04:00:00.000Z' }],
  );
}

const decide = (t: ReturnType<typeof tallyVotes>, requested: 'pass' | 'fail' | 'held', opts: { tieRule?: TieRule; chairMayVote?: boolean; casting?: { choice: 'pass' | 'fail'; reason: string | null } } = {}) =>
  resolveDecision(t, { quorum: Q, tieRule: opts.tieRule ?? 'revote_substitute', chairMayVote: opts.chairMayVote ?? true, chairName: '成员0', requested, casting: opts.casting ?? null });

describe('tallies', () => {
  it('5 members: 4 合格 to 1 不合格 is 合格; the dissent carries its reason', () => {
    const t = tallyVotes(Q, seats(5), votes('PPPPF'));
    expect(t).toMatchObject({ state: 'majority', majority: 'pass', pass: 4, fail: 1, quorumMet: true });
    expect(t.message).toBe('5人表决，4票合格、1票不合格，多数意见为“合格”');
    const r = decide(t, 'pass');
    expect(r.ok && r.resolution).toMatchObject({ outcome: 'pass', basis: 'majority', dissents: [{ voterId: 'm4' }] });
  });

  it('5 members: 2 合格 to 3 不合格 is 不合格; the 合格 minority must give reasons', () => {
    const t = tallyVotes(Q, seats(5), votes('PPFFF'));
    expect(t.majority).toBe('fail');
    const r = decide(t, 'fail');
    expect(r).toEqual({ ok: false, message: '成员0、成员1的表决意见与审核结论不同，须书面说明理由（请其重新投票并写明理由）后才能作出审核结论' });
    expect(decide(tallyVotes(Q, seats(5), votes('ppFFF')), 'fail').ok).toBe(true);
  });

  it('7 members: 4:3 either way, and not before everyone has voted', () => {
    expect(tallyVotes(Q, seats(7), votes('PPPPFFF'))).toMatchObject({ state: 'majority', majority: 'pass', pass: 4, fail: 3 });
    expect(tallyVotes(Q, seats(7), votes('ppPFFFF'))).toMatchObject({ state: 'majority', majority: 'fail' });
    const partial = tallyVotes(Q, seats(7), votes('PPPP---'));
    expect(partial).toMatchObject({ state: 'incomplete', majority: null });
    expect(partial.missing.map((s) => s.id)).toEqual(['m4', 'm5', 'm6']);
    const r = decide(partial, 'pass');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/还有3人未表决（成员4、成员5、成员6）/);
  });

  it('a recusal from 7 leaves 6 voters; 3:3 applies the tie rule (default: held for a re-vote, never decided by the software)', () => {
    const s = seats(7, { 2: { standing: 'recused', note: '回避（亲属关系）' } });
    // the recused member's earlier vote does not count
    const t = tallyVotes(Q, s, votes('PPFPFFF'));
    expect(t.eligible).toHaveLength(6);
    expect(t.ignored.map((v) => v.voterId)).toEqual(['m2']);
    expect(t).toMatchObject({ state: 'tie', pass: 3, fail: 3, majority: null, quorumMet: true });
    expect(proposedOutcome(t, 'revote_substitute', true)).toBe('held');
    const held = decide(t, 'held');
    expect(held.ok && held.resolution).toMatchObject({ outcome: 'held', basis: 'tie', rule: 'revote_substitute' });
    expect(held.ok && held.resolution.basis === 'tie' && held.resolution.note).toMatch(/按本次会议规则暂缓决定.*系统不自行决定/);
    // the software refuses to turn a tie into a result
    expect(decide(t, 'pass')).toEqual({ ok: false, message: '表决结果为“票数相同，暂缓”（3票合格、3票不合格），与提交的结论不一致，请刷新后再确认' });
    expect(decide(t, 'held', { casting: { choice: 'pass', reason: '组长意见' } }).ok).toBe(false);
  });

  it("the alternative tie rule: the chair's deciding vote, with a reason, recorded as such", () => {
    const s = seats(7, { 2: { standing: 'recused', note: '回避' } });
    const t = tallyVotes(Q, s, votes('PP-PFFF'));
    expect(proposedOutcome(t, 'chair_casting', true)).toBe('casting_needed');
    expect(decide(t, 'pass', { tieRule: 'chair_casting' })).toMatchObject({ ok: false, message: expect.stringContaining('须由组长成员0投决定票') });
    expect(decide(t, 'pass', { tieRule: 'chair_casting', casting: { choice: 'pass', reason: null } })).toEqual({ ok: false, message: '组长投决定票须写明理由' });
    const r = decide(t, 'pass', { tieRule: 'chair_casting', casting: { choice: 'pass', reason: '经讨论，整改承诺可信' } });
    expect(r.ok && r.resolution).toMatchObject({ outcome: 'pass', basis: 'casting', casting: { choice: 'pass', reason: '经讨论，整改承诺可信' } });
    // the 不合格 votes are the dissent, and carry their reasons
    expect(r.ok && r.resolution.dissents.map((v) => v.voterId)).toEqual(['m4', 'm5', 'm6']);
    // a recused chair cannot cast: held instead, saying why
    const noChair = seats(7, { 0: { standing: 'recused', note: '回避' } });
    const t2 = tallyVotes(Q, noChair, votes('-PPPFFF'));
    expect(proposedOutcome(t2, 'chair_casting', false)).toBe('held');
    const h = decide(t2, 'held', { tieRule: 'chair_casting', chairMayVote: false });
    expect(h.ok && h.resolution).toMatchObject({ outcome: 'held', rule: 'chair_casting' });
    expect(h.ok && h.resolution.basis === 'tie' && h.resolution.note).toMatch(/组长成员0不参加该申请的表决，不能投决定票/);
  });

  it('an even number without a tie is decided by majority (4:2)', () => {
    const t = tallyVotes(Q, seats(7, { 6: { standing: 'absent', note: '出差' } }), votes('PPPPFF-'));
    expect(t).toMatchObject({ state: 'majority', majority: 'pass' });
  });

  it('absences below the minimum: no decision at all, citing the panel article', () => {
    const s = seats(5, { 4: { standing: 'absent', note: '请假' } });
    const t = tallyVotes(Q, s, votes('PPPP-'));
    expect(t).toMatchObject({ state: 'no_quorum', quorumMet: false });
    expect(t.message).toBe('缺席1人后，可参加表决的成员只有4人，少于5人（000 第十三条：审核小组人数不少于5人），不能作出审核结论；请由候补成员替代回避或缺席的成员后再表决');
    const r = decide(t, 'pass');
    expect(r).toEqual({ ok: false, message: t.message });
    // a recusal and an absence from 7 leave 5: enough
    expect(tallyVotes(Q, seats(7, { 1: { standing: 'recused' }, 6: { standing: 'absent' } }), votes('P-PPPF-')).state).toBe('majority');
    // a substitute standing in for the absent member restores the quorum
    const withSub = [...s, { id: 'p9', name: '候补', kind: 'substitute' as const, role: null, standing: 'eligible' as const, note: '替代成员4', replacesMemberId: 'm4' }];
    const t3 = tallyVotes(Q, withSub, [...votes('PPPP-'), { voteId: 'v9', voterId: 'p9', choice: 'pass', reason: null, at: '' }]);
    expect(t3).toMatchObject({ state: 'majority', quorumMet: true, pass: 5 });
  });

  it('a pending conflict flag blocks the decision', () => {
    const t = tallyVotes(Q, seats(5, { 3: { standing: 'flag_pending', note: '成员工作单位与申请机构相同' } }), votes('PPP-P'));
    expect(t.state).toBe('flag_pending');
    expect(decide(t, 'pass').ok).toBe(false);
  });
});

describe('casting a vote', () => {
  const s = seats(5, { 3: { standing: 'recused', note: '回避（亲属关系）：其配偶为该机构主要负责人' }, 4: { standing: 'absent', note: '出差' } });
  it('refuses the absent, the recused, a 不合格 without reason, a change without reason, a repeat', () => {
    expect(voteProblem(s[4], 'pass', null, undefined, '甲养老院')).toBe('成员4未出席本次会议，不能表决');
    expect(voteProblem(s[3], 'pass', null, undefined, '甲养老院')).toBe('成员3已就“甲养老院”回避（亲属关系）：其配偶为该机构主要负责人，不能表决');
    expect(voteProblem(undefined, 'pass', null, undefined, '甲养老院')).toMatch(/不是本次会议/);
    expect(voteProblem(s[1], 'fail', null, undefined, '甲养老院')).toBe('投“不合格”票须写明理由');
    expect(voteProblem(s[1], 'pass', null, undefined, '甲养老院')).toBeNull();
    const current: CastVote = { voteId: 'v1', voterId: 'm1', choice: 'pass', reason: null, at: '' };
    expect(voteProblem(s[1], 'fail', '复核后发现床位不足', current, '甲养老院')).toBeNull();
    expect(voteProblem(s[1], 'pass', null, current, '甲养老院')).toBe('与已投的票相同，无需重复提交');
    expect(voteProblem(s[1], 'pass', '补充：现场核查良好', current, '甲养老院')).toBeNull();
    expect(voteProblem({ ...s[1]!, standing: 'eligible' }, 'fail', null, current, '甲养老院')).toBe('投“不合格”票须写明理由');
  });
});

describe('sealing the minutes', () => {
  const signers = [
    { id: 'a', name: '甲' },
    { id: 'b', name: '乙' },
    { id: 'c', name: '丙' },
  ];
  it('needs every signer to confirm, or refuse with a reason, the current minutes', () => {
    const h = 'h1';
    expect(sealProblem(signers, [], h, '还有1个申请机构未作出审核结论')).toBe('还有1个申请机构未作出审核结论');
    expect(sealProblem(signers, [{ signerId: 'a', response: 'confirm', reason: null, minutesHash: h }], h, null)).toBe('还有2人未确认会议纪要：乙、丙');
    const all = [
      { signerId: 'a', response: 'confirm' as const, reason: null, minutesHash: 'h0' },
      { signerId: 'b', response: 'refuse' as const, reason: '对第2项结论有保留意见', minutesHash: h },
      { signerId: 'c', response: 'confirm' as const, reason: null, minutesHash: h },
    ];
    expect(sealProblem(signers, all, h, null)).toBe('会议纪要在甲确认后又有变化，须重新确认');
    expect(sealProblem(signers, [...all, { signerId: 'a', response: 'confirm', reason: null, minutesHash: h }], h, null)).toBeNull();
    expect(sealProblem(signers, [...all.slice(0, 1), { signerId: 'b', response: 'refuse', reason: null, minutesHash: h }], h, null)).toBe('乙拒绝确认但未写明理由');
  });
});

describe('整改建议 presets and reason codes', () => {
  it('every eligibility rule has at least one preset, in Chinese', () => {
    for (const r of ALL_RULES) {
      expect(RULE_ADVICE_PRESETS[r.id], r.id).toBeDefined();
      expect(RULE_ADVICE_PRESETS[r.id]!.length).toBeGreaterThan(0);
      for (const p of RULE_ADVICE_PRESETS[r.id]!) expect(p.text).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(Object.keys(RULE_ADVICE_PRESETS).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
    expect(advicePresetsFor('rule:care_beds_min')[0]!.text).toContain('护理床位');
    expect(advicePresetsFor('basic:legal_person').length).toBe(1);
    expect(advicePresetsFor(`panel:${PANEL_REASONS[0]!.key}`).length).toBe(1);
    expect(reasonKindOf('rule:x')).toBe('rule');
    expect(reasonKindOf('rule:')).toBeNull();
    expect(reasonKindOf('nope:x')).toBeNull();
  });
});

describe('consequences', () => {
  const rule = { months: 3, reReviews: 1, barMonths: 12, citation: '000 第十四条' };
  const prior = (over: Partial<PriorOutcome>): PriorOutcome => ({ applicationId: 'a1', applicationNo: 'R1-001', roundName: '第一批', outcome: 'fail', decidedOn: '2025-06-20', deliveredOn: '2025-07-01', failuresInRow: 1, rule, ...over });
  const cal = new WorkingDayCalendar();

  it('the rectification window ends 3 months after delivery, moved off the National Day holiday (民法典 第二百零三条)', () => {
    expect(monthsPeriodEnd('2025-07-01', 3, cal)).toEqual({ date: '2025-10-09', nominal: '2025-10-01', extended: true, provisional: false });
    expect(monthsPeriodEnd('2025-11-30', 3)).toMatchObject({ date: '2026-02-28' });
  });

  it('classifies a new application of the same institution', () => {
    expect(classifyReapplication(null, '2025-08-01').kind).toBe('first');
    expect(classifyReapplication(prior({ outcome: 'pass' }), '2025-08-01').kind).toBe('after_pass');
    expect(classifyReapplication(prior({}), '2025-09-30', cal)).toMatchObject({ kind: 're_review', windowEndsOn: '2025-10-09', reReviewNo: 1 });
    expect(classifyReapplication(prior({ deliveredOn: null }), '2025-12-30', cal)).toMatchObject({ kind: 're_review', windowEndsOn: null });
    expect(classifyReapplication(prior({}), '2025-10-10', cal)).toMatchObject({ kind: 'after_window' });
    const barred = classifyReapplication(prior({ failuresInRow: 2, deliveredOn: '2025-12-03' }), '2026-06-01', cal);
    expect(barred).toMatchObject({ kind: 'barred', barEndsOn: '2026-12-03' });
    expect(barred.kind === 'barred' && barred.message).toBe(
      '该机构在“第一批”（R1-001）再次审核仍不合格，依据000 第十四条，自2025年12月3日结果告知送达之日起1年内不得再次提出定点管理申请；不得申请期至2026年12月3日止，2026年12月4日起方可重新申请',
    );
    expect(classifyReapplication(prior({ failuresInRow: 2, deliveredOn: '2025-12-03' }), '2026-12-04').kind).toBe('after_bar');
  });
});
