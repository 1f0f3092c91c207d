import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ApplicationTable } from '../schema';
import type { Db } from './types';

export type ApplicationRow = Selectable<ApplicationTable>;

export async function insertApplication(db: Db, row: Insertable<ApplicationTable>) {
  await db.insertInto('application').values(row).execute();
}

export async function updateApplication(db: Db, id: string, patch: Updateable<ApplicationTable>) {
  await db.updateTable('application').set(patch).where('id', '=', id).execute();
}

export function getApplication(db: Db, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByUscc(db: Db, roundId: string, uscc: string) {
  return db
    .selectFrom('application')
    .select(['id', 'application_no', 'name'])
    .where('round_id', '=', roundId)
    .where('uscc', '=', uscc)
    .executeTakeFirst();
}

export function listApplications(db: Db, roundId: string) {
  return db.selectFrom('application').selectAll().where('round_id', '=', roundId).orderBy('seq').execute();
}

export function countByStatus(db: Db, roundId: string) {
  return db
    .selectFrom('application')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy('status')
    .execute();
}
