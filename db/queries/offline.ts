import { CompiledQuery, sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './types';

/**
 * Offline laptops (migration 006): keys, registered public keys, round
 * packages, signed sheets written and merged, refusals.
 *
 * Like review_checklist_mark (migration 003), the tables are described here
 * and added to the query builder with `withTables`, so this module does not
 * have to edit db/schema.ts.
 */

export interface OfflineKeyTable {
  id: string;
  kind: 'agency' | 'member';
  name: string;
  public_key: string;
  fingerprint: string;
  private_key_enc: string;
  created_at: string;
}

export interface OfflineRegisteredKeyTable {
  id: string;
  person_id: string;
  public_key: string;
  fingerprint: string;
  key_name: string | null;
  source: 'file' | 'text';
  registered_at: string;
  registered_by: string;
  replaced_at: string | null;
  replace_reason: string | null;
}

export interface OfflineTrustedAgencyTable {
  fingerprint: string;
  public_key: string;
  name: string;
  trusted_at: string;
}

export interface OfflinePackageTable {
  round_id: string;
  package_seq: number;
  package_hash: string;
  file_sha256: string;
  exported_at: string;
  agency_fingerprint: string;
  agency_name: string;
  rubric_id: string;
  members_json: string;
  imported_at: string;
}

export interface OfflinePackageApplicationTable {
  application_id: string;
  round_id: string;
  eligibility_json: string;
}

export interface OfflineSheetExportTable {
  round_id: string;
  member_id: string;
  seq: number;
  rubric_id: string;
  sheet_hash: string;
  file_sha256: string;
  file_name: string;
  device_id: string;
  scores: number;
  applications: number;
  created_at: string;
}

export interface OfflineSheetImportTable {
  id: string;
  event_no: number;
  round_id: string;
  member_id: string;
  rubric_id: string;
  rubric_version: number;
  seq: number;
  sheet_hash: string;
  file_sha256: string;
  file_name: string;
  device_id: string;
  key_fingerprint: string;
  signed_at: string;
  scores_total: number;
  scores_new: number;
  scores_changed: number;
  imported_at: string;
  imported_by: string;
}

export interface OfflineSheetRefusalTable {
  id: string;
  event_no: number;
  at: string;
  round_id: string | null;
  member_id: string | null;
  seq: number | null;
  file_sha256: string;
  file_name: string;
  code: string;
  reason: string;
  by: string;
}

export interface OfflineUnlockTable {
  holder: string;
}

export type OfflineTables = {
  offline_key: OfflineKeyTable;
  offline_registered_key: OfflineRegisteredKeyTable;
  offline_trusted_agency: OfflineTrustedAgencyTable;
  offline_package: OfflinePackageTable;
  offline_package_application: OfflinePackageApplicationTable;
  offline_sheet_export: OfflineSheetExportTable;
  offline_sheet_import: OfflineSheetImportTable;
  offline_sheet_refusal: OfflineSheetRefusalTable;
  offline_unlock: OfflineUnlockTable;
};

export type OfflineKeyRow = Selectable<OfflineKeyTable>;
export type RegisteredKeyRow = Selectable<OfflineRegisteredKeyTable>;
export type PackageRow = Selectable<OfflinePackageTable>;
export type SheetImportRow = Selectable<OfflineSheetImportTable>;
export type SheetRefusalRow = Selectable<OfflineSheetRefusalTable>;
export type SheetExportRow = Selectable<OfflineSheetExportTable>;

const off = (db: Db) => db.withTables<OfflineTables>();

// ---------------------------------------------------------------------------
// Keys held on this laptop

export async function insertKey(db: Db, row: Insertable<OfflineKeyTable>) {
  await off(db).insertInto('offline_key').values(row).execute();
}

export function listKeys(db: Db) {
  return off(db).selectFrom('offline_key').selectAll().orderBy('created_at').execute();
}

export function getKey(db: Db, id: string) {
  return off(db).selectFrom('offline_key').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getAgencyKey(db: Db) {
  return off(db).selectFrom('offline_key').selectAll().where('kind', '=', 'agency').executeTakeFirst();
}

export function getKeyByFingerprint(db: Db, fingerprint: string) {
  return off(db).selectFrom('offline_key').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Members' public keys registered with the clerk

export function currentRegisteredKey(db: Db, personId: string) {
  return off(db).selectFrom('offline_registered_key').selectAll().where('person_id', '=', personId).where('replaced_at', 'is', null).executeTakeFirst();
}

export function listCurrentRegisteredKeys(db: Db) {
  return off(db).selectFrom('offline_registered_key').selectAll().where('replaced_at', 'is', null).execute();
}

export function findRegisteredKeyByFingerprint(db: Db, fingerprint: string) {
  return off(db).selectFrom('offline_registered_key').selectAll().where('fingerprint', '=', fingerprint).where('replaced_at', 'is', null).executeTakeFirst();
}

export async function replaceRegisteredKey(db: Db, id: string, at: string, reason: string) {
  await off(db).updateTable('offline_registered_key').set({ replaced_at: at, replace_reason: reason }).where('id', '=', id).execute();
}

export async function insertRegisteredKey(db: Db, row: Insertable<OfflineRegisteredKeyTable>) {
  await off(db).insertInto('offline_registered_key').values(row).execute();
}

// ---------------------------------------------------------------------------
// Agencies trusted by a member laptop

export function listTrustedAgencies(db: Db) {
  return off(db).selectFrom('offline_trusted_agency').selectAll().orderBy('trusted_at').execute();
}

export async function insertTrustedAgency(db: Db, row: Insertable<OfflineTrustedAgencyTable>) {
  await off(db).insertInto('offline_trusted_agency').values(row).onConflict((oc) => oc.column('fingerprint').doNothing()).execute();
}

// ---------------------------------------------------------------------------
// Package rounds (member laptop)

export function getPackage(db: Db, roundId: string) {
  return off(db).selectFrom('offline_package').selectAll().where('round_id', '=', roundId).executeTakeFirst();
}

export function listPackages(db: Db) {
  return off(db).selectFrom('offline_package').selectAll().execute();
}

/** True when this database holds any package round (false on the clerk's laptop: one cheap read). */
export async function hasAnyPackage(db: Db): Promise<boolean> {
  return (await off(db).selectFrom('offline_package').select('round_id').limit(1).executeTakeFirst()) !== undefined;
}

export async function upsertPackage(db: Db, row: Insertable<OfflinePackageTable>) {
  const { round_id: _r, ...patch } = row;
  await off(db).insertInto('offline_package').values(row).onConflict((oc) => oc.column('round_id').doUpdateSet(patch)).execute();
}

export async function upsertPackageApplication(db: Db, row: Insertable<OfflinePackageApplicationTable>) {
  await off(db)
    .insertInto('offline_package_application')
    .values(row)
    .onConflict((oc) => oc.column('application_id').doUpdateSet({ eligibility_json: row.eligibility_json }))
    .execute();
}

export function getPackageApplication(db: Db, applicationId: string) {
  return off(db).selectFrom('offline_package_application').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

/** Lets a package import write the reference data the triggers of migration 006 protect (inside its transaction only). */
export async function unlockPackageWrites(db: Db) {
  await off(db).insertInto('offline_unlock').values({ holder: 'package-import' }).execute();
}

export async function relockPackageWrites(db: Db) {
  await off(db).deleteFrom('offline_unlock').execute();
}

/** The round a person, member or application belongs to, for the read-only guard. */
export async function packageRoundOf(db: Db, ref: { roundId?: string; applicationId?: string; memberId?: string; personId?: string }): Promise<string | null> {
  const o = off(db);
  if (ref.roundId) {
    const r = await o.selectFrom('offline_package').select('round_id').where('round_id', '=', ref.roundId).executeTakeFirst();
    if (r) return r.round_id;
  }
  if (ref.applicationId) {
    const r = await o
      .selectFrom('application')
      .innerJoin('offline_package', 'offline_package.round_id', 'application.round_id')
      .select('application.round_id')
      .where('application.id', '=', ref.applicationId)
      .executeTakeFirst();
    if (r) return r.round_id;
  }
  if (ref.memberId) {
    const r = await o
      .selectFrom('panel_member')
      .innerJoin('offline_package', 'offline_package.round_id', 'panel_member.round_id')
      .select('panel_member.round_id')
      .where('panel_member.id', '=', ref.memberId)
      .executeTakeFirst();
    if (r) return r.round_id;
  }
  if (ref.personId) {
    const r = await o
      .selectFrom('panel_member')
      .innerJoin('offline_package', 'offline_package.round_id', 'panel_member.round_id')
      .select('panel_member.round_id')
      .where('panel_member.person_id', '=', ref.personId)
      .executeTakeFirst();
    if (r) return r.round_id;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Sheets written on a member laptop

export function lastSheetExport(db: Db, roundId: string, memberId: string) {
  return off(db)
    .selectFrom('offline_sheet_export')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('member_id', '=', memberId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listSheetExports(db: Db, roundId: string, memberId: string) {
  return off(db).selectFrom('offline_sheet_export').selectAll().where('round_id', '=', roundId).where('member_id', '=', memberId).orderBy('seq', 'desc').execute();
}

export async function insertSheetExport(db: Db, row: Insertable<OfflineSheetExportTable>) {
  await off(db).insertInto('offline_sheet_export').values(row).execute();
}

// ---------------------------------------------------------------------------
// Sheets merged on the clerk's laptop, and sheets refused

/** The next number for an import or a refusal (inside the writing transaction, so numbers only grow). */
export async function nextEventNo(db: Db): Promise<number> {
  const r = await db.executeQuery<{ n: number }>(
    CompiledQuery.raw('select coalesce(max(n), 0) + 1 as n from (select max(event_no) as n from offline_sheet_import union all select max(event_no) from offline_sheet_refusal)', []),
  );
  return r.rows[0]!.n;
}

export function listSheetImports(db: Db, roundId: string) {
  return off(db).selectFrom('offline_sheet_import').selectAll().where('round_id', '=', roundId).orderBy('event_no').execute();
}

export function listSheetImportsOfMember(db: Db, roundId: string, memberId: string) {
  return off(db).selectFrom('offline_sheet_import').selectAll().where('round_id', '=', roundId).where('member_id', '=', memberId).orderBy('seq', 'desc').execute();
}

export async function insertSheetImport(db: Db, row: Insertable<OfflineSheetImportTable>) {
  await off(db).insertInto('offline_sheet_import').values(row).execute();
}

export async function insertSheetRefusal(db: Db, row: Insertable<OfflineSheetRefusalTable>) {
  await off(db).insertInto('offline_sheet_refusal').values(row).execute();
}

export function lastRefusalOfFile(db: Db, fileSha256: string) {
  return off(db).selectFrom('offline_sheet_refusal').selectAll().where('file_sha256', '=', fileSha256).orderBy('event_no', 'desc').limit(1).executeTakeFirst();
}

export function listRefusalsOfRound(db: Db, roundId: string) {
  return off(db).selectFrom('offline_sheet_refusal').selectAll().where('round_id', '=', roundId).orderBy('event_no', 'desc').execute();
}

/** Refused files that named no round this laptop knows (junk, another agency's round…), newest first. */
export function listUnattributedRefusals(db: Db, limit: number) {
  return off(db)
    .selectFrom('offline_sheet_refusal')
    .selectAll()
    .where(({ or, eb, not, exists, selectFrom }) => or([eb('round_id', 'is', null), not(exists(selectFrom('round').select('round.id').whereRef('round.id', '=', 'offline_sheet_refusal.round_id')))]))
    .orderBy('event_no', 'desc')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------
// Scores of one member, for merging

export interface MemberScoreRow {
  id: string;
  application_id: string;
  criterion_id: string;
  points: number;
  comment: string | null;
  supersedes: string | null;
  reason: string | null;
  entered_at: string;
  origin: string;
}

/**
 * Every row of a member for one rubric version (a select, with `rid` = rowid):
 * the chain roots through score_root_uq (rubric, member, …; migration 008)
 * and the corrections through score_supersedes_uq (which holds only
 * corrections). Index lookups only, however many other members and rounds
 * the table holds; without them this was a scan of the whole table per sheet.
 */
const memberRows = (rubricId: string, memberId: string, columns: string) => {
  const c = sql.raw(columns);
  return sql`select rowid as rid, ${c} from score where rubric_id = ${rubricId} and member_id = ${memberId} and supersedes is null
    union all
    select rowid as rid, ${c} from score where supersedes is not null and rubric_id = ${rubricId} and member_id = ${memberId}`;
};

/** Every score row of a member for one rubric version (every version of every criterion), in the order they were entered. */
export async function listMemberScores(db: Db, rubricId: string, memberId: string): Promise<MemberScoreRow[]> {
  const r = await sql<MemberScoreRow>`
    with m as (${memberRows(rubricId, memberId, 'id, application_id, criterion_id, points, comment, supersedes, reason, entered_at, origin')})
    select id, application_id, criterion_id, points, comment, supersedes, reason, entered_at, origin from m order by entered_at, rid`.execute(db);
  return r.rows;
}

/** Which of these ids exist in `score` at all (any member, any rubric): a clash is refused before inserting. */
export async function existingScoreIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const r = await db.executeQuery<{ id: string }>(CompiledQuery.raw('select s.id from json_each(?) j join score s on s.id = j.value', [JSON.stringify(chunk)]));
    for (const row of r.rows) out.add(row.id);
  }
  return out;
}

/**
 * Recomputes the score lines of one member for one rubric version from
 * `score` (the heads of every chain), the same rows `rebuildScoreLines` of
 * db/queries/scores.ts writes for that member: total, scored criteria and the
 * points × 10 as big-endian uint16 in rubric order. A merged sheet touches
 * one member's lines only, and the member's rows are read through the indexes
 * (memberRows), so this costs the member's rows, not the table's. When the
 * member has no corrections at all (a first sheet), the heads are the roots,
 * read in the index's applicant order: grouped as they come, without sorting.
 */
export async function rebuildMemberScoreLines(db: Db, rubricId: string, memberId: string, criterionIds: readonly string[]) {
  await db.deleteFrom('score_line').where('rubric_id', '=', rubricId).where('member_id', '=', memberId).execute();
  const corrected = await sql`select 1 from score where supersedes is not null and rubric_id = ${rubricId} and member_id = ${memberId} limit 1`.execute(db);
  const rows =
    corrected.rows.length > 0
      ? sql`(${memberRows(rubricId, memberId, 'id, application_id, criterion_id, points')})`
      : sql`(select id, application_id, criterion_id, points from score where rubric_id = ${rubricId} and member_id = ${memberId} and supersedes is null)`;
  await sql`
    with o as materialized (select value as criterion_id, cast(key as integer) as ord from json_each(${JSON.stringify(criterionIds)}))
    insert into score_line (rubric_id, application_id, member_id, total, scored, points_x10)
    select ${rubricId}, h.application_id, ${memberId}, sum(h.points), count(*),
           coalesce(unhex(group_concat(printf('%04X', cast(round(h.points * 10) as integer)), '' order by o.ord)), x'')
      from ${rows} h cross join o on o.criterion_id = h.criterion_id
      where not exists (select 1 from score x where x.supersedes = h.id)
      group by h.application_id`.execute(db);
}
