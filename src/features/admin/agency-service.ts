import { inTransaction, type Executor } from '../../db/transaction.ts';
import { AGENCY_TYPES } from '../../domain/roles.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { findAgency, insertAgency, listAgencies, updateAgency, type AgencyFields } from './agency-repository.ts';

export type AgencyInput = AgencyFields & { active: boolean };
export type AgencySaved = { ok: true } | { ok: false; duplicate: true };

const UUID = /^[0-9a-f-]{36}$/i;
// PostgreSQL's unique_violation: the partnership already has an agency of that name.
const duplicateName = (error: unknown) => (error as { code?: string }).code === '23505';

/** Agencies of the partnership: add, rename, retype, mark inactive; each change is logged. */
export function createAgencyService(db: Executor) {
  async function saved(work: () => Promise<void>): Promise<AgencySaved> {
    try {
      await work();
      return { ok: true };
    } catch (error) {
      if (duplicateName(error)) return { ok: false, duplicate: true };
      throw error;
    }
  }

  /** One agency of the person's partnership; any other id is not found. */
  async function find(user: CurrentUser, id: string) {
    if (!UUID.test(id)) throw new NotFound();
    const agency = await findAgency(db, user.partnershipId, id);
    if (!agency) throw new NotFound();
    return agency;
  }

  return {
    find,

    async list(user: CurrentUser) {
      const agencies = await listAgencies(db, user.partnershipId);
      return agencies.map((a) => ({
        ...a,
        typeLabel: AGENCY_TYPES[a.type as keyof typeof AGENCY_TYPES] ?? a.type,
      }));
    },

    add: (user: CurrentUser, input: AgencyInput, actor: Actor) =>
      saved(() =>
        inTransaction(db, async (trx) => {
          const id = await insertAgency(trx, { ...input, partnershipId: user.partnershipId, createdBy: user.id });
          await appendAuditLog(trx, actor, {
            action: 'agency.created',
            recordType: 'agency',
            recordId: id,
            detail: { name: input.name, type: input.type },
          });
        }),
      ),

    async change(user: CurrentUser, id: string, input: AgencyInput, actor: Actor): Promise<AgencySaved> {
      const before = await find(user, id);
      return saved(() =>
        inTransaction(db, async (trx) => {
          await updateAgency(trx, before.id, input);
          await appendAuditLog(trx, actor, {
            action: 'agency.changed',
            recordType: 'agency',
            recordId: before.id,
            detail: {
              before: { name: before.name, type: before.type, active: before.active },
              after: { name: input.name, type: input.type, active: input.active },
            },
          });
        }),
      );
    },
  };
}
