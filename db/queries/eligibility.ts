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

/** What the round's eligibility reads of each application: its stored data, and what a summary shows. */
export function listApplicationsForEligibility(db: Db, roundId: string) {
  return db.selectFrom('application').select(['id', 'application_no', 'name', 'status', 'data_json']).where('round_id', '=', roundId).orderBy('seq').execute();
}

export type EligibilityApplicationRow = Awaited<ReturnType<typeof listApplicationsForEligibility>>[number];
