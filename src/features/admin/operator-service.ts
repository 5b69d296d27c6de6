import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { AGENCY_ROLES, isRole, ROLES, type Role } from '../../domain/roles.ts';
import { passwordProblem } from '../../domain/sign-in-policy.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { findAgencyByName } from './agency-repository.ts';
import { EMAIL_FORMAT } from './form-fields.ts';
import { insertPartnership, listPartnerships } from './partnership-repository.ts';
import { emailTaken } from './people-repository.ts';

/** A request from the command line that cannot be carried out; its message says what to change. */
export class OperatorRefusal extends Error {}

/** The command line acts as no one: its audit-log rows say "cli". */
export const OPERATOR_ACTOR = { userId: null, partnershipId: null, correlationId: 'cli', ip: null };

export type NewAccount = {
  email: string;
  name: string;
  role: string[];
  agency?: string;
  partnership?: string;
  password?: string;
};

/** The partnership by name (or id), or the only one there is; a fresh instance gets its first. */
export async function partnershipNamed(db: Executor, name: string | undefined): Promise<{ id: string; name: string }> {
  const rows = await listPartnerships(db);
  if (name) {
    const found = rows.find((r) => r.name.toLowerCase() === name.toLowerCase() || r.id === name);
    if (!found) {
      const names = rows.map((r) => r.name).join(', ') || 'none';
      throw new OperatorRefusal(`There is no partnership called "${name}". Partnerships: ${names}.`);
    }
    return found;
  }
  const [only] = rows;
  if (rows.length === 1 && only) return only;
  if (rows.length === 0) return insertPartnership(db, 'Safeguarding Children Partnership');
  throw new OperatorRefusal(`There are ${rows.length} partnerships: name one with --partnership.`);
}

/** What operators do from the command line: create people, find them for their tokens. */
export function createOperatorService(db: Executor, config: Config, auth: AuthService) {
  return {
    partnershipNamed: (name: string | undefined) => partnershipNamed(db, name),

    async createAccount(options: NewAccount): Promise<{ id: string; link?: string }> {
      const roles = options.role.map((r) => r.trim().replace(/-/g, '_'));
      const unknown = roles.filter((r) => !isRole(r));
      if (unknown.length) throw new OperatorRefusal(`Unknown role ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}.`);
      const email = options.email.trim().toLowerCase();
      if (!EMAIL_FORMAT.test(email)) throw new OperatorRefusal(`"${options.email}" is not an email address.`);
      if (!options.name.trim()) throw new OperatorRefusal('Give the person’s name with --name.');
      const partnership = await partnershipNamed(db, options.partnership);
      let agencyId: string | null = null;
      if (options.agency) {
        const agency = await findAgencyByName(db, partnership.id, options.agency);
        if (!agency) throw new OperatorRefusal(`There is no agency called "${options.agency}" in ${partnership.name}.`);
        agencyId = agency.id;
      }
      const needsAgency = (roles as Role[]).filter((r) => AGENCY_ROLES.includes(r));
      if (needsAgency.length && !agencyId)
        throw new OperatorRefusal(`The role ${needsAgency.join(', ')} needs --agency.`);
      if (await emailTaken(db, email)) throw new OperatorRefusal(`Someone already has an account with ${email}.`);
      if (options.password !== undefined) {
        const problem = passwordProblem(options.password);
        if (problem) throw new OperatorRefusal(problem);
      }
      const passwordHash = options.password !== undefined ? await hashPassword(options.password) : null;
      return inTransaction(db, async (trx) => {
        const id = await auth.createAccount(trx, {
          partnershipId: partnership.id,
          email,
          displayName: options.name.trim(),
          agencyId,
          passwordHash,
          roles: roles as Role[],
        });
        const link = passwordHash
          ? undefined
          : `${config.baseUrl}/set-password?token=${await auth.newInvitationToken(trx, id)}`;
        await appendAuditLog(
          trx,
          { ...OPERATOR_ACTOR, partnershipId: partnership.id },
          { action: 'user.created-by-cli', recordType: 'app_user', recordId: id, detail: { roles } },
        );
        return { id, link };
      });
    },

    /** An active person by address, for the commands that act on their behalf. */
    async activeAccount(email: string): Promise<{ id: string; partnershipId: string }> {
      const user = await auth.findAccountByEmail(email);
      if (!user) throw new OperatorRefusal(`There is no account with ${email}.`);
      if (!user.active) throw new OperatorRefusal(`The account ${email} is deactivated.`);
      return { id: user.id, partnershipId: user.partnershipId };
    },
  };
}
