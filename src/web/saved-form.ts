import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { decrypt, encrypt, hashSecret, newSecret } from '../domain/encryption.ts';

/**
 * Typed work that arrives after the session has ended is not lost: the form's fields are kept,
 * encrypted, for an hour, keyed by a random cookie; after signing in again, the page the form came
 * from offers them back. Nothing is saved to the record until the person saves it themselves.
 */
export const SAVED_FORM_COOKIE = 'maca_saved_form';
const KEEP_MINUTES = 60;

export async function keepForm(db: Db, config: Config, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const body = request.body;
  if (!body || typeof body !== 'object') return;
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    fields[key] = Array.isArray(value) ? value.map(String) : String(value ?? '');
  }
  const key = newSecret();
  const path = request.url.split('?')[0] ?? '/';
  await db
    .insertInto('saved_form')
    .values({
      key_hash: hashSecret(key),
      path,
      encrypted: encrypt(config.encryptionKey, JSON.stringify(fields)),
      expires_at: new Date(Date.now() + KEEP_MINUTES * 60_000),
    })
    .execute();
  reply.setCookie(SAVED_FORM_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.production,
    maxAge: KEEP_MINUTES * 60,
  });
}

/** The fields kept for this page, once: they are deleted as they are handed back. */
export async function takeSavedForm(
  db: Db,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Record<string, string | string[]> | undefined> {
  const key = request.cookies[SAVED_FORM_COOKIE];
  if (!key) return undefined;
  const path = request.url.split('?')[0] ?? '/';
  const row = await db
    .deleteFrom('saved_form')
    .where('key_hash', '=', hashSecret(key))
    .where('path', '=', path)
    .where('expires_at', '>', new Date())
    .returning('encrypted')
    .executeTakeFirst();
  if (!row) return undefined;
  reply.clearCookie(SAVED_FORM_COOKIE, { path: '/' });
  return JSON.parse(decrypt(config.encryptionKey, row.encrypted)) as Record<string, string | string[]>;
}
