import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { safeReturnTo } from '../../web/access.ts';
import { clearSessionCookie, setSessionCookie } from '../../web/cookies.ts';
import { formErrors, formValues, singleError } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { codeSchema, emailSchema, newPasswordSchema, signInSchema } from './schemas.ts';

const SIGN_IN = 'auth/pages/sign-in/view.njk';
const TWO_FACTOR = 'auth/pages/two-factor/view.njk';
const FORGOTTEN = 'auth/pages/forgotten-password/view.njk';
const SET_PASSWORD = 'auth/pages/set-password/view.njk';
const MESSAGE = 'message.njk';

export function authRoutes(app: FastifyInstance, services: Services): void {
  const { auth, config } = services;

  app.get<{ Querystring: { returnTo?: string; expired?: string } }>(
    '/sign-in',
    { config: { access: 'public' } },
    async (request, reply) => {
      if (request.session?.stage === 'full') return reply.redirect(safeReturnTo(request.query.returnTo), 303);
      return reply.view(SIGN_IN, {
        pageTitle: 'Sign in',
        returnTo: safeReturnTo(request.query.returnTo),
        expired: request.query.expired === '1',
        values: {},
      });
    },
  );

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const values = formValues(request.body);
    const returnTo = safeReturnTo(values.returnTo);
    const parsed = signInSchema.safeParse(values);
    const render = (errors: unknown) =>
      reply.code(400).view(SIGN_IN, { pageTitle: 'Sign in', returnTo, values: { email: values.email }, errors });
    if (!parsed.success) return render(formErrors(parsed.error));
    const result = await auth.signIn(
      { ...parsed.data, userAgent: request.headers['user-agent'] ?? null },
      actorOf(request),
    );
    if (result.kind === 'invalid') return render(singleError('email', 'Enter a correct email address and password'));
    if (result.kind === 'locked') {
      return render(
        singleError(
          'email',
          'There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password',
        ),
      );
    }
    setSessionCookie(reply, config, result.token);
    if (result.stage === 'mfa')
      return reply.redirect(`/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}`, 303);
    if (result.stage === 'enrol') return reply.redirect('/account/two-factor/set-up', 303);
    return reply.redirect(returnTo, 303);
  });

  app.get<{ Querystring: { returnTo?: string } }>(
    '/sign-in/two-factor',
    { config: { access: 'signed-in', stages: ['mfa'] } },
    async (request, reply) => {
      if (request.session?.stage !== 'mfa') return reply.redirect('/', 303);
      return reply.view(TWO_FACTOR, {
        pageTitle: 'Enter your security code',
        returnTo: safeReturnTo(request.query.returnTo),
      });
    },
  );

  app.post('/sign-in/two-factor', { config: { access: 'signed-in', stages: ['mfa'] } }, async (request, reply) => {
    const session = request.session!;
    if (session.stage !== 'mfa') return reply.redirect('/', 303);
    const values = formValues(request.body);
    const returnTo = safeReturnTo(values.returnTo);
    const parsed = codeSchema.safeParse(values);
    const render = (errors: unknown) =>
      reply.code(400).view(TWO_FACTOR, { pageTitle: 'Enter your security code', returnTo, errors });
    if (!parsed.success) return render(formErrors(parsed.error));
    const result = await auth.verifySecondFactor(
      session,
      request.user!,
      parsed.data.code,
      request.ip,
      request.headers['user-agent'] ?? null,
      actorOf(request),
    );
    if (!result.ok)
      return render(
        singleError('code', 'The code is not correct or has already been used. Enter the current code from your app'),
      );
    setSessionCookie(reply, config, result.token);
    return reply.redirect(returnTo, 303);
  });

  app.post('/sign-out', { config: { access: 'public' } }, async (request, reply) => {
    if (request.session) await auth.signOut(request.session, actorOf(request));
    clearSessionCookie(reply, config);
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view(MESSAGE, {
      pageTitle: 'You have signed out',
      paragraphs: ['Close the browser if you are on a shared computer.'],
      link: { href: '/sign-in', text: 'Sign in again' },
    }),
  );

  app.get('/forgotten-password', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view(FORGOTTEN, { pageTitle: 'Reset your password', values: {} }),
  );

  app.post('/forgotten-password', { config: { access: 'public' } }, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = emailSchema.safeParse(values);
    if (!parsed.success)
      return reply
        .code(400)
        .view(FORGOTTEN, { pageTitle: 'Reset your password', values, errors: formErrors(parsed.error) });
    await auth.requestPasswordReset(parsed.data.email, actorOf(request));
    return reply.redirect('/forgotten-password/check-your-email', 303);
  });

  app.get('/forgotten-password/check-your-email', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view(MESSAGE, {
      pageTitle: 'Check your email',
      paragraphs: [
        'If the address you entered belongs to an account, we have sent it a link to reset your password. ' +
          'The link works once, for 60 minutes.',
        'If nothing arrives within a few minutes, check your junk folder or ask your partnership administrator.',
      ],
      link: { href: '/sign-in', text: 'Back to sign in' },
    }),
  );

  for (const path of ['/reset-password', '/set-password'] as const) {
    const invitation = path === '/set-password';
    const title = invitation ? 'Set your password' : 'Choose a new password';
    app.get<{ Querystring: { token?: string } }>(path, { config: { access: 'public' } }, async (request, reply) => {
      const token = request.query.token ?? '';
      const usable = token ? await auth.findUsableToken(token) : undefined;
      if (!usable) return linkExpired(reply);
      return reply.view(SET_PASSWORD, { pageTitle: title, token, email: usable.email, action: path });
    });

    app.post(path, { config: { access: 'public' } }, async (request, reply) => {
      const values = formValues(request.body);
      const parsed = newPasswordSchema.safeParse(values);
      const token = typeof values.token === 'string' ? values.token : '';
      const render = async (errors: unknown) => {
        const usable = token ? await auth.findUsableToken(token) : undefined;
        if (!usable) return linkExpired(reply);
        return reply
          .code(400)
          .view(SET_PASSWORD, { pageTitle: title, token, email: usable.email, action: path, errors });
      };
      if (!parsed.success) return render(formErrors(parsed.error));
      const result = await auth.setPasswordWithToken(parsed.data.token, parsed.data.password, actorOf(request));
      if (!result.ok)
        return result.problem === 'expired' ? linkExpired(reply) : render(singleError('password', result.problem));
      return reply.redirect('/password-set', 303);
    });
  }

  app.get('/password-set', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view(MESSAGE, {
      pageTitle: 'Your password has been set',
      paragraphs: ['You can now sign in with your new password.'],
      link: { href: '/sign-in', text: 'Sign in' },
    }),
  );

  function linkExpired(reply: import('fastify').FastifyReply) {
    return reply.code(410).view(MESSAGE, {
      pageTitle: 'This link has expired or has already been used',
      paragraphs: [
        'Links to set a password work once and for a limited time.',
        'Ask for a new link to reset your password.',
      ],
      link: { href: '/forgotten-password', text: 'Reset your password' },
    });
  }
}
