import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import { reportTables } from '../../src/features/report/report-model.ts';
import { buildReport } from '../../src/features/report/report-service.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';
import { text } from '../cases/support.ts';
import { CODES, everyCode, importPage, TARGET_NAME } from './exchange-codes-support.ts';

/**
 * Issue 12, coded values: a file using every allowed code imports, and each code is counted in the
 * report's tables and shown in words; a sexual assault referral centre is an agency type everywhere
 * one is chosen; the service's own forms refuse a code they do not offer.
 */
let t: TestApp;
let audit: FullAudit;
let target: string;
const tokens: Record<string, string> = {};
const browsers: Record<string, Browser> = {};

async function person(key: string, partnershipId: string, role: 'coordinator' | 'administrator') {
  const user = await aUser(partnershipId).withRole(role).exemptFromSecondFactor().create(t.database.db);
  const actor = { userId: user.id, partnershipId, correlationId: null, ip: null };
  tokens[key] = (await t.services.apiTokens.create(user.id, 'test', actor)).token;
  browsers[key] = new Browser(t.app);
  await browsers[key].signIn(user.email, user.password);
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const source = await aPartnership('Every Code Source').create(db);
  const agencies = [
    await anAgency(source).named('Every Police').ofType('police').create(db),
    await anAgency(source).named('Every Social Care').ofType('social_care').create(db),
    await anAgency(source).named('Every Health').ofType('community_health').create(db),
  ];
  const lead = await aUser(source).withRole('coordinator').create(db);
  await person('source', source, 'coordinator');
  audit = await aFullAudit(db, t.config.encryptionKey, {
    partnershipId: source,
    agencyIds: agencies,
    leadUserId: lead.id,
  });
  target = await aPartnership(TARGET_NAME).create(db);
  await person('target', target, 'coordinator');
  await person('admin', target, 'administrator');
});
afterAll(async () => t?.close());

const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

describe('a file using every allowed code', () => {
  it('imports, and each code is counted in the report’s tables and shown in words on the case page', async () => {
    const document = everyCode((await api('source', 'GET', `/audits/${audit.id}/exchange`)).json<ExchangeDocument>());
    const upload = await importPage(t, browsers.target!, JSON.stringify(document));
    expect(upload.statusCode).toBe(303);
    const check = await browsers.target!.get(upload.headers.location!);
    expect(check.body).toContain('Sexual assault referral centre');

    const imported = await api('target', 'POST', '/exchange-imports?createMissingAgencies=true', document);
    expect(imported.statusCode).toBe(201);
    const { auditId } = imported.json<{ auditId: string }>();
    const agencyTypes = await t.database.db
      .selectFrom('agency')
      .select('type')
      .where('partnership_id', '=', target)
      .orderBy('type')
      .execute();
    expect(agencyTypes.map((a) => a.type)).toEqual([...CODES.agencyTypes].sort());

    // Worked out by hand. The first case: 1 unborn, 4 in each of the six bands, 5 of each legal
    // status. The second case (the fixture's): Child A aged 3 (1 to 4) on a plan, Child B unborn, none.
    const tables = reportTables(await buildReport(t.database.db, target, auditId));
    expect(tables.find((x) => x.key === 'sample-age-bands')!.rows).toEqual([
      ['Unborn', '2'],
      ['Under 1', '4'],
      ['1 to 4', '5'],
      ['5 to 9', '4'],
      ['10 to 15', '4'],
      ['16 to 17', '4'],
      ['18 and over', '4'],
    ]);
    expect(tables.find((x) => x.key === 'sample-legal-status')!.rows).toEqual([
      ['None', '6'],
      ['Early help', '5'],
      ['Child in need', '5'],
      ['Child protection plan', '6'],
      ['Looked after', '5'],
    ]);

    const kase = await t.database.db
      .selectFrom('audit_case')
      .select('id')
      .where('audit_id', '=', auditId)
      .where('position', '=', document.cases[0]!.position)
      .executeTakeFirstOrThrow();
    const page = text((await browsers.target!.get(`/audits/${auditId}/cases/${kase.id}`)).body);
    for (const words of [
      'Child on parent violence',
      'Private fostering',
      'Step-parent',
      'Other adult',
      '18 and over',
      'White: Roma',
      'Other ethnic group: Arab',
      'Mixed or Multiple ethnic groups: White and Black African',
      'Child protection plan (Multiple categories)',
      'Not known',
    ])
      expect(page).toContain(words);
    // A code without words would be shown as the code itself.
    for (const code of [...CODES.ethnicities, ...CODES.criteria, ...CODES.roles, ...CODES.ageBands])
      if (code.includes('_')) expect(page).not.toContain(code);
  });
});

describe('a sexual assault referral centre', () => {
  it('is offered and saved on the agency form, and listed in words', async () => {
    const admin = browsers.admin!;
    const form = await admin.get('/admin/agencies/new');
    expect(form.body).toContain('<option value="sarc">Sexual assault referral centre</option>');
    const saved = await admin.post('/admin/agencies', { name: 'The Willows SARC', type: 'sarc' });
    expect(saved.statusCode).toBe(303);
    expect(text((await admin.get('/admin/agencies')).body)).toContain(
      'The Willows SARC Sexual assault referral centre',
    );
  });
});

describe('the case forms', () => {
  it('refuse codes they do not offer, naming the field, with what was typed kept', async () => {
    const { id } = await anAudit(target).withCases(1).inStatus('planning').create(t.database.db);
    const kase = await t.database.db
      .selectFrom('audit_case')
      .select('id')
      .where('audit_id', '=', id)
      .executeTakeFirstOrThrow();
    const caseUrl = `/audits/${id}/cases/${kase.id}`;
    const browser = browsers.target!;
    await browser.get(`${caseUrl}/children/new`);
    const child = await browser.post(`${caseUrl}/children`, {
      pseudonym: 'Child Q',
      ageKind: 'band',
      ageBand: '0-4',
      sex: 'F',
      ethnicity: 'White British',
      legalStatus: 'adopted',
    });
    expect(child.statusCode).toBe(400);
    const summary = text(child.body);
    for (const message of [
      'Select the child’s age band',
      'Select the child’s sex',
      'Select the child’s ethnicity',
      'Select the child’s legal status',
    ])
      expect(summary).toContain(message);
    expect(child.body).toContain('value="Child Q"');
    await browser.get(`${caseUrl}/edit`);
    const criteria = await browser.post(caseUrl, { reference: 'Case 1', criteria: ['neglect'], version: '1' });
    expect(criteria.statusCode).toBe(400);
    expect(text(criteria.body)).toContain('Select criteria from the list');
    await browser.get(`${caseUrl}/household/new`);
    const member = await browser.post(`${caseUrl}/household`, { role: 'uncle', inHousehold: 'yes', posesRisk: 'no' });
    expect(member.statusCode).toBe(400);
    expect(text(member.body)).toContain('Select the person’s role in the family');
    const db = t.database.db;
    expect(await db.selectFrom('case_child').select('id').where('case_id', '=', kase.id).execute()).toHaveLength(0);
    expect(await db.selectFrom('household_member').select('id').where('case_id', '=', kase.id).execute()).toHaveLength(
      0,
    );
  });
});
