import type { Executor } from '../../db/transaction.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import { SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import { insertPasswordToken, revokeInvitations } from './password-token-repository.ts';
import { deleteSessionsOfUser } from './session-repository.ts';
import { createUser, findUserById } from './user-repository.ts';

/**
 * Accounts as other features change them (administrators inviting and changing people). The
 * functions taking `trx` run in the caller's transaction, so the change and its log commit together.
 */
export function createAccountService(db: Executor) {
  return {
    findAccount: (userId: string) => findUserById(db, userId),

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
