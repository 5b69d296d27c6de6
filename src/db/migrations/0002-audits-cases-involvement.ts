import { sql, type Kysely } from 'kysely';

/**
 * Audits and their cases, the agencies invited, who knew each family (involvement), candidate
 * lists and sampling draws, reminders, and the returns' status row (filled in by the returns work).
 * Identifying details live only in case_identity.encrypted and candidate.identity_encrypted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_theme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      label text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE UNIQUE INDEX audit_theme_label_unique ON audit_theme (partnership_id, lower(label));

    CREATE TABLE audit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      reference text NOT NULL,
      title text NOT NULL,
      theme_id uuid REFERENCES audit_theme(id),
      theme_text text,
      lines_of_enquiry text NOT NULL DEFAULT '',
      scope_kind text NOT NULL DEFAULT 'dates' CHECK (scope_kind IN ('dates', 'months')),
      scope_from date,
      scope_to date,
      scope_months integer CHECK (scope_months IS NULL OR scope_months BETWEEN 1 AND 120),
      scope_reference_date date,
      methodology text NOT NULL DEFAULT '',
      joint_partnerships text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'planning'
        CHECK (status IN ('planning', 'returns_open', 'discussion', 'reporting', 'monitoring', 'closed')),
      status_changed_at timestamptz NOT NULL DEFAULT now(),
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      CONSTRAINT audit_scope_order CHECK (scope_from IS NULL OR scope_to IS NULL OR scope_from <= scope_to)
    );
    CREATE UNIQUE INDEX audit_reference_unique ON audit (partnership_id, lower(reference));

    CREATE TABLE audit_status_change (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      from_status text NOT NULL,
      to_status text NOT NULL,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE INDEX audit_status_change_audit ON audit_status_change (audit_id, created_at);

    CREATE TABLE audit_milestone (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('auditors_briefing', 'returns_deadline', 'discussion_meeting',
      'report_to_subgroup', 'other')),
      label text NOT NULL,
      due_on date,
      done_on date,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_milestone_audit ON audit_milestone (audit_id, position);

    CREATE TABLE audit_agency (
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      lead_user_id uuid REFERENCES app_user(id),
      invited_at timestamptz NOT NULL DEFAULT now(),
      invited_by uuid,
      PRIMARY KEY (audit_id, agency_id)
    );
    CREATE INDEX audit_agency_agency ON audit_agency (agency_id);

    CREATE TABLE candidate_list (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      filename text NOT NULL,
      source_agency_id uuid REFERENCES agency(id),
      mapping jsonb NOT NULL,
      row_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );

    CREATE TABLE candidate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      candidate_list_id uuid NOT NULL REFERENCES candidate_list(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      legal_status text NOT NULL,
      age_band text NOT NULL,
      sex text NOT NULL,
      ethnicity text NOT NULL,
      attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
      identity_encrypted text,
      UNIQUE (candidate_list_id, row_number)
    );

    CREATE TABLE sampling_draw (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      candidate_list_id uuid NOT NULL REFERENCES candidate_list(id) ON DELETE CASCADE,
      seed text NOT NULL,
      sample_size integer NOT NULL,
      strata text[] NOT NULL,
      candidate_ids uuid[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );

    CREATE TABLE audit_case (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      reference text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      selection_reason text NOT NULL DEFAULT '',
      selected_by text NOT NULL DEFAULT '',
      source_agency_id uuid REFERENCES agency(id),
      criteria text[] NOT NULL DEFAULT '{}',
      candidate_id uuid REFERENCES candidate(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE UNIQUE INDEX audit_case_reference_unique ON audit_case (audit_id, lower(reference));

    CREATE TABLE case_child (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      pseudonym text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      age_years integer CHECK (age_years IS NULL OR age_years BETWEEN 0 AND 25),
      age_band text,
      unborn boolean NOT NULL DEFAULT false,
      expected_month text CHECK (expected_month IS NULL OR expected_month ~ '^[0-9]{4}-[0-9]{2}$'),
      sex text,
      ethnicity text,
      sen_disability text,
      legal_status text NOT NULL DEFAULT 'none'
        CHECK (legal_status IN ('none', 'early_help', 'child_in_need', 'child_protection', 'looked_after')),
      cp_category text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX case_child_pseudonym_unique ON case_child (case_id, lower(pseudonym));

    CREATE TABLE household_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      role text NOT NULL,
      description text NOT NULL DEFAULT '',
      in_household boolean NOT NULL DEFAULT true,
      poses_risk boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE case_identity (
      case_id uuid PRIMARY KEY REFERENCES audit_case(id) ON DELETE CASCADE,
      encrypted text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid
    );

    CREATE TABLE case_assignment (
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      auditor_user_id uuid NOT NULL REFERENCES app_user(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      assigned_by uuid,
      PRIMARY KEY (case_id, agency_id, auditor_user_id)
    );

    CREATE TABLE involvement (
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      status text NOT NULL CHECK (status IN ('involved', 'not_known', 'out_of_scope', 'partly_in_scope', 'declined')),
      reason text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid,
      PRIMARY KEY (case_id, agency_id)
    );
    CREATE INDEX involvement_agency ON involvement (agency_id);

    CREATE TABLE agency_return (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      status text NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'submitted', 'returned', 'signed_off')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, agency_id)
    );

    CREATE TABLE reminder_sent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      kind text NOT NULL CHECK (kind IN ('before_deadline', 'overdue')),
      period_key text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (audit_id, agency_id, kind, period_key)
    );
  `.execute(db);
}
