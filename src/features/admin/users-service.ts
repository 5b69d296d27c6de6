import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { isRole, ROLE_LABELS } from '../../domain/roles.ts';
import { SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { MailService } from '../mail/mail-service.ts';
import { inviteEmail } from '../mail/templates.ts';
import { listActiveAgencies } from './agency-repository.ts';
import {
  emailTaken,
  findInvitee,
  listPeople,
  lockPersonForChange,
  rolesOfPeople,
  updatePerson,
} from './people-repository.ts';
import type { PersonInput } from './pages/user/schema.ts';

export type { PersonInput };

const UUID = /^[0-9a-f-]{36}$/i;

/** People: list and filter, invite, change roles and agency, deactivate, resend an invitation. */
export function createUserAdminService(db: Executor, config: Config, mail: MailService, auth: AuthService) {
  async function sendInvitation(trx: Executor, userId: string, email: string, name: string, admin: CurrentUser) {
    const token = await auth.newInvitationToken(trx, userId);
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
    async list(admin: CurrentUser, filter: { q?: string; role?: string }) {
      const q = String(filter.q ?? '').trim();
      const role = filter.role && isRole(filter.role) ? filter.role : undefined;
      const people = await listPeople(db, admin.partnershipId, { q, role });
      const roles = await rolesOfPeople(
        db,
        people.map((p) => p.id),
      );
      return {
        q,
        role,
        people: people.map((p) => ({
          ...p,
          invited: !p.password_hash,
          roleLabels: roles
            .filter((r) => r.user_id === p.id)
            .map((r) => ROLE_LABELS[r.role as keyof typeof ROLE_LABELS] ?? r.role),
        })),
      };
    },

    activeAgencies: (admin: CurrentUser) => listActiveAgencies(db, admin.partnershipId),

    /** A person of the administrator's partnership; anyone else is not found. */
    async person(admin: CurrentUser, userId: string) {
      if (!UUID.test(userId)) throw new NotFound();
      const user = await auth.findAccount(userId);
      if (!user || user.partnershipId !== admin.partnershipId) throw new NotFound();
      return user;
    },

    async invite(
      admin: CurrentUser,
      input: PersonInput,
      actor: Actor,
    ): Promise<{ ok: true; id: string } | { ok: false }> {
      if (await emailTaken(db, input.email)) return { ok: false };
      return inTransaction(db, async (trx) => {
        const id = await auth.createAccount(trx, {
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
      return inTransaction(db, async (trx) => {
        const before = await lockPersonForChange(trx, admin.partnershipId, userId);
        if (!before) return { ok: false as const, message: 'not-found' };
        const oldRoles = before.roles;
        await updatePerson(trx, userId, { ...input, jobTitle: input.jobTitle || null });
        const privilegeChanged =
          before.agency_id !== input.agencyId ||
          before.active !== input.active ||
          oldRoles.join() !== [...input.roles].sort().join();
        if (privilegeChanged) await auth.endSessionsOf(trx, userId);
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
      return inTransaction(db, async (trx) => {
        const user = await findInvitee(trx, admin.partnershipId, userId);
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
