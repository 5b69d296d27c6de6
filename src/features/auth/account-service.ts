import type { Executor } from '../../db/transaction.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import { SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import type { CurrentUser } from '../../web/request-context.ts';
import { deleteExpiredPasswordTokens, insertPasswordToken, revokeInvitations } from './password-token-repository.ts';
import { deleteExpiredSessions, deleteSessionsOfUser } from './session-repository.ts';
import { deleteStaleThrottles } from './throttle-repository.ts';
import { createUser, findUserByEmail, findUserById, toCurrentUser } from './user-repository.ts';

/**
 * Accounts as other features change them (administrators inviting and changing people). The
 * functions taking `trx` run in the caller's transaction, so the change and its log commit together.
 */
export function createAccountService(db: Executor) {
  return {
    findAccount: (userId: string) => findUserById(db, userId),

    findAccountByEmail: (email: string) => findUserByEmail(db, email),

    /** The person with this address as a user (active or not), for commands run on their behalf. */
    async personByEmail(email: string): Promise<CurrentUser | undefined> {
      const record = await findUserByEmail(db, email);
      return record && toCurrentUser(record);
    },

    /** The person as a signed-in user, when their account is still active. */
    async activeUser(userId: string): Promise<CurrentUser | undefined> {
      const user = await findUserById(db, userId);
      return user?.active ? toCurrentUser(user) : undefined;
    },

    /** The scheduled clean-up: ended sessions, old throttle windows, long-expired links. */
    async purgeExpired(now = Date.now()) {
      const sessions = await deleteExpiredSessions(
        db,
        new Date(now - SIGN_IN_POLICY.sessionIdleMinutes * 60_000),
        new Date(now - SIGN_IN_POLICY.sessionAbsoluteHours * 3_600_000),
      );
      const throttles = await deleteStaleThrottles(db, new Date(now - 24 * 3_600_000));
      const tokens = await deleteExpiredPasswordTokens(db, new Date(now - 7 * 24 * 3_600_000));
      return { sessions, throttles, tokens };
    },

    createAccount: (trx: Executor, user: Parameters<typeof createUser>[1]) => createUser(trx, user),

    /** Ends every session of the person: they sign in again with their new rights. */
    endSessionsOf: (trx: Executor, userId: string) => deleteSessionsOfUser(trx, userId),

    /** A fresh invitation link's token; earlier invitation links stop working. */
    async newInvitationToken(trx: Executor, userId: string): Promise<string> {
      const token = newSecret();
      await revokeInvitations(trx, userId);
      await insertPasswordToken(trx, {
        userId,
        purpose: 'invite',
        tokenHash: hashSecret(token),
        expiresAt: new Date(Date.now() + SIGN_IN_POLICY.inviteLinkDays * 86_400_000),
      });
      return token;
    },
  };
}
