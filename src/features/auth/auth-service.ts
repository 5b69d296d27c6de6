import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { requiresSecondFactor } from '../../domain/authorisation.ts';
import { decrypt, encrypt, hashSecret, newSecret } from '../../domain/encryption.ts';
import {
  afterFailure,
  isLocked,
  passwordProblem,
  sessionExpired,
  SIGN_IN_POLICY,
} from '../../domain/sign-in-policy.ts';
import type { Actor, CurrentSession, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import { lockoutEmail, passwordResetEmail } from '../mail/templates.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  insertSession,
  saveSessionData,
  touchSession,
} from './session-repository.ts';
import { clearThrottle, readThrottle, writeThrottle } from './throttle-repository.ts';
import { matchingStep, newRecoveryCodes, normaliseRecoveryCode } from './totp.ts';
import {
  findUserByEmail,
  findUserById,
  recordSignIn,
  setPasswordHash,
  toCurrentUser,
  type UserRecord,
} from './user-repository.ts';

export type SignInResult =
  { kind: 'signed-in'; token: string; stage: CurrentSession['stage'] } | { kind: 'invalid' } | { kind: 'locked' };

export type LoadedSession = { user: CurrentUser; session: CurrentSession } | { expired: true } | undefined;

const emailKey = (email: string) => `email:${hashSecret(email.trim().toLowerCase())}`;
const addressKey = (ip: string) => `ip:${ip}`;

/** The stage a person reaches after their password: second factor, enrolment, or fully signed in. */
export function stageAfterPassword(
  user: UserRecord,
  hasConfirmedTotp: boolean,
  config: Config,
): CurrentSession['stage'] {
  if (hasConfirmedTotp) return 'mfa';
  const exempt = user.mfaExempt && !config.production;
  return requiresSecondFactor(user.roles) && !exempt ? 'enrol' : 'full';
}

