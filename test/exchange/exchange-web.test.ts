import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import { csrfTokenFor } from '../../src/web/csrf.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';

/** The exchange file through the API and the pages, as coordinators, administrators and others. */
let t: TestApp;
let audit: FullAudit;
const tokens: Record<string, string> = {};
const browsers: Record<string, Browser> = {};
let targetPolice: string;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const p1 = await aPartnership('Web Source').create(db);
  const agencies = [
    await anAgency(p1).named('Web Police').ofType('police').create(db),
    await anAgency(p1).named('Web Social Care').ofType('social_care').create(db),
  ];
  const p2 = await aPartnership('Web Target').create(db);
  targetPolice = await anAgency(p2).named('Target Constabulary').ofType('police').create(db);
  const people: [string, string, 'coordinator' | 'administrator' | 'auditor' | 'panel_member'][] = [
    ['coordinator', p1, 'coordinator'],
    ['administrator', p1, 'administrator'],
    ['auditor', p1, 'auditor'],
    ['panel', p1, 'panel_member'],
    ['targetCoordinator', p2, 'coordinator'],
  ];
  for (const [key, partnershipId, role] of people) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (role === 'auditor') builder = builder.inAgency(agencies[0]!);
    const user = await builder.create(db);
    tokens[key] = (
      await t.services.apiTokens.create(user.id, 'test', {
        userId: user.id,
        partnershipId,
        correlationId: null,
        ip: null,
      })
    ).token;
    browsers[key] = new Browser(t.app);
    await browsers[key].signIn(user.email, user.password);
    if (key === 'coordinator')
      audit = await aFullAudit(db, t.config.encryptionKey, {
        partnershipId: p1,
        agencyIds: agencies,
        leadUserId: user.id,
      });
  }
});
afterAll(async () => t?.close());

const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

