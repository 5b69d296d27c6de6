import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Kysely's view of the tables. Timestamps come back as Date; defaults are Generated. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PartnershipTable {
  id: Generated<string>;
  name: string;
  public_library: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgencyTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  type: string;
  active: Generated<boolean>;
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
}
