import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { safeReturnTo } from '../../../../web/access.ts';
import { setSessionCookie } from '../../../../web/cookies.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { PublicController } from '../../../../web/route-table.ts';
import { signInSchema } from './schema.ts';

const VIEW = 'auth/pages/sign-in/view.njk';
const LOCKED = 'There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password';

type Query = { Querystring: { returnTo?: string; expired?: string } };

/** Email and password; sends the person on to their second factor, enrolment or where they were going. */
export function signInController({ auth, config }: Services) {
  const get: PublicController<Query> = async (request, reply) => {
    if (request.session?.stage === 'full') return reply.redirect(safeReturnTo(request.query.returnTo), 303);
    return reply.view(VIEW, {
      pageTitle: 'Sign in',
      returnTo: safeReturnTo(request.query.returnTo),
      expired: request.query.expired === '1',
      values: {},
    });
  };

  const post: PublicController = async (request, reply) => {
    const form = parseForm(signInSchema, request.body);
    const returnTo = safeReturnTo(form.values.returnTo);
    const render = (errors: FormErrors) => rejected(reply, returnTo, form.values.email, errors);
    if (!form.ok) return render(form.errors);
    const result = await auth.signIn(
      { ...form.value, userAgent: request.headers['user-agent'] ?? null },
      actorOf(request),
    );
    if (result.kind === 'invalid') return render(singleError('email', 'Enter a correct email address and password'));
    if (result.kind === 'locked') return render(singleError('email', LOCKED));
    setSessionCookie(reply, config, result.token);
    if (result.stage === 'mfa')
      return reply.redirect(`/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}`, 303);
    if (result.stage === 'enrol') return reply.redirect('/account/two-factor/set-up', 303);
    return reply.redirect(returnTo, 303);
  };

  return { get, post };
}

function rejected(reply: FastifyReply, returnTo: string, email: unknown, errors: FormErrors) {
  return reply.code(400).view(VIEW, { pageTitle: 'Sign in', returnTo, values: { email }, errors });
}
