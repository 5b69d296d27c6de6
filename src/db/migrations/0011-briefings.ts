import { sql, type Kysely } from 'kysely';

/**
 * Practitioner briefings: the partnership's editable templates, each audit's briefings with every
 * saved version (versions never change once written), the words the coordinator adds for the
 * redaction guard (encrypted: they may be names), and hits marked as not identifying, with why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE briefing_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      kind text NOT NULL,
      shipped_key text,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      sections jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id),
      UNIQUE (partnership_id, shipped_key)
    );

    CREATE TABLE briefing (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      template_id uuid REFERENCES briefing_template(id) ON DELETE SET NULL,
      kind text NOT NULL,
      current_version integer NOT NULL DEFAULT 1,
      published_version integer,
      published_at timestamptz,
      published_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id)
    );
    CREATE INDEX briefing_audit ON briefing (audit_id);
    CREATE INDEX briefing_published ON briefing (published_at) WHERE published_version IS NOT NULL;

    CREATE TABLE briefing_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      briefing_id uuid NOT NULL REFERENCES briefing(id) ON DELETE CASCADE,
      number integer NOT NULL,
      title text NOT NULL,
      sections jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id),
      UNIQUE (briefing_id, number)
    );
    CREATE FUNCTION briefing_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'briefing versions never change: save a new version instead';
    END;
    $$;
    CREATE TRIGGER briefing_version_no_update BEFORE UPDATE ON briefing_version
      FOR EACH ROW EXECUTE FUNCTION briefing_version_frozen();

    CREATE TABLE redaction_term (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      kind text NOT NULL DEFAULT 'custom',
      encrypted text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id)
    );

    CREATE TABLE redaction_override (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      briefing_id uuid NOT NULL REFERENCES briefing(id) ON DELETE CASCADE,
      term_id uuid NOT NULL REFERENCES redaction_term(id) ON DELETE CASCADE,
      hit_key text NOT NULL,
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id),
      UNIQUE (briefing_id, hit_key)
    );
  `.execute(db);
}
