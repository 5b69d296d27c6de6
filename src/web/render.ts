import type { FastifyInstance } from 'fastify';
import type nunjucks from 'nunjucks';
import type { Services } from '../services.ts';
import { navigationFor } from './navigation.ts';
import type { Flash } from './request-context.ts';

/**
 * `reply.view(template, context)`: renders a page with what every page needs (who is signed in,
 * the navigation, the CSRF token, the CSP nonce, a flash message shown once).
 */
export function registerViews(app: FastifyInstance, env: nunjucks.Environment, services: Services): void {
  app.decorateReply('view', function view(this, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const path = request.url.split('?')[0] ?? '/';
    const session = request.session;
    const flash = session?.data.flash;
    if (session && flash) {
      delete session.data.flash;
      void services.auth
        .saveSessionData(session)
        .catch((error: unknown) => request.log.error({ err: error }, 'could not clear flash'));
    }
    const html = env.render(template, {
      user: request.user,
      partnershipName: request.user?.partnershipName ?? services.publicPartnershipName(),
      navigation: request.session?.stage === 'full' ? navigationFor(request.user, path) : [],
      signedIn: request.session?.stage === 'full',
      csrfToken: request.csrfToken,
      cspNonce: this.cspNonce?.script,
      currentPath: path,
      flash,
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.decorateReply('flash', async function flash(this, message: Flash) {
    const session = this.request.session;
    // Without a session there is no next page of theirs to show it on.
    if (!session) return;
    session.data.flash = message;
    await services.auth.saveSessionData(session);
  });
}
