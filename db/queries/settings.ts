import type { Db } from './types';

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

export async function setSetting(db: Db, key: string, value: string) {
  await db
    .insertInto('setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function listCalendarYears(db: Db) {
  return db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
}

export async function upsertCalendarYear(db: Db, year: number, holidays: string[], makeup: string[], now: string) {
  const row = { holidays_json: JSON.stringify(holidays), makeup_json: JSON.stringify(makeup), updated_at: now };
  await db
    .insertInto('calendar_year')
    .values({ year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
}

export async function deleteCalendarYear(db: Db, year: number) {
  await db.deleteFrom('calendar_year').where('year', '=', year).execute();
}
