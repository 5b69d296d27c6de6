import type { Services } from '../../../../services.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { PublicController } from '../../../../web/route-table.ts';
import { emailSchema } from './schema.ts';

const VIEW = 'auth/pages/forgotten-password/view.njk';
const TITLE = 'Reset your password';

/** Asks for a reset link; the reply never says whether the address has an account. */
export function forgottenPasswordController({ auth }: Services) {
  const get: PublicController = async (_request, reply) => reply.view(VIEW, { pageTitle: TITLE, values: {} });

  const post: PublicController = async (request, reply) => {
    const form = parseForm(emailSchema, request.body);
    if (!form.ok) return reply.code(400).view(VIEW, { pageTitle: TITLE, values: form.values, errors: form.errors });
    await auth.requestPasswordReset(form.value.email, actorOf(request));
    return reply.redirect('/forgotten-password/check-your-email', 303);
  };

  const checkYourEmail: PublicController = async (_request, reply) =>
    reply.view('message.njk', {
      pageTitle: 'Check your email',
      paragraphs: [
        'If the address you entered belongs to an account, we have sent it a link to reset your password. ' +
          'The link works once, for 60 minutes.',
        'If nothing arrives within a few minutes, check your junk folder or ask your partnership administrator.',
      ],
      link: { href: '/sign-in', text: 'Back to sign in' },
    });

  return { get, post, checkYourEmail };
}
