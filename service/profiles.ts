import { regionProfileSchema, type RegionProfile } from '../shared/profiles/schema';
import { BUILTIN_PROFILES } from '../shared/profiles';
import { getProfileJson, upsertBuiltinProfile } from '../db/queries/profiles';
import type { Db } from '../db/queries/types';
import { notFound } from './errors';

// Parsing is what costs, not the primary-key read; keyed by the stored text so
// two databases in one process (tests, demo) can never share a wrong copy.
const parsedByJson = new Map<string, RegionProfile>();

export async function loadProfile(db: Db, id: string, version?: number): Promise<RegionProfile> {
  const row = await getProfileJson(db, id, version);
  if (!row) notFound('地区政策配置', `${id}@${version ?? 'latest'}`);
  let p = parsedByJson.get(row.json);
  if (!p) {
    p = regionProfileSchema.parse(JSON.parse(row.json));
    parsedByJson.set(row.json, p);
  }
  return p;
}

/** Stores each builtin profile version once; rounds then refer to it by id and version. */
export async function seedBuiltinProfiles(db: Db, now: string) {
  for (const p of BUILTIN_PROFILES) {
    await upsertBuiltinProfile(db, { id: p.id, version: p.version, json: JSON.stringify(p) }, now);
  }
}
