import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely's view of the tables. Timestamps come back as Date; defaults are Generated. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PartnershipTable {
  id: Generated<string>;
  name: string;
  public_library: Generated<boolean>;
  settings: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgencyTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  type: string;
  active: Generated<boolean>;
  safeguarding_lead_email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  partnership_id: string;
  email: string;
  display_name: string;
  job_title: string | null;
  agency_id: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  mfa_exempt: Generated<boolean>;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
  created_at: CreatedAt;
}

export interface UserTotpTable {
  user_id: string;
  secret_encrypted: string;
  confirmed_at: Timestamp | null;
  last_used_step: ColumnType<string, number | string | undefined, number | string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  stage: 'mfa' | 'enrol' | 'full';
  data: JSONColumnType<SessionData, string | undefined, string>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
}

export type SessionData = {
  returnTo?: string;
  flash?: { kind: 'success' | 'important'; heading: string; text?: string };
  recoveryCodes?: string[];
  pendingTotpSecret?: string;
  savedForm?: { path: string; fields: Record<string, string> };
};

export interface SignInThrottleTable {
  key: string;
  failures: Generated<number>;
  window_started_at: UpdatedAt;
  locked_until: Timestamp | null;
}

export interface PasswordTokenTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'reset' | 'invite';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: CreatedAt;
  partnership_id: string | null;
  user_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  detail: JSONColumnType<Record<string, unknown>, string | undefined, never>;
  correlation_id: string | null;
  ip: string | null;
}

