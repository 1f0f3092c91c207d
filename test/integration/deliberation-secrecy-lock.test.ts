import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService } from '../support/service';
import { CRITERIA, actor, completeApplication, makePersons, readyRound, type Member } from '../support/deliberation';
import { DB_FILE_NAME, type Service } from '../../service';

/**
 * 表决保密 and 评议锁定 (service/deliberation/secrecy.ts, lock.ts), through the
 * service on a real SQLite file.
 */

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
});
afterEach(async () => {
  await t.cleanup();
});

const FAIL_REASON = '现场核查发现护理专区消毒设施不全（保密测试）';
const CHANGE_REASON = '经再次阅卷改投不合格（保密测试）';

async function count(s: Service, table: 'audit_log' | 'score' | 'conflict' | 'score_explanation' | 'deliberation_vote') {
  return Number((await s.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/** Every place a choice or a reason could surface, as one string. */
const text = (x: unknown) => JSON.stringify(x);

async function openMeeting(s: Service, roundId: string, members: Member[], present: Member[]) {
  const absent = members.filter((m) => !present.includes(m));
  const agenda = await s.call('deliberation.open', {
    roundId,
    actingMemberId: members[0]!.id,
    session: members[0]!.session,
    heldOn: '2025-10-20',
    place: '第一会议室',
    presentMemberIds: present.map((m) => m.id),
    absences: absent.map((m) => ({ memberId: m.id, note: '出差' })),
  });
  return agenda.meeting.meetingId;
}

describe('表决保密: nobody reads a choice before the ballot is complete', () => {
  it('hides choices, reasons and counts from every read method until everyone entitled has voted; each voter sees their own', { timeout: 120_000 }, async () => {
    const s = t.service;
    const persons = await makePersons(s, 5);
    const { roundId, members, apps } = await readyRound(s, { code: 'S-1', persons, apps: [completeApplication(0), completeApplication(1)] });
    const [chair, li, wang, zhao, chen] = members as [Member, Member, Member, Member, Member];
    const meetingId = await openMeeting(s, roundId, members, members);
    const app = apps[0]!;
    const vote = (m: Member, choice: 'pass' | 'fail', reason?: string) => s.call('deliberation.vote', { ...actor(meetingId, m), applicationId: app.id, choice, ...(reason ? { reason } : {}) });

    const v1 = await vote(chair, 'fail', FAIL_REASON);
    // the voter's own answer names their own choice, never the running counts
    expect(v1).toMatchObject({ choice: 'fail', tally: { disclosed: false, pass: null, fail: null, eligible: 5, missing: 4, state: 'incomplete' } });
    const v2 = await vote(li, 'pass');
    expect(v2.tally).toMatchObject({ disclosed: false, pass: null, fail: null, missing: 3 });
    // a change on a hidden ballot: the earlier vote goes to voteHistory, hidden as well
    await vote(li, 'fail', CHANGE_REASON);

    // --- the projector / any reader without a session
    const view = await s.call('deliberation.applicant', { meetingId, applicationId: app.id });
    expect(view.tally).toMatchObject({ disclosed: false, pass: null, fail: null, state: 'incomplete', dissents: [], proposed: null });
    expect(view.tally.missing.map((x) => x.name)).toEqual([wang.name, zhao.name, chen.name]);
    // who has voted is known, what is not
    expect(view.votes.map((x) => [x.name, x.choice, x.reason, x.hidden, x.counted])).toEqual([
      [chair.name, null, null, true, true],
      [li.name, null, null, true, true],
    ]);
    expect(view.voteHistory.map((x) => [x.name, x.choice, x.reason, x.hidden])).toEqual([[li.name, null, null, true]]);
    expect(text(view)).not.toContain(FAIL_REASON);
    expect(text(view)).not.toContain(CHANGE_REASON);
    expect(text(view.votes)).not.toMatch(/"(pass|fail)"/);
    expect(text(view.tally)).not.toMatch(/合格票|票合格/);

    // --- each voter sees their own votes, and only theirs, with their own PIN session
    const mine = await s.call('deliberation.applicant', { meetingId, applicationId: app.id, viewer: { actingMemberId: li.id, session: li.session } });
    expect(mine.votes.map((x) => [x.name, x.choice, x.hidden])).toEqual([
      [chair.name, null, true],
      [li.name, 'fail', false],
    ]);
    expect(mine.votes.find((x) => x.voterId === li.id)?.reason).toBe(CHANGE_REASON);
    expect(mine.voteHistory).toEqual([expect.objectContaining({ voterId: li.id, choice: 'pass', hidden: false })]);
    expect(text(mine)).not.toContain(FAIL_REASON);
    expect(mine.tally).toMatchObject({ disclosed: false, pass: null, fail: null });
    // someone else's session does not open another member's votes
    await expect(s.call('deliberation.applicant', { meetingId, applicationId: app.id, viewer: { actingMemberId: chair.id, session: li.session } })).rejects.toThrow('当前登录的不是该成员');
    await expect(s.call('deliberation.applicant', { meetingId, applicationId: app.id, viewer: { actingMemberId: chair.id, session: 'no-such-session' } })).rejects.toThrow('登录已过期');

    // --- the agenda, the draft minutes and the audit listing carry no choice either
    const agenda = await s.call('deliberation.agenda', { meetingId });
    expect(agenda.items.find((i) => i.applicationId === app.id)).toMatchObject({ status: 'voting', votes: 2, eligible: 5, outcome: null });
    expect(text(agenda)).not.toContain(FAIL_REASON);
    const minutes = await s.call('deliberation.minutes', { meetingId });
    const item = minutes.minutes.items.find((i) => i.applicationId === app.id)!;
    expect(item.ballots).toEqual([]);
    expect(item.voteChanges).toEqual([]);
    expect(text(minutes)).not.toContain(FAIL_REASON);
    expect(text(minutes)).not.toContain(CHANGE_REASON);
    const audit = await s.call('audit.list', { limit: 20, entity: 'application', entityId: app.id });
    const voteEntries = audit.entries.filter((e) => e.action === 'deliberation.vote' || e.action === 'deliberation.changeVote');
    expect(voteEntries).toHaveLength(3);
    for (const e of voteEntries) expect(e.after).toMatchObject({ choice: null, reason: null, voterId: expect.any(String) });
    expect(voteEntries.find((e) => e.action === 'deliberation.changeVote')!.before).toMatchObject({ choice: null, reason: null });
    expect(text(audit)).not.toContain(FAIL_REASON);
    expect(text(audit)).not.toContain(CHANGE_REASON);
    // the stored log is untouched: the chain still verifies
    expect(await s.call('audit.verify', {})).toMatchObject({ ok: true });

    // the other applicant is unaffected by this one's votes, and shows none
    const other = await s.call('deliberation.applicant', { meetingId, applicationId: apps[1]!.id });
    expect(other.votes).toEqual([]);

    // --- the last vote completes the ballot: everything is shown, as the minutes record it
    await vote(wang, 'fail', FAIL_REASON);
    await vote(zhao, 'fail', FAIL_REASON);
    const last = await vote(chen, 'pass');
    expect(last.tally).toMatchObject({ disclosed: true, pass: 1, fail: 4, missing: 0, state: 'majority' });
    const open = await s.call('deliberation.applicant', { meetingId, applicationId: app.id });
    expect(open.tally).toMatchObject({ disclosed: true, pass: 1, fail: 4, proposed: 'fail' });
    expect(open.votes.map((x) => [x.name, x.choice, x.hidden])).toEqual([
      [chair.name, 'fail', false],
      [li.name, 'fail', false],
      [wang.name, 'fail', false],
      [zhao.name, 'fail', false],
      [chen.name, 'pass', false],
    ]);
    expect(open.votes[0]!.reason).toBe(FAIL_REASON);
    expect(open.voteHistory).toEqual([expect.objectContaining({ voterId: li.id, choice: 'pass', hidden: false })]);
    expect(open.tally.dissents).toEqual([expect.objectContaining({ voterId: chen.id, choice: 'pass', reason: null })]);
    const openMinutes = await s.call('deliberation.minutes', { meetingId });
    const openItem = openMinutes.minutes.items.find((i) => i.applicationId === app.id)!;
    expect(openItem.ballots).toEqual([expect.objectContaining({ ballot: 1, pass: 1, fail: 4, outcome: null })]);
    expect(openItem.voteChanges).toEqual([expect.objectContaining({ voterId: li.id, from: 'pass', to: 'fail', reason: CHANGE_REASON })]);
    const openAudit = await s.call('audit.list', { limit: 20, entity: 'application', entityId: app.id });
    expect(openAudit.entries.filter((e) => e.action === 'deliberation.vote').map((e) => (e.after as { choice: string }).choice)).toContain('fail');
    expect(text(openAudit)).toContain(CHANGE_REASON);
  });
});

describe('评议锁定: scores and 回避 are fixed once an applicant is on an open agenda or decided in a sealed meeting', () => {
  it('refuses scoring and conflict changes with the reason, writes nothing; a held applicant opens again after sealing', { timeout: 180_000 }, async () => {
    const s = t.service;
    const persons = await makePersons(s, 7);
    const { roundId, members, apps } = await readyRound(s, { code: 'L-1', persons, apps: [completeApplication(0), completeApplication(1)] });
    const [chair, li, wang, zhao, chen, liu, sun] = members as [Member, Member, Member, Member, Member, Member, Member];
    const [app0, app1] = apps as [{ id: string; name: string }, { id: string; name: string }];
    const save = (m: Member, applicationId: string, pts: number[], reason?: string) =>
      s.call('scoring.save', { roundId, actingMemberId: m.id, session: m.session, applicationId, entries: pts.map((points, i) => ({ criterionId: CRITERIA[i]!, points })), ...(reason ? { reason } : {}) });

    // before the meeting: a correction is accepted
    await save(wang, app0.id, [21, 20, 10, 10], '更正笔误');

    const present = [chair, li, wang, zhao, chen, liu];
    const meetingId = await openMeeting(s, roundId, members, present);

    // --- while the meeting is open
    const before = { audit: await count(s, 'audit_log'), score: await count(s, 'score'), conflict: await count(s, 'conflict'), expl: await count(s, 'score_explanation') };
    const onAgenda = /“测试养老院0”已列入第1次集体评议（2025年10月20日）的议程，会议封存前不能修改评分：集体评议以开会时的评分和回避情况为依据/;
    await expect(save(wang, app0.id, [22, 20, 10, 10], '再更正')).rejects.toThrow(onAgenda);
    await expect(
      s.call('scoring.explain', { roundId, actingMemberId: wang.id, session: wang.session, applicationId: app0.id, note: '说明' }),
    ).rejects.toThrow(/“测试养老院0”已列入第1次集体评议（2025年10月20日）的议程，会议封存前不能填写评分畸高畸低说明/);
    await expect(
      s.call('panel.setConflict', { roundId, memberId: zhao.id, applicationId: app0.id, decision: 'conflicted', kind: 'kinship', note: '其配偶为该机构主要负责人' }),
    ).rejects.toThrow(/“测试养老院0”已列入第1次集体评议（2025年10月20日）的议程，会议封存前不能变更回避/);
    const meetingOpen = /第1次集体评议（2025年10月20日）正在进行，会议封存前不能/;
    await expect(s.call('scoring.submit', { roundId, actingMemberId: wang.id, session: wang.session, pin: wang.pin })).rejects.toThrow(meetingOpen);
    await expect(s.call('scoring.setConfig', { roundId, trimEnabled: false, trimMinCount: 5, deviationShare: 0.2, spreadShare: 0.3, reason: '调整' })).rejects.toThrow(/正在进行，会议封存前不能调整计分规则/);
    const rubric = await s.call('rubric.get', { roundId });
    await expect(s.call('rubric.newVersion', { roundId, reason: '修订', definition: rubric.current!.definition })).rejects.toThrow(/正在进行，会议封存前不能修订评分细则/);
    await expect(s.call('panel.removeMember', { roundId, memberId: sun.id })).rejects.toThrow(/正在进行，会议封存前不能移出审核小组成员/);
    // the refusal names why in English for the log
    await expect(save(wang, app0.id, [22, 20, 10, 10], '再更正')).rejects.toMatchObject({ logMessage: expect.stringMatching(/^scoring\.save refused: application .* is on the agenda of open meeting/) });
    expect({ audit: await count(s, 'audit_log'), score: await count(s, 'score'), conflict: await count(s, 'conflict'), expl: await count(s, 'score_explanation') }).toEqual(before);
    // the meeting still shows the scores it opened with
    expect((await s.call('deliberation.applicant', { meetingId, applicationId: app0.id })).scores?.memberTotals.find((x) => x.memberId === wang.id)?.total).toBe(61);

    // the one exception: a conflict the system flags during the meeting (赵丽娟's employer edited to the applicant) must be
    // answered, or nobody could decide on the applicant; once answered it is locked again
    const zhaoPerson = persons.find((p) => p.id === zhao.personId)!;
    await s.call('persons.save', { id: zhaoPerson.id, name: zhaoPerson.name, fields: ['finance'], employer: app0.name });
    await expect(s.call('deliberation.vote', { ...actor(meetingId, zhao), applicationId: app0.id, choice: 'pass' })).rejects.toThrow(/须先确认回避或排除后才能表决/);
    await s.call('panel.setConflict', { roundId, memberId: zhao.id, applicationId: app0.id, decision: 'conflicted', kind: 'employment', note: '会上核实：已调入该机构任职' });
    await expect(
      s.call('panel.setConflict', { roundId, memberId: zhao.id, applicationId: app0.id, decision: 'cleared', note: '改为排除' }),
    ).rejects.toThrow(/会议封存前不能变更回避/);
    expect((await s.call('deliberation.applicant', { meetingId, applicationId: app0.id })).seats.find((x) => x.id === zhao.id)).toMatchObject({ standing: 'recused' });

    // --- app0 decided 合格; app1 tied 3:3 and held (暂缓); minutes confirmed and sealed
    const vote = (m: Member, applicationId: string, choice: 'pass' | 'fail', reason?: string) => s.call('deliberation.vote', { ...actor(meetingId, m), applicationId, choice, ...(reason ? { reason } : {}) });
    for (const m of present.filter((x) => x !== zhao)) await vote(m, app0.id, 'pass');
    await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'pass' });
    for (const m of [chair, li, wang]) await vote(m, app1.id, 'pass');
    for (const m of [zhao, chen, liu]) await vote(m, app1.id, 'fail', '长期照护师配备不足');
    await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app1.id, outcome: 'held' });
    const minutes = await s.call('deliberation.minutes', { meetingId });
    expect(minutes.notReady).toBeNull();
    for (const m of present) await s.call('deliberation.respondMinutes', { ...actor(meetingId, m), pin: m.pin, response: 'confirm', minutesHash: minutes.minutesHash });
    await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash });

    // --- after sealing: the decided applicant stays locked
    const after = { audit: await count(s, 'audit_log'), score: await count(s, 'score'), conflict: await count(s, 'conflict') };
    const decided = /“测试养老院0”已在第1次集体评议（2025年10月20日）中作出审核结论（合格），会议纪要已封存，不能再修改评分：已封存的审核结论及其依据不能更改/;
    await expect(save(wang, app0.id, [22, 20, 10, 10], '再更正')).rejects.toThrow(decided);
    await expect(
      s.call('panel.setConflict', { roundId, memberId: zhao.id, applicationId: app0.id, decision: 'conflicted', kind: 'kinship', note: '其配偶为该机构主要负责人' }),
    ).rejects.toThrow(/已在第1次集体评议（2025年10月20日）中作出审核结论（合格），会议纪要已封存，不能再变更回避/);
    // rules reaching every applicant stay fixed once anyone is decided
    await expect(s.call('scoring.setConfig', { roundId, trimEnabled: false, trimMinCount: 5, deviationShare: 0.2, spreadShare: 0.3, reason: '调整' })).rejects.toThrow(
      /本批次已有1个申请机构在集体评议（第1次集体评议（2025年10月20日））中作出审核结论，不能再调整计分规则/,
    );
    expect({ audit: await count(s, 'audit_log'), score: await count(s, 'score'), conflict: await count(s, 'conflict') }).toEqual(after);

    // the held applicant is not decided: it may be rescored and a 回避 recorded before the next meeting
    await save(wang, app1.id, [21, 20, 10, 10], '会后补充核查，更正评分');
    await s.call('panel.setConflict', { roundId, memberId: zhao.id, applicationId: app1.id, decision: 'conflicted', kind: 'kinship', note: '会后申报：其配偶为该机构主要负责人' });
    expect(await count(s, 'score')).toBe(after.score + 1);
    expect(await count(s, 'conflict')).toBe(after.conflict + 1);
  });
});

