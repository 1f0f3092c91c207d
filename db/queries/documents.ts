import type { Insertable, Selectable } from 'kysely';
import type { DocumentTable } from '../schema';
import type { Db } from './types';

export type DocumentRow = Selectable<DocumentTable>;

export async function insertDocument(db: Db, row: Insertable<DocumentTable>) {
  await db.insertInto('document').values(row).execute();
}

export function getDocument(db: Db, id: string) {
  return db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDocumentsOfApplication(db: Db, applicationId: string) {
  return db.selectFrom('document').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
}

export function listDocumentsOfRound(db: Db, roundId: string) {
  return db.selectFrom('document').selectAll().where('round_id', '=', roundId).orderBy('created_at').execute();
}

/** The 文号 an earlier document of the same kind for the same application got, to reuse on regeneration. */
export async function earlierDocNumber(db: Db, kind: string, applicationId: string): Promise<string | null> {
  const r = await db
    .selectFrom('document')
    .select('doc_number')
    .where('kind', '=', kind)
    .where('application_id', '=', applicationId)
    .where('doc_number', 'is not', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return r?.doc_number ?? null;
}

/** Documents whose 文号 starts with a prefix, for the next sequence number. */
export async function countDocNumbers(db: Db, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('document')
    .select((eb) => eb.fn.count<number>('doc_number').distinct().as('n'))
    .where('doc_number', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
