import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { WorkingDayCalendar, todayIso, type YearCalendar } from '../shared/calendar/workingDays';
import { listCalendarYears, getSetting } from '../db/queries/settings';
import type { Db } from '../db/queries/types';

export interface ServiceContext {
  db: Kysely<Database>;
  dataDir: string;
  version: string;
  /** injectable so tests and demos can pin "today" */
  now(): Date;
}

export function today(ctx: ServiceContext): string {
  return todayIso(ctx.now());
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}

export async function operator(db: Db): Promise<string> {
  return (await getSetting(db, 'operator')) ?? '经办员';
}

/** The working-day calendar: chinese-days' published years plus the years clerks entered. */
export async function loadCalendar(db: Db): Promise<WorkingDayCalendar> {
  const rows = await listCalendarYears(db);
  const extra: YearCalendar[] = rows.map((r) => ({
    year: r.year,
    holidays: JSON.parse(r.holidays_json) as string[],
    makeupWorkdays: JSON.parse(r.makeup_json) as string[],
  }));
  return new WorkingDayCalendar(extra);
}