describe('迟到到会: a member absent at the opening arrives and votes only on what had not started', () => {
  it('the chair records the arrival (time, audit); the member votes on untouched items only and signs the minutes', { timeout: 180_000 }, async () => {
    const s = t.service;
    const persons = await makePersons(s, 7);
    const { roundId, members } = await readyRound(s, { code: 'A-1', persons, apps: [completeApplication(0), completeApplication(1), completeApplication(2)] });
    const [chair, li, wang, zhao, chen, liu, sun] = members as [Member, Member, Member, Member, Member, Member, Member];
    const present = [chair, li, wang, zhao, chen, liu];
    const meetingId = await openMeeting(s, roundId, members, present);
    const agenda0 = await s.call('deliberation.agenda', { meetingId });
    const [first, second, third] = agenda0.items.map((i) => i.applicationId) as [string, string, string];
    const nameOf = (id: string) => agenda0.items.find((i) => i.applicationId === id)!.name;
    const vote = (m: Member, applicationId: string, choice: 'pass' | 'fail', reason?: string) => s.call('deliberation.vote', { ...actor(meetingId, m), applicationId, choice, ...(reason ? { reason } : {}) });

    // before the arrival: the first item decided, the second being voted on, the third untouched
    for (const m of present) await vote(m, first, 'pass');
    await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: first, outcome: 'pass' });
    await vote(chair, second, 'pass');
    const sunSession = (await s.call('deliberation.signIn', { meetingId, voterId: sun.id, pin: sun.pin })).session;
    const sunActor = { id: sun.id, session: sunSession } as Member;
    await expect(vote(sunActor, third, 'pass')).rejects.toThrow('孙玉兰未出席本次会议，不能表决');

    // only the presiding chair records it, only for a member absent at the opening
    const before = await count(s, 'audit_log');
    await expect(s.call('deliberation.recordArrival', { ...actor(meetingId, li), memberId: sun.id })).rejects.toThrow('只有主持本次会议的组长（张国华）才能登记成员到会');
    await expect(s.call('deliberation.recordArrival', { ...actor(meetingId, chair), memberId: wang.id })).rejects.toThrow('王志强开会时已登记出席，无需登记到会');
    expect(await count(s, 'audit_log')).toBe(before);
    // the service's clock in these tests stands at 2025-10-20T04:00Z
    const agenda = await s.call('deliberation.recordArrival', { ...actor(meetingId, chair), memberId: sun.id, note: '航班延误' });
    expect(agenda.attendance.absent).toEqual([]);
    const late = agenda.attendance.present.find((p) => p.memberId === sun.id)!;
    expect(late.arrivedAt).toBe('2025-10-20T04:00:00.000Z');
    expect(late.arrivalNote).toMatch(new RegExp(`^迟到（\\d\\d:00到会），航班延误；参加表决：${nameOf(third)}；未参加表决：${nameOf(first)}、${nameOf(second)}（到会时已开始表决或已作出结论）$`));
    expect(agenda.items.find((i) => i.applicationId === third)).toMatchObject({ eligible: 7 });
    expect(agenda.items.find((i) => i.applicationId === second)).toMatchObject({ eligible: 6, votes: 1 });
    await expect(s.call('deliberation.recordArrival', { ...actor(meetingId, chair), memberId: sun.id })).rejects.toThrow(/已登记孙玉兰迟到（\d\d:00到会），无需重复登记/);
    const entry = (await s.call('audit.list', { limit: 5, entity: 'meeting', entityId: meetingId })).entries.find((e) => e.action === 'deliberation.recordArrival')!;
    expect(entry.actor).toBe('张国华（组长）');
    expect(entry.after).toMatchObject({ memberId: sun.id, arrivedAt: '2025-10-20T04:00:00.000Z', note: '航班延误', joins: expect.arrayContaining([{ applicationId: third, fromBallot: 1 }, { applicationId: second, fromBallot: 2 }]) });

    // not on an item already voted on or decided: they could not take part in all of it
    const n = await count(s, 'deliberation_vote');
    await expect(vote(sunActor, second, 'pass')).rejects.toThrow(new RegExp(`孙玉兰迟到（\\d\\d:00到会），到会时对“${nameOf(second)}”的本轮表决已经开始或已作出结论，不能参加本轮表决`));
    await expect(vote(sunActor, first, 'pass')).rejects.toThrow(/不能参加本轮表决/);
    expect(await count(s, 'deliberation_vote')).toBe(n);
    // on the untouched item they vote, and the decision waits for them
    for (const m of present) await vote(m, third, 'pass');
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: third, outcome: 'pass' })).rejects.toThrow(/孙玉兰/);
    await vote(sunActor, third, 'pass');
    const d3 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: third, outcome: 'pass' });
    expect(d3.decision?.tally).toMatchObject({ eligible: 7, pass: 7 });
    for (const m of present.slice(1)) await vote(m, second, 'pass');
    const d2 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: second, outcome: 'pass' });
    expect(d2.decision?.tally).toMatchObject({ eligible: 6, pass: 6 });
    expect(d2.seats.find((x) => x.id === sun.id)).toMatchObject({ standing: 'absent', note: expect.stringContaining('到会时该申请已开始表决或已作出结论') });

    // present now: they sign the minutes, which record the arrival
    const minutes = await s.call('deliberation.minutes', { meetingId });
    expect(minutes.signers.map((x) => x.name)).toContain('孙玉兰');
    expect(minutes.minutes.attendance.present.find((p) => p.memberId === sun.id)?.arrivalNote).toContain('迟到');
    for (const m of [...present, { ...sunActor, pin: sun.pin } as Member]) await s.call('deliberation.respondMinutes', { ...actor(meetingId, m), pin: m.pin, response: 'confirm', minutesHash: minutes.minutesHash });
    await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash });
    const sealed = await s.call('deliberation.minutes', { meetingId });
    expect(sealed.minutes.attendance.present.find((p) => p.memberId === sun.id)?.arrivedAt).toBe('2025-10-20T04:00:00.000Z');
    expect(await s.call('audit.verify', {})).toMatchObject({ ok: true });
    await expect(s.call('deliberation.recordArrival', { ...actor(meetingId, chair), memberId: sun.id })).rejects.toThrow(/第1次集体评议已于2025年10月20日封存/);
    // migration 009: the database refuses it too, whatever writes
    const raw = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME));
    try {
      expect(() => raw.prepare("update deliberation_arrival set arrived_at = 'x'").run()).toThrow(/只能追加，不能修改/);
      expect(() => raw.prepare('delete from deliberation_arrival').run()).toThrow(/只能追加，不能删除/);
      const insert = raw.prepare("insert into deliberation_arrival (meeting_id, member_id, arrived_at, joins_json, note, recorded_by) values (?, ?, 'now', '[]', null, 'x')");
      expect(() => insert.run(meetingId, sun.id)).toThrow('会议已封存，不能再修改');
      expect(() => insert.run(meetingId, wang.id)).toThrow('只有开会时登记缺席的成员才能登记迟到到会');
    } finally {
      raw.close();
    }
  });
});
