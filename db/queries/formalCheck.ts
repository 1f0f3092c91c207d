import type { Insertable, Selectable } from 'kysely';
import type { MaterialCheckTable, SupplementNoticeTable } from '../schema';
import type { Db } from './types';

export type MaterialCheckRow = Selectable<MaterialCheckTable>;
export type SupplementNoticeRow = Selectable<SupplementNoticeTable>;

export function listMaterialChecks(db: Db, applicationId: string) {
  return db.selectFrom('material_check').selectAll().where('application_id', '=', applicationId).execute();
}

/** Material states of many applications at once, for round tables. */
export function listMaterialChecksOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('material_check')
    .innerJoin('application', 'application.id', 'material_check.application_id')
    .select(['material_check.application_id', 'material_check.material_id', 'material_check.state'])
    .where('application.round_id', '=', roundId)
    .execute();
}

export async function upsertMaterialCheck(db: Db, row: Insertable<MaterialCheckTable>) {
  await db
    .insertInto('material_check')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['application_id', 'material_id']).doUpdateSet({ state: row.state, note: row.note ?? null, updated_at: row.updated_at }),
    )
    .execute();
}

export function getNotice(db: Db, applicationId: string) {
  return db.selectFrom('supplement_notice').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export function listNoticesOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('supplement_notice')
    .innerJoin('application', 'application.id', 'supplement_notice.application_id')
    .selectAll('supplement_notice')
    .where('application.round_id', '=', roundId)
    .execute();
}

export async function insertNotice(db: Db, row: Insertable<SupplementNoticeTable>) {
  await db.insertInto('supplement_notice').values(row).execute();
}

export async function closeNotice(db: Db, id: string, outcome: 'fulfilled' | 'expired', fulfilledOn: string | null) {
  await db.updateTable('supplement_notice').set({ outcome, fulfilled_on: fulfilledOn }).where('id', '=', id).execute();
}
