import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService, makeRound } from '../support/service';
import { acceptedApplication, completeApplication } from '../support/deliberation';
import { isMethod } from '../../shared/contract/methods';
import { listScoreLines, rebuildScoreLines } from '../../db/queries/scores';
import { CRITERIA, PEOPLE, PIN, RUBRIC } from '../support/reviewFixtures';
import { verifyAudit } from '../../db/queries/audit';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
});
afterEach(async () => {
  await t.cleanup();
});


interface Member {
  id: string;
  personId: string;
  name: string;
  session: string;
  pin: string;
}

async function setup(opts: { members?: number; apps?: number; freeze?: boolean } = {}) {
  const s = t.service;
  const round = await makeRound(s, { code: 'S-1' });
  const n = opts.members ?? 5;
  const persons = [];
  for (const [i, p] of PEOPLE.slice(0, n).entries()) {
    const person = await s.call('persons.save', { name: p.name, fields: [...p.fields], employer: p.employer, contact: `1390991000${i}` });
    await s.call('persons.setPin', { personId: person.id, pin: PIN(i) });
    persons.push(person);
  }
  let panel = await s.call('panel.addMember', { roundId: round.id, personId: persons[0]!.id, role: 'chair' });
  for (const p of persons.slice(1)) panel = await s.call('panel.addMember', { roundId: round.id, personId: p.id });
  // Accepted at formal check, every declared fact given and every 审核内容 item marked 符合: 基础性指标 all_pass.
  const apps = [];
  for (let i = 0; i < (opts.apps ?? 3); i++) apps.push(await acceptedApplication(s, round.id, completeApplication(i)));
  await s.call('rubric.saveDraft', { roundId: round.id, definition: RUBRIC });
  if (opts.freeze !== false) await s.call('rubric.freeze', { roundId: round.id });
  const members: Member[] = [];
  for (const m of panel.members) {
    const i = persons.findIndex((p) => p.id === m.personId);
    const signIn = opts.freeze === false ? null : await s.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: PIN(i) });
    members.push({ id: m.id, personId: m.personId, name: m.name, session: signIn?.session ?? '', pin: PIN(i) });
  }
  return { round, panel, apps, members };
}

const as = (roundId: string, m: Member) => ({ roundId, actingMemberId: m.id, session: m.session });

async function score(roundId: string, m: Member, applicationId: string, points: number[], reason?: string) {
  return t.service.call('scoring.save', {
    ...as(roundId, m),
    applicationId,
    entries: points.map((p, i) => ({ criterionId: CRITERIA[i]!, points: p })),
    ...(reason ? { reason } : {}),
  });
}

