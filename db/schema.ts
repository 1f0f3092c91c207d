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

// --- 审核小组 and scoring (migration 004) ---------------------------------

export interface PersonTable {
  id: string;
  name: string;
  /** ExpertiseField[] as JSON */
  fields_json: string;
  employer: string | null;
  contact: string | null;
  /** scrypt$N$r$p$salt$hash (base64), null until the member sets a PIN */
  pin_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface PanelMemberTable {
  id: string;
  round_id: string;
  person_id: string;
  role: 'chair' | 'member';
  added_at: string;
}

export interface PanelGapAckTable {
  round_id: string;
  field: string;
  note: string;
  member_id: string;
  acknowledged_at: string;
}

export interface ConflictTable {
  id: string;
  round_id: string;
  member_id: string;
  application_id: string;
  decision: 'conflicted' | 'cleared';
  kind: 'employment' | 'kinship' | 'shareholding' | 'other' | null;
  note: string | null;
  source: 'declared' | 'flag';
  flag_reason: string | null;
  decided_by: string;
  decided_at: string;
}

export interface RubricTable {
  id: string;
  round_id: string;
  version: number;
  status: 'draft' | 'frozen';
  definition_json: string;
  reason: string | null;
  based_on: string | null;
  created_at: string;
  created_by: string;
  frozen_at: string | null;
  frozen_by: string | null;
}

export interface ScoringConfigTable {
  round_id: string;
  trim_enabled: number;
  trim_min_count: number;
  deviation_share: number;
  spread_share: number;
  updated_at: string;
  updated_by: string;
}

/** Append-only: never updated, never deleted. */
export interface ScoreTable {
  id: string;
  round_id: string;
  rubric_id: string;
  rubric_version: number;
  member_id: string;
  application_id: string;
  criterion_id: string;
  points: number;
  comment: string | null;
  supersedes: string | null;
  reason: string | null;
  entered_by: string;
  entered_at: string;
  origin: Generated<string>;
}

/** Derived from score (rebuildable): the current line of a member for an applicant. */
export interface ScoreLineTable {
  rubric_id: string;
  application_id: string;
  member_id: string;
  total: number;
  scored: number;
  /** points × 10 in rubric criterion order, big-endian uint16 each (see decodeLinePoints) */
  points_x10: Buffer;
}

export interface ScoreSheetTable {
  rubric_id: string;
  member_id: string;
  round_id: string;
  status: 'draft' | 'submitted';
  submitted_at: string | null;
  updated_at: string;
}

export interface ScoreExplanationTable {
  id: string;
  round_id: string;
  rubric_id: string;
  member_id: string;
  application_id: string;
  note: string;
  created_at: string;
  created_by: string;
}

/**
 * Retired (kept because migration 004 created it and databases in use may
 * hold rows): the clerk's separate record of the 评分细则's basic indicators.
 * The eligibility evaluation (rules + the 审核内容 checklist marks) is now the
 * only record of the 基础性指标; no code reads or writes this table, and its
 * rows are left in place rather than dropped.
 */
export interface BasicCheckTable {
  id: string;
  round_id: string;
  rubric_id: string;
  rubric_version: number;
  application_id: string;
  /** [{ indicatorId, passed, note }] */
  results_json: string;
  supersedes: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** The document register (migration 002): every generated PDF. */
export interface DocumentTable {
  id: string;
  kind: string;
  application_id: string | null;
  round_id: string | null;
  path: string;
  sha256: string;
  pages: number;
  template_id: string;
  template_version: number;
  doc_number: string | null;
  signed: number;
  signer_subject: string | null;
  signer_fingerprint: string | null;
  signed_at: string | null;
  created_by: string;
  created_at: string;
}

// --- 集体评议 and the audit head (migration 005) ------------------------------

export interface DeliberationMeetingTable {
  id: string;
  round_id: string;
  seq: number;
  held_on: string;
  place: string;
  chair_member_id: string;
  tie_rule: 'revote_substitute' | 'chair_casting';
  opened_at: string;
  opened_by: string;
}

/** Append-only: the latest row per meeting is the discussion order. */
export interface DeliberationAgendaTable {
  seq: Generated<number>;
  meeting_id: string;
  /** application ids in discussion order */
  order_json: string;
  set_at: string;
  set_by: string;
}

export interface DeliberationAttendanceTable {
  meeting_id: string;
  member_id: string;
  present: number;
  note: string | null;
}

/** migration 009: a member absent at the opening who arrived later, and the agenda items they join */
export interface DeliberationArrivalTable {
  meeting_id: string;
  member_id: string;
  arrived_at: string;
  joins_json: string;
  note: string | null;
  recorded_by: string;
}

export interface DeliberationSubstituteTable {
  id: string;
  meeting_id: string;
  application_id: string;
  person_id: string;
  replaces_member_id: string;
  reason: string;
  added_at: string;
  added_by: string;
}

/** Append-only: a change is a new row superseding the old one. */
export interface DeliberationVoteTable {
  id: string;
  meeting_id: string;
  application_id: string;
  ballot: number;
  voter_id: string;
  voter_kind: 'member' | 'substitute';
  choice: 'pass' | 'fail';
  reason: string | null;
  supersedes: string | null;
  cast_at: string;
  cast_by: string;
}

/** Append-only, like votes. */
export interface DeliberationDecisionTable {
  id: string;
  meeting_id: string;
  application_id: string;
  ballot: number;
  outcome: 'pass' | 'fail' | 'held';
  basis: 'majority' | 'casting' | 'tie';
  tally_json: string;
  reasons_json: string;
  advice_json: string;
  override_json: string | null;
  tie_json: string | null;
  supersedes: string | null;
  change_reason: string | null;
  decided_at: string;
  decided_by: string;
}

export interface DeliberationResponseTable {
  id: string;
  meeting_id: string;
  signer_id: string;
  signer_kind: 'member' | 'substitute';
  minutes_hash: string;
  response: 'confirm' | 'refuse';
  reason: string | null;
  at: string;
  by_name: string;
}

export interface DeliberationSealTable {
  meeting_id: string;
  sealed_at: string;
  sealed_by: string;
  minutes_hash: string;
  minutes_json: string;
  responses_json: string;
  audit_seq: number;
  audit_hash: string;
}

export interface ResultDeliveryTable {
  id: string;
  application_id: string;
  decision_id: string;
  delivered_on: string;
  method: string;
  note: string | null;
  supersedes: string | null;
  reason: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface ApplicationLinkTable {
  application_id: string;
  previous_application_id: string;
  previous_decision_id: string;
  kind: 'after_pass' | 're_review' | 'after_window' | 'after_bar';
  linked_at: string;
}

/** One row (id 1), kept by a trigger on every audit_log insert. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  count: number;
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
  document: DocumentTable;
  person: PersonTable;
  panel_member: PanelMemberTable;
  panel_gap_ack: PanelGapAckTable;
  conflict: ConflictTable;
  rubric: RubricTable;
  scoring_config: ScoringConfigTable;
  score: ScoreTable;
  score_line: ScoreLineTable;
  score_sheet: ScoreSheetTable;
  score_explanation: ScoreExplanationTable;
  basic_check: BasicCheckTable;
  deliberation_meeting: DeliberationMeetingTable;
  deliberation_agenda: DeliberationAgendaTable;
  deliberation_attendance: DeliberationAttendanceTable;
  deliberation_arrival: DeliberationArrivalTable;
  deliberation_substitute: DeliberationSubstituteTable;
  deliberation_vote: DeliberationVoteTable;
  deliberation_decision: DeliberationDecisionTable;
  deliberation_response: DeliberationResponseTable;
  deliberation_seal: DeliberationSealTable;
  result_delivery: ResultDeliveryTable;
  application_link: ApplicationLinkTable;
  audit_head: AuditHeadTable;
}
