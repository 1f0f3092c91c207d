import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService, sampleApplication } from '../support/service';
import { DB_FILE_NAME } from '../../service';
import { actor, completeApplication, makePersons, makeSubstitute, readyRound, type Member } from '../support/deliberation';

let t: Awaited<ReturnType<typeof freshService>>;
beforeEach(async () => {
  t = await freshService('2025-10-20');
});
afterEach(async () => {
  await t.cleanup();
});

async function auditCount() {
  return Number((await t.service.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe('集体评议: a short meeting', () => {
  it('3 applicants, a recusal, a tie held for a substitute, a dissent, an override; minutes confirmed by each and sealed; nothing changes after', { timeout: 120_000 }, async () => {
    const s = t.service;
    const persons = await makePersons(s, 7);
    // app0 fully verified; app1 fully verified; app2 fails a basic indicator (护理床位 5 < 20)
    const { roundId, members, apps } = await readyRound(s, {
      code: 'D-1',
      persons,
      apps: [completeApplication(0), completeApplication(1), completeApplication(2, { careBeds: 5, totalBeds: 60, careStaff: 30 })],
      conflicts: [[1, 0, '其配偶为该机构主要负责人']],
      // 陈海燕 scores app1 low (flagged, explained): app1 is discussed first
      scores: (mi, ai) => (ai === 1 && mi === 4 ? [10, 10, 5, 5] : ai === 0 ? [25, 25, 15, 15] : [20, 20, 10, 10]),
    });
    const [chair, li, wang, zhao, chen, liu, sun] = members as [Member, Member, Member, Member, Member, Member, Member];
    const [app0, app1, app2] = apps as [{ id: string; name: string }, { id: string; name: string }, { id: string; name: string }];

    const status = await s.call('deliberation.status', { roundId });
    expect(status).toMatchObject({ canOpen: true, blockers: [], pendingApplicants: 3, openMeetingId: null });
    expect(status.tieRules.find((r) => r.isDefault)?.id).toBe('revote_substitute');

    // only the chair opens; 4 present is below the panel minimum
    const openInput = { roundId, heldOn: '2025-10-20', place: '乌鲁木齐市医疗保障事务中心三楼会议室', presentMemberIds: members.slice(0, 6).map((m) => m.id), absences: [{ memberId: sun.id, note: '出差' }] };
    await expect(s.call('deliberation.open', { ...openInput, actingMemberId: li.id, session: li.session })).rejects.toThrow('只有组长才能召开集体评议，李秀英不是组长');
    await expect(
      s.call('deliberation.open', { ...openInput, actingMemberId: chair.id, session: chair.session, presentMemberIds: members.slice(0, 4).map((m) => m.id), absences: members.slice(4).map((m) => ({ memberId: m.id })) }),
    ).rejects.toThrow('出席成员4人，少于5人（000 第十三条：审核小组人数不少于5人），不能召开集体评议');
    await expect(s.call('deliberation.open', { ...openInput, actingMemberId: chair.id, session: chair.session, absences: [] })).rejects.toThrow('请登记孙玉兰出席或缺席');
    const agenda = await s.call('deliberation.open', { ...openInput, actingMemberId: chair.id, session: chair.session });
    const meetingId = agenda.meeting.meetingId;
    expect(agenda.meeting).toMatchObject({ seq: 1, tieRule: 'revote_substitute', minMembers: 5, panelCitation: '000 第十三条', chair: { name: '张国华' }, sealed: false });
    expect(agenda.attendance.absent).toEqual([expect.objectContaining({ name: '孙玉兰', note: '出差' })]);
    // default order: dispersion flagged first, then by score
    expect(agenda.items.map((i) => i.applicationId)).toEqual([app1.id, app0.id, app2.id]);
    expect(agenda.items[0]).toMatchObject({ dispersion: true, status: 'pending', eligible: 6 });
    expect(agenda.items.find((i) => i.applicationId === app0.id)).toMatchObject({ recused: 1, eligible: 5, basic: 'passed' });
    expect(agenda.items.find((i) => i.applicationId === app2.id)).toMatchObject({ basic: 'failed' });
    await expect(s.call('deliberation.open', { ...openInput, actingMemberId: chair.id, session: chair.session })).rejects.toThrow(/第1次集体评议.*尚未封存/);

    // the chair reorders: app0 first
    const reordered = await s.call('deliberation.setOrder', { ...actor(meetingId, chair), applicationIds: [app0.id, app1.id, app2.id] });
    expect(reordered.items.map((i) => i.position + ':' + i.name)).toEqual([`1:${app0.name}`, `2:${app1.name}`, `3:${app2.name}`]);

    // the projector view of one applicant
    const v0 = await s.call('deliberation.applicant', { meetingId, applicationId: app0.id });
    expect(v0).toMatchObject({ position: 1, total: 3, prevApplicationId: null, nextApplicationId: app1.id });
    expect(v0.basic.state).toBe('passed');
    expect(v0.basic.rules.find((r) => r.ruleId === 'care_beds_min')).toMatchObject({ state: 'pass', citations: ['000 第七条（三）'] });
    expect(v0.scores?.memberTotals).toHaveLength(6);
    expect(v0.scores?.score).toBe(80);
    expect(v0.conflicts).toEqual([expect.objectContaining({ name: '李秀英', standing: 'conflicted', text: '回避（亲属关系）：其配偶为该机构主要负责人' })]);
    expect(v0.materials.missing).toBe(0);
    expect(v0.seats.map((x) => `${x.name}:${x.standing}`)).toEqual(['张国华:eligible', '李秀英:recused', '王志强:eligible', '赵丽娟:eligible', '陈海燕:eligible', '刘永刚:eligible', '孙玉兰:absent']);

    // --- app0: the recused and the absent cannot vote; a 不合格 needs a reason; a dissent must be written
    const sunSession = (await s.call('deliberation.signIn', { meetingId, voterId: sun.id, pin: sun.pin })).session;
    const before = await auditCount();
    await expect(s.call('deliberation.vote', { ...actor(meetingId, { id: sun.id, session: sunSession }), applicationId: app0.id, choice: 'pass' })).rejects.toThrow('孙玉兰未出席本次会议，不能表决');
    await expect(s.call('deliberation.vote', { ...actor(meetingId, li), applicationId: app0.id, choice: 'pass' })).rejects.toThrow('李秀英已就“测试养老院0”回避（亲属关系）：其配偶为该机构主要负责人，不能表决');
    await expect(s.call('deliberation.vote', { ...actor(meetingId, wang), applicationId: app0.id, choice: 'fail' })).rejects.toThrow('投“不合格”票须写明理由');
    await expect(s.call('deliberation.vote', { ...actor(meetingId, wang), applicationId: app0.id, choice: 'pass', session: li.session })).rejects.toThrow('当前登录的不是该成员');
    expect(await auditCount()).toBe(before);

    const vote = (m: Member, applicationId: string, choice: 'pass' | 'fail', reason?: string) => s.call('deliberation.vote', { ...actor(meetingId, m), applicationId, choice, ...(reason ? { reason } : {}) });
    const failReason = '现场核查发现护理专区消毒设施不全，护理记录缺失';
    await vote(chair, app0.id, 'fail', failReason);
    await vote(wang, app0.id, 'fail', failReason);
    await vote(zhao, app0.id, 'fail', '护理记录缺失');
    const first = await vote(chen, app0.id, 'pass');
    expect(first.tally).toMatchObject({ disclosed: false, pass: null, fail: null, eligible: 5, missing: 1, state: 'incomplete' });
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'fail' })).rejects.toThrow(/还有1人未表决（刘永刚）/);
    await vote(liu, app0.id, 'fail', '同意现场核查意见');
    // a member other than the chair cannot record the decision
    await expect(s.call('deliberation.decide', { ...actor(meetingId, wang), applicationId: app0.id, outcome: 'fail' })).rejects.toThrow('只有主持本次会议的组长（张国华）才能确认审核结论');
    const panelReasons = [{ code: 'panel:site_inspection', text: failReason }];
    const advice = [{ code: 'panel:site_inspection', presetId: 'site_fix', text: '配齐专区消毒灭菌设施，建立并保存护理记录，整改完成后提交整改报告和现场照片' }];
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'fail', panelReasons, advice })).rejects.toThrow(
      '陈海燕的表决意见与审核结论不同，须书面说明理由（请其重新投票并写明理由）后才能作出审核结论',
    );
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'pass' })).rejects.toThrow(/表决结果为“不合格”/);
    // the dissent in writing: the same choice again, now with a reason (a new vote superseding the first)
    const dissent = await vote(chen, app0.id, 'pass', '消毒设施已在采购中，属可即时整改的问题，不影响定点');
    expect(dissent.supersedes).toBe(first.voteId);
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'fail', panelReasons })).rejects.toThrow('审核结论为不合格，须提出整改建议');
    const d0 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'fail', panelReasons, advice });
    expect(d0.decision).toMatchObject({ outcome: 'fail', basis: 'majority', tally: { eligible: 5, pass: 1, fail: 4 }, reasons: [{ code: 'panel:site_inspection', kind: 'panel' }], advice, stale: false });
    expect(d0.status).toBe('decided');

    // --- app1: 6 voters tie 3:3 → held for a re-vote with a substitute (the default rule)
    for (const m of [chair, wang, zhao]) await vote(m, app1.id, 'pass');
    for (const m of [li, chen, liu]) await vote(m, app1.id, 'fail', '长期照护师配备不足');
    let v1 = await s.call('deliberation.applicant', { meetingId, applicationId: app1.id });
    expect(v1.tally).toMatchObject({ state: 'tie', pass: 3, fail: 3, proposed: 'held' });
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app1.id, outcome: 'pass' })).rejects.toThrow(/票数相同，暂缓/);
    v1 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app1.id, outcome: 'held' });
    expect(v1.status).toBe('held');
    expect(v1.tally.ballot).toBe(2);
    expect(v1.decisionHistory[0]).toMatchObject({ outcome: 'held', basis: 'tie', tie: { rule: 'revote_substitute', applied: 'held' } });
    expect(v1.replaceable).toEqual([{ memberId: sun.id, name: '孙玉兰', standing: 'absent' }]);
    const sub = await makeSubstitute(s);
    await expect(
      s.call('deliberation.addSubstitute', { ...actor(meetingId, chair), applicationId: app1.id, personId: sub.id, replacesMemberId: chen.id, reason: '补足表决人数' }),
    ).rejects.toThrow('陈海燕可以参加对“测试养老院1”的表决，候补成员只能替代回避或缺席的成员');
    v1 = await s.call('deliberation.addSubstitute', { ...actor(meetingId, chair), applicationId: app1.id, personId: sub.id, replacesMemberId: sun.id, reason: '孙玉兰出差缺席，票数相同，由候补成员替代后重新表决' });
    expect(v1.seats.find((x) => x.kind === 'substitute')).toMatchObject({ name: '周建国', standing: 'eligible' });
    const subMember = { id: sub.id, session: (await s.call('deliberation.signIn', { meetingId, voterId: sub.id, pin: sub.pin })).session } as Member;
    // ballot 2: everyone votes again
    for (const m of [chair, wang, zhao, subMember]) await vote(m, app1.id, 'pass');
    for (const m of [li, liu]) await vote(m, app1.id, 'fail', '长期照护师配备不足');
    await vote(chen, app1.id, 'pass', '经讨论，照护师培训计划可行，改投合格');
    v1 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app1.id, outcome: 'pass' });
    expect(v1.decision).toMatchObject({ outcome: 'pass', ballot: 2, tally: { eligible: 7, pass: 5, fail: 2 } });

    // --- app2: failed 护理床位 cannot be 合格 without an explicit override
    for (const m of [chair, li, wang, zhao, chen, liu]) await vote(m, app2.id, 'pass');
    const v2 = await s.call('deliberation.applicant', { meetingId, applicationId: app2.id });
    expect(v2.overrideNeeded).toEqual([expect.objectContaining({ code: 'rule:care_beds_min', state: 'fail' })]);
    expect(v2.reasonOptions[0]).toMatchObject({ code: 'rule:care_beds_min', kind: 'rule', citation: '000 第七条（三）', text: '护理床位 5 张，少于 20 张' });
    expect(v2.advicePresets.find((p) => p.code === 'rule:care_beds_min')!.presets[0]!.text).toContain('护理床位');
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app2.id, outcome: 'pass' })).rejects.toThrow(
      '“测试养老院2”有1项基础性指标不符合（专区护理床位数），认定合格须由审核小组明确记录认定理由（推翻基础性指标结论）',
    );
    const overrideReason = '该机构已完成护理专区扩建，新增床位经现场核查属实，申请表数据为扩建前填报';
    const d2 = await s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app2.id, outcome: 'pass', override: { reason: overrideReason } });
    expect(d2.decision?.override).toMatchObject({ reason: overrideReason, items: [{ code: 'rule:care_beds_min', state: 'fail' }], recordedBy: '张国华（组长）' });
    expect(d2.decision?.override?.supporters).toHaveLength(6);

    // --- minutes: each present member and the substitute confirm under their PIN
    let minutes = await s.call('deliberation.minutes', { meetingId });
    expect(minutes.notReady).toBeNull();
    expect(minutes.minutes.summary).toEqual({ total: 3, pass: 2, fail: 1, held: 0 });
    expect(minutes.signers.map((x) => x.name)).toEqual(['张国华', '李秀英', '王志强', '赵丽娟', '陈海燕', '刘永刚', '周建国']);
    const m0 = minutes.minutes.items[0]!;
    expect(m0.recusals).toEqual([{ memberId: li.id, name: '李秀英', reason: '回避（亲属关系）：其配偶为该机构主要负责人' }]);
    expect(m0.dissents).toEqual([{ voterId: chen.id, name: '陈海燕', choice: 'pass', reason: '消毒设施已在采购中，属可即时整改的问题，不影响定点' }]);
    expect(m0.voteChanges).toHaveLength(1);
    expect(minutes.minutes.items[1]!.ballots.map((b) => [b.ballot, b.pass, b.fail, b.outcome])).toEqual([
      [1, 3, 3, 'held'],
      [2, 5, 2, 'pass'],
    ]);
    expect(minutes.minutes.tieRuleUses).toEqual([expect.objectContaining({ applicationId: app1.id, rule: 'revote_substitute', applied: 'held', ballot: 1 })]);
    expect(minutes.minutes.overrides).toEqual([expect.objectContaining({ applicationId: app2.id, reason: overrideReason })]);
    expect(minutes.minutes.attendance.substitutes[0]).toMatchObject({ name: '周建国', replacesName: '孙玉兰' });

    const respond = (m: Member, response: 'confirm' | 'refuse', hash: string, reason?: string) =>
      s.call('deliberation.respondMinutes', { ...actor(meetingId, m), pin: m.pin, response, minutesHash: hash, ...(reason ? { reason } : {}) });
    const subSigner = { ...subMember, pin: sub.pin } as Member;
    await expect(respond(wang, 'confirm', minutes.minutesHash.replace(/^./, (c) => (c === '0' ? '1' : '0')))).rejects.toThrow('会议纪要在您阅读后已有变化');
    await expect(respond(wang, 'refuse', minutes.minutesHash)).rejects.toThrow('拒绝确认会议纪要须写明理由');
    await expect(s.call('deliberation.respondMinutes', { ...actor(meetingId, wang), pin: '000000', response: 'confirm', minutesHash: minutes.minutesHash })).rejects.toThrow('PIN不正确');
    for (const m of [chair, li, wang]) await respond(m, 'confirm', minutes.minutesHash);
    // a correction after some confirmed: their confirmations are for an older version
    await s.call('deliberation.decide', {
      ...actor(meetingId, chair),
      applicationId: app0.id,
      outcome: 'fail',
      panelReasons,
      advice: [{ ...advice[0]!, text: `${advice[0]!.text}（3个月内完成）` }],
      changeReason: '整改建议补充完成时限',
    });
    minutes = await s.call('deliberation.minutes', { meetingId });
    expect(minutes.signers.filter((x) => x.response?.current === false).map((x) => x.name)).toEqual(['张国华', '李秀英', '王志强']);
    expect(minutes.minutes.items[0]!.decisionChanges).toEqual([expect.objectContaining({ outcome: 'fail', changeReason: '整改建议补充完成时限' })]);
    for (const m of [chair, li, wang, zhao, chen, subSigner]) await respond(m, 'confirm', minutes.minutesHash);
    await expect(s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash })).rejects.toThrow('不能封存：还有1人未确认会议纪要：刘永刚');
    minutes = await respond(liu, 'refuse', minutes.minutesHash, '对测试养老院2的认定合格持保留意见，床位扩建应待下批次复核');
    expect(minutes.canSeal).toBe(true);
    await expect(s.call('deliberation.seal', { ...actor(meetingId, wang), pin: wang.pin, minutesHash: minutes.minutesHash })).rejects.toThrow('只有主持本次会议的组长（张国华）才能封存会议纪要');
    const sealed = await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash });
    expect(sealed.sealed).toMatchObject({ minutesHash: minutes.minutesHash, sealedBy: '张国华（组长）' });
    expect(sealed.sealed!.auditHead.seq).toBeGreaterThan(0);
    expect(sealed.signers.find((x) => x.name === '刘永刚')?.response).toMatchObject({ response: 'refuse', reason: expect.stringContaining('保留意见') });

    // --- after sealing nothing in the meeting can change
    const n = await auditCount();
    const sealedMsg = /第1次集体评议已于2025年10月20日封存，会议中的任何内容都不能再修改/;
    await expect(vote(chen, app0.id, 'fail', '改变主意')).rejects.toThrow(sealedMsg);
    await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: app0.id, outcome: 'fail', panelReasons, advice, changeReason: '再改' })).rejects.toThrow(sealedMsg);
    await expect(s.call('deliberation.setOrder', { ...actor(meetingId, chair), applicationIds: [app2.id, app1.id, app0.id] })).rejects.toThrow(sealedMsg);
    await expect(s.call('deliberation.addSubstitute', { ...actor(meetingId, chair), applicationId: app0.id, personId: sub.id, replacesMemberId: li.id, reason: 'x' })).rejects.toThrow(sealedMsg);
    await expect(respond(liu, 'confirm', minutes.minutesHash)).rejects.toThrow(sealedMsg);
    await expect(s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash })).rejects.toThrow(sealedMsg);
    expect(await auditCount()).toBe(n);
    // … and the database refuses it too, whatever writes
    const raw = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME));
    try {
      expect(() => raw.prepare("update deliberation_vote set choice = 'fail', reason = 'x' where voter_id = ?").run(chen.id)).toThrow(/只能追加，不能修改/);
      expect(() => raw.prepare('delete from deliberation_decision').run()).toThrow(/只能追加，不能删除/);
      expect(() =>
        raw
          .prepare("insert into deliberation_vote (id, meeting_id, application_id, ballot, voter_id, voter_kind, choice, reason, supersedes, cast_at, cast_by) values ('x', ?, ?, 9, ?, 'member', 'pass', null, null, 'now', 'x')")
          .run(meetingId, app0.id, chen.id),
      ).toThrow('会议已封存，不能再修改');
    } finally {
      raw.close();
    }
    // the sealed minutes stay as they were
    const again = await s.call('deliberation.minutes', { meetingId });
    expect(again.minutesHash).toBe(minutes.minutesHash);
    expect(again.minutes).toEqual(sealed.minutes);

    // --- consequences
    let deadlines = await s.call('deliberation.deadlines', { roundId });
    const dl0 = deadlines.find((d) => d.applicationId === app0.id)!;
    expect(dl0).toMatchObject({ outcome: 'fail', final: true, delivery: null, rectification: { months: 3, window: null, reReviewsAllowed: 1, reReviewsUsed: 0, reReviewAvailable: true }, bar: null });
    expect(deadlines.find((d) => d.applicationId === app2.id)).toMatchObject({ outcome: 'pass', agreement: { months: 3, deadline: null, noticeEndsOn: null } });
    await expect(s.call('deliberation.recordDelivery', { applicationId: app0.id, deliveredOn: '2025-10-19', method: '邮寄' })).rejects.toThrow('送达日期不能早于集体评议日期（2025年10月20日）');
    await expect(s.call('deliberation.recordDelivery', { applicationId: app0.id, deliveredOn: '2025-10-21', method: '邮寄' })).rejects.toThrow('送达日期不能晚于今天');
    t.setToday('2025-10-23');
    const delivered = await s.call('deliberation.recordDelivery', { applicationId: app0.id, deliveredOn: '2025-10-22', method: 'EMS邮寄', note: '签收人：张三' });
    expect(delivered.rectification?.window).toEqual({ date: '2026-01-22', nominal: '2026-01-22', extended: false, provisional: false });
    await expect(s.call('deliberation.recordDelivery', { applicationId: app0.id, deliveredOn: '2025-10-23', method: 'EMS邮寄' })).rejects.toThrow('已登记送达信息，修改须写明原因');
    const corrected = await s.call('deliberation.recordDelivery', { applicationId: app0.id, deliveredOn: '2025-10-23', method: 'EMS邮寄', reason: '以签收回执日期为准' });
    expect(corrected.delivery).toMatchObject({ deliveredOn: '2025-10-23', revisions: 1 });
    const agreement = await s.call('deliberation.agreementDeadline', { applicationId: app2.id, noticeEndsOn: '2025-10-31' });
    expect(agreement).toMatchObject({ months: 3, citation: '000 第十七条', deadline: { date: '2026-02-02', nominal: '2026-01-31', extended: true } });
    await expect(s.call('deliberation.agreementDeadline', { applicationId: app0.id, noticeEndsOn: '2025-10-31' })).rejects.toThrow('没有已封存的合格结论');
    deadlines = await s.call('deliberation.deadlines', { roundId });
    expect(deadlines.find((d) => d.applicationId === app0.id)?.rectification?.window?.date).toBe('2026-01-23');
    expect((await s.call('deliberation.status', { roundId })).blockers.map((b) => b.code)).toEqual(['nothing_to_decide']);

    // every write went through the audit chain, which verifies
    const verdict = await s.call('audit.verify', {});
    expect(verdict).toMatchObject({ ok: true, broken: null, sealsChecked: 1 });
    const actions = (await s.call('audit.list', { limit: 500 })).entries.map((e) => e.action);
    for (const a of ['deliberation.open', 'deliberation.setOrder', 'deliberation.vote', 'deliberation.changeVote', 'deliberation.decide', 'deliberation.changeDecision', 'deliberation.addSubstitute', 'deliberation.confirmMinutes', 'deliberation.refuseMinutes', 'deliberation.seal', 'deliberation.recordDelivery']) {
      expect(actions, a).toContain(a);
    }
  });
});