export function createAuthService(db: Db, config: Config, mail: MailService) {
  async function newSession(
    trx: Db,
    userId: string,
    stage: CurrentSession['stage'],
    ip: string,
    userAgent: string | null,
    data = {},
  ) {
    const token = newSecret();
    await insertSession(trx, { id: hashSecret(token), userId, stage, data, ip, userAgent });
    return token;
  }

  async function confirmedTotp(trx: Db, userId: string) {
    return trx
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
  }

  return {
    async signIn(
      input: { email: string; password: string; userAgent: string | null },
      actor: Actor,
    ): Promise<SignInResult> {
      const user = await findUserByEmail(db, input.email);
      const passwordOk = await verifyPassword(user?.passwordHash, input.password);
      const ip = actor.ip ?? 'unknown';
      return db.transaction().execute(async (trx) => {
        const now = new Date();
        const accountState = await readThrottle(trx, emailKey(input.email));
        const addressState = await readThrottle(trx, addressKey(ip));
        const auditActor = { ...actor, partnershipId: user?.partnershipId ?? null, userId: user?.id ?? null };
        if (isLocked(accountState, now) || isLocked(addressState, now)) {
          await appendAuditLog(trx, auditActor, {
            action: 'sign-in.refused-locked',
            detail: { email: input.email.trim().toLowerCase() },
          });
          return { kind: 'locked' };
        }
        if (!user || !user.active || !passwordOk) {
          const nextAccount = afterFailure(accountState, now, SIGN_IN_POLICY.accountFailuresBeforeLock);
          const nextAddress = afterFailure(addressState, now, SIGN_IN_POLICY.addressFailuresBeforeLock);
          await writeThrottle(trx, emailKey(input.email), nextAccount);
          await writeThrottle(trx, addressKey(ip), nextAddress);
          await appendAuditLog(trx, auditActor, {
            action: 'sign-in.failed',
            detail: { email: input.email.trim().toLowerCase(), failures: nextAccount.failures },
          });
          const lockedNow = nextAccount.lockedUntil && !accountState?.lockedUntil;
          if (nextAccount.lockedUntil || nextAddress.lockedUntil) {
            await appendAuditLog(trx, auditActor, {
              action: 'sign-in.locked',
              detail: {
                email: input.email.trim().toLowerCase(),
                by: nextAccount.lockedUntil ? 'account' : 'address',
                until: (nextAccount.lockedUntil ?? nextAddress.lockedUntil)?.toISOString(),
              },
            });
            if (lockedNow && user?.active) {
              await mail.queue(trx, {
                partnershipId: user.partnershipId,
                to: user.email,
                email: lockoutEmail({
                  name: user.displayName,
                  minutes: SIGN_IN_POLICY.lockMinutes,
                  link: `${config.baseUrl}/forgotten-password`,
                }),
              });
            }
            return { kind: 'locked' };
          }
          return { kind: 'invalid' };
        }
        await clearThrottle(trx, emailKey(input.email));
        const stage = stageAfterPassword(user, !!(await confirmedTotp(trx, user.id)), config);
        const token = await newSession(trx, user.id, stage, ip, input.userAgent);
        if (stage === 'full') await recordSignIn(trx, user.id);
        await appendAuditLog(trx, auditActor, {
          action: stage === 'full' ? 'sign-in.succeeded' : 'sign-in.password-accepted',
          detail: { stage },
        });
        return { kind: 'signed-in', token, stage };
      });
    },

    /** Reads the session behind a cookie; ends it when idle for 30 minutes or older than 12 hours. */
    async loadSession(token: string): Promise<LoadedSession> {
      const id = hashSecret(token);
      const row = await findSession(db, id);
      if (!row) return undefined;
      const now = new Date();
      if (sessionExpired(row, now)) {
        await deleteSession(db, id);
        return { expired: true };
      }
      const user = await findUserById(db, row.userId);
      if (!user || !user.active) {
        await deleteSession(db, id);
        return undefined;
      }
      if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await touchSession(db, id);
      return { user: toCurrentUser(user), session: { id, stage: row.stage, data: row.data, createdAt: row.createdAt } };
    },

    saveSessionData: (session: CurrentSession) => saveSessionData(db, session.id, session.data),

    async signOut(session: CurrentSession, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, session.id);
        await appendAuditLog(trx, actor, { action: 'sign-out' });
      });
    },

    /** Second factor at sign-in: a TOTP code, or one of the recovery codes. A new session id follows. */
    async verifySecondFactor(
      session: CurrentSession,
      user: CurrentUser,
      code: string,
      ip: string,
      userAgent: string | null,
      actor: Actor,
    ) {
      return db.transaction().execute(async (trx) => {
        const totp = await confirmedTotp(trx, user.id);
        if (!totp) return { ok: false as const };
        const secret = decrypt(config.encryptionKey, totp.secret_encrypted);
        const step = matchingStep(secret, code);
        let method: 'totp' | 'recovery-code' | undefined;
        if (step !== undefined && step > Number(totp.last_used_step)) {
          await trx
            .updateTable('user_totp')
            .set({ last_used_step: step, updated_at: new Date() })
            .where('user_id', '=', user.id)
            .execute();
          method = 'totp';
        } else if (normaliseRecoveryCode(code).length === 10) {
          const used = await trx
            .updateTable('recovery_code')
            .set({ used_at: new Date() })
            .where('user_id', '=', user.id)
            .where('code_hash', '=', hashSecret(normaliseRecoveryCode(code)))
            .where('used_at', 'is', null)
            .returning('id')
            .executeTakeFirst();
          if (used) method = 'recovery-code';
        }
        if (!method) {
          await appendAuditLog(trx, actor, { action: 'sign-in.second-factor-failed' });
          return { ok: false as const };
        }
        await deleteSession(trx, session.id);
        const token = await newSession(trx, user.id, 'full', ip, userAgent, { returnTo: session.data.returnTo });
        await recordSignIn(trx, user.id);
        await appendAuditLog(trx, actor, { action: 'sign-in.succeeded', detail: { secondFactor: method } });
        return { ok: true as const, token };
      });
    },

    /** Enrolment: the secret is held in the session until a code from it is verified. */
    async confirmTotpEnrolment(
      session: CurrentSession,
      user: CurrentUser,
      code: string,
      ip: string,
      userAgent: string | null,
      actor: Actor,
    ) {
      const secret = session.data.pendingTotpSecret;
      const step = secret ? matchingStep(secret, code) : undefined;
      if (!secret || step === undefined) return { ok: false as const };
      const codes = newRecoveryCodes();
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_totp').where('user_id', '=', user.id).execute();
        await trx
          .insertInto('user_totp')
          .values({
            user_id: user.id,
            secret_encrypted: encrypt(config.encryptionKey, secret),
            confirmed_at: new Date(),
            last_used_step: step,
          })
          .execute();
        await trx.deleteFrom('recovery_code').where('user_id', '=', user.id).execute();
        await trx
          .insertInto('recovery_code')
          .values(codes.map((c) => ({ user_id: user.id, code_hash: hashSecret(normaliseRecoveryCode(c)) })))
          .execute();
        // Privilege changed: a new session id, and every other session of this person ends.
        await deleteSessionsOfUser(trx, user.id);
        const token = await newSession(trx, user.id, 'full', ip, userAgent, {
          recoveryCodes: codes,
          returnTo: session.data.returnTo,
        });
        if (session.stage === 'enrol') await recordSignIn(trx, user.id);
        await appendAuditLog(trx, actor, {
          action: 'account.two-factor-enrolled',
          recordType: 'app_user',
          recordId: user.id,
        });
        return { ok: true as const, token };
      });
    },

    async hasTwoFactor(userId: string): Promise<boolean> {
      return !!(await confirmedTotp(db, userId));
    },

    async remainingRecoveryCodes(userId: string): Promise<number> {
      const row = await db
        .selectFrom('recovery_code')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Always answers the same way, so the page reveals nothing about which addresses have accounts. */
    async requestPasswordReset(email: string, actor: Actor): Promise<void> {
      const user = await findUserByEmail(db, email);
      await db.transaction().execute(async (trx) => {
        if (!user || !user.active) {
          await appendAuditLog(trx, actor, {
            action: 'password-reset.requested-unknown',
            detail: { email: email.trim().toLowerCase() },
          });
          return;
        }
        const token = newSecret();
        await trx
          .insertInto('password_token')
          .values({
            user_id: user.id,
            purpose: 'reset',
            token_hash: hashSecret(token),
            expires_at: new Date(Date.now() + SIGN_IN_POLICY.resetLinkMinutes * 60_000),
          })
          .execute();
        const partnership = await trx
          .selectFrom('partnership')
          .select('name')
          .where('id', '=', user.partnershipId)
          .executeTakeFirstOrThrow();
        await mail.queue(trx, {
          partnershipId: user.partnershipId,
          to: user.email,
          email: passwordResetEmail({
            name: user.displayName,
            link: `${config.baseUrl}/reset-password?token=${token}`,
            minutes: SIGN_IN_POLICY.resetLinkMinutes,
            partnership: partnership.name,
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
      const row = await db
        .selectFrom('password_token as t')
        .innerJoin('app_user as u', 'u.id', 't.user_id')
        .select(['t.id', 't.user_id', 't.purpose', 'u.email', 'u.display_name', 'u.partnership_id'])
        .where('t.token_hash', '=', hashSecret(token))
        .where('t.used_at', 'is', null)
        .where('t.expires_at', '>', new Date())
        .where('u.active', '=', true)
        .executeTakeFirst();
      return row;
    },

    async setPasswordWithToken(
      token: string,
      password: string,
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; problem: string }> {
      const problem = passwordProblem(password);
      if (problem) return { ok: false, problem };
      const passwordHash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('password_token')
          .set({ used_at: new Date() })
          .where('token_hash', '=', hashSecret(token))
          .where('used_at', 'is', null)
          .where('expires_at', '>', new Date())
          .returning(['user_id', 'purpose'])
          .executeTakeFirst();
        if (!row) return { ok: false as const, problem: 'expired' };
        const user = await trx
          .selectFrom('app_user')
          .select(['partnership_id', 'email'])
          .where('id', '=', row.user_id)
          .executeTakeFirstOrThrow();
        await setPasswordHash(trx, row.user_id, passwordHash);
        // A new password ends every session, and lifts a lockout on the account.
        await deleteSessionsOfUser(trx, row.user_id);
        await clearThrottle(trx, emailKey(user.email));
        await appendAuditLog(
          trx,
          { ...actor, partnershipId: user.partnership_id, userId: row.user_id },
          {
            action: row.purpose === 'invite' ? 'account.password-set-from-invitation' : 'password-reset.completed',
            recordType: 'app_user',
            recordId: row.user_id,
          },
        );
        return { ok: true as const };
      });
    },

    newCsrfSeed: () => crypto.randomBytes(24).toString('base64url'),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
