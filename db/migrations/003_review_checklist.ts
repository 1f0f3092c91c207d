import { sql, type Kysely } from 'kysely';

/**
 * Review-contents checklist (审核内容, e.g. 004 第十一条（一）–（七）): a reviewer's
 * marks per application and item. Append-only like every review decision: a
 * correction is a new row, the latest row per (application, item) is the state,
 * the earlier rows are its history.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_checklist_mark')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    // a review-content id of the round's profile version, or 'rule:<ruleId>' for a manual rule without one
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('met','not_met','pending')`))
    .addColumn('note', 'text')
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_checklist_mark_app_idx').on('review_checklist_mark').columns(['application_id', 'item_id', 'seq']).execute();
}