function multipart(filename: string, content: string): { payload: Buffer; contentType: string } {
  const boundary = `----maca${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/json\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(who: string, filename: string, content: string) {
  const browser = browsers[who]!;
  await browser.get('/exchange/import');
  const { payload, contentType } = multipart(filename, content);
  const response = await t.app.inject({
    method: 'POST',
    url: `/exchange/import?_csrf=${encodeURIComponent(csrfTokenFor(t.config.sessionSecret, browser.cookies.get('maca_csrf')!))}`,
    payload,
    headers: { 'content-type': contentType, cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  return response;
}

describe('the exchange API', () => {
  it('exports for coordinators and administrators only; identities only for those who may see them', async () => {
    const plain = await api('administrator', 'GET', `/audits/${audit.id}/exchange`);
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toMatchObject({ format: 'maca-audit-exchange', schemaVersion: 1, containsIdentities: false });
    expect(plain.body).not.toContain('Exampleton');
    expect((await api('administrator', 'GET', `/audits/${audit.id}/exchange?include=identities`)).statusCode).toBe(404);
    const full = await api('coordinator', 'GET', `/audits/${audit.id}/exchange?include=identities`);
    expect(full.json<ExchangeDocument>().identities!.cases[0]!.children[0]!.name).toBe('Amelia Exampleton 0');
    expect((await api('auditor', 'GET', `/audits/${audit.id}/exchange`)).statusCode).toBe(404);
    expect((await api('panel', 'GET', `/audits/${audit.id}/exchange`)).statusCode).toBe(404);
    expect((await api('targetCoordinator', 'GET', `/audits/${audit.id}/exchange`)).statusCode).toBe(404);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', audit.id)
      .where('action', 'in', ['audit.exported', 'case-identity.exported', 'case-identity.refused'])
      .execute();
    expect(log.map((l) => l.action).sort()).toEqual([
      'audit.exported',
      'case-identity.exported',
      'case-identity.refused',
    ]);
  });

  it('imports with agency mapping, refuses a repeat, and reports an invalid file by JSON pointer', async () => {
    const document = (await api('coordinator', 'GET', `/audits/${audit.id}/exchange`)).json<ExchangeDocument>();
    const missing = await api('targetCoordinator', 'POST', '/exchange-imports', document);
    expect(missing.statusCode).toBe(422);
    expect(missing.json<{ error: unknown }>().error).toMatchObject({
      code: 'agencies-missing',
      missing: [{ name: 'Web Police' }, { name: 'Web Social Care' }],
      available: [{ name: 'Target Constabulary', type: 'police' }],
    });
    const query = `?mapAgency=${encodeURIComponent('Web Police=Target Constabulary')}&createMissingAgencies=true`;
    const imported = await api('targetCoordinator', 'POST', `/exchange-imports${query}`, document);
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ reference: audit.reference, counts: { cases: 2, createdAgencies: 1 } });
    const again = await api('targetCoordinator', 'POST', `/exchange-imports${query}`, document);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('duplicate');
    const invalid = await api('targetCoordinator', 'POST', '/exchange-imports', {
      ...document,
      cases: [{ ...document.cases[0]!, reference: 7 }],
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ error: { problems: unknown[] } }>().error.problems).toContainEqual({
      path: '/cases/0/reference',
      message: 'must be string',
    });
    expect((await api('auditor', 'POST', '/exchange-imports', document)).statusCode).toBe(404);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/audits/{auditId}/exchange', '/exchange-imports']),
    );
    const schema = (await t.app.inject({ method: 'GET', url: '/api/v1/exchange-schema.json' })).json<{
      $schema: string;
    }>();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('the exchange pages', () => {
  it('lets the coordinator download the file, with identities only when asked', async () => {
    const coordinator = browsers.coordinator!;
    const page = await coordinator.get(`/audits/${audit.id}/exchange`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Download the exchange file');
    expect(page.body).toContain('Include identifying details');
    const file = await coordinator.get(`/audits/${audit.id}/exchange/download`);
    expect(file.headers['content-disposition']).toContain('attachment;');
    expect((JSON.parse(file.body) as ExchangeDocument).identities).toBeUndefined();
    const withIds = await coordinator.get(`/audits/${audit.id}/exchange/download?identities=yes`);
    expect((JSON.parse(withIds.body) as ExchangeDocument).containsIdentities).toBe(true);
    const admin = await browsers.administrator!.get(`/audits/${audit.id}/exchange`);
    expect(admin.statusCode).toBe(200);
    expect(admin.body).not.toContain('Include identifying details');
    expect((await browsers.auditor!.get(`/audits/${audit.id}/exchange`)).statusCode).toBe(404);
    expect((await browsers.auditor!.get('/exchange/import')).statusCode).toBe(404);
  });

  it('imports an uploaded file: problems listed by where they are, agencies matched on a form, a repeat only as a copy', async () => {
    const document = (
      await api('coordinator', 'GET', `/audits/${audit.id}/exchange?include=identities`)
    ).json<ExchangeDocument>();
    document.source.auditId = '00000000-0000-4000-8000-0000000000aa';
    document.audit.title = 'Imported through the page';
    const target = browsers.targetCoordinator!;

    const notJson = await upload('targetCoordinator', 'audit.json', 'not json at all');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain('There is a problem');
    expect(notJson.body).toContain('The selected file must be an audit exchange file (JSON)');
    const broken = await upload(
      'targetCoordinator',
      'audit.json',
      JSON.stringify({
        ...document,
        agencies: [{ ...document.agencies[0]!, type: 12 }, ...document.agencies.slice(1)],
      }),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('<code>/agencies/0/type</code>');

    const uploaded = await upload('targetCoordinator', 'audit.json', JSON.stringify(document));
    expect(uploaded.statusCode).toBe(303);
    const checkUrl = uploaded.headers.location!;
    const check = await target.get(checkUrl);
    expect(check.body).toContain('Match the agencies');
    expect(check.body).toContain('Imported through the page');
    expect(check.body).toContain('The file holds identifying details. They will be stored encrypted.');
    const police = document.agencies.find((a) => a.name === 'Web Police')!.key;
    const social = document.agencies.find((a) => a.name === 'Web Social Care')!.key;

    const incomplete = await target.post(checkUrl, { [`agency-${police}`]: targetPolice });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('Select the agency here for Web Social Care, or create it');
    expect(incomplete.body).toContain(`href="#agency-${social}"`);
    expect(incomplete.body).toMatch(new RegExp(`value="${targetPolice}" selected`));

    const done = await target.post(checkUrl, { [`agency-${police}`]: targetPolice, [`agency-${social}`]: 'create' });
    expect(done.statusCode).toBe(303);
    const imported = await t.database.db
      .selectFrom('audit')
      .select(['id', 'partnership_id'])
      .where('title', '=', 'Imported through the page')
      .execute();
    expect(imported).toHaveLength(1);
    expect(done.headers.location).toBe(`/audits/${imported[0]!.id}`);
    expect((await target.get(checkUrl)).statusCode).toBe(404);
    const identities = await t.database.db
      .selectFrom('case_identity as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .select('i.case_id')
      .where('c.audit_id', '=', imported[0]!.id)
      .execute();
    expect(identities).toHaveLength(2);

    const repeat = await upload('targetCoordinator', 'audit.json', JSON.stringify(document));
    const repeatUrl = repeat.headers.location!;
    expect((await target.get(repeatUrl)).body).toContain('This file has been imported before');
    const refused = await target.post(repeatUrl, {
      [`agency-${police}`]: targetPolice,
      [`agency-${social}`]: 'create',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Select “Import it as a copy”');
    const copied = await target.post(repeatUrl, {
      [`agency-${police}`]: targetPolice,
      [`agency-${social}`]: 'create',
      asCopy: 'yes',
    });
    expect(copied.statusCode).toBe(303);
    expect(
      await t.database.db.selectFrom('audit').select('id').where('title', '=', 'Imported through the page').execute(),
    ).toHaveLength(2);
  });
});
