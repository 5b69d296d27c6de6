import { sql, type Kysely } from 'kysely';

/**
 * Single-agency chronologies (entries, and the imports that brought them), the points to discuss
 * read from them, and the partnership's settings for those rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE partnership ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;

    CREATE TABLE chronology_import (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      filename text NOT NULL,
      status text NOT NULL DEFAULT 'mapping' CHECK (status IN ('mapping', 'checking', 'previewed',
      'importing', 'imported', 'failed', 'discarded')),
      format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
      encoding text NOT NULL DEFAULT 'utf-8',
      headers jsonb NOT NULL DEFAULT '[]'::jsonb,
      size_bytes bigint NOT NULL DEFAULT 0,
      failure text,
      mapping jsonb NOT NULL DEFAULT '{}'::jsonb,
      total_rows integer NOT NULL DEFAULT 0,
      good_rows integer NOT NULL DEFAULT 0,
      bad_rows integer NOT NULL DEFAULT 0,
      duplicate_rows integer NOT NULL DEFAULT 0,
      imported_rows integer NOT NULL DEFAULT 0,
      problems jsonb NOT NULL DEFAULT '[]'::jsonb,
      progress integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid
    );

    -- The uploaded file itself, encrypted in 1 MB chunks, so any instance can read it; deleted
    -- when the import is applied or discarded.
    CREATE TABLE chronology_upload_chunk (
      import_id uuid NOT NULL REFERENCES chronology_import(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      data text NOT NULL,
      PRIMARY KEY (import_id, seq)
    );

    CREATE TABLE chronology_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      date_from date NOT NULL,
      date_to date NOT NULL,
      precision text NOT NULL CHECK (precision IN ('day', 'month')),
      event text NOT NULL,
      source text NOT NULL DEFAULT '',
      category text NOT NULL CHECK (category IN ('incident', 'disclosure', 'referral', 'strategy_discussion',
      'cp_conference', 'core_group', 'marac',
        'missed_appointment', 'school_absence', 'new_adult', 'legal_status_change', 'case_opened',
        'case_closed', 'other')),
      impact text NOT NULL DEFAULT 'neutral' CHECK (impact IN ('positive', 'negative', 'neutral')),
      action_taken text NOT NULL DEFAULT '',
      significant boolean NOT NULL DEFAULT false,
      fingerprint text NOT NULL,
      import_id uuid REFERENCES chronology_import(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      CONSTRAINT chronology_entry_period CHECK (date_from <= date_to)
    );
    CREATE INDEX chronology_entry_case ON chronology_entry (case_id, date_from);
    CREATE UNIQUE INDEX chronology_entry_fingerprint ON chronology_entry (case_id, agency_id, fingerprint);

    CREATE TABLE discussion_point (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES audit_case(id) ON DELETE CASCADE,
      point_key text NOT NULL,
      rule text NOT NULL,
      question text NOT NULL,
      entry_ids uuid[] NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'carried')),
      reason text NOT NULL DEFAULT '',
      decided_at timestamptz,
      decided_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, point_key)
    );
  `.execute(db);
}
