import type { Executor } from '../../db/transaction.ts';

/** SQL for the partnership's agencies. */
export async function listAgencies(db: Executor, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'type', 'active', 'safeguarding_lead_email'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('active', 'desc')
    .orderBy('name')
    .execute();
}

export async function listActiveAgencies(db: Executor, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

export async function findAgency(db: Executor, partnershipId: string, id: string) {
  return db
    .selectFrom('agency')
    .selectAll()
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export type AgencyFields = { name: string; type: string; email: string | null };

export async function insertAgency(
  db: Executor,
  agency: AgencyFields & { partnershipId: string; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('agency')
    .values({
      partnership_id: agency.partnershipId,
      name: agency.name,
      type: agency.type,
      safeguarding_lead_email: agency.email,
      created_by: agency.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgency(db: Executor, id: string, agency: AgencyFields & { active: boolean }) {
  await db
    .updateTable('agency')
    .set({
      name: agency.name,
      type: agency.type,
      safeguarding_lead_email: agency.email,
      active: agency.active,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** An agency of the partnership by its name, in any letter case. */
export async function findAgencyByName(db: Executor, partnershipId: string, name: string) {
  return db
    .selectFrom('agency')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}
