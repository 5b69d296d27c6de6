import type { Services } from '../../../../services.ts';
import { clearSessionCookie } from '../../../../web/cookies.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { PublicController } from '../../../../web/route-table.ts';

/** Sign-out is public so an expired session can still clear its cookie and land on the signed-out page. */
export function signOutController({ auth, config }: Services) {
  const post: PublicController = async (request, reply) => {
    if (request.session) await auth.signOut(request.session, actorOf(request));
    clearSessionCookie(reply, config);
    return reply.redirect('/signed-out', 303);
  };

  const signedOut: PublicController = async (_request, reply) =>
    reply.view('message.njk', {
      pageTitle: 'You have signed out',
      paragraphs: ['Close the browser if you are on a shared computer.'],
      link: { href: '/sign-in', text: 'Sign in again' },
    });

  return { post, signedOut };
}
