import type { Generated } from 'kysely';

/** The SQLite schema as kysely sees it. One interface per table. */

export interface RegionProfileTable {
  id: string;
  version: number;
  /** the whole profile as JSON: a round keeps the exact version it started with */
  json: string;
  builtin: number;
  created_at: string;
}

export interface RoundTable {
  id: string;
  code: string;
  name: string;
  region: string;
  profile_id: string;
  profile_version: number;
  quota_json: string;
  opened_on: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  note: string | null;
  next_seq: number;
  created_at: string;
}

export interface ApplicationTable {
  id: string;
  round_id: string;
  seq: number;
  application_no: string;
  status: string;
  name: string;
  uscc: string;
  institution_type: string;
  received_on: string;
  /** the whole validated 申请表 as JSON; searchable columns above are copies */
  data_json: string;
  not_accepted_reason_id: string | null;
  not_accepted_note: string | null;
  created_at: string;
  updated_at: string;
}

export interface MaterialCheckTable {
  application_id: string;
  material_id: string;
  state: 'pending' | 'received' | 'missing';
  note: string | null;
  updated_at: string;
}

export interface SupplementNoticeTable {
  id: string;
  application_id: string;
  issued_on: string;
  working_days: number;
  missing_json: string;
  fulfilled_on: string | null;
  outcome: 'open' | 'fulfilled' | 'expired';
  created_at: string;
}

export interface CalendarYearTable {
  year: number;
  holidays_json: string;
  makeup_json: string;
  updated_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  region_profile: RegionProfileTable;
  round: RoundTable;
  application: ApplicationTable;
  material_check: MaterialCheckTable;
  supplement_notice: SupplementNoticeTable;
  calendar_year: CalendarYearTable;
  setting: SettingTable;
  audit_log: AuditLogTable;
}
