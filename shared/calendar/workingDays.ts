/**
 * Chinese working-day arithmetic for statutory deadlines (补正通知的 N 个工作日,
 * the three-month review clock).
 *
 * Holiday data comes from the `chinese-days` package, which covers only the years the
 * State Council has already published (国务院办公厅关于X年部分节假日安排的通知, issued
 * each November or December). For later years clerks enter the notice as a YearCalendar;
 * until then results that depend on an unpublished year are flagged `provisional`.
 *
 * The package's JSON data file is used instead of its query functions on purpose: those
 * functions build and look up their date keys through local-time getters after parsing
 * 'YYYY-MM-DD' as UTC midnight, so in time zones west of UTC every holiday moves to the
 * previous day (National Day 2025 starts on 30 September) and ordinary Saturdays become
 * working days. The JSON holds the same data with plain date keys and no time zone at all.
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Calendar date as `YYYY-MM-DD`, with no time zone attached. */
export type IsoDate = string;

/** One year's arrangement as published in the State Council notice. */
export interface YearCalendar {
  year: number;
  /** Every day off in the notice, including those that fall on a weekend. */
  holidays: IsoDate[];
  /** Weekend days declared working days (调休上班). */
  makeupWorkdays: IsoDate[];
}

export interface WorkingDayResult {
  date: IsoDate;
  /** True when a day examined lies in a year whose holiday arrangement is not known yet. */
  provisional: boolean;
}

