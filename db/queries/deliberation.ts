import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  ApplicationLinkTable,
  DeliberationArrivalTable,
  DeliberationAttendanceTable,
  DeliberationDecisionTable,
  DeliberationMeetingTable,
  DeliberationResponseTable,
  DeliberationSealTable,
  DeliberationSubstituteTable,
  DeliberationVoteTable,
  ResultDeliveryTable,
} from '../schema';
import type { Db } from './types';

/** 集体评议: meetings, votes, decisions, minutes responses and seals; result deliveries and re-review links. */

export type MeetingRow = Selectable<DeliberationMeetingTable>;
export type AttendanceRow = Selectable<DeliberationAttendanceTable>;
export type ArrivalRow = Selectable<DeliberationArrivalTable>;
export type SubstituteRow = Selectable<DeliberationSubstituteTable> & { name: string; employer: string | null; pin_hash: string | null };
export type VoteRow = Selectable<DeliberationVoteTable>;
export type DecisionRow = Selectable<DeliberationDecisionTable>;
export type ResponseRow = Selectable<DeliberationResponseTable>;
export type SealRow = Selectable<DeliberationSealTable>;
export type DeliveryRow = Selectable<ResultDeliveryTable>;
export type LinkRow = Selectable<ApplicationLinkTable>;

// --- meetings -----------------------------------------------------------------

export async function insertMeeting(db: Db, row: Insertable<DeliberationMeetingTable>) {
  await db.insertInto('deliberation_meeting').values(row).execute();
}

