import { afterEach, describe, it, expect } from 'vitest';
import {
  WorkingDayCalendar,
  addCalendarMonths,
  packageKnownYears,
  todayIso,
  validateYearCalendar,
  type YearCalendar,
} from '../../shared/calendar/workingDays';

/*
 * Calendar facts used below, as published by the State Council and present in chinese-days 1.5.7:
 * - 2025 国庆节、中秋节 (国办发明电〔2024〕12号): 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班.
 * - 2026 春节 (gov.cn content_7047091): 2月15日至23日放假, 2月14日（周六）、2月28日（周六）上班.
 * - 2026 元旦: 1月1日至3日放假, 1月4日（周日）上班.
 * 2027 had not been published in that package version.
 */

const originalTz = process.env.TZ;
function restoreTz(): void {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
}
afterEach(restoreTz);

/** Assigning TZ takes effect in forked workers but not in worker threads. */
function canSwitchTimeZone(): boolean {
  process.env.TZ = 'America/New_York';
  const ny = new Date(Date.UTC(2025, 9, 1)).getTimezoneOffset();
  process.env.TZ = 'Asia/Shanghai';
  const sh = new Date(Date.UTC(2025, 9, 1)).getTimezoneOffset();
  restoreTz();
  return ny === 240 && sh === -480;
}
const TZ_SWITCHABLE = canSwitchTimeZone();
/** The package's own query functions are only right when the host is at or east of UTC. */
const PACKAGE_FUNCTIONS_USABLE = TZ_SWITCHABLE || new Date(Date.UTC(2025, 9, 1)).getTimezoneOffset() <= 0;

/**
 * A clerk-entered 2027 fixture for testing the override mechanism only; it is not the real
 * 2027 arrangement (only 元旦 is filled in).
 */
const NEW_YEAR_2027: YearCalendar = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
  makeupWorkdays: [],
};

describe('package coverage', () => {
  it('derives the published years from the package data: 2004–2026, not 2027', () => {
    const years = packageKnownYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(2026 - 2004 + 1);
    expect(years).not.toContain(2027);
  });

  it('reports known years on a calendar without extra years', () => {
    const cal = new WorkingDayCalendar();
    expect(cal.isKnownYear(2025)).toBe(true);
    expect(cal.isKnownYear(2026)).toBe(true);
    expect(cal.isKnownYear(2027)).toBe(false);
    expect(cal.isKnownYear(2003)).toBe(false);
    expect(cal.knownYears()).toEqual(packageKnownYears());
  });
});

describe('isWorkingDay', () => {
  const cal = new WorkingDayCalendar();

  it('follows the National Day 2025 arrangement', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday make-up day
    expect(cal.isWorkingDay('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) {
      expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    }
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday make-up day
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay('2025-10-18')).toBe(false); // ordinary Saturday
  });

  it('treats unpublished 2027-01-01 (a Friday) as an ordinary working day', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-9-1')).toThrow('无效');
    expect(() => cal.isWorkingDay('2025/09/01')).toThrow(RangeError);
  });

  it.skipIf(!PACKAGE_FUNCTIONS_USABLE)('matches the package query functions for every day of 2004–2026', async () => {
    // The package's functions are only correct in time zones at or east of UTC, and they
    // build their tables on import, so load them fresh under Beijing time.
    process.env.TZ = 'Asia/Shanghai';
    const chineseDays = (await import('chinese-days')).default;
    const mismatches: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (cal.isWorkingDay(iso) !== chineseDays.isWorkday(iso)) mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });

  it.skipIf(!TZ_SWITCHABLE)('gives the same answers whatever the host time zone', () => {
    for (const tz of ['America/New_York', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = tz;
      const c = new WorkingDayCalendar();
      expect(c.isWorkingDay('2025-10-01'), tz).toBe(false);
      expect(c.isWorkingDay('2025-10-11'), tz).toBe(true);
      expect(c.isWorkingDay('2025-10-18'), tz).toBe(false);
      expect(c.addWorkingDays('2025-09-29', 5).date, tz).toBe('2025-10-13');
    }
  });
});

