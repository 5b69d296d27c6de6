import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const password = 'demo-password-for-tests';
const as = async (email: string) => {
  const browser = new Browser(t.app);
  const response = await browser.signIn(email, password);
  expect(response.headers.location).toBe('/');
  return browser;
};
const auditId = async (reference: string) => (await t.database.db.selectFrom('audit').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoPartnership(t.database.db, password, t.config.encryptionKey);
});
afterAll(async () => t?.close());

describe('the demo partnership', () => {
  it('holds the five seed audits with their case counts', async () => {
    const rows = await t.database.db.selectFrom('audit as a').select((eb) => ['a.reference', eb.selectFrom('audit_case as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.audit_id', '=', 'a.id').as('cases')]).orderBy('a.reference').execute();
    expect(Object.fromEntries(rows.map((r) => [r.reference, Number(r.cases)]))).toMatchObject({ 'LSCB-2018-DA': 7, 'BSCB-2019-DA': 1, 'NSCB-2017-DV2': 6, 'LLR-2019-FSA': 5, 'NYSCP-2023-DA': 4 });
  });

  it('reproduces seed 003’s participation table for the Leicester familial sexual abuse audit', async () => {
    const coordinator = await as('coordinator@demo.maca.test');
    const page = await coordinator.get(`/audits/${await auditId('LLR-2019-FSA')}/participation`);
    const expected: [string, string][] = [
      ['Leicestershire Police', '1 (out of the 5, 1 audited, 1 mostly out of scope and 3 out of scope)'],
      ["Children&#39;s Social Care and Early Help", '3 (out of the 5, 3 audited and 2 out of scope)'],
      ['Schools and education settings', '4 (out of the 5, 4 audited and 1 not known)'],
      ['GPs (Clinical Commissioning Group)', '4 (out of the 5, 4 audited and 1 not known)'],
      ['UAVA (United Against Violence and Abuse)', '2 (out of the 5, 2 audited and 3 not known)'],
      ['National Probation Service (NPS)', '1 (out of the 5, 1 audited and 4 not known)'],
      ['SSTOP', '-'],
      ['Turning Point', '0 (not known)'],
    ];
    for (const [agency, text] of expected) {
      expect(page.body, agency).toMatch(new RegExp(`${agency.replace(/[()]/g, '\\$&')}</td><td class="govuk-table__cell">${text.replace(/[()]/g, '\\$&')}<`));
    }
  });

  it('gives the Northamptonshire case 6 and Bexley chronologies the points their briefings describe', async () => {
    const panel = await as('panel-member@demo.maca.test');
    const north = await auditId('NSCB-2017-DV2');
    const case6 = await t.database.db.selectFrom('audit_case').select('id').where('audit_id', '=', north).where('reference', '=', 'Case 6').executeTakeFirstOrThrow();
    const northPage = await panel.get(`/audits/${north}/cases/${case6.id}/chronology`);
    expect(northPage.body).toContain('closed the case on 10 June 2016, and 2 incidents followed within 90 days with no new referral');
    const bexley = await auditId('BSCB-2019-DA');
    const bexleyCase = await t.database.db.selectFrom('audit_case').select('id').where('audit_id', '=', bexley).executeTakeFirstOrThrow();
    const bexleyPage = await panel.get(`/audits/${bexley}/cases/${bexleyCase.id}/chronology`);
    expect(bexleyPage.body).toContain('What happened after the disclosure recorded by Schools and education settings on 6 March 2017?');
  });

  it('has actions at different stages, and an audit with returns open for the demo auditors', async () => {
    const coordinator = await as('coordinator@demo.maca.test');
    const tracker = await coordinator.get('/actions');
    expect(tracker.body).toContain('Amber');
    expect(tracker.body).toContain('Green');
    const auditor = await as('auditor.police@demo.maca.test');
    const returns = await auditor.get('/my-returns');
    expect(returns.body).toContain('Neglect and cumulative harm');
    const first = /href="(\/returns\/[0-9a-f-]{36})"/.exec(returns.body)![1]!;
    expect((await auditor.get(first)).statusCode).toBe(200);
  });
});
