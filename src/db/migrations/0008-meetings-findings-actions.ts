import { sql, type Kysely } from 'kysely';

/**
 * The discussion meeting and what it agrees: findings (strengths and areas for development, per
 * case or across cases) with their learning themes, recommendations, and the composite action
 * plan with dated progress updates, monitored until done.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE learning_theme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      code text NOT NULL,
      label text NOT NULL,
      description text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, code)
    );

    CREATE TABLE meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL UNIQUE REFERENCES audit(id) ON DELETE CASCADE,
      held_on date,
      notes text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE meeting_attendee (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      name text NOT NULL,
      agency_id uuid REFERENCES agency(id),
      role text NOT NULL DEFAULT '',
      apologies boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE finding (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('strength', 'development')),
      across_cases boolean NOT NULL DEFAULT false,
      text text NOT NULL,
      domain text NOT NULL DEFAULT '',
      discussion_point_id uuid REFERENCES discussion_point(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE INDEX finding_audit ON finding (audit_id);

    CREATE TABLE finding_case (
      finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      PRIMARY KEY (finding_id, case_id)
    );

    CREATE TABLE finding_agency (
      finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      PRIMARY KEY (finding_id, agency_id)
    );

    CREATE TABLE finding_theme (
      finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
      theme_id uuid NOT NULL REFERENCES learning_theme(id),
      suggested boolean NOT NULL DEFAULT false,
      confirmed_by uuid,
      PRIMARY KEY (finding_id, theme_id)
    );

    CREATE TABLE recommendation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      text text NOT NULL,
      addressed_to text NOT NULL CHECK (addressed_to IN ('partnership', 'all_agencies', 'agencies')),
      assurance_request boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );

    CREATE TABLE recommendation_agency (
      recommendation_id uuid NOT NULL REFERENCES recommendation(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      PRIMARY KEY (recommendation_id, agency_id)
    );

    CREATE TABLE recommendation_finding (
      recommendation_id uuid NOT NULL REFERENCES recommendation(id) ON DELETE CASCADE,
      finding_id uuid NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
      PRIMARY KEY (recommendation_id, finding_id)
    );

    CREATE TABLE action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      recommendation_id uuid REFERENCES recommendation(id) ON DELETE SET NULL,
      single_agency_action_id uuid REFERENCES single_agency_action(id) ON DELETE SET NULL,
      text text NOT NULL,
      agency_id uuid NOT NULL REFERENCES agency(id),
      lead_user_id uuid NOT NULL REFERENCES app_user(id),
      start_on date,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'on_track', 'at_risk',
      'overdue', 'complete')),
      evidence_completion text NOT NULL DEFAULT '',
      evidence_impact text NOT NULL DEFAULT '',
      reaudit_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      CONSTRAINT action_dates CHECK (start_on IS NULL OR start_on <= due_on)
    );
    CREATE INDEX action_audit ON action (audit_id);
    CREATE INDEX action_agency ON action (agency_id, status);

    CREATE TABLE action_update (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES action(id) ON DELETE CASCADE,
      on_date date NOT NULL,
      text text NOT NULL,
      status text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE INDEX action_update_action ON action_update (action_id, created_at);

    CREATE TABLE action_reminder (
      action_id uuid NOT NULL REFERENCES action(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
      period_key text NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (action_id, kind, period_key)
    );
  `.execute(db);
}