export interface OutboxTable {
  id: Generated<string>;
  partnership_id: string | null;
  to_address: string;
  template: string;
  subject: string;
  body: string;
  priority: ColumnType<'normal' | 'high', 'normal' | 'high' | undefined, 'normal' | 'high'>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'kept';

export interface JobRunTable {
  id: ColumnType<string, never, never>;
  job: string;
  slot: string;
  instance: string;
  detail: JSONColumnType<Record<string, unknown>, string | undefined, never>;
  at: CreatedAt;
}

export interface Database {
  partnership: PartnershipTable;
  agency: AgencyTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_totp: UserTotpTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  sign_in_throttle: SignInThrottleTable;
  password_token: PasswordTokenTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  job_run: JobRunTable;
  audit_theme: AuditThemeTable;
  audit: AuditTable;
  audit_status_change: AuditStatusChangeTable;
  return_waiver: ReturnWaiverTable;
  audit_milestone: AuditMilestoneTable;
  audit_agency: AuditAgencyTable;
  candidate_list: CandidateListTable;
  candidate: CandidateTable;
  sampling_draw: SamplingDrawTable;
  candidate_upload: CandidateUploadTable;
  audit_case: AuditCaseTable;
  case_child: CaseChildTable;
  household_member: HouseholdMemberTable;
  case_identity: CaseIdentityTable;
  case_assignment: CaseAssignmentTable;
  involvement: InvolvementTable;
  agency_return: AgencyReturnTable;
  reminder_sent: ReminderSentTable;
  tool_template: ToolTemplateTable;
  template_version: TemplateVersionTable;
  audit_tool: AuditToolTable;
  return_section: ReturnSectionTable;
  return_answer: ReturnAnswerTable;
  single_agency_action: SingleAgencyActionTable;
  return_event: ReturnEventTable;
  immediate_concern: ImmediateConcernTable;
  saved_form: SavedFormTable;
  chronology_import: ChronologyImportTable;
  chronology_upload_chunk: ChronologyUploadChunkTable;
  chronology_entry: ChronologyEntryTable;
  discussion_point: DiscussionPointTable;
  learning_theme: LearningThemeTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  finding: FindingTable;
  finding_case: { finding_id: string; case_id: string };
  finding_agency: { finding_id: string; agency_id: string };
  finding_theme: FindingThemeTable;
  recommendation: RecommendationTable;
  recommendation_agency: { recommendation_id: string; agency_id: string };
  recommendation_finding: { recommendation_id: string; finding_id: string };
  action: ActionTable;
  action_update: ActionUpdateTable;
  action_reminder: { action_id: string; kind: 'due_soon' | 'overdue'; period_key: string; sent_at: CreatedAt };
  meeting_case_note: MeetingCaseNoteTable;
  meeting_case_judgement: MeetingCaseJudgementTable;
  action_evidence: ActionEvidenceTable;
  action_evidence_chunk: { evidence_id: string; seq: number; data: string };
  briefing_template: BriefingTemplateTable;
  briefing: BriefingTable;
  briefing_version: BriefingVersionTable;
  redaction_term: RedactionTermTable;
  redaction_override: RedactionOverrideTable;
  report_override: ReportOverrideTable;
  exchange_import: ExchangeImportTable;
  exchange_upload: ExchangeUploadTable;
}

export type AuditStatus = 'planning' | 'returns_open' | 'discussion' | 'reporting' | 'monitoring' | 'closed';
export type LegalStatus = 'none' | 'early_help' | 'child_in_need' | 'child_protection' | 'looked_after';
export type InvolvementStatus = 'involved' | 'not_known' | 'out_of_scope' | 'partly_in_scope' | 'declined';
export type ReturnStatus = 'not_started' | 'in_progress' | 'submitted' | 'returned' | 'signed_off';
export type MilestoneKind =
  'auditors_briefing' | 'returns_deadline' | 'discussion_meeting' | 'report_to_subgroup' | 'other';
/** A PostgreSQL `date`: always 'YYYY-MM-DD' text, never a Date, so no time zone can move it. */
type DateOnly = string;

export interface AuditThemeTable {
  id: Generated<string>;
  partnership_id: string;
  label: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface AuditTable {
  id: Generated<string>;
  partnership_id: string;
  reference: string;
  title: string;
  theme_id: string | null;
  theme_text: string | null;
  lines_of_enquiry: Generated<string>;
  scope_kind: ColumnType<'dates' | 'months', 'dates' | 'months' | undefined, 'dates' | 'months'>;
  scope_from: DateOnly | null;
  scope_to: DateOnly | null;
  scope_months: number | null;
  scope_reference_date: DateOnly | null;
  methodology: Generated<string>;
  joint_partnerships: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<AuditStatus, AuditStatus | undefined, AuditStatus>;
  status_changed_at: UpdatedAt;
  settings: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface AuditStatusChangeTable {
  id: Generated<string>;
  audit_id: string;
  from_status: AuditStatus;
  to_status: AuditStatus;
  reason: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

/** A return the coordinator has recorded will not be received, and why (migration 0014). */
export interface ReturnWaiverTable {
  case_id: string;
  agency_id: string;
  reason: string;
  recorded_by: string;
  recorded_at: UpdatedAt;
}

export interface AuditMilestoneTable {
  id: Generated<string>;
  audit_id: string;
  kind: MilestoneKind;
  label: string;
  due_on: DateOnly | null;
  done_on: DateOnly | null;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuditAgencyTable {
  audit_id: string;
  agency_id: string;
  lead_user_id: string | null;
  invited_at: CreatedAt;
  invited_by: string | null;
}

export interface CandidateListTable {
  id: Generated<string>;
  audit_id: string;
  filename: string;
  source_agency_id: string | null;
  mapping: JSONColumnType<Record<string, string>, string, string>;
  row_count: number;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface CandidateTable {
  id: Generated<string>;
  candidate_list_id: string;
  row_number: number;
  legal_status: string;
  age_band: string;
  sex: string;
  ethnicity: string;
  attributes: JSONColumnType<Record<string, string>, string | undefined, string>;
  identity_encrypted: string | null;
}

export interface SamplingDrawTable {
  id: Generated<string>;
  audit_id: string;
  candidate_list_id: string;
  seed: string;
  sample_size: number;
  strata: string[];
  candidate_ids: string[];
  created_at: CreatedAt;
  created_by: string | null;
}

/** An upload between its mapping and import steps: rows only ever encrypted; gone after 24 hours. */
export interface CandidateUploadTable {
  id: Generated<string>;
  audit_id: string;
  filename: string;
  source_agency_id: string | null;
  format: 'csv' | 'xlsx';
  row_count: number;
  encrypted: string;
  mapping: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  created_by: string | null;
  expires_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AuditCaseTable {
  id: Generated<string>;
  audit_id: string;
  reference: string;
  position: Generated<number>;
  selection_reason: Generated<string>;
  selected_by: Generated<string>;
  source_agency_id: string | null;
  criteria: ColumnType<string[], string[] | undefined, string[]>;
  candidate_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface CaseChildTable {
  id: Generated<string>;
  case_id: string;
  pseudonym: string;
  position: Generated<number>;
  age_years: number | null;
  age_band: string | null;
  unborn: Generated<boolean>;
  expected_month: string | null;
  sex: string | null;
  ethnicity: string | null;
  sen_disability: string | null;
  legal_status: ColumnType<LegalStatus, LegalStatus | undefined, LegalStatus>;
  cp_category: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface HouseholdMemberTable {
  id: Generated<string>;
  case_id: string;
  role: string;
  description: Generated<string>;
  in_household: Generated<boolean>;
  poses_risk: Generated<boolean>;
  position: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CaseIdentityTable {
  case_id: string;
  encrypted: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface CaseAssignmentTable {
  case_id: string;
  agency_id: string;
  auditor_user_id: string;
  assigned_at: CreatedAt;
  assigned_by: string | null;
}

export interface InvolvementTable {
  case_id: string;
  agency_id: string;
  status: InvolvementStatus;
  reason: Generated<string>;
  version: Generated<number>;
  recorded_at: UpdatedAt;
  recorded_by: string | null;
}

export interface AgencyReturnTable {
  id: Generated<string>;
  case_id: string;
  agency_id: string;
  status: ColumnType<ReturnStatus, ReturnStatus | undefined, ReturnStatus>;
  version: Generated<number>;
  auditor_user_id: string | null;
  auditor_name: Generated<string>;
  auditor_role: Generated<string>;
  overall_grade: string | null;
  overall_rationale: Generated<string>;
  lead_comments: Generated<string>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  signed_off_at: Timestamp | null;
  signed_off_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ReminderSentTable {
  id: Generated<string>;
  audit_id: string;
  agency_id: string;
  kind: 'before_deadline' | 'overdue';
  period_key: string;
  sent_at: CreatedAt;
}

export interface ToolTemplateTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  description: Generated<string>;
  shipped_key: string | null;
  archived: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface TemplateVersionTable {
  id: Generated<string>;
  template_id: string;
  version_number: number;
  content: JSONColumnType<Record<string, unknown>, string, never>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface AuditToolTable {
  audit_id: string;
  template_version_id: string;
  position: Generated<number>;
}

export interface ReturnSectionTable {
  return_id: string;
  template_version_id: string;
  section_key: string;
  status: ColumnType<'in_progress' | 'completed', 'in_progress' | 'completed' | undefined, 'in_progress' | 'completed'>;
  worked_well: Generated<string>;
  areas_for_development: Generated<string>;
  version: Generated<number>;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface ReturnAnswerTable {
  return_id: string;
  template_version_id: string;
  question_key: string;
  answer: Generated<string>;
  evidence: Generated<string>;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface SingleAgencyActionTable {
  id: Generated<string>;
  return_id: string;
  action: string;
  owner: string;
  due_on: DateOnly | null;
  position: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface ReturnEventTable {
  id: Generated<string>;
  return_id: string;
  event: string;
  from_status: string;
  to_status: string;
  comment: Generated<string>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ImmediateConcernTable {
  id: Generated<string>;
  audit_id: string;
  case_id: string;
  agency_id: string;
  child_id: string | null;
  what_found: string;
  told_whom: string;
  told_at: Timestamp;
  outcome: string | null;
  outcome_recorded_at: Timestamp | null;
  outcome_recorded_by: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface SavedFormTable {
  id: Generated<string>;
  key_hash: string;
  path: string;
  encrypted: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export type ImportStatus = 'mapping' | 'checking' | 'previewed' | 'importing' | 'imported' | 'failed' | 'discarded';
export interface ChronologyImportTable {
  id: Generated<string>;
  case_id: string;
  agency_id: string;
  filename: string;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  format: 'csv' | 'xlsx';
  encoding: Generated<string>;
  headers: JSONColumnType<string[], string | undefined, string>;
  size_bytes: ColumnType<number, number | undefined, number>;
  failure: string | null;
  mapping: JSONColumnType<Record<string, string>, string | undefined, string>;
  total_rows: Generated<number>;
  good_rows: Generated<number>;
  bad_rows: Generated<number>;
  duplicate_rows: Generated<number>;
  imported_rows: Generated<number>;
  problems: JSONColumnType<{ row: number; reason: string }[], string | undefined, string>;
  progress: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface ChronologyUploadChunkTable {
  import_id: string;
  seq: number;
  data: string;
}

export interface ChronologyEntryTable {
  id: Generated<string>;
  case_id: string;
  agency_id: string;
  date_from: DateOnly;
  date_to: DateOnly;
  precision: 'day' | 'month';
  event: string;
  source: Generated<string>;
  category: string;
  impact: ColumnType<
    'positive' | 'negative' | 'neutral',
    'positive' | 'negative' | 'neutral' | undefined,
    'positive' | 'negative' | 'neutral'
  >;
  action_taken: Generated<string>;
  significant: Generated<boolean>;
  fingerprint: string;
  import_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface DiscussionPointTable {
  id: Generated<string>;
  case_id: string;
  point_key: string;
  rule: string;
  question: string;
  entry_ids: string[];
  status: ColumnType<
    'open' | 'dismissed' | 'carried',
    'open' | 'dismissed' | 'carried' | undefined,
    'open' | 'dismissed' | 'carried'
  >;
  reason: Generated<string>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LearningThemeTable {
  id: Generated<string>;
  partnership_id: string;
  code: string;
  label: string;
  description: Generated<string>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MeetingTable {
  id: Generated<string>;
  audit_id: string;
  held_on: DateOnly | null;
  notes: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MeetingAttendeeTable {
  id: Generated<string>;
  meeting_id: string;
  name: string;
  agency_id: string | null;
  role: Generated<string>;
  apologies: Generated<boolean>;
  created_at: CreatedAt;
}

export interface FindingTable {
  id: Generated<string>;
  audit_id: string;
  kind: 'strength' | 'development';
  across_cases: Generated<boolean>;
  text: string;
  domain: Generated<string>;
  discussion_point_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface FindingThemeTable {
  finding_id: string;
  theme_id: string;
  suggested: Generated<boolean>;
  confirmed_by: string | null;
}

export type RecommendationKindValue = 'assurance' | 'practice_change' | 'procedure' | 'training';
export interface RecommendationTable {
  id: Generated<string>;
  audit_id: string;
  text: string;
  addressed_to: 'partnership' | 'all_agencies' | 'agencies';
  assurance_request: Generated<boolean>;
  /** Null for recommendations made before kinds were recorded: "Not stated". */
  kind: ColumnType<
    RecommendationKindValue | null,
    RecommendationKindValue | null | undefined,
    RecommendationKindValue | null
  >;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export type ActionStatusValue = 'not_started' | 'on_track' | 'at_risk' | 'overdue' | 'complete';
export interface ActionTable {
  id: Generated<string>;
  audit_id: string;
  recommendation_id: string | null;
  single_agency_action_id: string | null;
  text: string;
  agency_id: string;
  lead_user_id: string;
  start_on: DateOnly | null;
  due_on: DateOnly;
  status: ColumnType<ActionStatusValue, ActionStatusValue | undefined, ActionStatusValue>;
  evidence_completion: Generated<string>;
  evidence_impact: Generated<string>;
  reaudit_on: DateOnly | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface ActionUpdateTable {
  id: Generated<string>;
  action_id: string;
  on_date: DateOnly;
  text: string;
  status: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface MeetingCaseNoteTable {
  id: Generated<string>;
  meeting_id: string;
  case_id: string;
  notes: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface MeetingCaseJudgementTable {
  case_note_id: string;
  template_version_id: string;
  section_key: string;
  value: string;
  rationale: Generated<string>;
}

export interface ActionEvidenceTable {
  id: Generated<string>;
  action_id: string;
  kind: 'completion' | 'impact';
  file_type: string;
  filename_encrypted: string;
  size_bytes: number;
  sha256: string;
  created_at: CreatedAt;
  created_by: string | null;
}

/**
 * Practitioner briefings (migration 0011). Sections are [{ heading, body }] in a template, [{ heading, text
 * }] in a version.
 */
export interface BriefingTemplateTable {
  id: Generated<string>;
  partnership_id: string;
  kind: string;
  shipped_key: string | null;
  name: string;
  description: Generated<string>;
  sections: JSONColumnType<{ heading: string; body: string }[], string, string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface BriefingTable {
  id: Generated<string>;
  audit_id: string;
  template_id: string | null;
  kind: string;
  current_version: Generated<number>;
  published_version: number | null;
  published_at: Date | null;
  published_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  created_by: string | null;
}

export interface BriefingVersionTable {
  id: Generated<string>;
  briefing_id: string;
  number: number;
  title: string;
  sections: JSONColumnType<{ heading: string; text: string }[], string, never>;
  note: Generated<string>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface RedactionTermTable {
  id: Generated<string>;
  audit_id: string;
  kind: Generated<string>;
  encrypted: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface RedactionOverrideTable {
  id: Generated<string>;
  briefing_id: string;
  /** The coordinator's word it was on; null for a case's own identifying detail (migration 0016). */
  term_id: string | null;
  hit_key: string;
  reason: string;
  created_at: CreatedAt;
  created_by: string | null;
  /** The briefing version the mark holds for; null for marks made before migration 0016. */
  version: number | null;
  section: number | null;
  kind: string | null;
}

/** A hit on the report marked "not identifying here", for the words it was made on (migration 0017). */
export interface ReportOverrideTable {
  id: Generated<string>;
  audit_id: string;
  hit_key: string;
  record_kind: string;
  kind: string;
  reason: string;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ExchangeImportTable {
  id: Generated<string>;
  partnership_id: string;
  audit_id: string | null;
  source_audit_id: string;
  source_partnership: string;
  exported_at: Timestamp;
  content_hash: string;
  as_copy: Generated<boolean>;
  summary: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface ExchangeUploadTable {
  id: Generated<string>;
  partnership_id: string;
  filename: string;
  encrypted: string;
  created_at: CreatedAt;
  created_by: string;
  expires_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
