import { sql, type Kysely } from 'kysely';

/**
 * 公示 (issue 7): the public notice of a round's qualified institutions, the
 * objections (异议) received during it, and its final list.
 *
 * - public_notice: one notice of a round (seq 1, 2, … when a later meeting
 *   qualifies more institutions): the publication date and the working days
 *   (the end is computed on read from the working-day calendar, like every
 *   deadline), where to object (copied from the settings when created), and —
 *   once finalised — when, by whom, the end date it was finalised on and the
 *   final list (JSON). Finalising is the only update, and only once.
 * - public_notice_entry: the institutions on the notice (a sealed 合格 decision
 *   each), in print order.
 * - public_notice_objection: an objection against one institution on the
 *   notice: the date received, its content, who raised it and how.
 * - public_notice_objection_event: the objection's states (received → under
 *   review → upheld / dismissed, with a note), append-only; the latest wins.
 * - public_notice_document: the 公示 PDFs issued for a notice (document register).
 *
 * Entries, objections and events refuse UPDATE and DELETE, and nothing about a
 * finalised notice can be added (triggers; the service refuses first with a
 * Chinese message).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull().check(sql`working_days >= 1`))
    .addColumn('objection_address', 'text', (c) => c.notNull())
    .addColumn('objection_phone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addColumn('finalised_by', 'text')
    .addColumn('final_end_on', 'text')
    .addColumn('final_list_json', 'text')
    .addUniqueConstraint('public_notice_round_seq_uq', ['round_id', 'seq'])
    .execute();

  await db.schema
    .createTable('public_notice_entry')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('public_notice.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull().references('deliberation_decision.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_notice_entry_pk', ['notice_id', 'application_id'])
    .execute();
  await db.schema.createIndex('public_notice_entry_application_idx').on('public_notice_entry').column('application_id').execute();

  await db.schema
    .createTable('public_notice_objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('public_notice.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('objector', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('public_notice_objection_entry_fk', ['notice_id', 'application_id'], 'public_notice_entry', ['notice_id', 'application_id'])
    .execute();
  await db.schema.createIndex('public_notice_objection_notice_idx').on('public_notice_objection').column('notice_id').execute();

  await db.schema
    .createTable('public_notice_objection_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('objection_id', 'text', (c) => c.notNull().references('public_notice_objection.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('received','under_review','upheld','dismissed')`))
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_notice_objection_event_idx').on('public_notice_objection_event').columns(['objection_id', 'seq']).execute();

  await db.schema
    .createTable('public_notice_document')
    .addColumn('notice_id', 'text', (c) => c.notNull().references('public_notice.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addPrimaryKeyConstraint('public_notice_document_pk', ['notice_id', 'document_id'])
    .execute();

  for (const t of ['public_notice_entry', 'public_notice_objection', 'public_notice_objection_event']) {
    await sql.raw(`create trigger ${t}_no_update before update on ${t} begin select raise(abort, '${t}: 记录只能追加，不能修改'); end`).execute(db);
    await sql.raw(`create trigger ${t}_no_delete before delete on ${t} begin select raise(abort, '${t}: 记录只能追加，不能删除'); end`).execute(db);
  }
  await sql`create trigger public_notice_no_delete before delete on public_notice begin select raise(abort, 'public_notice: 公示记录不能删除'); end`.execute(db);
  // the only update is finalising, once; the period and the list never change
  await sql`create trigger public_notice_final_once before update on public_notice
    when old.finalised_at is not null
      or new.round_id is not old.round_id or new.seq is not old.seq or new.start_on is not old.start_on
      or new.working_days is not old.working_days or new.objection_address is not old.objection_address
      or new.objection_phone is not old.objection_phone or new.created_at is not old.created_at or new.created_by is not old.created_by
    begin select raise(abort, '公示已确定最终名单或公示期不能修改'); end`.execute(db);
  for (const t of ['public_notice_entry', 'public_notice_objection']) {
    await sql
      .raw(
        `create trigger ${t}_final before insert on ${t} when exists (select 1 from public_notice n where n.id = new.notice_id and n.finalised_at is not null) begin select raise(abort, '公示已确定最终名单，不能再修改'); end`,
      )
      .execute(db);
  }
  await sql`create trigger public_notice_objection_event_final before insert on public_notice_objection_event
    when exists (select 1 from public_notice_objection o join public_notice n on n.id = o.notice_id where o.id = new.objection_id and n.finalised_at is not null)
    begin select raise(abort, '公示已确定最终名单，不能再修改'); end`.execute(db);
}
