import type { Db } from '../db/queries/types';
import type { RoundRow } from '../db/queries/rounds';
import { listApplications } from '../db/queries/applications';
import { listMaterialChecksOfRound, listNoticesOfRound } from '../db/queries/formalCheck';
import type { WorkingDayCalendar } from '../shared/calendar/workingDays';
import type { Round, RoundSummary, QuotaPlan } from '../shared/domain/round';
import type { ApplicationSummary } from '../shared/domain/application';
import type { RegionProfile } from '../shared/profiles/schema';
import { loadProfile } from './profiles';
import { groupBy } from '../shared/util/groupBy';
import { applicationData, applicationSummary, applicationView, materialChecks } from './views';

export function roundView(row: RoundRow, profile: RegionProfile): Round {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    code: row.code,
    profileId: row.profile_id,
    profileVersion: row.profile_version,
    profileName: profile.name,
    quota: JSON.parse(row.quota_json) as QuotaPlan,
    openedOn: row.opened_on,
    status: row.status,
    closedAt: row.closed_at,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** Everything the round screens show, built with one query per table. */
export async function roundOverview(
  db: Db,
  row: RoundRow,
  cal: WorkingDayCalendar,
  today: string,
): Promise<{ round: RoundSummary; applications: ApplicationSummary[] }> {
  const profile = await loadProfile(db, row.profile_id, row.profile_version);
  const [apps, checks, notices] = await Promise.all([
    listApplications(db, row.id),
    listMaterialChecksOfRound(db, row.id),
    listNoticesOfRound(db, row.id),
  ]);
  const checksByApp = groupBy(checks, (c) => c.application_id);
  const noticeByApp = new Map(notices.map((n) => [n.application_id, n]));

  const applications = apps.map((a) => {
    const notice = noticeByApp.get(a.id);
    const view = applicationView(a, profile, notice, cal, today);
    const materials = materialChecks(profile, applicationData(a), (checksByApp.get(a.id) ?? []).map((c) => ({ ...c, note: null })));
    return applicationSummary(view, materials);
  });

  // The round's next deadline: an open 补正 deadline needs action even once past
  // (the clerk must close it); a review deadline matters while it is ahead.
  const live = applications.filter((a) => a.status !== 'withdrawn' && a.status !== 'not_accepted');
  const candidates = [
    ...live
      .filter((a) => a.status === 'supplement_requested' && a.supplementDeadline)
      .map((a) => ({ ...a.supplementDeadline!, kind: 'supplement' as const, applicationId: a.id, applicationNo: a.applicationNo, what: `${a.name} 补正期限` })),
    ...live
      .filter((a) => a.reviewDeadline.date >= today)
      .map((a) => ({ ...a.reviewDeadline, kind: 'review' as const, applicationId: a.id, applicationNo: a.applicationNo, what: `${a.name} 审核期限` })),
  ].sort((x, y) => x.date.localeCompare(y.date));

  return {
    round: {
      ...roundView(row, profile),
      applicationCount: applications.length,
      pendingFormalCheck: applications.filter((a) => a.status === 'registered').length,
      openNotices: applications.filter((a) => a.status === 'supplement_requested').length,
      nextDeadline: candidates[0] ?? null,
    },
    applications,
  };
}
