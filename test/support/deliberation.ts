import { expect } from 'vitest';
import type { Service } from '../../service';
import type { ApplicationInput } from '../../shared/domain/application';
import { COMPLETE_FACTS, CRITERIA, RUBRIC, acceptedApplication, type Person } from './reviewFixtures';
import { makeRound, sampleApplication } from './service';

/**
 * A round ready for 集体评议, built through the contract exactly as the app
 * would: persons with PINs, a valid panel, accepted applications, a frozen
 * rubric, every sheet scored and submitted. The 基础性指标 are the
 * eligibility results: complete facts, and every 审核内容 item marked 符合 when `verified`.
 */

export { PEOPLE, PIN, RUBRIC, CRITERIA, COMPLETE_FACTS, makePersons, acceptedApplication, type Person } from './reviewFixtures';
export const SUBSTITUTE = { name: '周建国', fields: ['ltc_management'] as const, employer: '昌吉州医疗保障局' };
export const SUBSTITUTE_PIN = '97531086';

export function completeApplication(i: number, over: Partial<ApplicationInput> = {}): ApplicationInput {
  return sampleApplication(i, { ...COMPLETE_FACTS, ...over });
}

export interface Member {
  id: string;
  personId: string;
  name: string;
  pin: string;
  session: string;
}

export async function makeSubstitute(s: Service): Promise<Person> {
  const person = await s.call('persons.save', { name: SUBSTITUTE.name, fields: [...SUBSTITUTE.fields], employer: SUBSTITUTE.employer });
  await s.call('persons.setPin', { personId: person.id, pin: SUBSTITUTE_PIN });
  return { id: person.id, name: person.name, pin: SUBSTITUTE_PIN };
}

export interface ReadyRound {
  roundId: string;
  members: Member[];
  apps: { id: string; name: string }[];
}

export async function readyRound(
  s: Service,
  opts: {
    code: string;
    persons: Person[];
    apps: ApplicationInput[];
    /** [member index, app index, note]: declared 回避 */
    conflicts?: [number, number, string][];
    /** scores of member mi for app ai; default 20/20/10/10 */
    scores?: (mi: number, ai: number) => number[];
    verified?: boolean;
  },
): Promise<ReadyRound> {
  const round = await makeRound(s, { code: opts.code });
  let panel = await s.call('panel.addMember', { roundId: round.id, personId: opts.persons[0]!.id, role: 'chair' });
  for (const p of opts.persons.slice(1)) panel = await s.call('panel.addMember', { roundId: round.id, personId: p.id });
  expect(panel.validation.valid).toBe(true);
  const apps = [];
  for (const data of opts.apps) apps.push(await acceptedApplication(s, round.id, data, opts.verified ?? true));
  const members: Member[] = panel.members.map((m) => {
    const p = opts.persons.find((x) => x.id === m.personId)!;
    return { id: m.id, personId: m.personId, name: m.name, pin: p.pin, session: '' };
  });
  for (const [mi, ai, note] of opts.conflicts ?? []) {
    await s.call('panel.setConflict', { roundId: round.id, memberId: members[mi]!.id, applicationId: apps[ai]!.id, decision: 'conflicted', kind: 'kinship', note });
  }
  await s.call('rubric.saveDraft', { roundId: round.id, definition: RUBRIC });
  await s.call('rubric.freeze', { roundId: round.id });
  const conflicted = new Set((opts.conflicts ?? []).map(([mi, ai]) => `${mi}|${ai}`));
  for (const [mi, m] of members.entries()) {
    m.session = (await s.call('scoring.signIn', { roundId: round.id, memberId: m.id, pin: m.pin })).session;
    for (const [ai, a] of apps.entries()) {
      if (conflicted.has(`${mi}|${ai}`)) continue;
      const pts = opts.scores?.(mi, ai) ?? [20, 20, 10, 10];
      await s.call('scoring.save', { roundId: round.id, actingMemberId: m.id, session: m.session, applicationId: a.id, entries: pts.map((points, i) => ({ criterionId: CRITERIA[i]!, points })) });
    }
    await s.call('scoring.submit', { roundId: round.id, actingMemberId: m.id, session: m.session, pin: m.pin });
  }
  let progress = await s.call('scoring.progress', { roundId: round.id });
  for (const b of progress.blockers) {
    if (b.code !== 'explanation_missing') continue;
    const m = members.find((x) => x.id === b.memberId)!;
    await s.call('scoring.explain', { roundId: round.id, actingMemberId: m.id, session: m.session, applicationId: b.applicationId!, note: '现场核查发现问题较多，故评分偏低' });
  }
  progress = await s.call('scoring.progress', { roundId: round.id });
  expect(progress.blockers).toEqual([]);
  return { roundId: round.id, members, apps: apps.map((a) => ({ id: a.id, name: a.data.name })) };
}

/** Calls as a signed-in person of a meeting. */
export const actor = (meetingId: string, m: { id: string; session: string }) => ({ meetingId, actingMemberId: m.id, session: m.session });
