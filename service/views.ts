import type { RegionProfile } from '../shared/profiles/schema';
import { applicableMaterials } from '../shared/profiles';
import { formatCitation } from '../shared/profiles/schema';
import type { WorkingDayCalendar } from '../shared/calendar/workingDays';
import {
  staffToBedRatio,
  type Application,
  type ApplicationData,
  type ApplicationStatus,
  type ApplicationSummary,
  type Deadline,
} from '../shared/domain/application';
import type { MaterialCheck, MaterialState, SupplementNotice } from '../shared/domain/formalCheck';
import type { ApplicationRow } from '../db/queries/applications';
import type { MaterialCheckRow, SupplementNoticeRow } from '../db/queries/formalCheck';

/**
 * Row → API shapes. Deadlines are computed here on every read from the stored
 * dates, so a newly entered holiday year moves them without a migration.
 */

export function applicationData(row: ApplicationRow): ApplicationData {
  return JSON.parse(row.data_json) as ApplicationData;
}

export function materialChecks(profile: RegionProfile, data: ApplicationData, rows: Pick<MaterialCheckRow, 'material_id' | 'state' | 'note'>[]): MaterialCheck[] {
  const byId = new Map(rows.map((r) => [r.material_id, r]));
  return applicableMaterials(profile, { institutionType: data.institutionType, serviceTypes: data.serviceTypes }).map((m) => {
    const r = byId.get(m.id);
    return {
      materialId: m.id,
      title: m.title,
      detail: m.detail,
      citation: formatCitation(m.source),
      state: (r?.state ?? 'pending') as MaterialState,
      note: r?.note ?? null,
    };
  });
}

export function noticeView(row: SupplementNoticeRow, profile: RegionProfile, cal: WorkingDayCalendar): SupplementNotice {
  return {
    id: row.id,
    issuedOn: row.issued_on,
    workingDays: row.working_days,
    deadline: cal.addWorkingDays(row.issued_on, row.working_days),
    citation: formatCitation(profile.supplement.source),
    missingItems: JSON.parse(row.missing_json) as { materialId: string; title: string }[],
    fulfilledOn: row.fulfilled_on,
    outcome: row.outcome,
  };
}

/** Calendar days the 3-month clock stood still while the applicant supplemented (000 第十五条). */
export function pausedDays(notice: SupplementNoticeRow | undefined, today: string): number {
  if (!notice) return 0;
  const end = notice.fulfilled_on ?? (notice.outcome === 'open' ? today : notice.issued_on);
  return Math.max(0, daysBetween(notice.issued_on, end));
}

export function reviewDeadline(profile: RegionProfile, receivedOn: string, paused: number, cal: WorkingDayCalendar): Deadline {
  const base = cal.addCalendarMonths(receivedOn, profile.reviewTimeLimit.months);
  return { date: addDays(base, paused), provisional: false };
}

export function applicationView(
  row: ApplicationRow,
  profile: RegionProfile,
  notice: SupplementNoticeRow | undefined,
  cal: WorkingDayCalendar,
  today: string,
): Application {
  const data = applicationData(row);
  const reason = row.not_accepted_reason_id
    ? profile.notAcceptedReasons.find((r) => r.id === row.not_accepted_reason_id)
    : undefined;
  return {
    id: row.id,
    roundId: row.round_id,
    applicationNo: row.application_no,
    status: row.status as ApplicationStatus,
    data,
    staffToBedRatio: staffToBedRatio(data.careStaff, data.careBeds),
    notAccepted: row.not_accepted_reason_id
      ? {
          reasonId: row.not_accepted_reason_id,
          reasonTitle: reason?.title ?? row.not_accepted_reason_id,
          citation: reason ? formatCitation(reason.source) : '',
          note: row.not_accepted_note,
        }
      : null,
    reviewDeadline: reviewDeadline(profile, data.receivedOn, pausedDays(notice, today), cal),
    supplementDeadline: notice ? cal.addWorkingDays(notice.issued_on, notice.working_days) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function applicationSummary(app: Application, materials: MaterialCheck[]): ApplicationSummary {
  return {
    id: app.id,
    applicationNo: app.applicationNo,
    status: app.status,
    staffToBedRatio: app.staffToBedRatio,
    reviewDeadline: app.reviewDeadline,
    supplementDeadline: app.supplementDeadline,
    name: app.data.name,
    uscc: app.data.uscc,
    institutionType: app.data.institutionType,
    serviceTypes: app.data.serviceTypes,
    receivedOn: app.data.receivedOn,
    materialsMissing: materials.filter((m) => m.state === 'missing').length,
    materialsPending: materials.filter((m) => m.state === 'pending').length,
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
