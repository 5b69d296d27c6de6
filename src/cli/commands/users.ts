import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import { AGENCY_ROLES, isRole, ROLES, type Role } from '../../domain/roles.ts';
import { SIGN_IN_POLICY, passwordProblem } from '../../domain/sign-in-policy.ts';
import { appendAuditLog } from '../../features/audit-log/audit-log-repository.ts';
import { hashPassword } from '../../features/auth/passwords.ts';
import { createUser } from '../../features/auth/user-repository.ts';

export class CliError extends Error {}

const CLI_ACTOR = { userId: null, partnershipId: null, correlationId: 'cli', ip: null };

/** The partnership by name, or the only one there is. */
export async function partnershipFor(db: Db, name: string | undefined): Promise<{ id: string; name: string }> {
  const rows = await db.selectFrom('partnership').select(['id', 'name']).execute();
  if (name) {
    const found = rows.find((r) => r.name.toLowerCase() === name.toLowerCase() || r.id === name);
    if (!found)
      throw new CliError(
        `There is no partnership called "${name}". Partnerships: ${rows.map((r) => r.name).join(', ') || 'none'}.`,
      );
    return found;
  }
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) {
    const created = await db
      .insertInto('partnership')
      .values({ name: 'Safeguarding Children Partnership' })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    return created;
  }
  throw new CliError(`There are ${rows.length} partnerships: name one with --partnership.`);
}

export async function createUserCommand(
  db: Db,
  config: Config,
  options: { email: string; name: string; role: string[]; agency?: string; partnership?: string; password?: string },
): Promise<{ id: string; link?: string }> {
  const roles = options.role.map((r) => r.trim().replace(/-/g, '_'));
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new CliError(`Unknown role ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}.`);
  const email = options.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`"${options.email}" is not an email address.`);
  if (!options.name.trim()) throw new CliError('Give the person’s name with --name.');
  const partnership = await partnershipFor(db, options.partnership);
  let agencyId: string | null = null;
  if (options.agency) {
    const agency = await db
      .selectFrom('agency')
      .select('id')
      .where('partnership_id', '=', partnership.id)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', options.agency!.toLowerCase()))
      .executeTakeFirst();
    if (!agency) throw new CliError(`There is no agency called "${options.agency}" in ${partnership.name}.`);
    agencyId = agency.id;
  }
  const needsAgency = (roles as Role[]).filter((r) => AGENCY_ROLES.includes(r));
  if (needsAgency.length && !agencyId) throw new CliError(`The role ${needsAgency.join(', ')} needs --agency.`);
  if (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst())
    throw new CliError(`Someone already has an account with ${email}.`);
  if (options.password !== undefined) {
    const problem = passwordProblem(options.password);
    if (problem) throw new CliError(problem);
  }
  const passwordHash = options.password !== undefined ? await hashPassword(options.password) : null;
  return db.transaction().execute(async (trx) => {
    const id = await createUser(trx, {
      partnershipId: partnership.id,
      email,
      displayName: options.name.trim(),
      agencyId,
      passwordHash,
      roles: roles as Role[],
    });
    let link: string | undefined;
    if (!passwordHash) {
      const token = newSecret();
      await trx
        .insertInto('password_token')
        .values({
          user_id: id,
          purpose: 'invite',
          token_hash: hashSecret(token),
          expires_at: new Date(Date.now() + SIGN_IN_POLICY.inviteLinkDays * 86_400_000),
        })
        .execute();
      link = `${config.baseUrl}/set-password?token=${token}`;
    }
    await appendAuditLog(
      trx,
      { ...CLI_ACTOR, partnershipId: partnership.id },
      { action: 'user.created-by-cli', recordType: 'app_user', recordId: id, detail: { roles } },
    );
    return { id, link };
  });
}

export async function userByEmail(db: Db, email: string): Promise<{ id: string; partnershipId: string }> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'partnership_id', 'active'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new CliError(`There is no account with ${email}.`);
  if (!user.active) throw new CliError(`The account ${email} is deactivated.`);
  return { id: user.id, partnershipId: user.partnership_id };
}

export { CLI_ACTOR };
