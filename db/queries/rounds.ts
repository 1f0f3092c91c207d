import type { Insertable, Selectable } from 'kysely';
import type { RoundTable } from '../schema';
import type { Db } from './types';

export type RoundRow = Selectable<RoundTable>;

export async function insertRound(db: Db, row: Insertable<RoundTable>) {
  await db.insertInto('round').values(row).execute();
}

export function getRound(db: Db, id: string) {
  return db.selectFrom('round').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getRoundByCode(db: Db, code: string) {
  return db.selectFrom('round').select('id').where('code', '=', code).executeTakeFirst();
}

export function listRounds(db: Db) {
  return db.selectFrom('round').selectAll().orderBy('created_at', 'desc').execute();
}

export async function setRoundStatus(db: Db, id: string, status: 'open' | 'closed', closedAt: string | null) {
  await db.updateTable('round').set({ status, closed_at: closedAt }).where('id', '=', id).execute();
}

/** Reserves the next readable sequence number of a round (inside the caller's transaction). */
export async function takeNextSeq(db: Db, roundId: string): Promise<number> {
  const r = await db
    .updateTable('round')
    .set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
    .where('id', '=', roundId)
    .returning('next_seq')
    .executeTakeFirstOrThrow();
  return r.next_seq - 1;
}
