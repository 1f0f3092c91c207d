import { sql, type Kysely } from 'kysely';

/**
 * 集体评议: a member who arrives after the meeting opened (迟到).
 *
 * Attendance is written when the meeting opens (005). deliberation_arrival
 * records, once per member and meeting, that an absent member arrived: when,
 * who recorded it (the presiding chair, under their PIN session), and which
 * agenda items the member joins (`joins_json`: [{ applicationId, fromBallot }]).
 * A member joins an item only from a ballot on which nobody had voted when
 * they arrived and that was not decided; an item already being voted on is
 * joined only if it is held (暂缓) and voted on again. Fixed at arrival, so a
 * later vote by others cannot change whom the late member may vote on.
 *
 * Append-only like the other meeting tables, and nothing once the meeting is
 * sealed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliberation_arrival')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('joins_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deliberation_arrival_pk', ['meeting_id', 'member_id'])
    .execute();
  await sql.raw(`create trigger deliberation_arrival_no_update before update on deliberation_arrival begin select raise(abort, 'deliberation_arrival: 记录只能追加，不能修改'); end`).execute(db);
  await sql.raw(`create trigger deliberation_arrival_no_delete before delete on deliberation_arrival begin select raise(abort, 'deliberation_arrival: 记录只能追加，不能删除'); end`).execute(db);
  await sql
    .raw(
      `create trigger deliberation_arrival_sealed before insert on deliberation_arrival when exists (select 1 from deliberation_seal s where s.meeting_id = new.meeting_id) begin select raise(abort, '会议已封存，不能再修改'); end`,
    )
    .execute(db);
  // only a member recorded absent when the meeting opened can arrive late
  await sql
    .raw(
      `create trigger deliberation_arrival_absent before insert on deliberation_arrival when not exists (select 1 from deliberation_attendance a where a.meeting_id = new.meeting_id and a.member_id = new.member_id and a.present = 0) begin select raise(abort, '只有开会时登记缺席的成员才能登记迟到到会'); end`,
    )
    .execute(db);
}
