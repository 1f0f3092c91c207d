import type { Db } from './types';

export async function upsertBuiltinProfile(db: Db, p: { id: string; version: number; json: string }, now: string) {
  await db
    .insertInto('region_profile')
    .values({ id: p.id, version: p.version, json: p.json, builtin: 1, created_at: now })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
}

export function getProfileJson(db: Db, id: string, version?: number) {
  let q = db.selectFrom('region_profile').select(['id', 'version', 'json']).where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The newest version of each profile. */
export async function listLatestProfiles(db: Db) {
  const rows = await db.selectFrom('region_profile').select(['id', 'version', 'json']).orderBy('id').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
