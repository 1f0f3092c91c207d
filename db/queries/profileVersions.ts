import type { Db } from './types';

/**
 * Profile versions beyond the builtin seed: agency copies and their edits.
 * A stored (id, version) row is never updated; an edit inserts the next version.
 */

export async function insertProfileVersion(db: Db, p: { id: string; version: number; json: string }, now: string) {
  await db.insertInto('region_profile').values({ id: p.id, version: p.version, json: p.json, builtin: 0, created_at: now }).execute();
}

/** Every version of one profile, newest first. */
export function listProfileVersions(db: Db, id: string) {
  return db.selectFrom('region_profile').select(['id', 'version', 'json', 'builtin', 'created_at']).where('id', '=', id).orderBy('version', 'desc').execute();
}

export async function profileExists(db: Db, id: string): Promise<boolean> {
  const r = await db.selectFrom('region_profile').select('id').where('id', '=', id).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** How many rounds keep each version of a profile. */
export async function countRoundsByVersion(db: Db, id: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('round')
    .select(['profile_version', (eb) => eb.fn.countAll<number>().as('n')])
    .where('profile_id', '=', id)
    .groupBy('profile_version')
    .execute();
  return new Map(rows.map((r) => [r.profile_version, Number(r.n)]));
}
