import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { PublicController } from '../../../../web/route-table.ts';
import { newPasswordSchema } from './schema.ts';

const VIEW = 'auth/pages/set-password/view.njk';

type Query = { Querystring: { token?: string } };

/**
 * One page for both links: an invitation (`/set-password`) and a reset (`/reset-password`) differ only
 * in title and where the form posts.
 */
export function setPasswordController({ auth }: Services, path: '/reset-password' | '/set-password') {
  const title = path === '/set-password' ? 'Set your password' : 'Choose a new password';

  async function render(reply: FastifyReply, token: string, errors?: FormErrors) {
    const usable = token ? await auth.findUsableToken(token) : undefined;
    if (!usable) return linkExpired(reply);
    return reply
      .code(errors ? 400 : 200)
      .view(VIEW, { pageTitle: title, token, email: usable.email, action: path, ...(errors ? { errors } : {}) });
  }

  const get: PublicController<Query> = async (request, reply) => render(reply, request.query.token ?? '');

  const post: PublicController = async (request, reply) => {
    const form = parseForm(newPasswordSchema, request.body);
    const token = typeof form.values.token === 'string' ? form.values.token : '';
    if (!form.ok) return render(reply, token, form.errors);
    const result = await auth.setPasswordWithToken(form.value.token, form.value.password, actorOf(request));
    if (!result.ok)
      return result.problem === 'expired'
        ? linkExpired(reply)
        : render(reply, token, singleError('password', result.problem));
    return reply.redirect('/password-set', 303);
  };

  return { get, post };
}

export const passwordSet: PublicController = async (_request, reply) =>
  reply.view('message.njk', {
    pageTitle: 'Your password has been set',
    paragraphs: ['You can now sign in with your new password.'],
    link: { href: '/sign-in', text: 'Sign in' },
  });

function linkExpired(reply: FastifyReply) {
  return reply.code(410).view('message.njk', {
    pageTitle: 'This link has expired or has already been used',
    paragraphs: [
      'Links to set a password work once and for a limited time.',
      'Ask for a new link to reset your password.',
    ],
    link: { href: '/forgotten-password', text: 'Reset your password' },
  });
}
