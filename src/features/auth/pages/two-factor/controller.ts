import type { Services } from '../../../../services.ts';
import { safeReturnTo } from '../../../../web/access.ts';
import { setSessionCookie } from '../../../../web/cookies.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { codeSchema } from './schema.ts';

const VIEW = 'auth/pages/two-factor/view.njk';
const TITLE = 'Enter your security code';
const WRONG_CODE = 'The code is not correct or has already been used. Enter the current code from your app';

type Query = { Querystring: { returnTo?: string } };

/** The second step of signing in: a TOTP or recovery code, which rotates the session to full. */
export function twoFactorController({ auth, config }: Services) {
  const get: Controller<Query> = async (request, reply) => {
    if (request.session.stage !== 'mfa') return reply.redirect('/', 303);
    return reply.view(VIEW, { pageTitle: TITLE, returnTo: safeReturnTo(request.query.returnTo) });
  };

  const post: Controller = async (request, reply) => {
    const { session, user } = request;
    if (session.stage !== 'mfa') return reply.redirect('/', 303);
    const form = parseForm(codeSchema, request.body);
    const returnTo = safeReturnTo(form.values.returnTo);
    const render = (errors: FormErrors) => reply.code(400).view(VIEW, { pageTitle: TITLE, returnTo, errors });
    if (!form.ok) return render(form.errors);
    const result = await auth.verifySecondFactor(
      session,
      user,
      form.value.code,
      request.ip,
      request.headers['user-agent'] ?? null,
      actorOf(request),
    );
    if (!result.ok) return render(singleError('code', WRONG_CODE));
    setSessionCookie(reply, config, result.token);
    return reply.redirect(returnTo, 303);
  };

  return { get, post };
}
