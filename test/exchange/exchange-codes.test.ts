import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import { exchangeSchema } from '../../src/features/exchange/exchange-schema.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { runMaca } from '../support/cli.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';
import { text } from '../cases/support.ts';
import { CODES, importPage, TARGET_NAME } from './exchange-codes-support.ts';

/**
 * Issue 12, coded values: the exchange file holds only the codes the service counts and shows. An
 * unknown one ("0-4") is refused before anything is stored, with where it is and what is allowed,
 * on the page, through the API and on the command line; a file using every code is counted in full.
 */
let t: TestApp;
let audit: FullAudit;
let target: string;
const tokens: Record<string, string> = {};
const browsers: Record<string, Browser> = {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-exchange-codes-'));

async function person(key: string, partnershipId: string, role: 'coordinator' | 'administrator', email?: string) {
  let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
  if (email) builder = builder.withEmail(email);
  const user = await builder.create(t.database.db);
  const actor = { userId: user.id, partnershipId, correlationId: null, ip: null };
  tokens[key] = (await t.services.apiTokens.create(user.id, 'test', actor)).token;
  browsers[key] = new Browser(t.app);
  await browsers[key].signIn(user.email, user.password);
  return user.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const source = await aPartnership('Codes Source').create(db);
  const agencies = [
    await anAgency(source).named('Codes Police').ofType('police').create(db),
    await anAgency(source).named('Codes Social Care').ofType('social_care').create(db),
    await anAgency(source).named('Codes Health').ofType('community_health').create(db),
  ];
  const lead = await person('source', source, 'coordinator');
  audit = await aFullAudit(db, t.config.encryptionKey, {
    partnershipId: source,
    agencyIds: agencies,
    leadUserId: lead,
  });
  target = await aPartnership(TARGET_NAME).create(db);
  await person('target', target, 'coordinator', 'codes.target@codes.example');
  await person('admin', target, 'administrator');
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const api = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${tokens[who]}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const exported = async () => (await api('source', 'GET', `/audits/${audit.id}/exchange`)).json<ExchangeDocument>();
const stored = async () => ({
  audits: (await t.database.db.selectFrom('audit').select('id').where('partnership_id', '=', target).execute()).length,
  agencies: (await t.database.db.selectFrom('agency').select('id').where('partnership_id', '=', target).execute())
    .length,
  imports: (
    await t.database.db.selectFrom('exchange_import').select('id').where('partnership_id', '=', target).execute()
  ).length,
});

// Written out by hand: the allowed age bands, and the problem "0-4" makes at its place in the file.
const AGE_POINTER = '/cases/0/children/1/ageBand';
const AGE_MESSAGE =
  '"0-4" is not an age band this service knows: must be one of: under_1, 1_4, 5_9, 10_15, 16_17, 18_plus, null';

describe('an unknown code in an exchange file', () => {
  it('refuses age band "0-4" with its pointer and the allowed values on the page, API and CLI', async () => {
    const document = await exported();
    document.cases[0]!.children[1]!.ageBand = '0-4';
    const query = '?createMissingAgencies=true';
    const refused = await api('target', 'POST', `/exchange-imports${query}`, document);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { problems: unknown[] } }>().error.problems).toEqual([
      { path: AGE_POINTER, message: AGE_MESSAGE },
    ]);

    const page = await importPage(t, browsers.target!, JSON.stringify(document));
    expect(page.statusCode).toBe(400);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(page.body)?.[0] ?? '';
    expect(text(summary)).toContain(
      `The selected file has 1 problem: The file does not match the audit exchange schema. At ${AGE_POINTER}: ` +
        AGE_MESSAGE,
    );
    expect(page.body).toContain(`<code>${AGE_POINTER}</code>`);

    const file = path.join(dir, 'bad-age.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const cli = await runMaca(t.database.connectionString, ['import-audit', file, '--partnership', TARGET_NAME]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`  ${AGE_POINTER}: ${AGE_MESSAGE}`);
    expect(await stored()).toEqual({ audits: 0, agencies: 0, imports: 0 });
  });

  it('names each coded field it refuses: sex, ethnicity, legal status, CP category, criteria, role, type', async () => {
    const document = await exported();
    const kase = document.cases[0]!;
    Object.assign(kase.children[0]!, { sex: 'F', ethnicity: 'White British', cpCategory: 'Neglect' });
    kase.children[1]!.legalStatus = 'adopted';
    kase.criteria = ['neglect', 'other:Private fostering', 'looked_after'];
    kase.household[0]!.role = 'uncle';
    document.agencies[0]!.type = 'sarc_centre';
    const result = await api('target', 'POST', '/exchange-imports?createMissingAgencies=true', document);
    const problems = result.json<{ error: { problems: { path: string; message: string }[] } }>().error.problems;
    expect(problems.map((p) => `${p.path} ${p.message.slice(0, p.message.indexOf(':'))}`)).toEqual([
      '/agencies/0/type "sarc_centre" is not an agency type this service knows',
      '/cases/0/criteria/0 "neglect" is not a selection criterion this service knows',
      '/cases/0/children/0/sex "F" is not a sex this service knows',
      '/cases/0/children/0/ethnicity "White British" is not an ethnicity this service knows',
      '/cases/0/children/0/cpCategory "Neglect" is not a child protection category this service knows',
      '/cases/0/children/1/legalStatus "adopted" is not a legal status this service knows',
      '/cases/0/household/0/role "uncle" is not a household role this service knows',
    ]);
    expect(problems[0]!.message).toContain('da_service, sarc, housing');
    expect(problems[1]!.message).toContain('child_on_parent_violence, or "other:" and words');
    expect(await stored()).toEqual({ audits: 0, agencies: 0, imports: 0 });
  });
});

describe('the published schema', () => {
  it('lists exactly the codes the service uses, a sexual assault referral centre among the agency types', () => {
    const defs = exchangeSchema.$defs as Record<string, { enum?: unknown[]; anyOf?: { enum?: unknown[] }[] }>;
    expect(defs.ageBand!.enum).toEqual([...CODES.ageBands, null]);
    expect(defs.sex!.enum).toEqual([...CODES.sexes, null]);
    expect(defs.ethnicity!.enum).toEqual([...CODES.ethnicities, null]);
    expect(defs.legalStatus!.enum).toEqual(CODES.legalStatuses);
    expect(defs.cpCategory!.enum).toEqual([...CODES.cpCategories, null]);
    expect(defs.selectionCriterion!.anyOf![0]!.enum).toEqual(CODES.criteria);
    expect(defs.householdRole!.enum).toEqual(CODES.roles);
    expect(defs.agencyType!.enum).toEqual(CODES.agencyTypes);
  });
});
