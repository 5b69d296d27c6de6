import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import { AGENCY_ROLES, isRole, ROLE_LABELS, type Role } from '../../domain/roles.ts';
import { SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import { asArray } from '../../web/forms.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { deleteSessionsOfUser } from '../auth/session-repository.ts';
import { createUser } from '../auth/user-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import { inviteEmail } from '../mail/templates.ts';

export type PersonInput = {
  name: string;
  email: string;
  jobTitle: string;
  agencyId: string | null;
  roles: Role[];
  active: boolean;
};

export function readPerson(body: Record<string, string | string[]>, agencyIds: string[], editing: boolean) {
  const errors: Record<string, { text: string }> = {};
  const name = String(body.name ?? '').trim();
  const email = String(body.email ?? '')
    .trim()
    .toLowerCase();
  if (!name) errors.name = { text: 'Enter the person’s name' };
  else if (name.length > 200) errors.name = { text: 'The name must be 200 characters or fewer' };
  if (!editing && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.email = {
      text: email
        ? 'Enter an email address in the correct format, like name@example.org'
        : 'Enter the person’s email address',
    };
  const roles = asArray(body.roles).filter(isRole);
  const agencyId = String(body.agencyId ?? '') || null;
  if (agencyId && !agencyIds.includes(agencyId)) errors.agencyId = { text: 'Select an active agency from the list' };
  const needsAgency = roles.filter((r) => AGENCY_ROLES.includes(r));
  if (needsAgency.length && !agencyId)
    errors.agencyId = {
      text: `Select an agency for ${needsAgency.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ')}`,
    };
  return {
    errors,
    value: {
      name,
      email,
      jobTitle: String(body.jobTitle ?? '')
        .trim()
        .slice(0, 200),
      agencyId,
      roles,
      active: body.active !== 'no',
    } satisfies PersonInput,
  };
}

export function createUserAdminService(db: Db, config: Config, mail: MailService) {
  async function sendInvitation(trx: Db, userId: string, email: string, name: string, admin: CurrentUser) {
    const token = newSecret();
    await trx
      .updateTable('password_token')
      .set({ used_at: new Date() })
      .where('user_id', '=', userId)
      .where('purpose', '=', 'invite')
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('password_token')
      .values({
        user_id: userId,
        purpose: 'invite',
        token_hash: hashSecret(token),
        expires_at: new Date(Date.now() + SIGN_IN_POLICY.inviteLinkDays * 86_400_000),
      })
      .execute();
    await mail.queue(trx, {
      partnershipId: admin.partnershipId,
      to: email,
      email: inviteEmail({
        name,
        link: `${config.baseUrl}/set-password?token=${token}`,
        days: SIGN_IN_POLICY.inviteLinkDays,
        partnership: admin.partnershipName,
        invitedBy: admin.displayName,
      }),
      priority: 'high',
    });
  }

  return {
    async invite(
      admin: CurrentUser,
      input: PersonInput,
      actor: Actor,
    ): Promise<{ ok: true; id: string } | { ok: false }> {
      const exists = await db.selectFrom('app_user').select('id').where('email', '=', input.email).executeTakeFirst();
      if (exists) return { ok: false };
      return db.transaction().execute(async (trx) => {
        const id = await createUser(trx, {
          partnershipId: admin.partnershipId,
          email: input.email,
          displayName: input.name,
          jobTitle: input.jobTitle || null,
          agencyId: input.agencyId,
          roles: input.roles,
          createdBy: admin.id,
        });
        await sendInvitation(trx, id, input.email, input.name, admin);
        await appendAuditLog(trx, actor, {
          action: 'user.invited',
          recordType: 'app_user',
          recordId: id,
          detail: { roles: input.roles },
        });
        return { ok: true as const, id };
      });
    },

    /** Changing roles, agency or access ends the person's sessions: they sign in again with the new rights. */
    async change(
      admin: CurrentUser,
      userId: string,
      input: PersonInput,
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; message: string }> {
      if (userId === admin.id && (!input.active || !input.roles.includes('administrator')))
        return {
          ok: false,
          message: 'You cannot remove your own administrator role or deactivate yourself: ask another administrator',
        };
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('app_user')
          .select(['agency_id', 'active', 'display_name'])
          .where('id', '=', userId)
          .where('partnership_id', '=', admin.partnershipId)
          .forUpdate()
          .executeTakeFirst();
        if (!before) return { ok: false as const, message: 'not-found' };
        const oldRoles = (await trx.selectFrom('user_role').select('role').where('user_id', '=', userId).execute())
          .map((r) => r.role)
          .sort();
        await trx
          .updateTable('app_user')
          .set({
            display_name: input.name,
            job_title: input.jobTitle || null,
            agency_id: input.agencyId,
            active: input.active,
            updated_at: new Date(),
          })
          .where('id', '=', userId)
          .execute();
        await trx.deleteFrom('user_role').where('user_id', '=', userId).execute();
        if (input.roles.length)
          await trx
            .insertInto('user_role')
            .values(input.roles.map((role) => ({ user_id: userId, role })))
            .execute();
        const privilegeChanged =
          before.agency_id !== input.agencyId ||
          before.active !== input.active ||
          oldRoles.join() !== [...input.roles].sort().join();
        if (privilegeChanged) await deleteSessionsOfUser(trx, userId);
        const action =
          before.active && !input.active
            ? 'user.deactivated'
            : !before.active && input.active
              ? 'user.reactivated'
              : 'user.changed';
        await appendAuditLog(trx, actor, {
          action,
          recordType: 'app_user',
          recordId: userId,
          detail: {
            rolesBefore: oldRoles,
            rolesAfter: input.roles,
            agencyBefore: before.agency_id,
            agencyAfter: input.agencyId,
          },
        });
        return { ok: true as const };
      });
    },

    async resendInvitation(admin: CurrentUser, userId: string, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom('app_user')
          .select(['email', 'display_name', 'password_hash', 'active'])
          .where('id', '=', userId)
          .where('partnership_id', '=', admin.partnershipId)
          .executeTakeFirst();
        if (!user || user.password_hash || !user.active) return false;
        await sendInvitation(trx, userId, user.email, user.display_name, admin);
        await appendAuditLog(trx, actor, {
          action: 'user.invitation-resent',
          recordType: 'app_user',
          recordId: userId,
        });
        return true;
      });
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
