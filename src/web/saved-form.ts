import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { AuthService, SavedFields } from '../features/auth/auth-service.ts';
import { formValues } from './forms.ts';
import { KEEP_FORM_MINUTES } from '../features/auth/auth-service.ts';

/**
 * Typed work that arrives after the session has ended is not lost: the form's fields are kept,
 * encrypted, for an hour, keyed by a random cookie; after signing in again, the page the form came
 * from offers them back. Nothing is saved to the record until the person saves it themselves.
 */
export const SAVED_FORM_COOKIE = 'maca_saved_form';

type SavedFormServices = { auth: AuthService; config: Config };

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

export async function keepForm(
  { auth, config }: SavedFormServices,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const body = request.body;
  if (!body || typeof body !== 'object') return;
  const key = await auth.keepForm(pathOf(request), formValues(body));
  reply.setCookie(SAVED_FORM_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.production,
    maxAge: KEEP_FORM_MINUTES * 60,
  });
}

/** The fields kept for this page, once: they are deleted as they are handed back. */
export async function restoreSavedForm(
  { auth }: Pick<SavedFormServices, 'auth'>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SavedFields | undefined> {
  const key = request.cookies[SAVED_FORM_COOKIE];
  if (!key) return undefined;
  const fields = await auth.takeSavedForm(key, pathOf(request));
  if (fields) reply.clearCookie(SAVED_FORM_COOKIE, { path: '/' });
  return fields;
}
