import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { runMaca } from '../support/cli.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';

/**
 * An exchange file written without identifying details carries none: the guard reads every free
 * text first, and a finding or recommendation naming a child stops the file in the page, the API
 * and the command line, with where each hit is. The receiving partnership has nothing to check
 * against, so this is the last stop.
 */
let t: TestApp;
let audit: FullAudit;
const browsers: Record<string, Browser> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const p1 = await aPartnership('Guarded Partnership').create(db);
  const agencies = [
    await anAgency(p1).named('Guarded Police').ofType('police').create(db),
    await anAgency(p1).named('Guarded Social Care').ofType('social_care').create(db),
  ];
  for (const role of ['coordinator', 'administrator'] as const) {
    const user = await aUser(p1).withRole(role).exemptFromSecondFactor().create(db);
    browsers[role] = new Browser(t.app);
    await browsers[role].signIn(user.email, user.password);
    const actor = { userId: user.id, partnershipId: p1, correlationId: null, ip: null };
    tokens[role] = (await t.services.apiTokens.create(user.id, 'test', actor)).token;
    if (role === 'coordinator')
      audit = await aFullAudit(db, t.config.encryptionKey, {
        partnershipId: p1,
        agencyIds: agencies,
        leadUserId: user.id,
      });
  }
  // The fixture's first case holds "Amelia Exampleton 0" at "1 Test Street, Leicester": written the way people do.
  await db
    .updateTable('finding')
    .set({ text: "Cumulative neglect of Amelia's needs was not recognised" })
    .where('audit_id', '=', audit.id)
    .where('text', '=', 'Cumulative neglect was not recognised')
    .execute();
  await db
    .updateTable('recommendation')
    .set({ text: 'Visit the family at 1 Test St within ten days' })
    .where('audit_id', '=', audit.id)
    .execute();
});
afterAll(async () => t?.close());

