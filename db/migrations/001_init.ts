import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema as it was then, not as
// db/schema.ts says it is now.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('region_profile')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_profile_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('quota_json', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','closed')`))
    .addColumn('closed_at', 'text')
    .addColumn('note', 'text')
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('round_profile_fk', ['profile_id', 'profile_version'], 'region_profile', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('application_no', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('institution_type', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('not_accepted_reason_id', 'text')
    .addColumn('not_accepted_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_round_uscc_uq', ['round_id', 'uscc'])
    .addUniqueConstraint('application_round_seq_uq', ['round_id', 'seq'])
    .execute();

  await db.schema
    .createTable('material_check')
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending','received','missing')`))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('material_check_pk', ['application_id', 'material_id'])
    .execute();

  await db.schema
    .createTable('supplement_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // one-time notice (000 第十一条: 一次性告知): at most one per application
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('application.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('missing_json', 'text', (c) => c.notNull())
    .addColumn('fulfilled_on', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('open','fulfilled','expired')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('holidays_json', 'text', (c) => c.notNull())
    .addColumn('makeup_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('application_round_idx').on('application').columns(['round_id', 'seq']).execute();
}
