import { sql, type Kysely } from 'kysely';

/**
 * A return that will not come: the coordinator records, for an agency recorded as involved in a
 * case, why its return will not be received (the practitioner left, the records were destroyed,
 * the agency withdrew). The return then no longer holds up "Receive the agencies' returns", is not
 * chased by the deadline reminders, and the participation table says "will not be received".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE return_waiver (
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 1000),
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, agency_id)
    );
  `.execute(db);
}
