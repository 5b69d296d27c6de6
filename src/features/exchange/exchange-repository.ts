import type { Db } from '../../db/database.ts';
import { isUuid } from '../audits/audit-access.ts';
import type { TargetAgency } from './exchange-agencies.ts';

/**
 * What an import looks up before it writes (an earlier import of the same file, the partnership's
 * agencies and people), the web upload kept between its two pages, and the command line's audit
 * lookup. Plain SQL; each function takes the database or a transaction.
 */
export function previousImport(
  db: Db,
  o: { partnershipId: string; sourceAuditId: string; exportedAt: Date; contentHash: string },
) {
  return db
    .selectFrom('exchange_import')
    .select(['audit_id', 'created_at'])
    .where('partnership_id', '=', o.partnershipId)
    .where('as_copy', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('source_audit_id', '=', o.sourceAuditId), eb('exported_at', '=', o.exportedAt)]),
        eb('content_hash', '=', o.contentHash),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

export function partnershipAgencies(db: Db, partnershipId: string): Promise<TargetAgency[]> {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'type'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

/** The partnership's people with these (lower-case) e-mail addresses. */
export function peopleByEmail(db: Db, partnershipId: string, emails: readonly string[]) {
  if (!emails.length) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'email'])
    .where('partnership_id', '=', partnershipId)
    .where('email', 'in', [...emails])
    .execute();
}

export async function insertUpload(
  db: Db,
  upload: { partnershipId: string; filename: string; encrypted: string; createdBy: string },
): Promise<string> {
  await db.deleteFrom('exchange_upload').where('expires_at', '<', new Date()).execute();
  const row = await db
    .insertInto('exchange_upload')
    .values({
      partnership_id: upload.partnershipId,
      filename: upload.filename,
      encrypted: upload.encrypted,
      created_by: upload.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An upload that has not expired, for the person who made it. */
export function findUpload(db: Db, o: { uploadId: string; partnershipId: string; userId: string }) {
  return db
    .selectFrom('exchange_upload')
    .select(['id', 'filename', 'encrypted'])
    .where('id', '=', o.uploadId)
    .where('partnership_id', '=', o.partnershipId)
    .where('created_by', '=', o.userId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

export async function deleteUpload(db: Db, uploadId: string): Promise<void> {
  await db.deleteFrom('exchange_upload').where('id', '=', uploadId).execute();
}

/** Audits with this id, or with this reference (ignoring case) in any partnership. */
export function auditsByIdOrReference(db: Db, wanted: string) {
  const query = db
    .selectFrom('audit as a')
    .innerJoin('partnership as p', 'p.id', 'a.partnership_id')
    .select(['a.id', 'a.partnership_id', 'a.reference', 'p.name']);
  return (
    isUuid(wanted)
      ? query.where('a.id', '=', wanted)
      : query.where((eb) => eb(eb.fn('lower', ['a.reference']), '=', wanted.toLowerCase()))
  ).execute();
}
