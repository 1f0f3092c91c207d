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
 * The latest mark of each item, for the applications of a round, or only for
 * `applicationIds` when given: one row per application with its marks as a
 * JSON array `[[itemId, state, note], …]` (SQLite takes the bare columns of a
 * max() aggregate from the row holding the max).
 */
export async function latestMarks(db: Db, scope: { roundId: string } | { applicationIds: readonly string[] }): Promise<{ application_id: string; marks: string }[]> {
  const where =
    'roundId' in scope
      ? sql`application_id in (select id from application where round_id = ${scope.roundId})`
      : sql`application_id in (${sql.join(scope.applicationIds)})`;
  const r = await sql<{ application_id: string; marks: string }>`
    select application_id, json_group_array(json_array(item_id, state, note)) as marks
    from (
      select application_id, item_id, state, note, max(seq) as seq
      from review_checklist_mark
      where ${where}
      group by application_id, item_id
    )
    group by application_id`.execute(db);
  return r.rows;
}
