import { sql, type Kysely } from 'kysely';

/**
 * The panel's notes for each case of the meeting, with its agreed multi-agency judgement per
 * domain of the audit tool (one version per case, so two panel members editing the same case see
 * a conflict instead of overwriting each other); and evidence files on actions, stored encrypted
 * in chunks like chronology uploads, their names encrypted too (a name can identify a child).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE meeting_case_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      notes text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES app_user(id),
      UNIQUE (meeting_id, case_id)
    );

    CREATE TABLE meeting_case_judgement (
      case_note_id uuid NOT NULL REFERENCES meeting_case_note(id) ON DELETE CASCADE,
      template_version_id uuid NOT NULL REFERENCES template_version(id),
      section_key text NOT NULL,
      value text NOT NULL,
      rationale text NOT NULL DEFAULT '',
      PRIMARY KEY (case_note_id, template_version_id, section_key)
    );

    CREATE TABLE action_evidence (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      action_id uuid NOT NULL REFERENCES action(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('completion', 'impact')),
      file_type text NOT NULL,
      filename_encrypted text NOT NULL,
      size_bytes integer NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id)
    );
    CREATE INDEX action_evidence_action ON action_evidence (action_id, created_at);

    CREATE TABLE action_evidence_chunk (
      evidence_id uuid NOT NULL REFERENCES action_evidence(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      data text NOT NULL,
      PRIMARY KEY (evidence_id, seq)
    );
  `.execute(db);
}