const api = (who: string, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}` } });

describe('an exchange file without identifying details', () => {
  it('is not written while a finding or recommendation names the family, on the page', async () => {
    const page = await browsers.coordinator!.get(`/audits/${audit.id}/exchange/download`);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('The file was not written');
    expect(page.body).toContain('2 possible identifying details were found');
    expect(page.body).toContain('<code>/findings/0/text</code>');
    expect(page.body).toContain('<code>/recommendations/0/text</code>');
    expect(page.body).toContain('<mark>Amelia</mark>');
    expect(page.body).toContain('<mark>1 Test St</mark>');
    expect(page.body).toContain('govuk-error-summary');
    // With identities asked for, by someone who may hold them, the file is written as it is.
    const full = await browsers.coordinator!.get(`/audits/${audit.id}/exchange/download?identities=yes`);
    expect(full.statusCode).toBe(200);
  });

  it('is refused by the API with each JSON pointer, the words only for those who may see them', async () => {
    const coordinator = await api('coordinator', `/audits/${audit.id}/exchange`);
    expect(coordinator.statusCode).toBe(422);
    const body = coordinator.json<{
      error: { code: string };
      hits: { kind: string; record: { pointer: string }; matched: string }[];
    }>();
    expect(body.error.code).toBe('identifying_details');
    expect(body.hits.map((h) => [h.record.pointer, h.kind, h.matched])).toEqual([
      ['/findings/0/text', 'name', 'Amelia'],
      ['/recommendations/0/text', 'address', '1 Test St'],
    ]);
    const administrator = await api('administrator', `/audits/${audit.id}/exchange`);
    expect(administrator.statusCode).toBe(422);
    expect(administrator.body).not.toContain('Amelia');
    expect(administrator.body).toContain('/findings/0/text');
  });

  it('is refused by the command line, naming where and what kind but never the words', async () => {
    const run = await runMaca(t.database.connectionString, ['export-audit', audit.reference, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('/findings/0/text: a name');
    expect(run.stderr).toContain('/recommendations/0/text: an address');
    expect(run.stderr).not.toContain('Amelia');
    expect(run.stderr).not.toContain('Test St');
  });

  it('logs each refusal without the words, then passes after replace with pseudonyms', async () => {
    const blocked = await t.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('record_id', '=', audit.id)
      .where('action', '=', 'audit.export-blocked')
      .execute();
    // The page, two API calls and the command line.
    expect(blocked).toHaveLength(4);
    expect(JSON.stringify(blocked)).not.toContain('Amelia');
    expect(blocked[0]!.detail).toMatchObject({ hits: 2, pointers: ['/findings/0/text', '/recommendations/0/text'] });
    // Only the coordinator may rewrite the records; the administrator who may export cannot.
    expect((await browsers.administrator!.get(`/audits/${audit.id}/exchange/pseudonyms`)).statusCode).toBe(404);
    const coordinator = browsers.coordinator!;
    const blockedPage = await coordinator.get(`/audits/${audit.id}/exchange/download`);
    expect(blockedPage.body).toContain(`href="/audits/${audit.id}/exchange/pseudonyms">replace with pseudonyms</a>`);
    const preview = await coordinator.get(`/audits/${audit.id}/exchange/pseudonyms`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Rewrite 2 records');
    expect(preview.body).toContain('“Amelia” becomes “Child A”');
    expect(preview.body).toContain('“1 Test St” becomes “the family&#39;s address”');
    const fingerprint = /name="fingerprint" value="([0-9a-f]{32})"/.exec(preview.body)![1]!;
    // Looking changes nothing: the file is still refused.
    expect((await coordinator.get(`/audits/${audit.id}/exchange/download`)).statusCode).toBe(422);
    await coordinator.get(`/audits/${audit.id}/exchange/pseudonyms`);
    const applied = await coordinator.post(`/audits/${audit.id}/exchange/pseudonyms`, { fingerprint });
    expect(applied.statusCode).toBe(303);
    const texts = await t.database.db
      .selectFrom('finding')
      .select('text')
      .where('audit_id', '=', audit.id)
      .where('text', 'like', 'Cumulative%')
      .executeTakeFirstOrThrow();
    expect(texts.text).toBe("Cumulative neglect of Child A's needs was not recognised");
    const rec = await t.database.db
      .selectFrom('recommendation')
      .select('text')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(rec.text).toBe("Visit the family at the family's address within ten days");
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', audit.id)
      .where('action', '=', 'audit.pseudonyms-applied')
      .execute();
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('Amelia');
    // The same preview again is stale: nothing is rewritten twice.
    await coordinator.get(`/audits/${audit.id}/exchange/pseudonyms`);
    const again = await coordinator.post(`/audits/${audit.id}/exchange/pseudonyms`, { fingerprint });
    expect(again.headers.location).toBe(`/audits/${audit.id}/exchange/pseudonyms`);
    const file = await coordinator.get(`/audits/${audit.id}/exchange/download`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain("Child A's needs");
    expect(file.body).not.toContain('Amelia');
  });

  it('is not written while the audit holds a value the file cannot carry, saying where', async () => {
    const db = t.database.db;
    const child = await db
      .selectFrom('case_child')
      .select(['id', 'age_band'])
      .where('case_id', '=', audit.caseIds[0]!)
      .where('pseudonym', '=', 'Child A')
      .executeTakeFirstOrThrow();
    // As an import from before the coded values were checked could have left it.
    await db.updateTable('case_child').set({ age_band: '0-4' }).where('id', '=', child.id).execute();
    const page = await browsers.coordinator!.get(`/audits/${audit.id}/exchange/download`);
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('The file was not written');
    expect(page.body).toContain('<code>/cases/0/children/0/ageBand</code>');
    expect(page.body).toContain('&quot;0-4&quot; is not an age band');
    const answer = await api('coordinator', `/audits/${audit.id}/exchange`);
    expect(answer.statusCode).toBe(422);
    expect(answer.json<{ error: { code: string; problems: { path: string }[] } }>().error).toMatchObject({
      code: 'not_exportable',
      problems: [{ path: '/cases/0/children/0/ageBand' }],
    });
    await db.updateTable('case_child').set({ age_band: child.age_band }).where('id', '=', child.id).execute();
    expect((await browsers.coordinator!.get(`/audits/${audit.id}/exchange/download`)).statusCode).toBe(200);
  });
});
