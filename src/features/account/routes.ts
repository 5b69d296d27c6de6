import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requiresSecondFactor } from '../../domain/authorisation.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { safeReturnTo } from '../../web/access.ts';
import { setSessionCookie } from '../../web/cookies.ts';
import { NotFound } from '../../web/errors.ts';
import { formErrors, formValues, singleError } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { newTotpSecret, totpQrCode } from '../auth/totp.ts';

const tokenNameSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the token').max(100, 'Name must be 100 characters or fewer'),
});
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the 6-digit code from your authenticator app')
    .max(20, 'Enter the 6-digit code from your authenticator app'),
});

export async function accountRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { auth, apiTokens, config } = services;

  app.get('/account', { config: { access: 'account:manage' } }, async (request, reply) => {
    const user = request.user!;
    const [twoFactor, recoveryCodes, tokens] = await Promise.all([
      auth.hasTwoFactor(user.id),
      auth.remainingRecoveryCodes(user.id),
      apiTokens.list(user.id),
    ]);
    return reply.view('account/pages/account/view.njk', {
      pageTitle: 'Your account',
      twoFactor,
      recoveryCodes,
      required: requiresSecondFactor(user.roles),
      exempt: user.mfaExempt && !config.production,
      roleLabels: user.roles.map((r) => ROLE_LABELS[r]),
      tokens,
    });
  });

  app.get(
    '/account/two-factor/set-up',
    { config: { access: 'account:manage', stages: ['enrol'] } },
    async (request, reply) => {
      const session = request.session!;
      if (!session.data.pendingTotpSecret) {
        session.data.pendingTotpSecret = newTotpSecret();
        await auth.saveSessionData(session);
      }
      return renderSetUp(request, reply);
    },
  );

  app.post(
    '/account/two-factor/set-up',
    { config: { access: 'account:manage', stages: ['enrol'] } },
    async (request, reply) => {
      const session = request.session!;
      const parsed = codeSchema.safeParse(formValues(request.body));
      if (!parsed.success) return renderSetUp(request, reply, formErrors(parsed.error));
      const result = await auth.confirmTotpEnrolment(
        session,
        request.user!,
        parsed.data.code,
        request.ip,
        request.headers['user-agent'] ?? null,
        actorOf(request),
      );
      if (!result.ok)
        return renderSetUp(
          request,
          reply,
          singleError('code', 'The code is not correct. Enter the code your app shows now'),
        );
      setSessionCookie(reply, config, result.token);
      return reply.redirect('/account/two-factor/recovery-codes', 303);
    },
  );

  async function renderSetUp(
    request: import('fastify').FastifyRequest,
    reply: import('fastify').FastifyReply,
    errors?: unknown,
  ) {
    const secret = request.session!.data.pendingTotpSecret;
    if (!secret) return reply.redirect('/account/two-factor/set-up', 303);
    const label = request.user!.email;
    return reply.code(errors ? 400 : 200).view('account/pages/set-up/view.njk', {
      pageTitle: 'Set up two-step verification',
      qrCode: await totpQrCode(secret, label),
      secretGroups: secret.match(/.{1,4}/g)?.join(' '),
      enrolling: request.session!.stage === 'enrol',
      errors,
    });
  }

  /** The recovery codes, shown once: they are removed from the session as the page is shown. */
  app.get('/account/two-factor/recovery-codes', { config: { access: 'account:manage' } }, async (request, reply) => {
    const session = request.session!;
    const codes = session.data.recoveryCodes;
    if (!codes) return reply.redirect('/account', 303);
    delete session.data.recoveryCodes;
    const returnTo = safeReturnTo(session.data.returnTo);
    delete session.data.returnTo;
    await auth.saveSessionData(session);
    return reply.view('account/pages/recovery-codes/view.njk', {
      pageTitle: 'Save your recovery codes',
      codes,
      returnTo,
    });
  });

  app.get('/account/tokens/new', { config: { access: 'account:manage' } }, async (_request, reply) =>
    reply.view('account/pages/new-token/view.njk', { pageTitle: 'Create an API token', values: {} }),
  );

  app.post('/account/tokens', { config: { access: 'account:manage' } }, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = tokenNameSchema.safeParse(values);
    if (!parsed.success) {
      return reply.code(400).view('account/pages/new-token/view.njk', {
        pageTitle: 'Create an API token',
        values,
        errors: formErrors(parsed.error),
      });
    }
    const { token } = await apiTokens.create(request.user!.id, parsed.data.name, actorOf(request));
    return reply.view('account/pages/tokens/view.njk', {
      pageTitle: 'Your new API token',
      token,
      name: parsed.data.name,
    });
  });

  app.post<{ Params: { id: string } }>(
    '/account/tokens/:id/revoke',
    { config: { access: 'account:manage' } },
    async (request, reply) => {
      const id = request.params.id;
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFound();
      const revoked = await apiTokens.revoke(request.user!.id, id, actorOf(request));
      if (!revoked) throw new NotFound();
      request.session!.data.flash = { kind: 'success', heading: 'The token has been revoked' };
      await auth.saveSessionData(request.session!);
      return reply.redirect('/account', 303);
    },
  );
}
