import { sql, type Kysely } from 'kysely';

/**
 * What kind of change a recommendation asks for: assurance, practice change, procedure or training.
 * A recommendation already phrased as an assurance request is an assurance recommendation; the kind of
 * every other existing one is not known, so it stays null and is shown as "Not stated".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE recommendation ADD COLUMN kind text
      CHECK (kind IN ('assurance', 'practice_change', 'procedure', 'training'));
    UPDATE recommendation SET kind = 'assurance' WHERE assurance_request;
  `.execute(db);
}
