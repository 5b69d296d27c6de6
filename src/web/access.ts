import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action } from '../domain/authorisation.ts';
import type { Services } from '../services.ts';
import { clearSessionCookie, CSRF_COOKIE, SESSION_COOKIE } from './cookies.ts';
import { csrfTokenFor, csrfTokenValid } from './csrf.ts';
import { NotFound } from './errors.ts';
import { keepForm } from './saved-form.ts';

/** Every route and the rule it declared: what the authorisation test walks. */
export type DeclaredRoute = { method: string; url: string; access: Action; stages: string[]; api: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: DeclaredRoute[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default. Every route must declare who may use it (`config.access`); a route without one
 * stops the service from starting. The check runs before any controller: a person who may not use
 * a route gets the same 404 as for a page that does not exist.
 */
export function registerAccessControl(app: FastifyInstance, services: Services): void {
  const { config } = services;
  app.decorateRequest('user', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('apiToken', false);

  const catalogue: DeclaredRoute[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    if (!route.config?.access && route.method !== 'HEAD') {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare who may use it (config.access).`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || !route.config?.access) continue;
      catalogue.push({
        method,
        url: route.url,
        access: route.config.access,
        stages: route.config.stages ?? [],
        api: !!route.config.api,
      });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    if (!routeConfig?.access || request.url.startsWith('/assets/') || request.url === '/health') return;
    if (routeConfig.api) {
      await services.apiTokens.authenticate(request);
      return;
    }
    let seed = request.cookies[CSRF_COOKIE];
    if (!seed) {
      seed = services.auth.newCsrfSeed();
      reply.setCookie(CSRF_COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.production });
      request.cookies[CSRF_COOKIE] = seed;
    }
    request.csrfToken = csrfTokenFor(config.sessionSecret, seed);
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const loaded = await services.auth.loadSession(token);
    if (!loaded || 'expired' in loaded) {
      // The cookie names a session that has ended (timed out, or already purged).
      request.sessionExpired = true;
      clearSessionCookie(reply, config);
      return;
    }
    request.user = loaded.user;
    request.session = loaded.session;
  });

  app.addHook('preHandler', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    const access = routeConfig?.access;
    if (!access) throw new NotFound();
    if (routeConfig.api) {
      if (!request.user)
        return reply.code(401).send({
          error: {
            code: 'unauthorised',
            message: 'Send a valid personal access token: Authorization: Bearer <token>.',
          },
          correlationId: request.id,
        });
      if (!can(request.user, access)) throw new NotFound();
      return;
    }
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      if (!csrfTokenValid(config.sessionSecret, request.cookies[CSRF_COOKIE], body?._csrf)) {
        request.log.warn({ event: 'csrf-rejected' }, 'form refused: CSRF token missing or wrong');
        return reply.code(403).view('message.njk', {
          pageTitle: 'Your form could not be sent',
          paragraphs: [
            'This can happen when a page has been open for a long time or was opened in another browser tab.',
            'Go back, reload the page and try again. Nothing was saved.',
          ],
          correlationId: request.id,
        });
      }
    }
    if (access === 'public') return;
    const stage = request.session?.stage;
    if (!request.user || !stage) {
      // A form sent after the session ended: keep what was typed, then ask the person to sign in.
      if (!SAFE_METHODS.has(request.method) && request.sessionExpired) {
        await keepForm(services, request, reply);
        return reply.redirect(
          `/sign-in?${new URLSearchParams({ returnTo: request.url.split('?')[0] ?? '/', expired: '1' }).toString()}`,
          303,
        );
      }
      return redirectToSignIn(request, reply);
    }
    if (stage !== 'full' && !routeConfig.stages?.includes(stage)) {
      return reply.redirect(stage === 'mfa' ? '/sign-in/two-factor' : '/account/two-factor/set-up', 303);
    }
    if (!can(request.user, access)) throw new NotFound();
  });
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  const returnTo = request.method === 'GET' ? request.url : undefined;
  const params = new URLSearchParams();
  if (returnTo && returnTo !== '/') params.set('returnTo', returnTo);
  if (request.sessionExpired) params.set('expired', '1');
  const query = params.toString();
  return reply.redirect(`/sign-in${query ? `?${query}` : ''}`, 303);
}

/** Only same-site paths are followed after sign-in; anything else goes home. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}