async function auditCount() {
  return (await t.service.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}

describe('panel before scoring', () => {
  it('refuses to start scoring with 4 members, and with 6, and starts with 5', async () => {
    const { round, members } = await setup({ members: 4, freeze: false });
    await expect(t.service.call('rubric.freeze', { roundId: round.id })).rejects.toThrow(/审核小组现有4人，少于5人（000 第十三条/);
    const p5 = await t.service.call('persons.save', { name: PEOPLE[4]!.name, fields: [...PEOPLE[4]!.fields], employer: PEOPLE[4]!.employer });
    await t.service.call('panel.addMember', { roundId: round.id, personId: p5.id });
    const p6 = await t.service.call('persons.save', { name: PEOPLE[5]!.name, fields: [...PEOPLE[5]!.fields] });
    const six = await t.service.call('panel.addMember', { roundId: round.id, personId: p6.id });
    expect(six.validation.valid).toBe(false);
    expect(six.validation.issues.map((i) => i.code)).toEqual(['even']);
    await expect(t.service.call('rubric.freeze', { roundId: round.id })).rejects.toThrow(/现有6人，人数须为单数/);
    const five = await t.service.call('panel.removeMember', { roundId: round.id, memberId: six.members[5]!.id });
    expect(five.validation.valid).toBe(true);
    const st = await t.service.call('rubric.freeze', { roundId: round.id });
    expect(st.current?.status).toBe('frozen');
    // Once scoring started, a change that breaks the panel is refused.
    await expect(t.service.call('panel.removeMember', { roundId: round.id, memberId: members[1]!.id })).rejects.toThrow(/评分已经开始/);
  });

  it('needs the chair to acknowledge, with their PIN, a field nobody covers', async () => {
    const s = t.service;
    const round = await makeRound(s, { code: 'S-2' });
    const fields = [['ltc_management'], ['elderly_services'], ['medical_security'], ['medicine_health'], ['finance']] as const;
    let view;
    for (const [i, f] of fields.entries()) {
      const p = await s.call('persons.save', { name: `成员${i}`, fields: [...f] });
      await s.call('persons.setPin', { personId: p.id, pin: PIN(i) });
      view = await s.call('panel.addMember', { roundId: round.id, personId: p.id, role: i === 0 ? 'chair' : 'member' });
    }
    expect(view!.validation.valid).toBe(false);
    expect(view!.validation.issues[0]!.message).toMatch(/“信息技术”领域没有成员/);
    const chair = view!.members[0]!;
    await expect(s.call('panel.acknowledgeGap', { roundId: round.id, field: 'information_technology', note: '本地区暂无信息技术专家', chairMemberId: view!.members[1]!.id, pin: PIN(1) })).rejects.toThrow(/只有组长/);
    await expect(s.call('panel.acknowledgeGap', { roundId: round.id, field: 'information_technology', note: '本地区暂无信息技术专家', chairMemberId: chair.id, pin: '000000' })).rejects.toThrow('PIN不正确');
    const ok = await s.call('panel.acknowledgeGap', { roundId: round.id, field: 'information_technology', note: '本地区暂无信息技术专家，由医保中心信息科列席', chairMemberId: chair.id, pin: PIN(0) });
    expect(ok.validation.valid).toBe(true);
    expect(ok.validation.coverage.find((c) => c.field === 'information_technology')?.acknowledgement?.byName).toBe('成员0');
  });

  it('locks a member out for 5 minutes after 5 wrong PINs in a row', async () => {
    const { round, members } = await setup();
    const m = members[1]!;
    for (let i = 0; i < 5; i++) await expect(t.service.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: '000000' })).rejects.toThrow('PIN不正确');
    await expect(t.service.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: m.pin })).rejects.toThrow(/连续输错5次，请5分钟后再试/);
    t.setToday('2025-10-21');
    expect((await t.service.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: m.pin })).name).toBe(m.name);
    // A member changing their PIN must give the current one.
    await expect(t.service.call('persons.setPin', { personId: m.personId, pin: '111111' })).rejects.toThrow('修改PIN须先输入原PIN');
    await t.service.call('persons.setPin', { personId: m.personId, pin: '111111', currentPin: m.pin });
    const audit = await t.service.ctx.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', 'like', 'persons.%Pin').execute();
    expect(audit.every((a) => !String(a.after_json).includes('scrypt') && !String(a.after_json).includes('111111'))).toBe(true);
  });

  it('refuses scoring before the rubric is frozen', async () => {
    const { round, members, apps } = await setup({ freeze: false });
    const signIn = await t.service.call('scoring.signIn', { roundId: round.id, memberId: members[0]!.id, pin: members[0]!.pin });
    await expect(
      t.service.call('scoring.save', { roundId: round.id, actingMemberId: members[0]!.id, session: signIn.session, applicationId: apps[0]!.id, entries: [{ criterionId: 'carers', points: 20 }] }),
    ).rejects.toThrow(/评分细则尚未确定/);
  });
});

