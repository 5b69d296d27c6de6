import { sql, type Kysely } from 'kysely';

/**
 * Audit exchange files. exchange_import records every import, so that the same file (the same
 * source audit exported at the same moment, or the same content) is not imported twice by
 * accident; an import "as a copy" is recorded but never blocks. exchange_upload keeps an uploaded
 * file, encrypted, between the upload and the agency-mapping step of the web import (24 hours).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE exchange_import (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      audit_id uuid REFERENCES audit(id) ON DELETE SET NULL,
      source_audit_id text NOT NULL,
      source_partnership text NOT NULL,
      exported_at timestamptz NOT NULL,
      content_hash text NOT NULL,
      as_copy boolean NOT NULL DEFAULT false,
      summary jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );
    CREATE UNIQUE INDEX exchange_import_source_unique ON exchange_import (partnership_id, source_audit_id,
    exported_at) WHERE NOT as_copy;
    CREATE UNIQUE INDEX exchange_import_content_unique ON exchange_import (partnership_id, content_hash)
    WHERE NOT as_copy;
    CREATE TABLE exchange_upload (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnership(id),
      filename text NOT NULL,
      encrypted text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL,
      expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours'
    );
    CREATE INDEX exchange_upload_expires ON exchange_upload (expires_at);
  `.execute(db);
}
