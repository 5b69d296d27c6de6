import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import { passwordProblem, SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import { passwordResetEmail } from '../mail/templates.ts';
import { hashPassword } from './passwords.ts';
import { consumePasswordToken, findUsablePasswordToken, insertPasswordToken } from './password-token-repository.ts';
import { deleteSessionsOfUser } from './session-repository.ts';
import { clearThrottle } from './throttle-repository.ts';
import { findUserByEmail, setPasswordHash } from './user-repository.ts';

/** The sign-in throttle's key for an address: a hash, so the table holds no e-mail addresses. */
export const emailKey = (email: string) => `email:${hashSecret(email.trim().toLowerCase())}`;

/** Forgotten passwords and invitations: one-use links, then a new password. */
export function createPasswordService(db: Executor, config: Config, mail: MailService) {
  return {
    /** Always answers the same way, so the page reveals nothing about which addresses have accounts. */
    async requestPasswordReset(email: string, actor: Actor): Promise<void> {
      const user = await findUserByEmail(db, email);
      await inTransaction(db, async (trx) => {
        if (!user || !user.active) {
          await appendAuditLog(trx, actor, {
            action: 'password-reset.requested-unknown',
            detail: { email: email.trim().toLowerCase() },
          });
          return;
        }
        const token = newSecret();
        await insertPasswordToken(trx, {
          userId: user.id,
          purpose: 'reset',
          tokenHash: hashSecret(token),
          expiresAt: new Date(Date.now() + SIGN_IN_POLICY.resetLinkMinutes * 60_000),
        });
        await mail.queue(trx, {
          partnershipId: user.partnershipId,
          to: user.email,
          email: passwordResetEmail({
            name: user.displayName,
            link: `${config.baseUrl}/reset-password?token=${token}`,
            minutes: SIGN_IN_POLICY.resetLinkMinutes,
            partnership: user.partnershipName,
          }),
          priority: 'high',
        });
        await appendAuditLog(
          trx,
          { ...actor, partnershipId: user.partnershipId, userId: user.id },
          {
            action: 'password-reset.requested',
            recordType: 'app_user',
            recordId: user.id,
          },
        );
      });
    },

    /** A reset or invitation link: valid when unused, unexpired and the person still active. */
    async findUsableToken(token: string) {
      return findUsablePasswordToken(db, hashSecret(token));
    },

    async setPasswordWithToken(
      token: string,
      password: string,
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; problem: string }> {
      const problem = passwordProblem(password);
      if (problem) return { ok: false, problem };
      const passwordHash = await hashPassword(password);
      return inTransaction(db, async (trx) => {
        const used = await consumePasswordToken(trx, hashSecret(token));
        if (!used) return { ok: false as const, problem: 'expired' };
        await setPasswordHash(trx, used.userId, passwordHash);
        // A new password ends every session, and lifts a lockout on the account.
        await deleteSessionsOfUser(trx, used.userId);
        await clearThrottle(trx, emailKey(used.email));
        await appendAuditLog(
          trx,
          { ...actor, partnershipId: used.partnershipId, userId: used.userId },
          {
            action: used.purpose === 'invite' ? 'account.password-set-from-invitation' : 'password-reset.completed',
            recordType: 'app_user',
            recordId: used.userId,
          },
        );
        return { ok: true as const };
      });
    },
  };
}
