import { sql, type Kysely } from 'kysely';

/**
 * "Not identifying here" on the report to the subgroup. The report is not stored but built afresh,
 * so a mark is keyed by the audit and the hit: the term, the record it is in, the words around it
 * and a hash of that record's text, so it holds for those words only and lapses when they change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_override (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
      hit_key text NOT NULL,
      record_kind text NOT NULL,
      kind text NOT NULL,
      reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES app_user(id),
      UNIQUE (audit_id, hit_key)
    );
  `.execute(db);
}
