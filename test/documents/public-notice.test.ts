import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshService } from '../support/service';
import { DB_FILE_NAME } from '../../service';
import { WorkingDayCalendar } from '../../shared/calendar/workingDays';
import { NAMES, decidedRound } from './sealedRound';
import { flatRawText, flatText, pdffonts, qpdfCheck, savePngs } from './support';

/**
 * 公示 on a real sealed round: the period in Chinese working days across
 * National Day 2025 and its make-up working day, objections (异议) that hold
 * an institution, and the final list that cannot be fixed before the period
 * ends, while an objection is open, or while the end date is provisional.
 */

let t: Awaited<ReturnType<typeof freshService>>;
afterEach(async () => {
  await t.cleanup();
});

const SETTINGS = { objectionAddress: '乌鲁木齐市天山区人民路1号医保服务大厅3楼', objectionPhone: '0991-4567890', filingAuthority: '' };

describe('公示 across National Day 2025', () => {
  beforeEach(async () => {
    t = await freshService('2025-09-26');
  });

  it('published 2025-09-29 for 5 working days ends 2025-10-13 (make-up Saturday 10-11 counted); objections hold; finalising waits for the end and for every objection', { timeout: 120_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2025-7', heldOn: '2025-09-26' });
    const [a0, a1, a2] = r.apps;
    // not before the meeting is sealed: no sealed 合格 decision yet
    expect((await s.call('publicNotice.list', { roundId: r.roundId })).candidates).toEqual([]);
    await r.seal();
    t.setToday('2025-09-29');

    const list = await s.call('publicNotice.list', { roundId: r.roundId });
    expect(list).toMatchObject({ minWorkingDays: 5, citation: '000 第十四条', settingsMissing: true });
    expect(list.candidates.map((c) => c.name)).toEqual([NAMES[0], NAMES[2]]); // the 不合格 one is not listed
    await expect(s.call('publicNotice.create', { roundId: r.roundId, startOn: '2025-09-29' })).rejects.toThrow('请先在文书设置中填写公示的异议受理地址和联系电话');
    await s.call('documents.resultSettings.set', SETTINGS);

    // the period: the State Council's arrangement, checked against the calendar itself
    const preview = await s.call('publicNotice.preview', { roundId: r.roundId, startOn: '2025-09-29', workingDays: 5 });
    expect(preview.problems).toEqual([]);
    expect(preview.period.end).toEqual({ date: '2025-10-13', provisional: false });
    const cal = new WorkingDayCalendar();
    expect(cal.addWorkingDays('2025-09-29', 5).date).toBe('2025-10-13');
    const counted = preview.period.days.filter((d) => d.kind === 'working' || d.kind === 'makeup').map((d) => d.date);
    expect(counted).toEqual(['2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13']);
    expect(counted.every((d) => cal.isWorkingDay(d))).toBe(true);
    expect(preview.period.days.filter((d) => d.kind === 'makeup').map((d) => d.date)).toEqual(['2025-10-11']);
    expect(preview.period.days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']);
    expect(preview.period.days.filter((d) => d.kind === 'weekend').map((d) => d.date)).toEqual(['2025-10-12']); // the break's Saturday and Sunday are holidays, not weekends
    // fewer than the profile's minimum is refused, and so is a start before the meeting
    await expect(s.call('publicNotice.create', { roundId: r.roundId, startOn: '2025-09-29', workingDays: 4 })).rejects.toThrow('公示期不得少于5个工作日（000 第十四条）');
    await expect(s.call('publicNotice.create', { roundId: r.roundId, startOn: '2025-09-25' })).rejects.toThrow('公示发布日期不能早于集体评议日期（2025年9月26日）');

    let v = await s.call('publicNotice.create', { roundId: r.roundId, startOn: '2025-09-29', workingDays: 5 });
    expect(v).toMatchObject({ seq: 1, status: 'open', canFinalise: false, objectionAddress: SETTINGS.objectionAddress, final: null });
    expect(v.period.end).toEqual({ date: '2025-10-13', provisional: false });
    expect(v.entries.map((e) => [e.name, e.state])).toEqual([
      [NAMES[0], 'listed'],
      [NAMES[2], 'listed'],
    ]);
    // the 公示 PDF: the period and the list, registered
    const doc = v.document!;
    expect(doc.signed).toBe(false);
    const text = flatText(doc.path);
    expect(text).toContain('关于测试批次长期护理保险定点护理服务机构审核结果的公示');
    expect(text).toContain('公示期：2025年9月29日至2025年10月13日（5个工作日，自发布次日起算）。');
    expect(text).toContain(`书面反映地址：${SETTINGS.objectionAddress}；联系电话：${SETTINGS.objectionPhone}。`);
    const raw = flatRawText(doc.path);
    expect(raw).toContain(`${NAMES[0]}`);
    expect(raw).toContain(a0!.uscc);
    expect(raw).toContain(a2!.uscc);
    expect(raw).not.toContain(NAMES[1]);
    expect(qpdfCheck(doc.path).ok).toBe(true);
    for (const f of pdffonts(doc.path)) expect([f.emb, f.sub]).toEqual(['yes', 'yes']);
    savePngs(doc.path, 'round-public-notice', 70);
    const reg = await s.call('documents.list', { roundId: r.roundId });
    expect(reg.find((d) => d.documentId === doc.documentId)).toMatchObject({ kind: 'publicNotice', templateId: 'public-notice', templateVersion: 2 });
    // nothing left to put on a second notice
    await expect(s.call('publicNotice.create', { roundId: r.roundId, startOn: '2025-10-09' })).rejects.toThrow('没有待公示的合格机构');

    // objections: only during the period, only against an institution on it
    t.setToday('2025-10-10');
    const objection = { noticeId: v.noticeId, channel: 'written' as const, objector: '张某（该机构入住老人家属）', contact: '13999100000', content: '该机构夜间护理人员配备不足，与申报材料不符' };
    await expect(s.call('publicNotice.addObjection', { ...objection, applicationId: a1!.id, receivedOn: '2025-10-09' })).rejects.toThrow('不在第1次公示名单上');
    await expect(s.call('publicNotice.addObjection', { ...objection, applicationId: a0!.id, receivedOn: '2025-09-28' })).rejects.toThrow('收到日期早于公示发布日期');
    await expect(s.call('publicNotice.addObjection', { ...objection, applicationId: a0!.id, receivedOn: '2025-10-11' })).rejects.toThrow('收到日期不能晚于今天');
    v = await s.call('publicNotice.addObjection', { ...objection, applicationId: a0!.id, receivedOn: '2025-10-09' });
    v = await s.call('publicNotice.addObjection', { ...objection, applicationId: a2!.id, receivedOn: '2025-10-10', channel: 'phone', content: '该机构实际控制人与申报不一致' });
    expect(v.entries.map((e) => [e.name, e.state, e.openObjections])).toEqual([
      [NAMES[0], 'held', 1],
      [NAMES[2], 'held', 1],
    ]);
    const [o0, o2] = v.objections;
    expect(o0).toMatchObject({ institution: NAMES[0], state: 'received', stateLabel: '已收到', channelLabel: '书面', receivedOn: '2025-10-09' });

    // before the end: refused, with the day it becomes possible
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow('公示期至2025年10月13日结束，公示期满后（2025年10月14日起）方可确定最终名单');
    t.setToday('2025-10-13');
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow('公示期至2025年10月13日结束');
    // after the end: an objection still open holds its institution, and the list
    t.setToday('2025-10-14');
    await expect(s.call('publicNotice.addObjection', { ...objection, applicationId: a0!.id, receivedOn: '2025-10-14' })).rejects.toThrow('收到日期晚于公示期最后一日（2025年10月13日）');
    v = await s.call('publicNotice.setObjectionState', { objectionId: o0!.objectionId, state: 'under_review' });
    expect(v.status).toBe('ended');
    await expect(s.call('publicNotice.setObjectionState', { objectionId: o0!.objectionId, state: 'dismissed' })).rejects.toThrow('作出异议处理结论须写明核查情况和理由');
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow(`“${NAMES[0]}”、“${NAMES[2]}”有尚未处理完毕的异议（暂缓），异议处理完毕后方可确定最终名单`);
    v = await s.call('publicNotice.setObjectionState', { objectionId: o0!.objectionId, state: 'dismissed', note: '经现场核查，夜间护理人员配备符合要求，异议不成立' });
    expect(v.finaliseProblems).toEqual([`“${NAMES[2]}”有尚未处理完毕的异议（暂缓），异议处理完毕后方可确定最终名单`]);
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow(NAMES[2]);
    v = await s.call('publicNotice.setObjectionState', { objectionId: o2!.objectionId, state: 'upheld', note: '经核实，实际控制人与申报材料不一致，异议成立' });
    expect(v.entries.map((e) => [e.name, e.state])).toEqual([
      [NAMES[0], 'listed'],
      [NAMES[2], 'removed'],
    ]);
    expect(v.objections[0]!.history.map((h) => h.state)).toEqual(['received', 'under_review', 'dismissed']);
    expect(v.canFinalise).toBe(true);

    // finalising records the final list and each listed institution's agreement window (3 months after the end, 000 第十七条)
    v = await s.call('publicNotice.finalise', { noticeId: v.noticeId });
    expect(v.status).toBe('finalised');
    expect(v.final).toMatchObject({ endOn: '2025-10-13', removed: [{ name: NAMES[2], reason: '经核实，实际控制人与申报材料不一致，异议成立' }] });
    expect(v.final!.listed).toEqual([
      {
        applicationId: a0!.id,
        name: NAMES[0],
        uscc: a0!.uscc,
        agreement: { months: 3, citation: '000 第十七条', noticeEndsOn: '2025-10-13', deadline: { date: '2026-01-13', nominal: '2026-01-13', extended: false, provisional: false }, note: '公示结束后3个月内申请签订协议（000 第十七条）' },
      },
    ]);
    // the same deadline the deliberation feature computes
    expect((await s.call('deliberation.agreementDeadline', { applicationId: a0!.id, noticeEndsOn: '2025-10-13' })).deadline).toEqual(v.final!.listed[0]!.agreement.deadline);
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow('已于2025年10月14日确定最终名单，不能再确定最终名单');
    await expect(s.call('publicNotice.addObjection', { ...objection, applicationId: a0!.id, receivedOn: '2025-10-13' })).rejects.toThrow('不能再登记异议');
    await expect(s.call('publicNotice.setObjectionState', { objectionId: o0!.objectionId, state: 'under_review' })).rejects.toThrow('不能再处理异议');

    // the 备案表 now tells the 公示 and its final list
    expect(flatText((await s.call('documents.filingForm', { roundId: r.roundId })).path)).toContain('公示：2025年9月29日至2025年10月13日公示5个工作日，最终名单于2025年10月14日确定，列入1家。');
    const actions = (await s.call('audit.list', { limit: 500 })).entries.map((e) => e.action);
    for (const a of ['publicNotice.create', 'publicNotice.addObjection', 'publicNotice.objectionState', 'publicNotice.finalise']) expect(actions).toContain(a);
    expect((await s.call('audit.verify', {})).ok).toBe(true);

    // the database itself refuses to rewrite history
    const sqlite = new BetterSqlite3(path.join(t.dir, DB_FILE_NAME));
    try {
      expect(() => sqlite.prepare("update public_notice_objection set content = 'x'").run()).toThrow(/只能追加，不能修改/);
      expect(() => sqlite.prepare('delete from public_notice_objection_event').run()).toThrow(/只能追加，不能删除/);
      expect(() => sqlite.prepare("update public_notice set working_days = 9").run()).toThrow(/不能修改/);
    } finally {
      sqlite.close();
    }
  });
});

describe('公示 into a year whose holidays are not published', () => {
  beforeEach(async () => {
    t = await freshService('2026-12-24');
  });

  it('is 待定: the list cannot be finalised until the year is entered, then the end is fixed', { timeout: 120_000 }, async () => {
    const s = t.service;
    const r = await decidedRound(s, { code: 'WLMQ-2026-9', heldOn: '2026-12-24' });
    await r.seal();
    await s.call('documents.resultSettings.set', SETTINGS);
    const preview = await s.call('publicNotice.preview', { roundId: r.roundId, startOn: '2026-12-28', workingDays: 5 });
    expect(preview.period.end).toEqual({ date: '2027-01-04', provisional: true });
    expect(preview.problems.join()).toContain('待定');
    let v = await s.call('publicNotice.create', { roundId: r.roundId, startOn: '2026-12-28' });
    expect(v.statusLabel).toContain('待定');
    expect(flatText(v.document!.path)).toContain('公示期按现行节假日安排计算；国家公布的节假日安排与此不同的，以调整后的工作日为准。');
    t.setToday('2027-01-20');
    await expect(s.call('publicNotice.finalise', { noticeId: v.noticeId })).rejects.toThrow('公示期所在年份的节假日安排尚未公布，结束日期2027年1月4日为待定');
    // the clerk enters 2027's arrangement (元旦 1–3 January, say, with no make-up day): the end moves a day and is final
    await s.call('calendar.saveYear', { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeupWorkdays: [] });
    v = await s.call('publicNotice.get', { noticeId: v.noticeId });
    expect(v.period.end).toEqual({ date: '2027-01-05', provisional: false });
    v = await s.call('publicNotice.finalise', { noticeId: v.noticeId });
    expect(v.final!.listed.map((x) => x.name)).toEqual([NAMES[0], NAMES[2]]);
    expect(v.final!.listed[0]!.agreement.deadline).toEqual({ date: '2027-04-05', nominal: '2027-04-05', extended: false, provisional: false });
  });
});
