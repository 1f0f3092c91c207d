import { sql, type Insertable, type Selectable } from 'kysely';
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

/** The 文号 a round's earlier document of this kind (e.g. its 备案表) carried, to reuse on re-issue. */
export async function earlierRoundDocNumber(db: Db, kind: string, roundId: string): Promise<string | null> {
  const r = await db
    .selectFrom('document')
    .select('doc_number')
    .where('kind', '=', kind)
    .where('round_id', '=', roundId)
    .where('application_id', 'is', null)
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

/** The register of a round, oldest first, with the institution each document concerns. */
export function listRegisterOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('document as d')
    .leftJoin('application as a', 'a.id', 'd.application_id')
    .selectAll('d')
    .select(['a.name as institution', 'a.application_no as application_no'])
    .where('d.round_id', '=', roundId)
    .orderBy('d.created_at')
    .orderBy(sql`d.rowid`)
    .execute();
}

/** The highest number among the 文号 that start with `head` (e.g. 乌医保经〔2025〕), 0 when none: the next one is this + 1, gaps or not. */
export async function lastDocNumberSeq(db: Db, head: string): Promise<number> {
  const rows = await db.selectFrom('document').select('doc_number').distinct().where('doc_number', 'like', `${head}%`).execute();
  let max = 0;
  for (const r of rows) {
    const m = /^(\d+)号$/.exec((r.doc_number ?? '').slice(head.length));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}
