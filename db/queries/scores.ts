import { sql, type Insertable, type Selectable } from 'kysely';
import { cachedStatement, inTransactionSqlite } from '../raw';
import type { RubricTable, ScoreTable } from '../schema';
import type { Db } from './types';

/**
 * Rubric versions, scores (append-only, chained by `supersedes`), the derived
 * score lines, sheets and explanations.
 *
 * The current score of a criterion is the head of its chain: the row nobody
 * supersedes. Chains are found through the two partial unique indexes of
 * migration 004 (roots by key, successors by `supersedes`); migration 008
 * keys the roots (rubric, member, applicant, criterion), so one member's rows
 * are one range of it. New score ids are time-ordered (service/ids.ts).
 */

export type RubricRow = Selectable<RubricTable>;
export type ScoreRow = Selectable<ScoreTable>;
export type ScoreInsert = Omit<Insertable<ScoreTable>, 'origin'> & { origin?: string };

// ---------------------------------------------------------------------------
// Rubric versions and the round's scoring config

export async function insertRubric(db: Db, row: Insertable<RubricTable>) {
  await db.insertInto('rubric').values(row).execute();
}

export async function updateRubricDefinition(db: Db, id: string, definitionJson: string) {
  await db.updateTable('rubric').set({ definition_json: definitionJson }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function freezeRubric(db: Db, id: string, at: string, by: string) {
  await db.updateTable('rubric').set({ status: 'frozen', frozen_at: at, frozen_by: by }).where('id', '=', id).where('status', '=', 'draft').execute();
}

export function listRubrics(db: Db, roundId: string) {
  return db.selectFrom('rubric').selectAll().where('round_id', '=', roundId).orderBy('version').execute();
}

/** The latest version of the round's rubric, draft or frozen. */
export function getCurrentRubric(db: Db, roundId: string) {
  return db.selectFrom('rubric').selectAll().where('round_id', '=', roundId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function getScoringConfig(db: Db, roundId: string) {
  return db.selectFrom('scoring_config').selectAll().where('round_id', '=', roundId).executeTakeFirst();
}

export async function upsertScoringConfig(
  db: Db,
  row: { round_id: string; trim_enabled: number; trim_min_count: number; deviation_share: number; spread_share: number; updated_at: string; updated_by: string },
) {
  const { round_id: _r, ...patch } = row;
  await db
    .insertInto('scoring_config')
    .values(row)
    .onConflict((oc) => oc.column('round_id').doUpdateSet(patch))
    .execute();
}

// ---------------------------------------------------------------------------
// Scores

export async function insertScores(db: Db, rows: readonly ScoreInsert[]) {
  if (rows.length === 0) return;
  await db.insertInto('score').values(rows.map((r) => ({ ...r, origin: r.origin ?? 'local' }))).execute();
}

const SCORE_COLUMNS = [
  'id',
  'round_id',
  'rubric_id',
  'rubric_version',
  'member_id',
  'application_id',
  'criterion_id',
  'points',
  'comment',
  'supersedes',
  'reason',
  'entered_by',
  'entered_at',
  'origin',
] as const;
const INSERT_SCORE_SQL = `insert into score (${SCORE_COLUMNS.join(',')}) values (${SCORE_COLUMNS.map(() => '?').join(',')})`;

/**
 * 500 rows per statement. The six columns a sheet's rows share (round,
 * rubric, version, member, who entered, origin) are bound once per statement;
 * each row binds its own eight (id, applicant, criterion, points, comment,
 * supersedes, reason, when): 6 + 4,000 parameters, under SQLite's 32,766.
 * Binding dominates the cost of an insert, so this is a third faster than
 * 14 parameters per row.
 */
const BULK_ROWS = 500;
const BULK_SQL = `insert into score (${SCORE_COLUMNS.join(',')})
  select v.column1, ?, ?, ?, ?, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, ?, v.column8, ?
  from (values ${Array.from({ length: BULK_ROWS }, () => '(?,?,?,?,?,?,?,?)').join(',')}) v`;

const sameSheet = (a: ScoreInsert, b: ScoreInsert) =>
  a.round_id === b.round_id && a.rubric_id === b.rubric_id && a.rubric_version === b.rubric_version && a.member_id === b.member_id && a.entered_by === b.entered_by && (a.origin ?? 'local') === (b.origin ?? 'local');

/**
 * Many scores at once (a whole sheet, an imported file, a benchmark), inside
 * the caller's transaction (refused outside one), on the better-sqlite3
 * handle with statements prepared once per database, instead of kysely
 * building and SQLite preparing a statement per call: runs of 500 rows that
 * share their sheet columns go in one statement, the rest row by row. The
 * foreign keys are checked at the end of each statement, so a correction must
 * not come in a later statement than the row it supersedes: keep each chain
 * in order. Refresh the score lines afterwards.
 */
export async function insertScoresBulk(db: Db, rows: readonly ScoreInsert[]) {
  if (rows.length === 0) return;
  await inTransactionSqlite(db, (sqlite) => {
    const one = cachedStatement(sqlite, INSERT_SCORE_SQL);
    const many = rows.length >= BULK_ROWS ? cachedStatement(sqlite, BULK_SQL) : undefined;
    const params: unknown[] = many ? new Array(6 + 8 * BULK_ROWS) : [];
    let i = 0;
    while (i < rows.length) {
      const first = rows[i]!;
      let end = i + 1;
      if (many) while (end < rows.length && end - i < BULK_ROWS && sameSheet(first, rows[end]!)) end++;
      if (many && end - i === BULK_ROWS) {
        params[0] = first.round_id;
        params[1] = first.rubric_id;
        params[2] = first.rubric_version;
        params[3] = first.member_id;
        params[4] = first.entered_by;
        params[5] = first.origin ?? 'local';
        let k = 6;
        for (let j = i; j < end; j++) {
          const r = rows[j]!;
          params[k++] = r.id;
          params[k++] = r.application_id;
          params[k++] = r.criterion_id;
          params[k++] = r.points;
          params[k++] = r.comment ?? null;
          params[k++] = r.supersedes ?? null;
          params[k++] = r.reason ?? null;
          params[k++] = r.entered_at;
        }
        many.run(params);
      } else {
        for (let j = i; j < end; j++) {
          const r = rows[j]!;
          one.run(r.id, r.round_id, r.rubric_id, r.rubric_version, r.member_id, r.application_id, r.criterion_id, r.points, r.comment ?? null, r.supersedes ?? null, r.reason ?? null, r.entered_by, r.entered_at, r.origin ?? 'local');
        }
      }
      i = end;
    }
  });
}

export interface HeadScore {
  id: string;
  criterion_id: string;
  points: number;
  comment: string | null;
  entered_at: string;
  /** how many rows precede this one in its chain */
  depth: number;
}

/** A member's current scores for one applicant (one per scored criterion). */
export async function headScoresOfPair(db: Db, rubricId: string, applicationId: string, memberId: string): Promise<HeadScore[]> {
  const r = await sql<HeadScore>`
    with recursive chain(id, criterion_id, points, comment, entered_at, depth) as (
      select id, criterion_id, points, comment, entered_at, 0 from score
        where rubric_id = ${rubricId} and application_id = ${applicationId} and member_id = ${memberId} and supersedes is null
      union all
      select s.id, s.criterion_id, s.points, s.comment, s.entered_at, c.depth + 1 from score s join chain c on s.supersedes = c.id
    )
    select c.* from chain c where not exists (select 1 from score x where x.supersedes = c.id)`.execute(db);
  return r.rows;
}

/** Every version of one criterion's score, oldest first. */
export async function scoreChain(db: Db, rubricId: string, applicationId: string, memberId: string, criterionId: string): Promise<ScoreRow[]> {
  const r = await sql<ScoreRow>`
    with recursive chain as (
      select * from score
        where rubric_id = ${rubricId} and application_id = ${applicationId} and member_id = ${memberId} and criterion_id = ${criterionId} and supersedes is null
      union all
      select s.* from score s join chain c on s.supersedes = c.id
    )
    select * from chain`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------
// Score lines: derived per (rubric, application, member)

/** The points of a group as 4-hex-digit (points × 10) values in criterion order, turned into a blob. */
const packed = (alias: 'h' | 's') =>
  sql.raw(`coalesce(unhex(group_concat(printf('%04X', cast(round(${alias}.points * 10) as integer)), '' order by o.ord)), x'')`);

/** A line's points in rubric order (only meaningful for a complete line). */
export function decodeLinePoints(buf: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < buf.length; i += 2) out.push(((buf[i]! << 8) | buf[i + 1]!) / 10);
  return out;
}

/**
 * The rubric's criterion order as a materialised CTE `o(criterion_id, ord)`:
 * materialised, SQLite indexes it automatically instead of scanning json_each
 * once per score row (455 ms instead of 1 s for a 270,000-row rebuild).
 */
const ord = (criterionIds: readonly string[]) => sql`o as materialized (select value as criterion_id, cast(key as integer) as ord from json_each(${JSON.stringify(criterionIds)}))`;

/** Recomputes one line from the heads of its chains (after any insert for that pair). */
export async function refreshScoreLine(db: Db, rubricId: string, applicationId: string, memberId: string, criterionIds: readonly string[]) {
  await sql`
    with recursive chain(id, criterion_id, points) as (
      select id, criterion_id, points from score
        where rubric_id = ${rubricId} and application_id = ${applicationId} and member_id = ${memberId} and supersedes is null
      union all
      select s.id, s.criterion_id, s.points from score s join chain c on s.supersedes = c.id
    ),
    head as (select c.criterion_id, c.points from chain c where not exists (select 1 from score x where x.supersedes = c.id)),
    ${ord(criterionIds)}
    insert into score_line (rubric_id, application_id, member_id, total, scored, points_x10)
    select ${rubricId}, ${applicationId}, ${memberId}, coalesce(sum(h.points), 0), count(h.points), ${packed('h')}
      from head h join o on o.criterion_id = h.criterion_id
      where true
    on conflict (rubric_id, application_id, member_id) do update set total = excluded.total, scored = excluded.scored, points_x10 = excluded.points_x10`.execute(db);
}

/** Recomputes every line of a rubric version from `score` (bulk inserts, repairs). */
export async function rebuildScoreLines(db: Db, rubricId: string, criterionIds: readonly string[]) {
  await db.deleteFrom('score_line').where('rubric_id', '=', rubricId).execute();
  await sql`
    with ${ord(criterionIds)}
    insert into score_line (rubric_id, application_id, member_id, total, scored, points_x10)
    select s.rubric_id, s.application_id, s.member_id, sum(s.points), count(*), ${packed('s')}
      from score s join o on o.criterion_id = s.criterion_id
      where s.rubric_id = ${rubricId} and not exists (select 1 from score x where x.supersedes = s.id)
      group by s.rubric_id, s.application_id, s.member_id`.execute(db);
}

/** Refreshes the lines of the given pairs, or rebuilds the whole version when there are many. */
export async function refreshScoreLines(db: Db, rubricId: string, criterionIds: readonly string[], pairs: readonly { applicationId: string; memberId: string }[]) {
  if (pairs.length > 200) return rebuildScoreLines(db, rubricId, criterionIds);
  for (const p of pairs) await refreshScoreLine(db, rubricId, p.applicationId, p.memberId, criterionIds);
}

export interface ScoreLine {
  application_id: string;
  member_id: string;
  total: number;
  scored: number;
  points_x10: Buffer;
}

/** Every line of a rubric version: 9,000 rows for 1,000 applicants × 9 members. */
export function listScoreLines(db: Db, rubricId: string): Promise<ScoreLine[]> {
  return db.selectFrom('score_line').select(['application_id', 'member_id', 'total', 'scored', 'points_x10']).where('rubric_id', '=', rubricId).execute();
}

/** Totals only (no points), e.g. for progress counts. */
export function listLineTotals(db: Db, rubricId: string) {
  return db.selectFrom('score_line').select(['application_id', 'member_id', 'total', 'scored']).where('rubric_id', '=', rubricId).execute();
}

/** The lines of one applicant (one per member who scored it). */
export function listLinesOfApplication(db: Db, rubricId: string, applicationId: string) {
  return db.selectFrom('score_line').select(['application_id', 'member_id', 'total', 'scored']).where('rubric_id', '=', rubricId).where('application_id', '=', applicationId).execute();
}

export function listMemberLines(db: Db, rubricId: string, memberId: string) {
  return db.selectFrom('score_line').select(['application_id', 'total', 'scored']).where('rubric_id', '=', rubricId).where('member_id', '=', memberId).execute();
}

/** Scored (member, applicant) pairs across every rubric version of a round. */
export function listScoredPairsOfRound(db: Db, roundId: string) {
  return db
    .selectFrom('score_line')
    .innerJoin('rubric', 'rubric.id', 'score_line.rubric_id')
    .select(['score_line.member_id', 'score_line.application_id'])
    .where('rubric.round_id', '=', roundId)
    .where('score_line.scored', '>', 0)
    .distinct()
    .execute();
}

/** Scored criteria per rubric version of a round. */
export function countScoresByRubric(db: Db, roundId: string) {
  return db
    .selectFrom('score_line')
    .innerJoin('rubric', 'rubric.id', 'score_line.rubric_id')
    .select(['score_line.rubric_id', (eb) => eb.fn.sum<number>('score_line.scored').as('n')])
    .where('rubric.round_id', '=', roundId)
    .groupBy('score_line.rubric_id')
    .execute();
}

// ---------------------------------------------------------------------------
// Sheets and explanations

export function listSheets(db: Db, rubricId: string) {
  return db.selectFrom('score_sheet').selectAll().where('rubric_id', '=', rubricId).execute();
}

export function getSheet(db: Db, rubricId: string, memberId: string) {
  return db.selectFrom('score_sheet').selectAll().where('rubric_id', '=', rubricId).where('member_id', '=', memberId).executeTakeFirst();
}

export async function upsertSheet(db: Db, row: { rubric_id: string; member_id: string; round_id: string; status: 'draft' | 'submitted'; submitted_at: string | null; updated_at: string }) {
  await db
    .insertInto('score_sheet')
    .values(row)
    .onConflict((oc) => oc.columns(['rubric_id', 'member_id']).doUpdateSet({ status: row.status, submitted_at: row.submitted_at, updated_at: row.updated_at }))
    .execute();
}

export async function insertExplanation(
  db: Db,
  row: { id: string; round_id: string; rubric_id: string; member_id: string; application_id: string; note: string; created_at: string; created_by: string },
) {
  await db.insertInto('score_explanation').values(row).execute();
}

/** Explanations of a rubric version, oldest first (the latest per member × applicant counts). */
export function listExplanations(db: Db, rubricId: string) {
  return db.selectFrom('score_explanation').selectAll().where('rubric_id', '=', rubricId).orderBy('created_at').orderBy('id').execute();
}

// basic_check (migration 004), the clerk's second record of the 基础性指标, is
// retired: the eligibility results are the only record (service/eligibility/roundStates.ts).
// Nothing reads or writes it any more; the table and any rows stay in existing databases.
