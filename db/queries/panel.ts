import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { ConflictTable, PersonTable } from '../schema';
import type { Db } from './types';

/** People, panels, the chair's gap acknowledgements and 回避 records. */

export type PersonRow = Selectable<PersonTable>;
export type ConflictRow = Selectable<ConflictTable>;

export async function insertPerson(db: Db, row: Insertable<PersonTable>) {
  await db.insertInto('person').values(row).execute();
}

export async function updatePerson(db: Db, id: string, patch: Updateable<PersonTable>) {
  await db.updateTable('person').set(patch).where('id', '=', id).execute();
}

export function getPerson(db: Db, id: string) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every person, most recently changed first (a few hundred at most; the caller filters). */
export function listPersons(db: Db) {
  return db.selectFrom('person').selectAll().orderBy('updated_at', 'desc').execute();
}

export async function setPersonPin(db: Db, id: string, pinHash: string | null, now: string) {
  await db.updateTable('person').set({ pin_hash: pinHash, updated_at: now }).where('id', '=', id).execute();
}

const memberColumns = [
  'panel_member.id as id',
  'panel_member.round_id as round_id',
  'panel_member.person_id as person_id',
  'panel_member.role as role',
  'panel_member.added_at as added_at',
  'person.name as name',
  'person.fields_json as fields_json',
  'person.employer as employer',
  'person.contact as contact',
  'person.pin_hash as pin_hash',
] as const;

/** The panel of a round with each member's person, in the order they were added (rowid breaks same-instant ties). */
export function listPanelMembers(db: Db, roundId: string) {
  return db
    .selectFrom('panel_member')
    .innerJoin('person', 'person.id', 'panel_member.person_id')
    .select(memberColumns)
    .where('panel_member.round_id', '=', roundId)
    .orderBy('panel_member.added_at')
    .orderBy(sql`panel_member.rowid`)
    .execute();
}
export type PanelMemberRow = Awaited<ReturnType<typeof listPanelMembers>>[number];

export function getPanelMember(db: Db, memberId: string) {
  return db
    .selectFrom('panel_member')
    .innerJoin('person', 'person.id', 'panel_member.person_id')
    .select(memberColumns)
    .where('panel_member.id', '=', memberId)
    .executeTakeFirst();
}

/** The rounds whose panel a person sits on. */
export function listPanelRoundsOfPerson(db: Db, personId: string) {
  return db.selectFrom('panel_member').select(['round_id', 'id']).where('person_id', '=', personId).execute();
}

export function findPanelMemberByPerson(db: Db, roundId: string, personId: string) {
  return db.selectFrom('panel_member').select('id').where('round_id', '=', roundId).where('person_id', '=', personId).executeTakeFirst();
}

export async function insertPanelMember(db: Db, row: { id: string; round_id: string; person_id: string; role: 'chair' | 'member'; added_at: string }) {
  await db.insertInto('panel_member').values(row).execute();
}

export async function deletePanelMember(db: Db, memberId: string) {
  await db.deleteFrom('panel_gap_ack').where('member_id', '=', memberId).execute();
  await db.deleteFrom('conflict').where('member_id', '=', memberId).execute();
  await db.deleteFrom('panel_member').where('id', '=', memberId).execute();
}

/** Makes `memberId` the only chair of the round (demote first: one chair per round is a unique index). */
export async function setChair(db: Db, roundId: string, memberId: string) {
  await db.updateTable('panel_member').set({ role: 'member' }).where('round_id', '=', roundId).where('role', '=', 'chair').execute();
  await db.updateTable('panel_member').set({ role: 'chair' }).where('id', '=', memberId).execute();
}

export function listGapAcks(db: Db, roundId: string) {
  return db
    .selectFrom('panel_gap_ack')
    .innerJoin('panel_member', 'panel_member.id', 'panel_gap_ack.member_id')
    .innerJoin('person', 'person.id', 'panel_member.person_id')
    .select(['panel_gap_ack.field', 'panel_gap_ack.note', 'panel_gap_ack.member_id', 'panel_gap_ack.acknowledged_at', 'person.name as by_name'])
    .where('panel_gap_ack.round_id', '=', roundId)
    .execute();
}

export async function upsertGapAck(db: Db, row: { round_id: string; field: string; note: string; member_id: string; acknowledged_at: string }) {
  await db
    .insertInto('panel_gap_ack')
    .values(row)
    .onConflict((oc) => oc.columns(['round_id', 'field']).doUpdateSet({ note: row.note, member_id: row.member_id, acknowledged_at: row.acknowledged_at }))
    .execute();
}

export function listConflicts(db: Db, roundId: string) {
  return db.selectFrom('conflict').selectAll().where('round_id', '=', roundId).execute();
}

export function getConflict(db: Db, memberId: string, applicationId: string) {
  return db.selectFrom('conflict').selectAll().where('member_id', '=', memberId).where('application_id', '=', applicationId).executeTakeFirst();
}

/** The current decision for a member × applicant; the audit log keeps every earlier one. */
export async function upsertConflict(db: Db, row: Insertable<ConflictTable>) {
  await db
    .insertInto('conflict')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['member_id', 'application_id']).doUpdateSet({
        decision: row.decision,
        kind: row.kind ?? null,
        note: row.note ?? null,
        source: row.source,
        flag_reason: row.flag_reason ?? null,
        decided_by: row.decided_by,
        decided_at: row.decided_at,
      }),
    )
    .execute();
}

/**
 * Applicant facts scoring and the conflict check read, for a whole round in one
 * query; SQLite extracts the few JSON fields, so 1,000 申请表 are not parsed in JS.
 */
export function listApplicantsForPanel(db: Db, roundId: string) {
  return db
    .selectFrom('application')
    .select([
      'id',
      'application_no',
      'name',
      'status',
      'institution_type',
      sql<string>`json_extract(data_json, '$.serviceTypes')`.as('service_types_json'),
      sql<string>`json_extract(data_json, '$.legalRep.name')`.as('legal_rep'),
      sql<string>`json_extract(data_json, '$.principal.name')`.as('principal'),
      sql<string>`json_extract(data_json, '$.actualController.name')`.as('actual_controller'),
    ])
    .where('round_id', '=', roundId)
    .orderBy('seq')
    .execute();
}
