import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { requiresSecondFactor } from '../../domain/authorisation.ts';
import { decrypt, encrypt, hashSecret, newSecret } from '../../domain/encryption.ts';
import { afterFailure, isLocked, sessionExpired, SIGN_IN_POLICY } from '../../domain/sign-in-policy.ts';
import type { Actor, CurrentSession, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import { lockoutEmail } from '../mail/templates.ts';
import { verifyPassword } from './passwords.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSession,
  insertSession,
  saveSessionData,
  touchSession,
} from './session-repository.ts';
import { insertSavedForm, takeSavedFormRow } from './saved-form-repository.ts';
import { clearThrottle, readThrottle, writeThrottle } from './throttle-repository.ts';
import { matchingStep, newRecoveryCodes, normaliseRecoveryCode } from './totp.ts';
import {
  countUnusedRecoveryCodes,
  findConfirmedTotp,
  recordTotpStep,
  replaceTwoFactor,
  useRecoveryCode,
} from './two-factor-repository.ts';
import { createAccountService } from './account-service.ts';
import { createPasswordService, emailKey } from './password-service.ts';
import { findUserByEmail, findUserById, recordSignIn, toCurrentUser, type UserRecord } from './user-repository.ts';

export type SignInResult =
  { kind: 'signed-in'; token: string; stage: CurrentSession['stage'] } | { kind: 'invalid' } | { kind: 'locked' };

export type LoadedSession = { user: CurrentUser; session: CurrentSession } | { expired: true } | undefined;

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

export type SavedFields = Record<string, string | string[]>;
export const KEEP_FORM_MINUTES = 60;

/** A kept form's fields, deleted as they are read; undefined when none is kept for this page. */
export async function openSavedForm(
  db: Executor,
  config: Config,
  key: string,
  path: string,
): Promise<SavedFields | undefined> {
  const encrypted = await takeSavedFormRow(db, hashSecret(key), path);
  return encrypted ? (JSON.parse(decrypt(config.encryptionKey, encrypted)) as SavedFields) : undefined;
}

export function createAuthService(db: Executor, config: Config, mail: MailService) {
  async function newSession(
    trx: Executor,
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

  return {
    async signIn(
      input: { email: string; password: string; userAgent: string | null },
      actor: Actor,
    ): Promise<SignInResult> {
      const user = await findUserByEmail(db, input.email);
      const passwordOk = await verifyPassword(user?.passwordHash, input.password);
      const ip = actor.ip ?? 'unknown';
      return inTransaction(db, async (trx) => {
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
        const stage = stageAfterPassword(user, !!(await findConfirmedTotp(trx, user.id)), config);
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
      await inTransaction(db, async (trx) => {
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
      return inTransaction(db, async (trx) => {
        const totp = await findConfirmedTotp(trx, user.id);
        if (!totp) return { ok: false as const };
        const secret = decrypt(config.encryptionKey, totp.secret_encrypted);
        const step = matchingStep(secret, code);
        let method: 'totp' | 'recovery-code' | undefined;
        if (step !== undefined && step > Number(totp.last_used_step)) {
          await recordTotpStep(trx, user.id, step);
          method = 'totp';
        } else if (normaliseRecoveryCode(code).length === 10) {
          if (await useRecoveryCode(trx, user.id, hashSecret(normaliseRecoveryCode(code)))) method = 'recovery-code';
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
      return inTransaction(db, async (trx) => {
        const codeHashes = codes.map((c) => hashSecret(normaliseRecoveryCode(c)));
        await replaceTwoFactor(trx, user.id, encrypt(config.encryptionKey, secret), step, codeHashes);
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
      return !!(await findConfirmedTotp(db, userId));
    },

    remainingRecoveryCodes: (userId: string): Promise<number> => countUnusedRecoveryCodes(db, userId),

    /** Keeps a form sent after its session ended; answers the key its cookie carries. */
    async keepForm(path: string, fields: SavedFields): Promise<string> {
      const key = newSecret();
      await insertSavedForm(db, {
        keyHash: hashSecret(key),
        path,
        encrypted: encrypt(config.encryptionKey, JSON.stringify(fields)),
        expiresAt: new Date(Date.now() + KEEP_FORM_MINUTES * 60_000),
      });
      return key;
    },

    takeSavedForm: (key: string, path: string) => openSavedForm(db, config, key, path),

    ...createPasswordService(db, config, mail),
    ...createAccountService(db),

    newCsrfSeed: () => crypto.randomBytes(24).toString('base64url'),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
