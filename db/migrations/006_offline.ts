import { sql, type Kysely } from 'kysely';

/**
 * Offline laptops (issue 5): signing keys, round packages, signed score sheets.
 *
 * On every installation:
 * - offline_key: key pairs created on this laptop (the agency's on the clerk's
 *   laptop, members' on theirs). The private key is stored encrypted with a
 *   passphrase (scrypt + AES-256-GCM) and never leaves the laptop.
 *
 * On the clerk's laptop:
 * - offline_registered_key: members' public keys, registered once per person
 *   after comparing the fingerprint read aloud. A replaced key keeps its row
 *   (replaced_at, reason); one current key per person.
 * - offline_sheet_import: every signed sheet merged (sequence, sheet hash, file
 *   SHA-256), one per (round, member, sequence).
 * - offline_sheet_refusal: every sheet refused, with the reason shown.
 *
 * On a member's laptop:
 * - offline_trusted_agency: agency keys confirmed by fingerprint.
 * - offline_package: a round that came from a round package (origin 'package'):
 *   its rows are read-only here except the members' own scores.
 * - offline_package_application: what the package says about each applicant
 *   beyond the application row (eligibility results).
 * - offline_sheet_export: every signed sheet written (sequence per member per round).
 * - offline_unlock: holds a row only inside a package import's transaction.
 *
 * Triggers refuse, at the database, any write to a package round's reference
 * data (round, applications, panel, conflicts, rubric, basic checks, …) unless
 * offline_unlock holds a row: the service refuses first with a Chinese message,
 * the triggers make sure no code path can slip past it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offline_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('agency','member')`))
    .addColumn('name', 'text', (c) => c.notNull())
    /** raw 32-byte Ed25519 public key, base64 */
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    /** ltc-key/1$scrypt$N$r$p$salt$iv$tag$ciphertext (PKCS#8 DER inside) */
    .addColumn('private_key_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index offline_key_one_agency_uq on offline_key(kind) where kind = 'agency'`.execute(db);

  await db.schema
    .createTable('offline_registered_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('key_name', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('file','text')`))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .addColumn('replace_reason', 'text')
    .execute();
  await sql`create unique index offline_registered_key_current_uq on offline_registered_key(person_id) where replaced_at is null`.execute(db);
  await db.schema.createIndex('offline_registered_key_fp_idx').on('offline_registered_key').column('fingerprint').execute();

  await db.schema
    .createTable('offline_trusted_agency')
    .addColumn('fingerprint', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trusted_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offline_package')
    .addColumn('round_id', 'text', (c) => c.primaryKey().references('round.id'))
    /** the clerk's export counter for the round: a later export has a higher number */
    .addColumn('package_seq', 'integer', (c) => c.notNull())
    .addColumn('package_hash', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('exported_at', 'text', (c) => c.notNull())
    .addColumn('agency_fingerprint', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text', (c) => c.notNull())
    .addColumn('rubric_id', 'text', (c) => c.notNull())
    /** [{ memberId, personId, name, role, keyFingerprint }] as the package lists the panel */
    .addColumn('members_json', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offline_package_application')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('application.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('eligibility_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('offline_sheet_export')
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rubric_id', 'text', (c) => c.notNull())
    .addColumn('sheet_hash', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('scores', 'integer', (c) => c.notNull())
    .addColumn('applications', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('offline_sheet_export_pk', ['round_id', 'member_id', 'seq'])
    .execute();

  await db.schema
    .createTable('offline_sheet_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** imports and refusals share one increasing number: which came last, whatever the clocks say */
    .addColumn('event_no', 'integer', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('rubric_id', 'text', (c) => c.notNull().references('rubric.id'))
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sheet_hash', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('key_fingerprint', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('scores_total', 'integer', (c) => c.notNull())
    .addColumn('scores_new', 'integer', (c) => c.notNull())
    .addColumn('scores_changed', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('offline_sheet_import_seq_uq', ['round_id', 'member_id', 'seq'])
    .execute();
  await db.schema.createIndex('offline_sheet_import_hash_idx').on('offline_sheet_import').column('sheet_hash').execute();

  await db.schema
    .createTable('offline_sheet_refusal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_no', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // what the file claimed (not verified, hence no foreign keys)
    .addColumn('round_id', 'text')
    .addColumn('member_id', 'text')
    .addColumn('seq', 'integer')
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('offline_sheet_refusal_round_idx').on('offline_sheet_refusal').columns(['round_id', 'member_id']).execute();

  await sql`create table offline_unlock (holder text primary key)`.execute(db);

  for (const s of lockTriggers()) await sql.raw(s).execute(db);
}

const LOCKED_MESSAGE = '本批次来自经办机构导出的评分包，在成员电脑上只读（只能录入本人评分）';
const unlocked = 'not exists (select 1 from offline_unlock)';
const packaged = (roundExpr: string) => `exists (select 1 from offline_package where round_id = ${roundExpr})`;
const packagedApp = (appExpr: string) => packaged(`(select round_id from application where id = ${appExpr})`);

function trigger(name: string, when: 'insert' | 'update' | 'delete', table: string, condition: string): string {
  return `create trigger offline_lock_${name}_${when} before ${when} on ${table} when ${condition} and ${unlocked} begin select raise(abort, '${LOCKED_MESSAGE}'); end`;
}

/** Every table holding a package round's reference data, for every kind of write. */
function lockTriggers(): string[] {
  const out: string[] = [];
  const byRound = ['application', 'panel_member', 'panel_gap_ack', 'conflict', 'rubric', 'scoring_config', 'basic_check', 'score_explanation'];
  for (const t of byRound) {
    out.push(trigger(t, 'insert', t, packaged('NEW.round_id')));
    out.push(trigger(t, 'update', t, `(${packaged('OLD.round_id')} or ${packaged('NEW.round_id')})`));
    out.push(trigger(t, 'delete', t, packaged('OLD.round_id')));
  }
  out.push(trigger('round', 'update', 'round', packaged('OLD.id')));
  out.push(trigger('round', 'delete', 'round', packaged('OLD.id')));
  for (const t of ['material_check', 'supplement_notice', 'review_checklist_mark']) {
    out.push(trigger(t, 'insert', t, packagedApp('NEW.application_id')));
    out.push(trigger(t, 'update', t, packagedApp('OLD.application_id')));
    out.push(trigger(t, 'delete', t, packagedApp('OLD.application_id')));
  }
  const personInPackage = (p: string) => `exists (select 1 from panel_member pm join offline_package op on op.round_id = pm.round_id where pm.person_id = ${p})`;
  out.push(trigger('person', 'update', 'person', personInPackage('OLD.id')));
  out.push(trigger('person', 'delete', 'person', personInPackage('OLD.id')));
  // the mark itself: only a package import may change or remove it
  out.push(`create trigger offline_lock_offline_package_update before update on offline_package when ${unlocked} begin select raise(abort, '${LOCKED_MESSAGE}'); end`);
  out.push(`create trigger offline_lock_offline_package_delete before delete on offline_package when ${unlocked} begin select raise(abort, '${LOCKED_MESSAGE}'); end`);
  out.push(`create trigger offline_lock_offline_package_application_update before update on offline_package_application when ${unlocked} begin select raise(abort, '${LOCKED_MESSAGE}'); end`);
  return out;
}
