import { sql, type Kysely } from 'kysely';

/**
 * Audit tool templates (versioned; a version is frozen once an audit uses it), the tools an audit
 * uses, the agency returns' answers and section notes, single-agency actions, the return's history,
 * immediate safeguarding concerns, and typed work kept across an expired session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tool_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      shipped_key text,
      archived boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE UNIQUE INDEX tool_template_name_unique ON tool_template (partnership_id, lower(name));
    CREATE UNIQUE INDEX tool_template_shipped_unique ON tool_template (partnership_id, shipped_key) WHERE
    shipped_key IS NOT NULL;

    CREATE TABLE template_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      template_id uuid NOT NULL REFERENCES tool_template(id) ON DELETE CASCADE,
      version_number integer NOT NULL,
      content jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      UNIQUE (template_id, version_number)
    );

    -- A version is frozen: audits refer to it, so it can never change; editing makes a new one.
    CREATE FUNCTION template_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'template versions are frozen: create a new version instead';
    END;
    $$;
    CREATE TRIGGER template_version_no_update BEFORE UPDATE ON template_version
      FOR EACH ROW EXECUTE FUNCTION template_version_frozen();

    CREATE TABLE audit_tool (
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      template_version_id uuid NOT NULL REFERENCES template_version(id),
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (audit_id, template_version_id)
    );

    ALTER TABLE agency_return
      ADD COLUMN auditor_user_id uuid REFERENCES app_user(id),
      ADD COLUMN auditor_name text NOT NULL DEFAULT '',
      ADD COLUMN auditor_role text NOT NULL DEFAULT '',
      ADD COLUMN overall_grade text,
      ADD COLUMN overall_rationale text NOT NULL DEFAULT '',
      ADD COLUMN lead_comments text NOT NULL DEFAULT '',
      ADD COLUMN submitted_at timestamptz,
      ADD COLUMN submitted_by uuid,
      ADD COLUMN signed_off_at timestamptz,
      ADD COLUMN signed_off_by uuid;

    CREATE TABLE return_section (
      return_id uuid NOT NULL REFERENCES agency_return(id) ON DELETE CASCADE,
      template_version_id uuid NOT NULL REFERENCES template_version(id),
      section_key text NOT NULL,
      status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
      worked_well text NOT NULL DEFAULT '',
      areas_for_development text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (return_id, template_version_id, section_key)
    );

    CREATE TABLE return_answer (
      return_id uuid NOT NULL REFERENCES agency_return(id) ON DELETE CASCADE,
      template_version_id uuid NOT NULL REFERENCES template_version(id),
      question_key text NOT NULL,
      answer text NOT NULL DEFAULT '',
      evidence text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (return_id, template_version_id, question_key)
    );

    CREATE TABLE single_agency_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      return_id uuid NOT NULL REFERENCES agency_return(id) ON DELETE CASCADE,
      action text NOT NULL,
      owner text NOT NULL,
      due_on date,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );

    CREATE TABLE return_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      return_id uuid NOT NULL REFERENCES agency_return(id) ON DELETE CASCADE,
      event text NOT NULL,
      from_status text NOT NULL,
      to_status text NOT NULL,
      comment text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE INDEX return_event_return ON return_event (return_id, created_at);

    CREATE TABLE immediate_concern (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      child_id uuid REFERENCES case_child(id) ON DELETE SET NULL,
      what_found text NOT NULL,
      told_whom text NOT NULL,
      told_at timestamptz NOT NULL,
      outcome text,
      outcome_recorded_at timestamptz,
      outcome_recorded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE INDEX immediate_concern_audit ON immediate_concern (audit_id);

    ALTER TABLE agency ADD COLUMN safeguarding_lead_email text;

    CREATE TABLE saved_form (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key_hash text NOT NULL UNIQUE,
      path text NOT NULL,
      encrypted text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
