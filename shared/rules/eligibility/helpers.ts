import { addCalendarMonths } from '../../calendar/workingDays';
import { APPLICATION_FIELD_LABEL, type ApplicationData } from '../../domain/application';
import type { Outcome } from './types';

/** '2023-05-01' → '2023年5月1日'. */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function addYears(iso: string, years: number): string {
  return addCalendarMonths(iso, years * 12);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar months from `from` to `to` (the largest m with from + m months ≤ to); 0 when to < from. */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to < from) return 0;
  const [y1, m1] = from.split('-').map(Number) as [number, number];
  const [y2, m2] = to.split('-').map(Number) as [number, number];
  let m = (y2 - y1) * 12 + (m2 - m1);
  while (m > 0 && addCalendarMonths(from, m) > to) m--;
  return m;
}

/** A number for explanations: integers as is, others to at most 2 decimals ('1.02', '3.3'). */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

/** ceil(n × percent / 100) in integer arithmetic (percent is an integer by the profile schema). */
export function ceilPercentOf(n: number, percent: number): number {
  if (Number.isInteger(percent)) return Math.floor((n * percent + 99) / 100);
  return Math.ceil((n * percent) / 100 - 1e-9);
}

export function label(key: string): string {
  return APPLICATION_FIELD_LABEL[key] ?? key;
}

type Data = ApplicationData & Record<string, unknown>;

/** The fields among `keys` the application leaves empty. */
export function missingOf(data: ApplicationData, keys: readonly string[]): string[] {
  return keys.filter((k) => (data as Data)[k] === undefined || (data as Data)[k] === null);
}

/** The manual-check outcome for missing inputs, naming each field. */
export function missingOutcome(keys: readonly string[], why = '无法判断'): Outcome {
  return {
    state: 'manual',
    explanation: `申请信息未填写${keys.map((k) => `“${label(k)}”`).join('、')}，${why}，待人工核查`,
    missing: [...keys],
  };
}

export const pass = (explanation: string): Outcome => ({ state: 'pass', explanation });
export const fail = (explanation: string): Outcome => ({ state: 'fail', explanation });
export const warning = (explanation: string): Outcome => ({ state: 'warning', explanation });

/**
 * Whether the applicant 具备医疗资质: stated by the applicant, else implied by
 * its type — a 医疗机构 holds a practising licence; a 养老机构 does when it has
 * an internal medical unit (申请表“医疗护理服务情况”) and does not when it relies
 * on a hospital agreement or has none. Unknown (a 其他服务机构 that did not say) → null.
 */
export function medicalQualification(d: ApplicationData): { value: boolean; basis: string } | null {
  if (d.hasMedicalQualification !== undefined) {
    return { value: d.hasMedicalQualification, basis: d.hasMedicalQualification ? '申请机构填报具备医疗资质' : '申请机构填报不具备医疗资质' };
  }
  if (d.institutionType === 'medical') return { value: true, basis: '医疗机构具备医疗资质' };
  if (d.institutionType === 'elderly_care' && d.medicalArrangement) {
    return d.medicalArrangement === 'internal_medical_unit'
      ? { value: true, basis: '养老机构内设医疗机构，具备医疗资质' }
      : { value: false, basis: '养老机构未内设医疗机构，不具备医疗资质' };
  }
  return null;
}

/** Whether a profile condition text is the medical-qualification condition the rules understand. */
export function isMedicalCondition(condition: string): boolean {
  return condition.includes('医疗资质');
}