export function getMeeting(db: Db, id: string) {
  return db.selectFrom('deliberation_meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMeetingsOfRound(db: Db, roundId: string) {
  return db.selectFrom('deliberation_meeting').selectAll().where('round_id', '=', roundId).orderBy('seq').execute();
}

export async function insertAgenda(db: Db, meetingId: string, order: readonly string[], at: string, by: string) {
  await db.insertInto('deliberation_agenda').values({ meeting_id: meetingId, order_json: JSON.stringify(order), set_at: at, set_by: by }).execute();
}

export async function currentAgenda(db: Db, meetingId: string): Promise<string[]> {
  const row = await db.selectFrom('deliberation_agenda').select('order_json').where('meeting_id', '=', meetingId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? (JSON.parse(row.order_json) as string[]) : [];
}

export async function insertAttendance(db: Db, rows: Insertable<DeliberationAttendanceTable>[]) {
  if (rows.length > 0) await db.insertInto('deliberation_attendance').values(rows).execute();
}

export function listAttendance(db: Db, meetingId: string) {
  return db.selectFrom('deliberation_attendance').selectAll().where('meeting_id', '=', meetingId).execute();
}

export async function insertArrival(db: Db, row: Insertable<DeliberationArrivalTable>) {
  await db.insertInto('deliberation_arrival').values(row).execute();
}

export function listArrivals(db: Db, meetingId: string) {
  return db.selectFrom('deliberation_arrival').selectAll().where('meeting_id', '=', meetingId).orderBy('arrived_at').execute();
}

export async function insertSubstitute(db: Db, row: Insertable<DeliberationSubstituteTable>) {
  await db.insertInto('deliberation_substitute').values(row).execute();
}

export function listSubstitutes(db: Db, meetingId: string): Promise<SubstituteRow[]> {
  return db
    .selectFrom('deliberation_substitute')
    .innerJoin('person', 'person.id', 'deliberation_substitute.person_id')
    .selectAll('deliberation_substitute')
    .select(['person.name as name', 'person.employer as employer', 'person.pin_hash as pin_hash'])
    .where('deliberation_substitute.meeting_id', '=', meetingId)
    .orderBy('deliberation_substitute.added_at')
    .execute();
}

// --- votes and decisions --------------------------------------------------------

export async function insertVote(db: Db, row: Insertable<DeliberationVoteTable>) {
  await db.insertInto('deliberation_vote').values(row).execute();
}

/** Every vote of a meeting in the order cast (rowid breaks same-instant ties). */
export function listVotes(db: Db, meetingId: string, applicationId?: string) {
  let q = db.selectFrom('deliberation_vote').selectAll().where('meeting_id', '=', meetingId);
  if (applicationId) q = q.where('application_id', '=', applicationId);
  return q.orderBy('cast_at').orderBy(sql`rowid`).execute();
}

export async function insertDecision(db: Db, row: Insertable<DeliberationDecisionTable>) {
  await db.insertInto('deliberation_decision').values(row).execute();
}

export function listDecisions(db: Db, meetingId: string, applicationId?: string) {
  let q = db.selectFrom('deliberation_decision').selectAll().where('meeting_id', '=', meetingId);
  if (applicationId) q = q.where('application_id', '=', applicationId);
  return q.orderBy('decided_at').orderBy(sql`rowid`).execute();
}

/** Decisions of the given applications in sealed meetings (final), with the meeting date. */
export function listSealedDecisionsOf(db: Db, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deliberation_decision as d')
    .innerJoin('deliberation_seal as s', 's.meeting_id', 'd.meeting_id')
    .innerJoin('deliberation_meeting as m', 'm.id', 'd.meeting_id')
    .selectAll('d')
    .select(['m.held_on as held_on', 'm.round_id as round_id', 's.sealed_at as sealed_at'])
    .where('d.application_id', 'in', applicationIds)
    .orderBy('s.sealed_at')
    .orderBy('d.decided_at')
    .execute();
}

// --- minutes ----------------------------------------------------------------------

export async function insertResponse(db: Db, row: Insertable<DeliberationResponseTable>) {
  await db.insertInto('deliberation_response').values(row).execute();
}

export function listResponses(db: Db, meetingId: string) {
  return db.selectFrom('deliberation_response').selectAll().where('meeting_id', '=', meetingId).orderBy('at').orderBy(sql`rowid`).execute();
}

export async function insertSeal(db: Db, row: Insertable<DeliberationSealTable>) {
  await db.insertInto('deliberation_seal').values(row).execute();
}

export function getSeal(db: Db, meetingId: string) {
  return db.selectFrom('deliberation_seal').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
}

export function listSeals(db: Db) {
  return db.selectFrom('deliberation_seal').select(['meeting_id', 'audit_seq', 'audit_hash', 'minutes_hash', 'minutes_json']).orderBy('audit_seq').execute();
}

// --- consequences -------------------------------------------------------------------

export async function insertDelivery(db: Db, row: Insertable<ResultDeliveryTable>) {
  await db.insertInto('result_delivery').values(row).execute();
}

/** Deliveries of an application, oldest first (the last one not superseded is current). */
export function listDeliveries(db: Db, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('result_delivery').selectAll().where('application_id', 'in', applicationIds).orderBy('recorded_at').orderBy(sql`rowid`).execute();
}

export function getLink(db: Db, applicationId: string) {
  return db.selectFrom('application_link').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export function listLinks(db: Db, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('application_link').selectAll().where('application_id', 'in', applicationIds).execute();
}

export async function upsertLink(db: Db, row: Insertable<ApplicationLinkTable>) {
  await db
    .insertInto('application_link')
    .values(row)
    .onConflict((oc) => oc.column('application_id').doUpdateSet({ previous_application_id: row.previous_application_id, previous_decision_id: row.previous_decision_id, kind: row.kind, linked_at: row.linked_at }))
    .execute();
}

export async function deleteLink(db: Db, applicationId: string) {
  await db.deleteFrom('application_link').where('application_id', '=', applicationId).execute();
}

/** Other applications of an institution (by USCC), with their round. */
export function listApplicationsByUscc(db: Db, uscc: string) {
  return db
    .selectFrom('application as a')
    .innerJoin('round as r', 'r.id', 'a.round_id')
    .select(['a.id as id', 'a.application_no as application_no', 'a.name as name', 'a.round_id as round_id', 'a.received_on as received_on', 'r.name as round_name', 'r.profile_id as profile_id', 'r.profile_version as profile_version'])
    .where('a.uscc', '=', uscc)
    .execute();
}

export function getAuditHead(db: Db) {
  return db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
}
