import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
});
afterAll(async () => t?.close());

describe('/api/v1', () => {
  it('publishes an OpenAPI 3.1 document', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: { personalAccessToken: { scheme: string } } };
    }>();
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/me']).toBeDefined();
    expect(document.components.securitySchemes.personalAccessToken.scheme).toBe('bearer');
  });

  it('answers 401 in JSON without a token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer maca_pat_wrongwrongwrongwrongwrong', 'Basic abc']) {
      const response = await t.app.inject({ url: '/api/v1/me', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      const body = response.json<{ error: { code: string }; correlationId: string }>();
      expect(body.error.code).toBe('unauthorised');
      expect(body.correlationId).toBe(response.headers['x-correlation-id']);
    }
  });

  it('creates a token on the account page, shows it once, acts as its owner, and stops after revoking', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').named('Token Owner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    await browser.get('/account/tokens/new');
    const empty = await browser.post('/account/tokens', { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a name for the token');
    const created = await browser.post('/account/tokens', { name: 'Nightly export' });
    const token = /id="new-token">(maca_pat_[A-Za-z0-9_-]+)</.exec(created.body)![1]!;
    const stored = await t.database.db
      .selectFrom('api_token')
      .select(['token_hash', 'id'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, displayName: 'Token Owner', roles: ['practitioner'] });
    const account = await browser.get('/account');
    expect(account.body).toContain('Nightly export');
    expect(account.body).not.toContain(token);
    const revoked = await browser.post(`/account/tokens/${stored.id}/revoke`, {});
    expect(revoked.headers.location).toBe('/account');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
  });

  it('does not let one person revoke another’s token', async () => {
    const owner = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const other = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const { id } = await t.services.apiTokens.create(owner.id, 'mine', {
      userId: owner.id,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    const browser = new Browser(t.app);
    await browser.signIn(other.email, other.password);
    await browser.get('/account');
    expect((await browser.post(`/account/tokens/${id}/revoke`, {})).statusCode).toBe(404);
  });

  it('stops a token when its owner is deactivated', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const { token } = await t.services.apiTokens.create(user.id, 'x', {
      userId: user.id,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    await t.database.db.updateTable('app_user').set({ active: false }).where('id', '=', user.id).execute();
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
  });

  it('answers malformed JSON with a JSON 400 naming the problem', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const { token } = await t.services.apiTokens.create(user.id, 'x', {
      userId: user.id,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.headers['content-type']).toMatch(/application\/json/);
  });
});