describe('回避', () => {
  it('a declared conflict blocks the member from scoring that applicant, and only that one', async () => {
    const { round, members, apps } = await setup();
    await t.service.call('panel.setConflict', { roundId: round.id, memberId: members[1]!.id, applicationId: apps[0]!.id, decision: 'conflicted', kind: 'kinship', note: '其配偶为该机构主要负责人' });
    const before = await auditCount();
    await expect(score(round.id, members[1]!, apps[0]!.id, [20, 20, 10, 10])).rejects.toThrow(/已就“测试养老院0”回避（亲属关系）：其配偶为该机构主要负责人，不能评分/);
    expect(await auditCount()).toBe(before);
    await score(round.id, members[1]!, apps[1]!.id, [20, 20, 10, 10]);
    const sheet = await t.service.call('scoring.sheet', as(round.id, members[1]!));
    expect(sheet.applicants.find((a) => a.applicationId === apps[0]!.id)?.state).toBe('stepped_aside');
    expect(sheet.progress.required).toBe(2);
  });

  it('flags a member whose employer is the applicant (full-width and spaces ignored) until someone decides', async () => {
    const s = t.service;
    const { round, members, apps } = await setup({ freeze: false });
    // The chair's employer becomes the applicant's name, typed with a full-width space and digit.
    await s.call('persons.save', { id: members[0]!.personId, name: members[0]!.name, fields: ['ltc_management', 'medical_security'], employer: '测试养老院　０' });
    const c = await s.call('panel.conflicts', { roundId: round.id });
    expect(c.pendingFlags).toBe(1);
    expect(c.cells[0]).toMatchObject({ memberId: members[0]!.id, applicationId: apps[0]!.id, standing: 'flag_pending' });
    expect(c.cells[0]!.flags[0]!.reason).toMatch(/工作单位/);
    await s.call('rubric.freeze', { roundId: round.id });
    const m = { ...members[0]!, session: (await s.call('scoring.signIn', { roundId: round.id, memberId: members[0]!.id, pin: members[0]!.pin })).session };
    await expect(score(round.id, m, apps[0]!.id, [20, 20, 10, 10])).rejects.toThrow(/可能存在利害关系.*须先确认回避或排除/);
    const progress = await s.call('scoring.progress', { roundId: round.id });
    expect(progress.blockers.some((b) => b.code === 'conflict_flag_pending')).toBe(true);
    await expect(s.call('panel.setConflict', { roundId: round.id, memberId: m.id, applicationId: apps[0]!.id, decision: 'cleared' })).rejects.toThrow('排除回避须写明理由');
    await s.call('panel.setConflict', { roundId: round.id, memberId: m.id, applicationId: apps[0]!.id, decision: 'cleared', note: '同名不同单位：成员单位为另一家“测试养老院0”分院，已核实无隶属关系' });
    const entry = await score(round.id, m, apps[0]!.id, [20, 20, 10, 10]);
    expect(entry.total).toBe(60);
  });
});

