import { regionProfileSchema, type RegionProfile } from '../shared/profiles/schema';
import { BUILTIN_PROFILES } from '../shared/profiles';
import { getProfileJson, upsertBuiltinProfile } from '../db/queries/profiles';
import type { Db } from '../db/queries/types';
import { notFound } from './errors';

// A stored profile version never changes, so parsed copies can be shared.
const parsed = new Map<string, RegionProfile>();

export async function loadProfile(db: Db, id: string, version?: number): Promise<RegionProfile> {
  if (version !== undefined) {
    const hit = parsed.get(`${id}@${version}`);
    if (hit) return hit;
  }
  const row = await getProfileJson(db, id, version);
  if (!row) notFound('地区政策配置', `${id}@${version ?? 'latest'}`);
  const p = regionProfileSchema.parse(JSON.parse(row.json));
  parsed.set(`${row.id}@${row.version}`, p);
  return p;
}

/** Stores each builtin profile version once; rounds then refer to it by id and version. */
export async function seedBuiltinProfiles(db: Db, now: string) {
  for (const p of BUILTIN_PROFILES) {
    await upsertBuiltinProfile(db, { id: p.id, version: p.version, json: JSON.stringify(p) }, now);
  }
}
