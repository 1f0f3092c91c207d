import { sql, type Kysely } from 'kysely';

/**
 * 审核小组 and scoring (issue 4).
 *
 * - person: people stored once and reused across rounds (PIN hash lives here).
 * - panel_member: a person on a round's panel, as 组长 or 成员 (one chair per round).
 * - panel_gap_ack: the chair's note for a profile field no member covers.
 * - conflict: 回避 per member × applicant (declared, or a flag confirmed/dismissed).
 * - rubric: 评分细则 versions per round; frozen when scoring starts.
 * - scoring_config: trimming and dispersion thresholds per round.
 * - score: append-only; a correction is a new row whose `supersedes` names the
 *   row it replaces. Ids are UUIDs and every row names its round, rubric
 *   version, member, application and criterion, so sheets from other laptops
 *   merge without collisions. One chain per (rubric, application, member,
 *   criterion): a single root (supersedes NULL), and a row is superseded at most once.
 * - score_line: derived, never the record: per (rubric, application, member)
 *   the current total, how many criteria are scored, and the points in rubric
 *   order (points × 10 as big-endian uint16, two bytes per criterion, so the
 *   ranking reads them without parsing). Maintained in the same transaction as
 *   every score insert and rebuildable from `score` at any time; it is what
 *   makes the ranking of 1,000 applicants × 9 members × 30 criteria a
 *   9,000-row read instead of a 270,000-row GROUP BY.
 * - score_sheet: a member's sheet status per rubric version (draft/submitted).
 * - score_explanation: 评分畸高畸低说明, append-only.
 * - basic_check: 基础性指标 results of an applicant, append-only with supersedes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('employer', 'text')
    .addColumn('contact', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_name_idx').on('person').column('name').execute();

  await db.schema
    .createTable('panel_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chair','member')`))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('panel_member_round_person_uq', ['round_id', 'person_id'])
    .execute();
  // exactly one chair is a validation rule; at most one is a database fact
  await sql`create unique index panel_member_one_chair_uq on panel_member(round_id) where role = 'chair'`.execute(db);

  await db.schema
    .createTable('panel_gap_ack')
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('panel_gap_ack_pk', ['round_id', 'field'])
    .execute();

  await db.schema
    .createTable('conflict')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('conflicted','cleared')`))
    .addColumn('kind', 'text', (c) => c.check(sql`kind is null or kind in ('employment','kinship','shareholding','other')`))
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('declared','flag')`))
    .addColumn('flag_reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conflict_member_application_uq', ['member_id', 'application_id'])
    .execute();
  await db.schema.createIndex('conflict_round_idx').on('conflict').column('round_id').execute();

  await db.schema
    .createTable('rubric')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','frozen')`))
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('based_on', 'text', (c) => c.references('rubric.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text')
    .addColumn('frozen_by', 'text')
    .addUniqueConstraint('rubric_round_version_uq', ['round_id', 'version'])
    .execute();

  await db.schema
    .createTable('scoring_config')
    .addColumn('round_id', 'text', (c) => c.primaryKey().references('round.id'))
    .addColumn('trim_enabled', 'integer', (c) => c.notNull())
    .addColumn('trim_min_count', 'integer', (c) => c.notNull())
    .addColumn('deviation_share', 'real', (c) => c.notNull())
    .addColumn('spread_share', 'real', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('score')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubric.id'))
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('points', 'real', (c) => c.notNull().check(sql`points >= 0`))
    .addColumn('comment', 'text')
    .addColumn('supersedes', 'text', (c) => c.references('score.id'))
    .addColumn('reason', 'text')
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    /** where the row was written: 'local', or a device id once sheets are imported (issue 5) */
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('local'))
    .execute();
  // One chain per criterion: a single root, and no row superseded twice. These two
  // partial indexes also find a chain: roots by key, then successors by supersedes.
  await sql`create unique index score_root_uq on score(rubric_id, application_id, member_id, criterion_id) where supersedes is null`.execute(db);
  await sql`create unique index score_supersedes_uq on score(supersedes) where supersedes is not null`.execute(db);

  await sql`create table score_line (
    rubric_id text not null,
    application_id text not null,
    member_id text not null,
    total real not null,
    scored integer not null,
    points_x10 blob not null,
    primary key (rubric_id, application_id, member_id)
  ) without rowid`.execute(db);
  await db.schema.createIndex('score_line_member_idx').on('score_line').columns(['rubric_id', 'member_id']).execute();

  await db.schema
    .createTable('score_sheet')
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubric.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','submitted')`))
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('score_sheet_pk', ['rubric_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('score_explanation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubric.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('score_explanation_idx').on('score_explanation').columns(['rubric_id', 'member_id', 'application_id']).execute();

  await db.schema
    .createTable('basic_check')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubric.id'))
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('supersedes', 'text', (c) => c.references('basic_check.id'))
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index basic_check_root_uq on basic_check(rubric_id, application_id) where supersedes is null`.execute(db);
  await sql`create unique index basic_check_supersedes_uq on basic_check(supersedes) where supersedes is not null`.execute(db);
  await db.schema.createIndex('basic_check_rubric_idx').on('basic_check').columns(['rubric_id', 'application_id']).execute();
}