describe('independent scoring', () => {
  it('member B sees only their own scores before submitting; the chair sees all after submitting', async () => {
    const s = t.service;
    const { round, members, apps } = await setup();
    const [chair, b] = [members[0]!, members[1]!];
    await score(round.id, chair, apps[0]!.id, [25, 24, 18, 17]);
    // B's entry for the same applicant shows nothing of the chair's.
    const bEntry = await s.call('scoring.entry', { ...as(round.id, b), applicationId: apps[0]!.id });
    expect(bEntry.scores.every((x) => x.points === null)).toBe(true);
    // B cannot pose as the chair with B's session, nor read results.
    await expect(s.call('scoring.entry', { roundId: round.id, actingMemberId: chair.id, session: b.session, applicationId: apps[0]!.id })).rejects.toThrow('当前登录的不是该成员');
    await expect(s.call('scoring.results', as(round.id, b))).rejects.toThrow(/只有组长/);
    // The chair must submit first.
    await expect(s.call('scoring.results', as(round.id, chair))).rejects.toThrow('请先提交您本人的评分表');
    await score(round.id, b, apps[0]!.id, [20, 20, 15, 15]);
    for (const a of apps.slice(1)) await score(round.id, chair, a.id, [20, 20, 10, 10]);
    await expect(s.call('scoring.submit', { ...as(round.id, chair), pin: '999999' })).rejects.toThrow('PIN不正确');
    const sheet = await s.call('scoring.submit', { ...as(round.id, chair), pin: chair.pin });
    expect(sheet.status).toBe('submitted');
    let results = await s.call('scoring.results', as(round.id, chair));
    // B has not submitted: B's draft does not show.
    expect(results.applicants.find((a) => a.applicationId === apps[0]!.id)?.memberTotals).toEqual([{ memberId: chair.id, total: 84 }]);
    for (const a of apps.slice(1)) await score(round.id, b, a.id, [10, 10, 10, 10]);
    await s.call('scoring.submit', { ...as(round.id, b), pin: b.pin });
    results = await s.call('scoring.results', as(round.id, chair));
    const r0 = results.applicants.find((a) => a.applicationId === apps[0]!.id)!;
    expect(r0.memberTotals).toHaveLength(2);
    expect(r0.mean).toBe(77);
    const detail = await s.call('scoring.applicantDetail', { ...as(round.id, chair), applicationId: apps[0]!.id });
    expect(detail.criteria.find((c) => c.criterionId === 'carers')?.scores.map((x) => x.points).sort()).toEqual([20, 25]);
  });

  it('refuses a score outside its range or off its step, and writes nothing', async () => {
    const { round, members, apps } = await setup();
    const before = await auditCount();
    await expect(score(round.id, members[2]!, apps[0]!.id, [31, 20, 10, 10])).rejects.toThrow('“长期照护师配备”的得分应在0至30分之间（录入31分）');
    await expect(score(round.id, members[2]!, apps[0]!.id, [20, 20, 10.3, 10])).rejects.toThrow(/须为0.5分的整数倍/);
    await expect(score(round.id, members[2]!, apps[0]!.id, [20, -1, 10, 10])).rejects.toThrow(/应在0至30分之间/);
    await expect(
      t.service.call('scoring.save', { ...as(round.id, members[2]!), applicationId: apps[0]!.id, entries: [{ criterionId: 'nope', points: 1 }] }),
    ).rejects.toThrow(/不在第1版评分细则中/);
    expect(await auditCount()).toBe(before);
    const entry = await t.service.call('scoring.entry', { ...as(round.id, members[2]!), applicationId: apps[0]!.id });
    expect(entry.scores.every((x) => x.points === null)).toBe(true);
  });

  it('freezes the rubric once scoring starts; a change needs a new version with a reason', async () => {
    const s = t.service;
    const { round, members, apps } = await setup();
    await score(round.id, members[0]!, apps[0]!.id, [20, 20, 10, 10]);
    await expect(s.call('rubric.saveDraft', { roundId: round.id, definition: RUBRIC })).rejects.toThrow(/已确定（已开始评分），修改须新建版本并说明原因/);
    await expect(s.call('rubric.newVersion', { roundId: round.id, reason: '', definition: RUBRIC } as never)).rejects.toThrow('请填写修订原因');
    const v2 = await s.call('rubric.newVersion', { roundId: round.id, reason: '“医护人员”分值调整为与信息化相同', definition: RUBRIC });
    expect(v2.current).toMatchObject({ version: 2, status: 'draft' });
    expect(v2.versions.find((v) => v.version === 1)?.scoreCount).toBe(4);
    await expect(score(round.id, members[0]!, apps[0]!.id, [20, 20, 10, 10])).rejects.toThrow(/正在修订（第2版草稿）/);
  });

  it('a correction is a new row that supersedes the old one, with who, when and why', async () => {
    const s = t.service;
    const { round, members, apps } = await setup();
    const m = members[3]!;
    await score(round.id, m, apps[0]!.id, [20, 20, 10, 10]);
    t.setToday('2025-10-21');
    // a day later the session has lapsed (30 minutes idle): sign in again
    await expect(score(round.id, m, apps[0]!.id, [20, 20, 10, 10])).rejects.toThrow('登录已过期');
    m.session = (await s.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: m.pin })).session;
    const entry = await s.call('scoring.save', { ...as(round.id, m), applicationId: apps[0]!.id, entries: [{ criterionId: 'carers', points: 22.5, comment: '复核照护师证书后上调' }] });
    expect(entry.total).toBe(62.5);
    expect(entry.scores[0]).toMatchObject({ points: 22.5, revisions: 1, comment: '复核照护师证书后上调' });
    const history = await s.call('scoring.history', { ...as(round.id, m), applicationId: apps[0]!.id, criterionId: 'carers' });
    expect(history).toHaveLength(2);
    expect(history[1]!.supersedes).toBe(history[0]!.scoreId);
    expect(history[1]!.enteredBy).toBe(m.name);
    expect(history[1]!.enteredAt.slice(0, 10)).toBe('2025-10-21');
    // Rows are never updated: the first still says 20.
    expect(history[0]!.points).toBe(20);
    for (const a of apps.slice(1)) await score(round.id, m, a.id, [10, 10, 10, 10]);
    await s.call('scoring.submit', { ...as(round.id, m), pin: m.pin });
    await expect(score(round.id, m, apps[0]!.id, [21, 20, 10, 10])).rejects.toThrow('评分表已提交，修改评分须填写修改原因');
    const fixed = await score(round.id, m, apps[0]!.id, [21, 20, 10, 10], '提交后发现录入错误');
    expect(fixed.scores[0]!.revisions).toBe(2);
    // The derived lines equal a rebuild from the append-only rows.
    const rubric = await s.call('rubric.get', { roundId: round.id });
    const incremental = await listScoreLines(s.ctx.db, rubric.current!.id);
    await rebuildScoreLines(s.ctx.db, rubric.current!.id, CRITERIA);
    const rebuilt = await listScoreLines(s.ctx.db, rubric.current!.id);
    const key = (l: { application_id: string; member_id: string }) => `${l.application_id}|${l.member_id}`;
    expect(new Map(rebuilt.map((l) => [key(l), l]))).toEqual(new Map(incremental.map((l) => [key(l), l])));
    expect((await verifyAudit(s.ctx.db)).ok).toBe(true);
  });
});

