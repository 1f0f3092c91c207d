import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Db } from './types';

/**
 * 公示 (migration 007): notices, their institutions, objections and the
 * objections' states. Like the offline tables, these are described here and
 * added to the query builder with `withTables`, so db/schema.ts stays as it is.
 */

export interface PublicNoticeTable {
  id: string;
  round_id: string;
  seq: number;
  start_on: string;
  working_days: number;
  objection_address: string;
  objection_phone: string;
  created_at: string;
  created_by: string;
  finalised_at: string | null;
  finalised_by: string | null;
  final_end_on: string | null;
  final_list_json: string | null;
}

export interface PublicNoticeEntryTable {
  notice_id: string;
  application_id: string;
  decision_id: string;
  position: number;
}

export interface PublicNoticeObjectionTable {
  id: string;
  notice_id: string;
  application_id: string;
  received_on: string;
  channel: string;
  objector: string;
  contact: string | null;
  content: string;
  recorded_at: string;
  recorded_by: string;
}

export type ObjectionState = 'received' | 'under_review' | 'upheld' | 'dismissed';

export interface PublicNoticeObjectionEventTable {
  seq: Generated<number>;
  objection_id: string;
  state: ObjectionState;
  note: string | null;
  at: string;
  by: string;
}

export interface PublicNoticeDocumentTable {
  notice_id: string;
  document_id: string;
}

type Tables = {
  public_notice: PublicNoticeTable;
  public_notice_entry: PublicNoticeEntryTable;
  public_notice_objection: PublicNoticeObjectionTable;
  public_notice_objection_event: PublicNoticeObjectionEventTable;
  public_notice_document: PublicNoticeDocumentTable;
};

const pn = (db: Db) => db.withTables<Tables>();

export type NoticeRow = Selectable<PublicNoticeTable>;
export type EntryRow = Selectable<PublicNoticeEntryTable>;
export type ObjectionRow = Selectable<PublicNoticeObjectionTable>;
export type ObjectionEventRow = Selectable<PublicNoticeObjectionEventTable>;

export async function insertNotice(db: Db, row: Insertable<PublicNoticeTable>, entries: Insertable<PublicNoticeEntryTable>[]) {
  await pn(db).insertInto('public_notice').values(row).execute();
  if (entries.length) await pn(db).insertInto('public_notice_entry').values(entries).execute();
}

export function getNotice(db: Db, id: string) {
  return pn(db).selectFrom('public_notice').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listNoticesOfRound(db: Db, roundId: string) {
  return pn(db).selectFrom('public_notice').selectAll().where('round_id', '=', roundId).orderBy('seq').execute();
}

export function listEntries(db: Db, noticeId: string) {
  return pn(db).selectFrom('public_notice_entry').selectAll().where('notice_id', '=', noticeId).orderBy('position').execute();
}

/** Applications already on a notice of the round (whatever became of them there). */
export async function applicationsOnNotices(db: Db, roundId: string): Promise<Set<string>> {
  const rows = await pn(db)
    .selectFrom('public_notice_entry as e')
    .innerJoin('public_notice as n', 'n.id', 'e.notice_id')
    .select('e.application_id')
    .where('n.round_id', '=', roundId)
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

export async function setFinal(db: Db, id: string, f: { finalised_at: string; finalised_by: string; final_end_on: string; final_list_json: string }) {
  await pn(db).updateTable('public_notice').set(f).where('id', '=', id).where('finalised_at', 'is', null).execute();
}

export async function insertObjection(db: Db, row: Insertable<PublicNoticeObjectionTable>) {
  await pn(db).insertInto('public_notice_objection').values(row).execute();
}

export function getObjection(db: Db, id: string) {
  return pn(db).selectFrom('public_notice_objection').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listObjections(db: Db, noticeId: string) {
  return pn(db).selectFrom('public_notice_objection').selectAll().where('notice_id', '=', noticeId).orderBy('received_on').orderBy('recorded_at').execute();
}

export async function insertObjectionEvent(db: Db, row: Insertable<PublicNoticeObjectionEventTable>) {
  await pn(db).insertInto('public_notice_objection_event').values(row).execute();
}

export function listObjectionEvents(db: Db, noticeId: string) {
  return pn(db)
    .selectFrom('public_notice_objection_event as ev')
    .innerJoin('public_notice_objection as o', 'o.id', 'ev.objection_id')
    .selectAll('ev')
    .where('o.notice_id', '=', noticeId)
    .orderBy('ev.seq')
    .execute();
}

export async function linkNoticeDocument(db: Db, noticeId: string, documentId: string) {
  await pn(db).insertInto('public_notice_document').values({ notice_id: noticeId, document_id: documentId }).execute();
}

/** The latest document issued for a notice. */
export async function latestNoticeDocumentId(db: Db, noticeId: string): Promise<string | null> {
  const r = await pn(db)
    .selectFrom('public_notice_document as l')
    .innerJoin('document as d', 'd.id', 'l.document_id')
    .select('d.id')
    .where('l.notice_id', '=', noticeId)
    .orderBy('d.created_at', 'desc')
    .orderBy(sql`d.rowid`, 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** The end date of the finalised notice an application was finally listed on (null when none). */
export async function finalNoticeOf(db: Db, applicationId: string): Promise<{ noticeId: string; endOn: string } | null> {
  const rows = await pn(db)
    .selectFrom('public_notice_entry as e')
    .innerJoin('public_notice as n', 'n.id', 'e.notice_id')
    .select(['n.id as id', 'n.final_end_on as final_end_on', 'n.final_list_json as final_list_json'])
    .where('e.application_id', '=', applicationId)
    .where('n.finalised_at', 'is not', null)
    .execute();
  for (const r of rows) {
    const list = JSON.parse(r.final_list_json ?? '[]') as { applicationId: string }[];
    if (r.final_end_on && list.some((x) => x.applicationId === applicationId)) return { noticeId: r.id, endOn: r.final_end_on };
  }
  return null;
}
