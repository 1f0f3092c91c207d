/**
 * A round taken through 集体评议 to a sealed meeting, through the contract as
 * the app does it (test/support/deliberation.ts builds the round): three
 * applicants — one 合格; one 不合格 for a failed basic indicator plus the
 * panel's own reason, with 整改建议 and a written dissent; one 合格 with a
 * recused member — then the minutes confirmed (one member refuses, with a
 * reason) and sealed.
 */
import type { Service } from '../../service';
import { actor, completeApplication, makePersons, readyRound, type Member } from '../support/deliberation';

export const NAMES = ['乌鲁木齐市天山区康宁护理院', '乌鲁木齐市水磨沟区福康护理院', '新疆颐和长期照护服务中心'] as const;
export const SITE_REASON = '经现场核查，护理专区消毒灭菌设施不全，护理记录缺失';
export const ADVICE_BEDS = '增加专区护理床位至20张以上，提供床位设置情况说明和现场照片';
export const ADVICE_SITE = '配齐专区消毒灭菌设施，建立并保存护理记录，整改完成后提交整改报告和现场照片';
export const DISSENT = '床位扩建已在施工中，属可即时整改的问题';
export const PLACE = '乌鲁木齐市医疗保障事务服务中心三楼会议室';
export const REFUSAL = '对福康护理院的整改期限持保留意见';

export interface SealedRound {
  roundId: string;
  meetingId: string;
  apps: { id: string; name: string; applicationNo: string; uscc: string }[];
  members: Member[];
  seal(): Promise<{ minutesHash: string; auditHead: { seq: number; hash: string } }>;
}

export async function decidedRound(s: Service, opts: { code: string; heldOn: string }): Promise<SealedRound> {
  const persons = await makePersons(s, 7);
  const { roundId, members, apps } = await readyRound(s, {
    code: opts.code,
    persons,
    apps: [
      completeApplication(0, { name: NAMES[0] }),
      // fails 专区护理床位数 (000 第七条（三）)
      completeApplication(1, { name: NAMES[1], careBeds: 5, totalBeds: 60, careStaff: 30 }),
      completeApplication(2, { name: NAMES[2] }),
    ],
    conflicts: [[1, 2, '其配偶为该机构主要负责人']],
  });
  const [chair, li, wang, zhao, chen, liu, sun] = members as [Member, Member, Member, Member, Member, Member, Member];
  const agenda = await s.call('deliberation.open', {
    roundId,
    actingMemberId: chair.id,
    session: chair.session,
    heldOn: opts.heldOn,
    place: PLACE,
    presentMemberIds: members.map((m) => m.id),
    absences: [],
  });
  const meetingId = agenda.meeting.meetingId;
  const vote = (m: Member, i: number, choice: 'pass' | 'fail', reason?: string) =>
    s.call('deliberation.vote', { ...actor(meetingId, m), applicationId: apps[i]!.id, choice, ...(reason ? { reason } : {}) });
  for (const m of members) await vote(m, 0, 'pass');
  for (const m of [chair, li, wang, zhao, liu, sun]) await vote(m, 1, 'fail', '专区护理床位不足，现场核查问题较多');
  await vote(chen, 1, 'pass', DISSENT);
  for (const m of [chair, wang, zhao, chen, liu, sun]) await vote(m, 2, 'pass');
  const decide = (i: number, body: Record<string, unknown>) => s.call('deliberation.decide', { ...actor(meetingId, chair), applicationId: apps[i]!.id, ...body });
  await decide(0, { outcome: 'pass' });
  await decide(1, {
    outcome: 'fail',
    panelReasons: [{ code: 'panel:site_inspection', text: SITE_REASON }],
    advice: [
      { code: 'rule:care_beds_min', presetId: 'add_beds', text: ADVICE_BEDS },
      { code: 'panel:site_inspection', presetId: 'site_fix', text: ADVICE_SITE },
    ],
  });
  await decide(2, { outcome: 'pass' });
  const minutes = await s.call('deliberation.minutes', { meetingId });
  const info = new Map(minutes.minutes.items.map((x) => [x.applicationId, x]));
  return {
    roundId,
    meetingId,
    members,
    apps: apps.map((a) => ({ ...a, applicationNo: info.get(a.id)!.applicationNo, uscc: info.get(a.id)!.uscc })),
    async seal() {
      let m = await s.call('deliberation.minutes', { meetingId });
      for (const x of members) {
        const refuse = x === sun;
        m = await s.call('deliberation.respondMinutes', { ...actor(meetingId, x), pin: x.pin, response: refuse ? 'refuse' : 'confirm', ...(refuse ? { reason: REFUSAL } : {}), minutesHash: m.minutesHash });
      }
      const sealed = await s.call('deliberation.seal', { ...actor(meetingId, chair), pin: chair.pin, minutesHash: m.minutesHash });
      return { minutesHash: sealed.sealed!.minutesHash, auditHead: sealed.sealed!.auditHead };
    },
  };
}

/** Polls a batch job through the contract until it has finished. */
export async function waitForJob(s: Service, jobId: string) {
  for (;;) {
    const st = await s.call('documents.batch.status', { jobId });
    if (st.phase === 'finished') return st;
    await new Promise((r) => setTimeout(r, 25));
  }
}
