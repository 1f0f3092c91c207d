import { expect } from 'vitest';
import type { Service } from '../../service';
import type { ApplicationInput } from '../../shared/domain/application';
import type { RubricDefinitionInput } from '../../shared/rubric/rubric';
import { makeRound, sampleApplication } from './service';

/**
 * A round ready for 集体评议, built through the contract exactly as the app
 * would: persons with PINs, a valid panel, accepted applications, a frozen
 * rubric, every sheet scored and submitted. The 基础性指标 are the
 * eligibility results: complete facts, and every 审核内容 item marked 符合 when `verified`.
 */

export const PEOPLE = [
  { name: '张国华', fields: ['ltc_management', 'medical_security'] as const, employer: '乌鲁木齐市医疗保障事务中心' },
  { name: '李秀英', fields: ['elderly_services'] as const, employer: '新疆民政厅养老服务处' },
  { name: '王志强', fields: ['medicine_health'] as const, employer: '新疆医科大学第一附属医院' },
  { name: '赵丽娟', fields: ['finance'] as const, employer: '天山会计师事务所' },
  { name: '陈海燕', fields: ['information_technology'] as const, employer: '新疆信息技术研究院' },
  { name: '刘永刚', fields: ['finance'] as const, employer: '自治区财政厅' },
  { name: '孙玉兰', fields: ['elderly_services'] as const, employer: '乌鲁木齐市老龄协会' },
];
export const SUBSTITUTE = { name: '周建国', fields: ['ltc_management'] as const, employer: '昌吉州医疗保障局' };
export const PIN = (i: number) => `86420${i}`;
export const SUBSTITUTE_PIN = '97531086';

export const RUBRIC: RubricDefinitionInput = {
  title: '测试评分细则',
  totalPoints: 100,
  basic: [{ id: 'qualification', title: '机构资质文件', citation: '000 第六条（一）', ruleId: 'manual_qualification' }],
  groups: [
    {
      id: 'staffing',
      title: '人员配备',
      points: 60,
      criteria: [
        { id: 'carers', title: '长期照护师配备', guidance: '按占比评分', maxPoints: 30, step: 0.5 },
        { id: 'medical', title: '医护人员', guidance: '按人数评分', maxPoints: 30, step: 0.5 },
      ],
    },
    {
      id: 'systems',
      title: '制度与信息化',
      points: 40,
      criteria: [
        { id: 'rules', title: '内部管理制度', guidance: '按制度评分', maxPoints: 20, step: 0.5 },
        { id: 'it', title: '医保信息平台对接', guidance: '按对接条件评分', maxPoints: 20, step: 0.5 },
      ],
    },
  ],
};
export const CRITERIA = ['carers', 'medical', 'rules', 'it'];

/** The declared facts every eligibility rule asks for, all met (an elderly-care home, 机构护理). */
export const COMPLETE_FACTS: Partial<ApplicationInput> = {
  careStaff: 50,
  careBeds: 150,
  operatingSince: '2024-01-02',
  premisesUntil: '2030-12-31',
  managers: 3,
  hasFullTimeManager: true,
  serviceCapacity: 120,
  hasInternalLtcUnit: true,
  longTermCarers: 15,
  totalBeds: 160,
  hasSeparateCareZone: true,
  penaltyUnfulfilled: false,
  fraudFound: false,
  agreementTerminated: false,
  assessmentAgencyFounded: false,
  seriousDishonestyListed: false,
  managementBanned: false,
};

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

export interface Person {
  id: string;
  name: string;
  pin: string;
}

export async function makePersons(s: Service, n = PEOPLE.length): Promise<Person[]> {
  const out: Person[] = [];
  for (const [i, p] of PEOPLE.slice(0, n).entries()) {
    const person = await s.call('persons.save', { name: p.name, fields: [...p.fields], employer: p.employer, contact: `1390991000${i}` });
    await s.call('persons.setPin', { personId: person.id, pin: PIN(i) });
    out.push({ id: person.id, name: person.name, pin: PIN(i) });
  }
  return out;
}

export async function makeSubstitute(s: Service): Promise<Person> {
  const person = await s.call('persons.save', { name: SUBSTITUTE.name, fields: [...SUBSTITUTE.fields], employer: SUBSTITUTE.employer });
  await s.call('persons.setPin', { personId: person.id, pin: SUBSTITUTE_PIN });
  return { id: person.id, name: person.name, pin: SUBSTITUTE_PIN };
}

/** Registered, every material received, formal check passed; every checklist item marked 符合 when `verified`. */
export async function acceptedApplication(s: Service, roundId: string, data: ApplicationInput, verified = true) {
  const a = await s.call('applications.create', { roundId, data });
  const fc = await s.call('formalCheck.get', { applicationId: a.id });
  for (const m of fc.materials) await s.call('formalCheck.markMaterial', { applicationId: a.id, materialId: m.materialId, state: 'received' });
  await s.call('formalCheck.pass', { applicationId: a.id });
  if (verified) {
    const e = await s.call('eligibility.get', { applicationId: a.id });
    for (const item of e.checklist.items) {
      if (item.source === 'reviewer' && item.state === 'met') continue;
      await s.call('checklist.mark', { applicationId: a.id, itemId: item.itemId, state: 'met', note: '书面查验、现场核查符合' });
    }
  }
  return a;
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
