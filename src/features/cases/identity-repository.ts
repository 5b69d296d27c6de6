import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  emptyIdentity,
  namesChildrenByPseudonym,
  readIdentity,
  type CaseIdentity,
} from '../../domain/case-identity.ts';
import { decrypt, encrypt } from '../../domain/encryption.ts';

/** case_identity: one AES-256-GCM blob per case. Version 0 means "none stored yet". */
export type StoredIdentity = { identity: CaseIdentity; version: number; updatedAt: Date | null };

/**
 * Decrypts and reads one case's value; an older value naming children by pseudonym is matched to
 * the case's children.
 */
async function readStored(db: Db, key: Buffer, caseId: string, encrypted: string): Promise<CaseIdentity> {
  const json = decrypt(key, encrypted);
  if (!namesChildrenByPseudonym(json)) return readIdentity(json);
  const children = await db
    .selectFrom('case_child')
    .select(['id', 'pseudonym'])
    .where('case_id', '=', caseId)
    .execute();
  return readIdentity(json, new Map(children.map((c) => [c.pseudonym, c.id])));
}

export async function loadIdentity(db: Db, key: Buffer, caseId: string, forUpdate = false): Promise<StoredIdentity> {
  let query = db
    .selectFrom('case_identity')
    .select(['encrypted', 'version', 'updated_at'])
    .where('case_id', '=', caseId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return { identity: emptyIdentity(), version: 0, updatedAt: null };
  return {
    identity: await readStored(db, key, caseId, row.encrypted),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function loadIdentities(
  db: Db,
  key: Buffer,
  caseIds: readonly string[],
): Promise<Map<string, StoredIdentity>> {
  const found = new Map<string, StoredIdentity>();
  if (caseIds.length === 0) return found;
  const rows = await db
    .selectFrom('case_identity')
    .select(['case_id', 'encrypted', 'version', 'updated_at'])
    .where('case_id', 'in', caseIds)
    .execute();
  for (const row of rows)
    found.set(row.case_id, {
      identity: await readStored(db, key, row.case_id, row.encrypted),
      version: row.version,
      updatedAt: row.updated_at,
    });
  return found;
}

/** Saves only if the stored version is still `expectedVersion`; the new version, or undefined. */
export async function storeIdentity(
  db: Db,
  key: Buffer,
  caseId: string,
  identity: CaseIdentity,
  expectedVersion: number,
  userId: string | null,
): Promise<number | undefined> {
  const encrypted = encrypt(key, JSON.stringify(identity));
  if (expectedVersion === 0) {
    const inserted = await db
      .insertInto('case_identity')
      .values({ case_id: caseId, encrypted, updated_by: userId })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    return inserted?.version;
  }
  const updated = await db
    .updateTable('case_identity')
    .set({ encrypted, version: sql<number>`version + 1`, updated_at: new Date(), updated_by: userId })
    .where('case_id', '=', caseId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return updated?.version;
}

/** Holds the case while its details are saved, so a child removed meanwhile cannot keep a name. */
export async function lockCase(db: Db, auditId: string, caseId: string): Promise<void> {
  await db
    .selectFrom('audit_case')
    .select('id')
    .where('id', '=', caseId)
    .where('audit_id', '=', auditId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
