import { sql, type Kysely } from 'kysely';

/**
 * Cases, candidate lists and sampling: an upload kept between the mapping and import steps (its
 * rows only ever encrypted, removed on import or after 24 hours), and version numbers on children
 * and household members so that two people's edits never silently overwrite each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE candidate_upload (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      filename text NOT NULL,
      source_agency_id uuid REFERENCES agency(id),
      format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
      row_count integer NOT NULL,
      encrypted text NOT NULL,
      mapping jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours'
    );
    CREATE INDEX candidate_upload_audit ON candidate_upload (audit_id);
    CREATE INDEX candidate_upload_expires ON candidate_upload (expires_at);

    CREATE INDEX candidate_list_audit ON candidate_list (audit_id, created_at);
    CREATE INDEX audit_case_candidate ON audit_case (candidate_id) WHERE candidate_id IS NOT NULL;
    CREATE INDEX sampling_draw_list ON sampling_draw (candidate_list_id, created_at);

    ALTER TABLE case_child ADD COLUMN version integer NOT NULL DEFAULT 1;
    ALTER TABLE household_member ADD COLUMN version integer NOT NULL DEFAULT 1;
  `.execute(db);
}