describe('aggregation, explanations and ranking', () => {
  it('a flagged member must explain (or revise) before deliberation may start; ranking shows the quota line', async () => {
    const s = t.service;
    const { round, members, apps } = await setup({ apps: 3 });
    // 机构护理 quota is 2 (makeRound). app0 and app1 tie at the line, app2 below.
    const totals: Record<number, number[][]> = {
      0: [[25, 25, 15, 15], [25, 25, 15, 15], [25, 25, 15, 15], [25, 25, 15, 15], [5, 5, 15, 15]],
      1: [[20, 20, 10, 10], [20, 20, 10, 10], [20, 20, 10, 10], [20, 20, 10, 10], [20, 20, 10, 10]],
      2: [[15, 15, 10, 10], [15, 15, 10, 10], [15, 15, 10, 10], [15, 15, 10, 10], [15, 15, 10, 10]],
    };
    for (const [ai, a] of apps.entries()) for (const [mi, m] of members.entries()) await score(round.id, m, a.id, totals[ai]![mi]!);
    for (const m of members) await s.call('scoring.submit', { ...as(round.id, m), pin: m.pin });
    let progress = await s.call('scoring.progress', { roundId: round.id });
    expect(progress.allSheetsIn).toBe(true);
    // 陈海燕 gave app0 40 against the others' 80: 50% low.
    const low = members[4]!;
    expect(progress.blockers).toEqual([expect.objectContaining({ code: 'explanation_missing', memberId: low.id, applicationId: apps[0]!.id })]);
    expect(progress.blockers[0]!.message).toMatch(/陈海燕对“测试养老院0”的评分总分低于其他成员均值超过20%/);
    expect(progress.canStartDeliberation).toBe(false);
    const sheet = await s.call('scoring.sheet', as(round.id, low));
    expect(sheet.applicants.find((a) => a.applicationId === apps[0]!.id)?.flag).toEqual({ direction: 'low', deviation: -0.5, explained: false });
    await expect(s.call('scoring.explain', { ...as(round.id, members[1]!), applicationId: apps[0]!.id, note: '无' })).rejects.toThrow('未被标记为畸高畸低');
    await s.call('scoring.explain', { ...as(round.id, low), applicationId: apps[0]!.id, note: '现场核查发现护理人员持证不足，制度执行记录缺失，故评分偏低' });
    progress = await s.call('scoring.progress', { roundId: round.id });
    expect(progress.blockers).toEqual([]);
    expect(progress.canStartDeliberation).toBe(true);

    const results = await s.call('scoring.results', as(round.id, members[0]!));
    const r0 = results.applicants.find((a) => a.applicationId === apps[0]!.id)!;
    // 80,80,80,80,40: trimmed drops one 80 (tied at the top) and the 40.
    expect(r0).toMatchObject({ mean: 72, trimmed: true, trimmedMean: 80, score: 80 });
    expect(r0.dropped).toMatchObject({ lowMemberId: low.id, highTied: true, lowTied: false });
    expect(r0.memberFlags[0]).toMatchObject({ memberId: low.id, direction: 'low', explanation: expect.stringContaining('持证不足') });
    expect(r0.criterionFlags.map((c) => c.criterionId)).toEqual(['carers', 'medical']);
    const inst = results.rankings.find((r) => r.serviceType === 'institutional')!;
    // app0 80 (trimmed), app1 60, app2 50 → app0 and app1 within the quota of 2.
    expect(inst.rows.map((r) => [r.applicationId, r.rank, r.status])).toEqual([
      [apps[0]!.id, 1, 'within'],
      [apps[1]!.id, 2, 'within'],
      [apps[2]!.id, 3, 'outside'],
    ]);
  });

  it('revising a flagged total (with a reason) also clears the blocker', async () => {
    const s = t.service;
    const { round, members, apps } = await setup({ apps: 1 });
    const high = members[2]!;
    for (const m of members) await score(round.id, m, apps[0]!.id, m === high ? [30, 30, 20, 20] : [15, 15, 10, 10]);
    for (const m of members) await s.call('scoring.submit', { ...as(round.id, m), pin: m.pin });
    const before = await s.call('scoring.progress', { roundId: round.id });
    expect(before.blockers).toEqual([expect.objectContaining({ code: 'explanation_missing', memberId: high.id })]);
    expect(before.blockers[0]!.message).toMatch(/王志强对“测试养老院0”的评分总分高于其他成员均值超过20%/);
    await score(round.id, high, apps[0]!.id, [16, 16, 10, 10], '复核后按评分标准下调');
    const after = await s.call('scoring.progress', { roundId: round.id });
    expect(after.blockers).toEqual([]);
  });

  it('the eligibility results are the only record of the basic indicators: a failing rule keeps an applicant out of the ranking until fixed', async () => {
    const s = t.service;
    const { round, members, apps } = await setup({ apps: 3 });
    const [a0, a1, a2] = apps as [(typeof apps)[number], (typeof apps)[number], (typeof apps)[number]];
    // The reviewer finds a1's 资质文件 expired (a manual rule fails) and sets a2's 收费 item back to 待定.
    await s.call('checklist.mark', { applicationId: a1.id, itemId: 'qualification', state: 'not_met', note: '医疗机构执业许可证已过有效期' });
    await s.call('checklist.mark', { applicationId: a2.id, itemId: 'pricing', state: 'pending', note: '收费价格公示材料待补充' });

    const states = await s.call('eligibility.roundStates', { roundId: round.id });
    const stateOf = (id: string) => states.applications.find((x) => x.applicationId === id)!;
    expect(stateOf(a0.id)).toMatchObject({ overall: 'all_pass', failedRuleIds: [], pendingRuleIds: [], exclusion: null });
    expect(stateOf(a1.id)).toMatchObject({ overall: 'some_fail', failedRuleIds: ['manual_qualification'], pendingRuleIds: [], exclusion: '基础性指标不符合：机构资质文件' });
    expect(stateOf(a2.id)).toMatchObject({ overall: 'manual_pending', failedRuleIds: [], pendingRuleIds: ['manual_pricing'], exclusion: '基础性指标待人工核查（1项）' });
    expect(states.counts).toEqual({ all_pass: 1, some_fail: 1, manual_pending: 1 });
    expect(states.rules.find((r) => r.id === 'manual_qualification')).toMatchObject({ title: '机构资质文件' });
    // the round summary says what each application's own 基础性指标 tab says
    for (const a of apps) {
      const e = await s.call('eligibility.get', { applicationId: a.id });
      expect(stateOf(a.id)).toMatchObject({ overall: e.overall, counts: e.counts });
    }

    // scoring.basic is a read-only view of the same results: the rubric's list points at them by rule id.
    const basic = await s.call('scoring.basic', { roundId: round.id, applicationId: a1.id });
    expect(basic).toMatchObject({ state: 'failed', overall: 'some_fail', exclusion: '基础性指标不符合：机构资质文件', rubricVersion: 1, source: 'rules' });
    expect(basic.indicators).toEqual([expect.objectContaining({ id: 'qualification', ruleId: 'manual_qualification', state: 'fail', explanation: expect.stringContaining('医疗机构执业许可证已过有效期') })]);
    const rule = basic.results.find((r) => r.ruleId === 'manual_qualification')!;
    expect(rule).toMatchObject({ state: 'fail', inRubric: true });
    expect(rule.citations.length).toBeGreaterThan(0);
    expect(basic.results.find((r) => r.ruleId === 'care_beds_min')).toMatchObject({ state: 'pass', inRubric: false, citations: ['000 第七条（三）'] });
    // there is no second record to keep in step
    expect(isMethod('scoring.recordBasic')).toBe(false);

    // a1 is not required (members may still score it); a2 must be scored
    for (const m of members) {
      for (const [a, pts] of [[a0, [20, 20, 10, 10]], [a1, [25, 25, 15, 15]], [a2, [15, 15, 10, 10]]] as const) await score(round.id, m, a.id, [...pts]);
      const sheet = await s.call('scoring.sheet', as(round.id, m));
      expect(sheet.applicants.find((a) => a.applicationId === a1.id)?.state).toBe('not_required');
      expect(sheet.applicants.find((a) => a.applicationId === a2.id)?.state).toBe('to_score');
      expect(sheet.progress.required).toBe(2);
      await s.call('scoring.submit', { ...as(round.id, m), pin: m.pin });
    }
    let results = await s.call('scoring.results', as(round.id, members[0]!));
    let inst = results.rankings.find((r) => r.serviceType === 'institutional')!;
    expect(inst.rows.find((r) => r.applicationId === a1.id)).toMatchObject({ status: 'not_ranked', rank: null, reason: '基础性指标不符合：机构资质文件' });
    expect(inst.rows.find((r) => r.applicationId === a2.id)).toMatchObject({ status: 'not_ranked', rank: null, reason: '基础性指标待人工核查（1项）' });
    expect(inst.rows.find((r) => r.applicationId === a0.id)).toMatchObject({ rank: 1, status: 'within', score: 60 });
    expect(results.applicants.find((a) => a.applicationId === a1.id)).toMatchObject({ basic: 'failed', eligible: false, score: 80 });

    // Fixed on the application's 基础性指标 tab: the ranking follows, nothing else to record.
    await s.call('checklist.mark', { applicationId: a1.id, itemId: 'qualification', state: 'met', note: '已换发新证，现场核验原件' });
    await s.call('checklist.mark', { applicationId: a2.id, itemId: 'pricing', state: 'met', note: '价格公示材料已补充' });
    results = await s.call('scoring.results', as(round.id, members[0]!));
    inst = results.rankings.find((r) => r.serviceType === 'institutional')!;
    expect(inst.rows.map((r) => [r.applicationId, r.rank, r.status, r.score])).toEqual([
      [a1.id, 1, 'within', 80],
      [a0.id, 2, 'within', 60],
      [a2.id, 3, 'outside', 50],
    ]);
    expect(results.applicants.every((a) => a.basic === 'passed' && a.eligible)).toBe(true);
  });

  it('a basic indicator of the rubric must name an eligibility rule of the round before scoring starts', async () => {
    const s = t.service;
    const { round } = await setup({ freeze: false });
    const custom = { ...RUBRIC, basic: [{ id: 'legal_person', title: '具备法人资格', citation: '000 第六条（一）' }] };
    let st = await s.call('rubric.saveDraft', { roundId: round.id, definition: custom });
    expect(st.current?.issues.map((i) => i.path)).toEqual(['basic.0.ruleId']);
    await expect(s.call('rubric.freeze', { roundId: round.id })).rejects.toThrow(/“具备法人资格”未对应基础性指标规则/);
    st = await s.call('rubric.saveDraft', { roundId: round.id, definition: { ...custom, basic: [{ ...custom.basic[0]!, ruleId: 'no_such_rule' }] } });
    expect(st.current?.issues.map((i) => i.message)).toEqual(['基础性指标“具备法人资格”对应的规则“no_such_rule”不在本批次的地区政策配置中']);
    st = await s.call('rubric.saveDraft', { roundId: round.id, definition: { ...custom, basic: [{ ...custom.basic[0]!, ruleId: 'manual_qualification' }] } });
    expect(st.current?.issues).toEqual([]);
    expect((await s.call('rubric.freeze', { roundId: round.id })).current?.status).toBe('frozen');
  });

  it('end to end: 5-member panel, one conflict, two members score, the ranking', async () => {
    const s = t.service;
    const { round, members, apps } = await setup({ apps: 2 });
    const [chair, b] = [members[0]!, members[1]!];
    await s.call('panel.setConflict', { roundId: round.id, memberId: b.id, applicationId: apps[1]!.id, decision: 'conflicted', kind: 'employment', note: '曾在该机构兼职' });
    await score(round.id, chair, apps[0]!.id, [24, 22, 16, 18]);
    await score(round.id, chair, apps[1]!.id, [20, 20, 14, 14]);
    expect((await s.call('scoring.entry', { ...as(round.id, b), applicationId: apps[0]!.id })).scores.every((x) => x.points === null)).toBe(true);
    await score(round.id, b, apps[0]!.id, [26, 24, 16, 16]);
    const bSheet = await s.call('scoring.submit', { ...as(round.id, b), pin: b.pin });
    expect(bSheet.progress).toEqual({ required: 1, done: 1 });
    await s.call('scoring.submit', { ...as(round.id, chair), pin: chair.pin });
    const results = await s.call('scoring.results', as(round.id, chair));
    const a1 = results.applicants.find((a) => a.applicationId === apps[1]!.id)!;
    expect(a1.steppedAside).toEqual([{ memberId: b.id, kind: 'employment', note: '曾在该机构兼职' }]);
    expect(results.rankings.find((r) => r.serviceType === 'institutional')!.rows.map((r) => [r.applicationId, r.rank, r.score])).toEqual([
      [apps[0]!.id, 1, 81],
      [apps[1]!.id, 2, 68],
    ]);
    const progress = await s.call('scoring.progress', { roundId: round.id });
    expect(progress.blockers.map((x) => x.code)).toEqual(['sheet_not_submitted', 'sheet_not_submitted', 'sheet_not_submitted']);
  });
});