interface YearSets {
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

// ---------------------------------------------------------------------------
// Date primitives. Dates are handled as whole days since 1970-01-01 using UTC
// getters only, so the host time zone and DST can never shift a date.
// ---------------------------------------------------------------------------

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function tryParseIso(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parseIso(s: IsoDate): Ymd {
  const ymd = tryParseIso(s);
  if (!ymd) throw new RangeError(`日期“${String(s)}”无效，应为 YYYY-MM-DD 格式的真实日期`);
  return ymd;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function toDayNumber({ y, m, d }: Ymd): number {
  // setUTCFullYear rather than Date.UTC, which maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

function isWeekend(n: number): boolean {
  const w = weekdayOfDayNumber(n);
  return w === 0 || w === 6;
}

/** The calendar date in Asia/Shanghai (UTC+8 all year, no DST since 1991) at instant `now`. */
export function todayIso(now: Date): IsoDate {
  const t = now.getTime();
  if (Number.isNaN(t)) throw new RangeError('当前时间无效');
  return fromDayNumber(Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/**
 * Adds calendar months, clamping to the end of a shorter month (2026-01-31 + 1 month =
 * 2026-02-28), which is how 自然月 deadlines such as the three-month review period are counted.
 */
export function addCalendarMonths(d: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`月数应为整数，当前为${months}`);
  const { y, m, d: day } = parseIso(d);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return fromDayNumber(toDayNumber({ y: ny, m: nm, d: Math.min(day, daysInMonth(ny, nm)) }));
}

// ---------------------------------------------------------------------------
// Validation of clerk-entered years.
// ---------------------------------------------------------------------------

/**
 * Checks one list of a clerk-entered year and returns its distinct valid dates,
 * appending Chinese messages for every problem found.
 */
function collectDates(
  label: '放假日期' | '调休上班日期',
  dates: unknown,
  year: number,
  errors: string[],
): Set<IsoDate> {
  const seen = new Set<IsoDate>();
  if (!Array.isArray(dates)) {
    errors.push(`${label}应为日期列表`);
    return seen;
  }
  const reportedDuplicates = new Set<IsoDate>();
  for (const s of dates as unknown[]) {
    const ymd = tryParseIso(s);
    if (!ymd) {
      errors.push(`${label}“${String(s)}”不是有效日期，应为 YYYY-MM-DD 格式`);
      continue;
    }
    const iso = s as IsoDate;
    if (ymd.y !== year) {
      errors.push(`${label}${iso}不在${year}年内`);
      continue;
    }
    if (seen.has(iso)) {
      if (!reportedDuplicates.has(iso)) errors.push(`${label}${iso}重复填写`);
      reportedDuplicates.add(iso);
      continue;
    }
    seen.add(iso);
    if (label === '调休上班日期') {
      const w = weekdayOfDayNumber(toDayNumber(ymd));
      if (w !== 0 && w !== 6) {
        errors.push(`调休上班日期${iso}是${WEEKDAY_NAMES[w] ?? ''}，调休上班日应为周六或周日`);
      }
    }
  }
  return seen;
}

/** Returns problems with a clerk-entered year as Chinese messages; an empty array means valid. */
export function validateYearCalendar(y: YearCalendar): string[] {
  const errors: string[] = [];
  const year = y.year;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    return [`年份“${String(year)}”无效，应为四位数年份`];
  }

  const holidays = collectDates('放假日期', y.holidays, year, errors);
  const makeupWorkdays = collectDates('调休上班日期', y.makeupWorkdays, year, errors);
  for (const s of makeupWorkdays) {
    if (holidays.has(s)) errors.push(`${s}不能同时是放假日期和调休上班日期`);
  }
  // Every State Council notice lists at least 元旦; an empty list is almost certainly
  // an unfinished entry, and accepting it would mark the year as known.
  if (Array.isArray(y.holidays) && y.holidays.length === 0) {
    errors.push(`${year}年未填写任何放假日期`);
  }
  return errors;
}

// ---------------------------------------------------------------------------
// Package data.
// ---------------------------------------------------------------------------

function packageDateKeys(field: 'holidays' | 'workdays'): IsoDate[] {
  const raw: unknown = packageData;
  const record: unknown =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[field] : undefined;
  if (typeof record !== 'object' || record === null) {
    throw new Error(`chinese-days 数据缺少 ${field} 字段，可能是依赖版本不兼容`);
  }
  const keys = Object.keys(record);
  for (const k of keys) {
    if (!tryParseIso(k)) throw new Error(`chinese-days 数据中的日期“${k}”格式不符合预期`);
  }
  return keys;
}

function groupByYear(holidays: IsoDate[], makeupWorkdays: IsoDate[]): Map<number, YearSets> {
  const byYear = new Map<number, { holidays: Set<IsoDate>; makeupWorkdays: Set<IsoDate> }>();
  const bucket = (s: IsoDate) => {
    const y = Number(s.slice(0, 4));
    let sets = byYear.get(y);
    if (!sets) {
      sets = { holidays: new Set(), makeupWorkdays: new Set() };
      byYear.set(y, sets);
    }
    return sets;
  };
  for (const s of holidays) bucket(s).holidays.add(s);
  for (const s of makeupWorkdays) bucket(s).makeupWorkdays.add(s);
  return byYear;
}

let packageYearsCache: ReadonlyMap<number, YearSets> | null = null;

function packageYears(): ReadonlyMap<number, YearSets> {
  packageYearsCache ??= groupByYear(packageDateKeys('holidays'), packageDateKeys('workdays'));
  return packageYearsCache;
}

/** Years for which the installed chinese-days package has the State Council arrangement. */
export function packageKnownYears(): number[] {
  // A year counts as published only if it has at least one holiday; a stray make-up
  // workday on its own does not describe a year's arrangement.
  return [...packageYears()]
    .filter(([, sets]) => sets.holidays.size > 0)
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Calendar.
// ---------------------------------------------------------------------------

export class WorkingDayCalendar {
  private readonly years: Map<number, YearSets>;

  /**
   * @param extraYears arrangements entered by clerks; each replaces the package's data for
   * its year entirely, so a corrected notice can also override a published year.
   * @throws Error with Chinese messages when an entry is invalid or a year is given twice.
   */
  constructor(extraYears: readonly YearCalendar[] = []) {
    this.years = new Map();
    for (const year of packageKnownYears()) {
      const sets = packageYears().get(year);
      if (sets) this.years.set(year, sets);
    }
    const given = new Set<number>();
    for (const extra of extraYears) {
      const errors = validateYearCalendar(extra);
      if (errors.length > 0) {
        throw new Error(`${String(extra.year)}年节假日安排有误：${errors.join('；')}`);
      }
      if (given.has(extra.year)) throw new Error(`${extra.year}年的节假日安排重复提供`);
      given.add(extra.year);
      this.years.set(extra.year, {
        holidays: new Set(extra.holidays),
        makeupWorkdays: new Set(extra.makeupWorkdays),
      });
    }
  }

  isKnownYear(year: number): boolean {
    return this.years.has(year);
  }

  knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** A day off under the State Council's arrangement (法定节假日), including the break's days that fall on a weekend; false in unknown years. */
  isHoliday(d: IsoDate): boolean {
    return this.years.get(parseIso(d).y)?.holidays.has(d) ?? false;
  }

  isWorkingDay(d: IsoDate): boolean {
    const ymd = parseIso(d);
    return this.isWorkingDayNumber(toDayNumber(ymd), ymd.y, d);
  }

  /**
   * The n-th working day after `start`. The start day itself is never counted (a notice
   * served on D with 5 working days is due on the 5th working day after D), and the
   * returned day is the last day of the period.
   */
  addWorkingDays(start: IsoDate, n: number): WorkingDayResult {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日天数应为非负整数，当前为${n}`);
    let day = toDayNumber(parseIso(start));
    let provisional = false;
    let remaining = n;
    while (remaining > 0) {
      day++;
      const iso = fromDayNumber(day);
      const year = Number(iso.slice(0, 4));
      if (!this.years.has(year)) provisional = true;
      if (this.isWorkingDayNumber(day, year, iso)) remaining--;
    }
    return { date: fromDayNumber(day), provisional };
  }

  /**
   * Working days after `a` up to and including `b`, so that
   * `workingDaysBetween(a, addWorkingDays(a, n).date) === n`. Negative when b is before a.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = toDayNumber(parseIso(a));
    const to = toDayNumber(parseIso(b));
    if (to < from) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let day = from + 1; day <= to; day++) {
      const iso = fromDayNumber(day);
      if (this.isWorkingDayNumber(day, Number(iso.slice(0, 4)), iso)) count++;
    }
    return count;
  }

  addCalendarMonths(d: IsoDate, months: number): IsoDate {
    return addCalendarMonths(d, months);
  }

  private isWorkingDayNumber(day: number, year: number, iso: IsoDate): boolean {
    const sets = this.years.get(year);
    if (sets?.makeupWorkdays.has(iso)) return true;
    if (isWeekend(day)) return false;
    // An unknown year falls back to plain Monday–Friday; callers learn about it via `provisional`.
    return !sets?.holidays.has(iso);
  }
}
