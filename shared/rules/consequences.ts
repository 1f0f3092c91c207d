/**
 * What a decision sets in motion, pure (000 第十四条; 003 第二十条（二）; the
 * profile's `rectification` and `agreement` sections):
 *
 * - 不合格: 自结果告知送达之日起，3个月内完成整改的可以申请再次组织审核 — the
 *   rectification window runs from the delivery of the result letter;
 *   `reReviews` re-reviews are allowed;
 * - 审核仍不合格的，1年内不得再次提出定点管理申请 — after a failed re-review a new
 *   application is barred for `barMonths`, counted from the delivery of that
 *   result (from the meeting date while delivery is not recorded yet);
 * - 合格: the agreement must be applied for within N months after the 公示 ends.
 *
 * Periods in months follow 民法典 第二百零一条至第二百零三条: the start day is not
 * counted, the period ends on the corresponding day of the last month (the
 * month's last day when it has none), and a period that ends on a rest day
 * (weekend or public holiday) runs to the next working day. The bar is a
 * prohibition, not a time to act, so it is not extended.
 */
import { addCalendarMonths } from '../calendar/workingDays';
import { addDays, cnDate } from './eligibility/helpers';

export interface RestDays {
  isWorkingDay(d: string): boolean;
  isKnownYear(y: number): boolean;
}

export interface PeriodEnd {
  /** the last day of the period */
  date: string;
  /** the corresponding day before moving off a rest day */
  nominal: string;
  /** moved to the next working day */
  extended: boolean;
  /** a year on the way has no published holiday arrangement yet */
  provisional: boolean;
}

/** The last day of a period of `months` months starting the day after `start`. */
export function monthsPeriodEnd(start: string, months: number, cal?: RestDays): PeriodEnd {
  const nominal = addCalendarMonths(start, months);
  if (!cal) return { date: nominal, nominal, extended: false, provisional: false };
  let d = nominal;
  let provisional = !cal.isKnownYear(Number(d.slice(0, 4)));
  for (let i = 0; i < 30 && !cal.isWorkingDay(d); i++) {
    d = addDays(d, 1);
    if (!cal.isKnownYear(Number(d.slice(0, 4)))) provisional = true;
  }
  return { date: d, nominal, extended: d !== nominal, provisional };
}

export interface RectificationRule {
  months: number;
  reReviews: number;
  barMonths: number;
  /** e.g. '000 第十四条' */
  citation: string;
}

/** Window for rectification and a re-review application, from the delivery of a 不合格 result. */
export function rectificationWindow(deliveredOn: string, rule: RectificationRule, cal?: RestDays): PeriodEnd {
  return monthsPeriodEnd(deliveredOn, rule.months, cal);
}

/** The last day of the bar after a failed re-review (not extended: it is a prohibition). */
export function barEndsOn(start: string, rule: RectificationRule): string {
  return addCalendarMonths(start, rule.barMonths);
}

/** The last day to apply for the agreement, once the 公示 end is known. */
export function agreementDeadline(noticeEndsOn: string, months: number, cal?: RestDays): PeriodEnd {
  return monthsPeriodEnd(noticeEndsOn, months, cal);
}

/** The latest final (sealed) decision on an earlier application of the same institution. */
export interface PriorOutcome {
  applicationId: string;
  applicationNo: string;
  roundName: string;
  outcome: 'pass' | 'fail';
  /** the meeting date */
  decidedOn: string;
  deliveredOn: string | null;
  /** failed reviews in a row up to and including this one (1 = a first failure) */
  failuresInRow: number;
  rule: RectificationRule;
}

export type Reapplication =
  | { kind: 'first' }
  | { kind: 'after_pass'; previous: PriorOutcome }
  /** within the rectification window (or before delivery was recorded): a re-review of the earlier failure */
  | { kind: 're_review'; previous: PriorOutcome; windowEndsOn: string | null; reReviewNo: number }
  /** the window has passed without a re-review: a fresh application, no bar */
  | { kind: 'after_window'; previous: PriorOutcome; windowEndsOn: string }
  | { kind: 'after_bar'; previous: PriorOutcome; barEndsOn: string }
  | { kind: 'barred'; previous: PriorOutcome; barEndsOn: string; message: string };

export const REAPPLICATION_LABEL: Record<Reapplication['kind'], string> = {
  first: '首次申请',
  after_pass: '曾审核合格',
  re_review: '整改后申请再次审核',
  after_window: '整改期满后重新申请',
  after_bar: '禁止申请期满后重新申请',
  barred: '处于不得再次申请期内',
};

/** Whether the failures so far leave no re-review: the next application falls under the bar. */
export function isBarring(p: Pick<PriorOutcome, 'outcome' | 'failuresInRow' | 'rule'>): boolean {
  return p.outcome === 'fail' && p.failuresInRow > p.rule.reReviews;
}

/** How a new application received on `receivedOn` relates to the institution's latest earlier decision. */
export function classifyReapplication(previous: PriorOutcome | null, receivedOn: string, cal?: RestDays): Reapplication {
  if (!previous) return { kind: 'first' };
  if (previous.outcome === 'pass') return { kind: 'after_pass', previous };
  if (isBarring(previous)) {
    const start = previous.deliveredOn ?? previous.decidedOn;
    const end = barEndsOn(start, previous.rule);
    if (previous.rule.barMonths > 0 && receivedOn <= end) {
      const from = previous.deliveredOn ? `自${cnDate(previous.deliveredOn)}结果告知送达之日起` : `自${cnDate(previous.decidedOn)}评议之日起（结果告知送达日期尚未登记）`;
      return {
        kind: 'barred',
        previous,
        barEndsOn: end,
        message: `该机构在“${previous.roundName}”（${previous.applicationNo}）再次审核仍不合格，依据${previous.rule.citation}，${from}${previous.rule.barMonths % 12 === 0 ? `${previous.rule.barMonths / 12}年` : `${previous.rule.barMonths}个月`}内不得再次提出定点管理申请；不得申请期至${cnDate(end)}止，${cnDate(addDays(end, 1))}起方可重新申请`,
      };
    }
    return { kind: 'after_bar', previous, barEndsOn: end };
  }
  const window = previous.deliveredOn ? rectificationWindow(previous.deliveredOn, previous.rule, cal).date : null;
  if (window === null || receivedOn <= window) return { kind: 're_review', previous, windowEndsOn: window, reReviewNo: previous.failuresInRow };
  return { kind: 'after_window', previous, windowEndsOn: window };
}
