import type { Service } from '../../service';
import type { ApplicationInput } from '../../shared/domain/application';
import type { RubricDefinitionInput } from '../../shared/rubric/rubric';

/**
 * The people, rubric and facts of a review round, and the steps that set one
 * up through the contract, over any transport: the service itself in the
 * integration tests (test/support/deliberation.ts), the Node host in the
 * end-to-end specs (`hostCaller` in test/e2e/support/host.ts). No test
 * runner is imported here, so both vitest and Playwright can load it.
 */

/** Whatever answers contract calls: a Service, or the host over HTTP. */
export type Caller = Pick<Service, 'call'>;

export const PEOPLE = [
  { name: '张国华', fields: ['ltc_management', 'medical_security'] as const, employer: '乌鲁木齐市医疗保障事务中心' },
  { name: '李秀英', fields: ['elderly_services'] as const, employer: '新疆民政厅养老服务处' },
  { name: '王志强', fields: ['medicine_health'] as const, employer: '新疆医科大学第一附属医院' },
  { name: '赵丽娟', fields: ['finance'] as const, employer: '天山会计师事务所' },
  { name: '陈海燕', fields: ['information_technology'] as const, employer: '新疆信息技术研究院' },
  { name: '刘永刚', fields: ['finance'] as const, employer: '自治区财政厅' },
  { name: '孙玉兰', fields: ['elderly_services'] as const, employer: '乌鲁木齐市老龄协会' },
];
/** The PIN of PEOPLE[i]. */
export const PIN = (i: number) => `86420${i}`;

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

export interface Person {
  id: string;
  name: string;
  pin: string;
}

/** The first n of PEOPLE in the people library, each with PIN(i); `contact` gives each one's phone. */
export async function makePersons(s: Caller, n = PEOPLE.length, contact = (i: number) => `1390991000${i}`): Promise<Person[]> {
  const out: Person[] = [];
  for (const [i, p] of PEOPLE.slice(0, n).entries()) {
    const person = await s.call('persons.save', { name: p.name, fields: [...p.fields], employer: p.employer, contact: contact(i) });
    await s.call('persons.setPin', { personId: person.id, pin: PIN(i) });
    out.push({ id: person.id, name: person.name, pin: PIN(i) });
  }
  return out;
}

/** Registered, every material received, formal check passed; every checklist item marked 符合 when `verified`. */
export async function acceptedApplication(s: Caller, roundId: string, data: ApplicationInput, verified = true) {
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
