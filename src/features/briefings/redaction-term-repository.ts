import type { Db } from '../../db/database.ts';

/** The coordinator's words to check for, and the cases' identifying details, as plain SQL (encrypted). */
export function termsOf(db: Db, auditId: string) {
  return db
    .selectFrom('redaction_term')
    .select(['id', 'kind', 'encrypted'])
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
}

export async function insertTerm(
  db: Db,
  t: { auditId: string; encrypted: string; createdBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto('redaction_term')
    .values({ audit_id: t.auditId, kind: 'custom', encrypted: t.encrypted, created_by: t.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteTerm(db: Db, auditId: string, termId: string): Promise<boolean> {
  const gone = await db
    .deleteFrom('redaction_term')
    .where('id', '=', termId)
    .where('audit_id', '=', auditId)
    .returning('id')
    .executeTakeFirst();
  return !!gone;
}

export function caseIdentities(db: Db, auditId: string) {
  return db
    .selectFrom('case_identity as i')
    .innerJoin('audit_case as k', 'k.id', 'i.case_id')
    .select(['i.case_id', 'i.encrypted'])
    .where('k.audit_id', '=', auditId)
    .execute();
}

/** Each child's pseudonym and each household member's role: what a case's details are replaced by. */
export async function pseudonymsOf(db: Db, auditId: string) {
  const [children, members] = await Promise.all([
    db
      .selectFrom('case_child as c')
      .innerJoin('audit_case as k', 'k.id', 'c.case_id')
      .select(['c.id', 'c.pseudonym'])
      .where('k.audit_id', '=', auditId)
      .execute(),
    db
      .selectFrom('household_member as m')
      .innerJoin('audit_case as k', 'k.id', 'm.case_id')
      .select(['m.id', 'm.role'])
      .where('k.audit_id', '=', auditId)
      .execute(),
  ]);
  return {
    childPseudonym: new Map(children.map((c) => [c.id, c.pseudonym])),
    memberRole: new Map(members.map((m) => [m.id, m.role])),
  };
}