describe('addWorkingDays', () => {
  const cal = new WorkingDayCalendar();

  it('counts 5 working days from a notice dated 2025-09-29 across National Day', () => {
    // Working days after 09-29: 09-30, 10-09, 10-10, 10-11 (Saturday make-up), 10-13.
    expect(cal.addWorkingDays('2025-09-29', 5)).toEqual({ date: '2025-10-13', provisional: false });
  });

  it('counts 10 working days from the same notice', () => {
    // …then 10-14, 10-15, 10-16, 10-17, 10-20.
    expect(cal.addWorkingDays('2025-09-29', 10)).toEqual({ date: '2025-10-20', provisional: false });
  });

  it('does not count the notice day itself, even when it is a working day', () => {
    expect(cal.addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
  });

  it('counts across Spring Festival 2026 including both Saturday make-up days', () => {
    // From Thu 02-12: 02-13, 02-14 (Sat make-up), then 02-15…02-23 off, 02-24, 02-25, 02-26.
    expect(cal.addWorkingDays('2026-02-12', 5)).toEqual({ date: '2026-02-26', provisional: false });
    // 02-27, then Saturday 02-28 is a make-up day.
    expect(cal.addWorkingDays('2026-02-12', 7)).toEqual({ date: '2026-02-28', provisional: false });
  });

  it('returns the start date for zero days and rejects negative or fractional counts', () => {
    expect(cal.addWorkingDays('2025-10-01', 0)).toEqual({ date: '2025-10-01', provisional: false });
    expect(() => cal.addWorkingDays('2025-10-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-10-01', 1.5)).toThrow(RangeError);
  });

  it('marks a deadline that runs into unpublished 2027 as provisional', () => {
    // 12-31 (Thu), 2027-01-01 (Fri, unknown so counted), 2027-01-04 (Mon).
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', provisional: true });
    // Only 2026-12-31 is examined, which is in a published year.
    expect(cal.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
  });

  it('is no longer provisional once a clerk enters 2027, and 2027-01-01 is then a holiday', () => {
    const withExtra = new WorkingDayCalendar([NEW_YEAR_2027]);
    expect(withExtra.isKnownYear(2027)).toBe(true);
    expect(withExtra.knownYears()).toContain(2027);
    expect(withExtra.isWorkingDay('2027-01-01')).toBe(false);
    expect(withExtra.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: false });
  });

  it('lets an extra year override the package data for that year', () => {
    const corrected = new WorkingDayCalendar([
      { year: 2026, holidays: ['2026-01-01'], makeupWorkdays: ['2026-01-03'] },
    ]);
    expect(corrected.isWorkingDay('2026-01-02')).toBe(true); // package: holiday
    expect(corrected.isWorkingDay('2026-01-03')).toBe(true); // Saturday, now a make-up day
    expect(corrected.isWorkingDay('2026-01-04')).toBe(false); // package: Sunday make-up day
    expect(corrected.isWorkingDay('2026-10-01')).toBe(true); // rest of 2026 replaced too
  });

  it('refuses invalid or duplicated extra years', () => {
    expect(() => new WorkingDayCalendar([{ year: 2027, holidays: ['2026-12-31'], makeupWorkdays: [] }])).toThrow(
      '2027年节假日安排有误',
    );
    expect(() => new WorkingDayCalendar([NEW_YEAR_2027, NEW_YEAR_2027])).toThrow('2027年的节假日安排重复提供');
  });
});

describe('workingDaysBetween', () => {
  const cal = new WorkingDayCalendar();

  it('counts working days after a up to and including b', () => {
    expect(cal.workingDaysBetween('2025-09-29', '2025-10-13')).toBe(5);
    expect(cal.workingDaysBetween('2025-09-29', '2025-10-20')).toBe(10);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-13', '2025-10-13')).toBe(0);
  });

  it('is negative when b is before a', () => {
    expect(cal.workingDaysBetween('2025-10-13', '2025-09-29')).toBe(-5);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2025-09-26', '2025-09-29', '2026-02-12', '2026-12-28']) {
      for (let n = 0; n <= 30; n++) {
        const { date } = cal.addWorkingDays(start, n);
        expect(cal.workingDaysBetween(start, date), `${start}+${n}`).toBe(n);
      }
    }
  });
});

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-15', 3, '2026-03-15'],
    ['2025-10-31', 3, '2026-01-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-31', 0, '2026-05-31'],
  ])('%s %+d months = %s', (d, months, expected) => {
    expect(addCalendarMonths(d, months)).toBe(expected);
    expect(new WorkingDayCalendar().addCalendarMonths(d, months)).toBe(expected);
  });

  it('rejects fractional months and invalid dates', () => {
    expect(() => addCalendarMonths('2026-01-31', 0.5)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('todayIso', () => {
  it('uses Beijing time regardless of the host time zone', () => {
    expect(todayIso(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(todayIso(new Date('2025-09-30T16:00:00.000Z'))).toBe('2025-10-01');
    process.env.TZ = 'America/Los_Angeles';
    expect(todayIso(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => todayIso(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('validateYearCalendar', () => {
  it('accepts a well-formed year, including holidays that fall on a weekend', () => {
    expect(
      validateYearCalendar({
        year: 2027,
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
        makeupWorkdays: ['2027-01-09'],
      }),
    ).toEqual([]);
  });

  it('reports a date outside the year', () => {
    expect(
      validateYearCalendar({ year: 2027, holidays: ['2027-01-01', '2026-12-31'], makeupWorkdays: ['2028-01-08'] }),
    ).toEqual(['放假日期2026-12-31不在2027年内', '调休上班日期2028-01-08不在2027年内']);
  });

  it('reports a date that is both a holiday and a make-up workday', () => {
    expect(
      validateYearCalendar({ year: 2027, holidays: ['2027-01-01', '2027-01-02'], makeupWorkdays: ['2027-01-02'] }),
    ).toEqual(['2027-01-02不能同时是放假日期和调休上班日期']);
  });

  it('reports a make-up workday that is not a weekend day', () => {
    // 2027-01-04 is a Monday.
    expect(validateYearCalendar({ year: 2027, holidays: ['2027-01-01'], makeupWorkdays: ['2027-01-04'] })).toEqual([
      '调休上班日期2027-01-04是星期一，调休上班日应为周六或周日',
    ]);
  });

  it('reports duplicates once each', () => {
    expect(
      validateYearCalendar({
        year: 2027,
        holidays: ['2027-01-01', '2027-01-01', '2027-01-01'],
        makeupWorkdays: ['2027-01-09', '2027-01-09'],
      }),
    ).toEqual(['放假日期2027-01-01重复填写', '调休上班日期2027-01-09重复填写']);
  });

  it('reports invalid dates', () => {
    expect(
      validateYearCalendar({ year: 2027, holidays: ['2027-02-29', '2027-1-1', ''], makeupWorkdays: ['20270109'] }),
    ).toEqual([
      '放假日期“2027-02-29”不是有效日期，应为 YYYY-MM-DD 格式',
      '放假日期“2027-1-1”不是有效日期，应为 YYYY-MM-DD 格式',
      '放假日期“”不是有效日期，应为 YYYY-MM-DD 格式',
      '调休上班日期“20270109”不是有效日期，应为 YYYY-MM-DD 格式',
    ]);
  });

  it('reports an empty holiday list and an invalid year', () => {
    expect(validateYearCalendar({ year: 2027, holidays: [], makeupWorkdays: [] })).toEqual([
      '2027年未填写任何放假日期',
    ]);
    expect(validateYearCalendar({ year: 27, holidays: ['2027-01-01'], makeupWorkdays: [] })).toEqual([
      '年份“27”无效，应为四位数年份',
    ]);
  });
});

describe('isHoliday', () => {
  it('counts the break days that fall on a weekend as holidays, not ordinary weekends; unknown years have none', () => {
    const cal = new WorkingDayCalendar();
    expect(['2025-10-01', '2025-10-04', '2025-10-05', '2025-10-08'].map((d) => cal.isHoliday(d))).toEqual([true, true, true, true]);
    expect(['2025-10-11', '2025-10-12', '2025-09-30'].map((d) => cal.isHoliday(d))).toEqual([false, false, false]);
    expect(cal.isHoliday('2099-10-01')).toBe(false);
  });
});
