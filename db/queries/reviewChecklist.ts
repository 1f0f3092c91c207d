import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Db } from './types';

/**
 * The review-contents checklist marks (migration 003). Append-only: the latest
 * row per (application, item) is the item's state; earlier rows are its history.
 *
 * The table is described here and added to the query builder with
 * `withTables`, so this module does not have to edit db/schema.ts; moving
 * the interface into `Database` there later changes nothing below.
 */
export interface ReviewChecklistMarkTable {
  seq: Generated<number>;
  application_id: string;
  item_id: string;
  state: 'met' | 'not_met' | 'pending';
  note: string | null;
  marked_by: string;
  marked_at: string;
}

export type ReviewChecklistMarkRow = Selectable<ReviewChecklistMarkTable>;

const withMarks = (db: Db) => db.withTables<{ review_checklist_mark: ReviewChecklistMarkTable }>();

export async function insertChecklistMark(db: Db, row: Insertable<ReviewChecklistMarkTable>) {
  await withMarks(db).insertInto('review_checklist_mark').values(row).execute();
}

/** Every mark of one application, newest first. */
export function listChecklistMarks(db: Db, applicationId: string): Promise<ReviewChecklistMarkRow[]> {
  return withMarks(db)
    .selectFrom('review_checklist_mark')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq', 'desc')
    .execute();
}

/** Every mark of a round's applications, newest first (for the matrix). */
export function listChecklistMarksOfRound(db: Db, roundId: string): Promise<ReviewChecklistMarkRow[]> {
  return withMarks(db)
    .selectFrom('review_checklist_mark')
    .innerJoin('application', 'application.id', 'review_checklist_mark.application_id')
    .selectAll('review_checklist_mark')
    .where('application.round_id', '=', roundId)
    .orderBy('review_checklist_mark.seq', 'desc')
    .execute();
}

/**
 * The latest mark of each item, per application of a round, as one JSON array
 * per application (`[[itemId, state, note], …]`, by item id): a round of 1,000
 * applications reads 1,000 short rows, however many marks were made. (SQLite
 * takes the bare columns of a max() aggregate from the row holding the max.)
 */
export async function latestMarksOfRound(db: Db, roundId: string): Promise<{ application_id: string; marks: string }[]> {
  const r = await sql<{ application_id: string; marks: string }>`
    select application_id, json_group_array(json_array(item_id, state, note)) as marks
    from (
      select m.application_id, m.item_id, m.state, m.note, max(m.seq) as seq
      from review_checklist_mark m
      join application a on a.id = m.application_id
      where a.round_id = ${roundId}
      group by m.application_id, m.item_id
      order by m.application_id, m.item_id
    )
    group by application_id`.execute(db);
  return r.rows;
}
