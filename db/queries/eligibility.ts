import { sql } from 'kysely';
import type { Db } from './types';
import type { OfflinePackageApplicationTable } from './offline';

/**
 * What a round package says about its applicants' 基础性指标 (migration 006,
 * table offline_package_application): on a member's laptop this, not the
 * allow-listed application data, is the eligibility of a package round.
 * Read-only here; db/queries/offline.ts writes it.
 */
const withPackaged = (db: Db) => db.withTables<{ offline_package_application: OfflinePackageApplicationTable }>();

/** Every packaged eligibility of a round: empty on the clerk's laptop (a round there is never a package round). */
export function listPackagedEligibility(db: Db, roundId: string) {
  return withPackaged(db).selectFrom('offline_package_application').select(['application_id', 'eligibility_json']).where('round_id', '=', roundId).execute();
}

/**
 * What the round's eligibility reads of each application: its stored data,
 * what a summary shows, and its marks' stamp — how many marks it has and its
 * newest mark's seq, read from the (application_id, item_id, seq) index alone
 * ('0:' when none). Marks are only ever appended and seq is AUTOINCREMENT, so
 * two committed states with the same stamp hold the same marks.
 */
export async function listApplicationsForEligibility(db: Db, roundId: string) {
  const r = await sql<{ id: string; application_no: string; name: string; status: string; data_json: string; stamp: string }>`
    select a.id, a.application_no, a.name, a.status, a.data_json,
      (select count(*) || ':' || ifnull(max(m.seq), '') from review_checklist_mark m where m.application_id = a.id) as stamp
    from application a
    where a.round_id = ${roundId}
    order by a.seq`.execute(db);
  return r.rows;
}

export type EligibilityApplicationRow = Awaited<ReturnType<typeof listApplicationsForEligibility>>[number];
