import type { HandlerSlice } from './types';
import { listLatestProfiles } from '../../db/queries/profiles';
import { regionProfileSchema } from '../../shared/profiles/schema';
import { loadProfile } from '../profiles';

export const profileHandlers: HandlerSlice<'profiles.list' | 'profiles.get'> = {
  async 'profiles.list'(ctx) {
    const rows = await listLatestProfiles(ctx.db);
    return rows.map((r) => {
      const p = regionProfileSchema.parse(JSON.parse(r.json));
      return {
        id: p.id,
        version: p.version,
        name: p.name,
        shortName: p.shortName,
        supplementWorkingDays: p.supplement.workingDays,
        panelMinMembers: p.panel.minMembers,
        materialsCount: p.materials.length,
      };
    });
  },
  async 'profiles.get'(ctx, { id, version }) {
    return loadProfile(ctx.db, id, version);
  },
};
