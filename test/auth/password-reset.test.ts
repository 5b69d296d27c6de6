import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
beforeAll(async () => {
  t = await buildTestApp({ jobs: true });
  partnershipId = await aPartnership().create(t.database.db);
});
afterAll(async () => t?.close());

const linkFromOutbox = async (email: string) => {
  const message = await t.database.db
    .selectFrom('outbox')
    .select(['body', 'template'])
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  expect(message.template).toBe('password-reset');
  return new URL(/http\S+/.exec(message.body)![0]);
};

describe('password reset', () => {
  it('answers the same for known and unknown addresses, and mails only the known one', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.get('/forgotten-password');
    const known = await browser.post('/forgotten-password', { email: user.email.toUpperCase() });
    await browser.get('/forgotten-password');
    const unknown = await browser.post('/forgotten-password', { email: 'nobody@example.org' });
    expect(known.headers.location).toBe('/forgotten-password/check-your-email');
    expect(unknown.headers.location).toBe(known.headers.location);
    const mails = await t.database.db
      .selectFrom('outbox')
      .select('to_address')
      .where('to_address', 'in', [user.email, 'nobody@example.org'])
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual([user.email]);
  });

  it('asks for a valid address', async () => {
    const browser = new Browser(t.app);
    await browser.get('/forgotten-password');
    const response = await browser.post('/forgotten-password', { email: 'not an address' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter an email address in the correct format');
    expect(response.body).toContain('value="not an address"');
  });

  it('sets a new password through a single-use link, ending other sessions', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const elsewhere = new Browser(t.app);
    await elsewhere.signIn(user.email, user.password);
    const browser = new Browser(t.app);
    await browser.get('/forgotten-password');
    await browser.post('/forgotten-password', { email: user.email });
    const link = await linkFromOutbox(user.email);
    const page = await browser.get(link.pathname + link.search);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(user.email);
    const token = link.searchParams.get('token')!;
    const mismatch = await browser.post('/reset-password', {
      token,
      password: 'a brand new password',
      confirm: 'something else',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The passwords do not match');
    const short = await browser.post('/reset-password', { token, password: 'short', confirm: 'short' });
    expect(short.body).toContain('Password must be 12 characters or more');
    const done = await browser.post('/reset-password', {
      token,
      password: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(done.headers.location).toBe('/password-set');
    expect((await elsewhere.get('/')).statusCode).toBe(303);
    const again = await browser.get(link.pathname + link.search);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has expired or has already been used');
    const fresh = new Browser(t.app);
    expect((await fresh.signIn(user.email, 'a brand new password')).headers.location).toBe('/');
  });

  it('refuses an expired link', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.get('/forgotten-password');
    await browser.post('/forgotten-password', { email: user.email });
    const link = await linkFromOutbox(user.email);
    await t.database.db
      .updateTable('password_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await browser.get(link.pathname + link.search)).statusCode).toBe(410);
  });

  it('delivers the queued e-mail through the job queue (kept for the outbox page in development)', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    await t.services.jobs!.start({ 'send-email': async (data) => t.services.mail.deliver(String(data.id)) }, []);
    const browser = new Browser(t.app);
    await browser.get('/forgotten-password');
    await browser.post('/forgotten-password', { email: user.email });
    let status = 'queued';
    for (let i = 0; i < 100 && status === 'queued'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (
        await t.database.db
          .selectFrom('outbox')
          .select('status')
          .where('to_address', '=', user.email)
          .executeTakeFirstOrThrow()
      ).status;
    }
    expect(status).toBe('kept');
  });
});