describe('re-review and the 1-year bar', () => {
  it('links a re-review to the earlier failure, and refuses a new application inside the bar with the date it ends', { timeout: 120_000 }, async () => {
    const s = t.service;
    const persons = await makePersons(s, 5);

    async function failInMeeting(code: string, data: ReturnType<typeof completeApplication>, heldOn: string, recusal = false) {
      const r = await readyRound(s, { code, persons, apps: [data], conflicts: recusal ? [[1, 0, '曾在该机构兼职']] : [] });
      const [chair] = r.members as [Member];
      const open = await s.call('deliberation.open', { roundId: r.roundId, actingMemberId: chair.id, session: chair.session, heldOn, place: '会议室', presentMemberIds: r.members.map((m) => m.id) });
      const meetingId = open.meeting.meetingId;
      const voters = recusal ? r.members.filter((_, i) => i !== 1) : r.members;
      for (const m of voters) await s.call('deliberation.vote', { ...actor(meetingId, m), applicationId: r.apps[0]!.id, choice: 'fail', reason: '护理人员持证率低' });
      if (recusal) {
        // 5 members, one recused: 4 may vote, fewer than the panel minimum — no decision until a substitute stands in
        const before = await auditCount();
        await expect(s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: r.apps[0]!.id, outcome: 'fail' })).rejects.toThrow(
          '回避1人后，可参加表决的成员只有4人，少于5人（000 第十三条：审核小组人数不少于5人），不能作出审核结论；请由候补成员替代回避或缺席的成员后再表决',
        );
        expect(await auditCount()).toBe(before);
        const sub = await makeSubstitute(s);
        await s.call('deliberation.addSubstitute', { ...actor(meetingId, chair), applicationId: r.apps[0]!.id, personId: sub.id, replacesMemberId: r.members[1]!.id, reason: '李秀英回避，由候补成员替代' });
        const session = (await s.call('deliberation.signIn', { meetingId, voterId: sub.id, pin: sub.pin })).session;
        await s.call('deliberation.vote', { meetingId, actingMemberId: sub.id, session, applicationId: r.apps[0]!.id, choice: 'fail', reason: '同意' });
        const minutesSigners = async () => (await s.call('deliberation.minutes', { meetingId })).signers.map((x) => x.name);
        expect(await minutesSigners()).toContain('周建国');
        r.members.push({ id: sub.id, personId: sub.id, name: sub.name, pin: sub.pin, session });
      }
      await s.call('deliberation.decide', {
        ...actor(meetingId, chair),
        applicationId: r.apps[0]!.id,
        outcome: 'fail',
        panelReasons: [{ code: 'panel:service_capacity', text: '护理人员持证率低，服务能力不足' }],
        advice: [{ code: 'panel:service_capacity', presetId: 'capacity_fix', text: '组织护理人员培训取证' }],
      });
      const minutes = await s.call('deliberation.minutes', { meetingId });
      for (const m of r.members) await s.call('deliberation.respondMinutes', { ...actor(meetingId, m), pin: m.pin, response: 'confirm', minutesHash: minutes.minutesHash });
      await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: minutes.minutesHash });
      return { ...r, meetingId };
    }

    // first review fails; delivered two days later
    const r1 = await failInMeeting('B-1', completeApplication(0, { receivedOn: '2025-09-01' }), '2025-10-20', true);
    t.setToday('2025-10-22');
    await s.call('deliberation.recordDelivery', { applicationId: r1.apps[0]!.id, deliveredOn: '2025-10-22', method: '直接送达' });

    // a re-review application in a later round, within 3 months: linked to the failure
    t.setToday('2025-12-01');
    const r2 = await failInMeeting('B-2', completeApplication(0, { receivedOn: '2025-11-15' }), '2025-12-01');
    const link = await s.call('deliberation.deadlines', { roundId: r2.roundId });
    expect(link[0]!.reapplication).toMatchObject({ kind: 're_review', label: '整改后申请再次审核', previousApplicationId: r1.apps[0]!.id });
    expect(link[0]).toMatchObject({ outcome: 'fail', rectification: { reReviewsUsed: 1, reReviewAvailable: false }, bar: { months: 12, startsOn: '2025-12-01', endsOn: '2026-12-01', fromDelivery: false } });
    const view = await s.call('deliberation.applicant', { meetingId: r2.meetingId, applicationId: r2.apps[0]!.id });
    expect(view.history).toMatchObject({ kind: 're_review', previousApplicationId: r1.apps[0]!.id, previousOutcome: 'fail', previousDecidedOn: '2025-10-20' });
    t.setToday('2025-12-03');
    await s.call('deliberation.recordDelivery', { applicationId: r2.apps[0]!.id, deliveredOn: '2025-12-03', method: '直接送达' });

    // the re-review failed: a new application within a year is refused at entry, with the date the bar ends
    t.setToday('2026-01-10');
    const { makeRound } = await import('../support/service');
    const r3 = await makeRound(s, { code: 'B-3' });
    const before = await auditCount();
    const attempt = s.call('applications.create', { roundId: r3.id, data: completeApplication(0, { receivedOn: '2026-01-10' }) });
    await expect(attempt).rejects.toThrow(
      '该机构在“测试批次”（B-2-001）再次审核仍不合格，依据000 第十四条，自2025年12月3日结果告知送达之日起1年内不得再次提出定点管理申请；不得申请期至2026年12月3日止，2026年12月4日起方可重新申请',
    );
    const err = (await attempt.catch((e: unknown) => e)) as { fieldErrors?: Record<string, string> };
    expect(err.fieldErrors?.['data.uscc']).toContain('2026年12月3日');
    expect(await auditCount()).toBe(before);
    // another institution is not affected; the same one may apply once the bar has ended
    await s.call('applications.create', { roundId: r3.id, data: sampleApplication(5) });
    const after = await s.call('applications.create', { roundId: r3.id, data: completeApplication(0, { receivedOn: '2026-12-04' }) });
    const rows = await s.call('deliberation.deadlines', { roundId: r3.id });
    expect(rows).toEqual([]); // not accepted yet: no decision rows
    const linkRow = await s.ctx.db.selectFrom('application_link').selectAll().where('application_id', '=', after.id).executeTakeFirstOrThrow();
    expect(linkRow).toMatchObject({ kind: 'after_bar', previous_application_id: r2.apps[0]!.id });
    expect((await s.call('audit.verify', {})).ok).toBe(true);
  });
});
