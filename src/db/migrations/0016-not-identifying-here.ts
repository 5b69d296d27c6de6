import { sql, type Kysely } from 'kysely';

/**
 * "Not identifying here" for any hit the coordinator judges harmless in context (a surname that is
 * also an ordinary word), not only for their own words to check for: a case's term has no
 * redaction_term row, so term_id may be empty. Each mark holds for one version of the briefing
 * only (`version`), with the section and the kind of detail it was, so the page can show it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE redaction_override ALTER COLUMN term_id DROP NOT NULL;
    ALTER TABLE redaction_override ADD COLUMN version integer;
    ALTER TABLE redaction_override ADD COLUMN section integer;
    ALTER TABLE redaction_override ADD COLUMN kind text;
  `.execute(db);
}
