import { sql, type Kysely } from 'kysely';

/**
 * 集体评议 (issue 6) and the audit head.
 *
 * - deliberation_meeting: a meeting of a round's panel (date, place, chair, the
 *   tie rule it applies). One unsealed meeting per round at a time (checked by
 *   the service).
 * - deliberation_agenda: the discussion order, append-only (latest row wins).
 * - deliberation_attendance: present / absent per panel member, written when
 *   the meeting opens.
 * - deliberation_substitute: a 候补成员 standing in for a recused or absent
 *   member, for one applicant.
 * - deliberation_vote: append-only; a change is a new row whose `supersedes`
 *   names the vote it replaces. One chain per (meeting, applicant, ballot,
 *   voter). A ballot is 1 + the held (暂缓) decisions before it.
 * - deliberation_decision: append-only with supersedes, one chain per
 *   (meeting, applicant, ballot).
 * - deliberation_response: each signer's confirmation or refusal of the
 *   minutes, naming the minutes hash it was given for; append-only.
 * - deliberation_seal: the sealed minutes (JSON, sha256) and the audit head at
 *   sealing. After this row exists, triggers refuse any insert into the
 *   meeting's tables.
 * - result_delivery: when the result letter reached the applicant (start of the
 *   rectification window), append-only with supersedes.
 * - application_link: an application's earlier decision of the same
 *   institution (USCC) in another round: a re-review, or a fresh application.
 * - audit_head: the last entry's seq and hash and the entry count, kept by a
 *   trigger in the same transaction as every audit insert, so deleting the
 *   last entries of the chain is detected (the chain alone cannot see that).
 *
 * Every table above except application_link refuses UPDATE and DELETE by
 * trigger, and so does audit_log: the app never changes a record, and anyone
 * who does must first drop a trigger — which the hash chain then exposes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliberation_meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('round.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair_member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('tie_rule', 'text', (c) => c.notNull().check(sql`tie_rule in ('revote_substitute','chair_casting')`))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliberation_meeting_round_seq_uq', ['round_id', 'seq'])
    .execute();

  await db.schema
    .createTable('deliberation_agenda')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('order_json', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliberation_agenda_meeting_idx').on('deliberation_agenda').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('deliberation_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('present', 'integer', (c) => c.notNull().check(sql`present in (0, 1)`))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('deliberation_attendance_pk', ['meeting_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('deliberation_substitute')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('replaces_member_id', 'text', (c) => c.notNull().references('panel_member.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliberation_substitute_replaces_uq', ['meeting_id', 'application_id', 'replaces_member_id'])
    .addUniqueConstraint('deliberation_substitute_person_uq', ['meeting_id', 'application_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('deliberation_vote')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('ballot', 'integer', (c) => c.notNull().check(sql`ballot >= 1`))
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('voter_kind', 'text', (c) => c.notNull().check(sql`voter_kind in ('member','substitute')`))
    .addColumn('choice', 'text', (c) => c.notNull().check(sql`choice in ('pass','fail')`))
    .addColumn('reason', 'text')
    .addColumn('supersedes', 'text', (c) => c.references('deliberation_vote.id'))
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addColumn('cast_by', 'text', (c) => c.notNull())
    // a 不合格 vote always carries its reason, whatever writes the row
    .addCheckConstraint('deliberation_vote_fail_reason_ck', sql`choice = 'pass' or (reason is not null and length(trim(reason)) > 0)`)
    .execute();
  await sql`create unique index deliberation_vote_root_uq on deliberation_vote(meeting_id, application_id, ballot, voter_id) where supersedes is null`.execute(db);
  await sql`create unique index deliberation_vote_supersedes_uq on deliberation_vote(supersedes) where supersedes is not null`.execute(db);
  await db.schema.createIndex('deliberation_vote_meeting_idx').on('deliberation_vote').columns(['meeting_id', 'application_id']).execute();

  await db.schema
    .createTable('deliberation_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('ballot', 'integer', (c) => c.notNull().check(sql`ballot >= 1`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('pass','fail','held')`))
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('majority','casting','tie')`))
    .addColumn('tally_json', 'text', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('advice_json', 'text', (c) => c.notNull())
    .addColumn('override_json', 'text')
    .addColumn('tie_json', 'text')
    .addColumn('supersedes', 'text', (c) => c.references('deliberation_decision.id'))
    .addColumn('change_reason', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index deliberation_decision_root_uq on deliberation_decision(meeting_id, application_id, ballot) where supersedes is null`.execute(db);
  await sql`create unique index deliberation_decision_supersedes_uq on deliberation_decision(supersedes) where supersedes is not null`.execute(db);
  await db.schema.createIndex('deliberation_decision_app_idx').on('deliberation_decision').columns(['application_id']).execute();

  await db.schema
    .createTable('deliberation_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('deliberation_meeting.id'))
    .addColumn('signer_id', 'text', (c) => c.notNull())
    .addColumn('signer_kind', 'text', (c) => c.notNull().check(sql`signer_kind in ('member','substitute')`))
    .addColumn('minutes_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull().check(sql`response in ('confirm','refuse')`))
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addCheckConstraint('deliberation_response_refuse_reason_ck', sql`response = 'confirm' or (reason is not null and length(trim(reason)) > 0)`)
    .execute();
  await db.schema.createIndex('deliberation_response_meeting_idx').on('deliberation_response').columns(['meeting_id']).execute();

  await db.schema
    .createTable('deliberation_seal')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('deliberation_meeting.id'))
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('sealed_by', 'text', (c) => c.notNull())
    .addColumn('minutes_hash', 'text', (c) => c.notNull())
    .addColumn('minutes_json', 'text', (c) => c.notNull())
    .addColumn('responses_json', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('audit_hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('result_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull().references('deliberation_decision.id'))
    .addColumn('delivered_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('supersedes', 'text', (c) => c.references('result_delivery.id'))
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index result_delivery_root_uq on result_delivery(application_id) where supersedes is null`.execute(db);
  await sql`create unique index result_delivery_supersedes_uq on result_delivery(supersedes) where supersedes is not null`.execute(db);

  await db.schema
    .createTable('application_link')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('application.id'))
    .addColumn('previous_application_id', 'text', (c) => c.notNull().references('application.id'))
    .addColumn('previous_decision_id', 'text', (c) => c.notNull().references('deliberation_decision.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('after_pass','re_review','after_window','after_bar')`))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_link_previous_idx').on('application_link').column('previous_application_id').execute();

  // --- audit head ----------------------------------------------------------
  await sql`create table audit_head (
    id integer primary key check (id = 1),
    seq integer not null,
    hash text not null,
    count integer not null
  )`.execute(db);
  await sql`insert into audit_head (id, seq, hash, count)
    select 1, coalesce(max(seq), 0), coalesce((select hash from audit_log order by seq desc limit 1), ${'0'.repeat(64)}), count(*) from audit_log`.execute(db);
  await sql`create trigger audit_log_head_ai after insert on audit_log begin
    update audit_head set seq = new.seq, hash = new.hash, count = count + 1 where id = 1;
  end`.execute(db);
  await sql`create trigger audit_head_no_delete before delete on audit_head begin
    select raise(abort, '审计日志头记录不能删除');
  end`.execute(db);

  // --- append-only, and nothing into a sealed meeting -----------------------
  const appendOnly = ['audit_log', 'deliberation_meeting', 'deliberation_agenda', 'deliberation_attendance', 'deliberation_substitute', 'deliberation_vote', 'deliberation_decision', 'deliberation_response', 'deliberation_seal', 'result_delivery'];
  for (const t of appendOnly) {
    await sql.raw(`create trigger ${t}_no_update before update on ${t} begin select raise(abort, '${t}: 记录只能追加，不能修改'); end`).execute(db);
    await sql.raw(`create trigger ${t}_no_delete before delete on ${t} begin select raise(abort, '${t}: 记录只能追加，不能删除'); end`).execute(db);
  }
  for (const t of ['deliberation_agenda', 'deliberation_attendance', 'deliberation_substitute', 'deliberation_vote', 'deliberation_decision', 'deliberation_response']) {
    await sql
      .raw(
        `create trigger ${t}_sealed before insert on ${t} when exists (select 1 from deliberation_seal s where s.meeting_id = new.meeting_id) begin select raise(abort, '会议已封存，不能再修改'); end`,
      )
      .execute(db);
  }
}
