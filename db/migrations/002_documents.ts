import type { Kysely } from 'kysely';

// The document register: every generated PDF with its hash, template version
// and signer, so a letter shown later can be checked against what was issued.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('application.id'))
    .addColumn('round_id', 'text', (c) => c.references('round.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('signed', 'integer', (c) => c.notNull())
    .addColumn('signer_subject', 'text')
    .addColumn('signer_fingerprint', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_application_idx').ifNotExists().on('document').columns(['application_id', 'kind']).execute();
  await db.schema.createIndex('document_round_idx').ifNotExists().on('document').columns(['round_id', 'kind']).execute();
}
