import { sql, type Kysely } from 'kysely';

/**
 * Scores by member (issue 5 follow-up: merging 9 signed sheets of 30,000 scores).
 *
 * Migration 004 keyed the chain roots as (rubric, application, member,
 * criterion). A member's sheet is 30,000 rows of ONE member across every
 * applicant, so in that order its rows land on every page of the index,
 * interleaved with the other members'; and reading "all scores of a member"
 * (merging a sheet, exporting one, a member's score lines) had no index at all
 * and scanned the whole table.
 *
 * The root index becomes (rubric, member, application, criterion): the same
 * four columns and the same partial uniqueness (one root per criterion chain),
 * so an existing database, whose rows satisfied the old index, satisfies the
 * new one and nothing can fail. A sheet's rows now fill one contiguous range,
 * and a member's chains are found from their roots (this index) and the
 * successors (score_supersedes_uq). Lookups of one (rubric, application,
 * member) pair give all three columns, so they use it as before.
 *
 * The index keeps its name; it is dropped and rebuilt inside this migration's
 * transaction, so no write can slip in between.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists score_root_uq`.execute(db);
  await sql`create unique index score_root_uq on score(rubric_id, member_id, application_id, criterion_id) where supersedes is null`.execute(db);
}
