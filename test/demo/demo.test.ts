import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const password = 'demo-password-for-tests';
const as = async (email: string) => {
  const browser = new Browser(t.app);
  const response = await browser.signIn(email, password);
  expect(response.headers.location).toBe('/');
  return browser;
};
const auditId = async (reference: string) =>
  (await t.database.db.selectFrom('audit').select('id').where('reference', '=', reference).executeTakeFirstOrThrow())
    .id;

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoPartnership(t.database.db, password, t.config.encryptionKey);
});
afterAll(async () => t?.close());

describe('the demo partnership', () => {
  it('holds the five seed audits with their case counts', async () => {
    const rows = await t.database.db
      .selectFrom('audit as a')
      .select((eb) => [
        'a.reference',
        eb
          .selectFrom('audit_case as c')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('c.audit_id', '=', 'a.id')
          .as('cases'),
      ])
      .orderBy('a.reference')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.reference, Number(r.cases)]))).toMatchObject({
      'LSCB-2018-DA': 7,
      'BSCB-2019-DA': 1,
      'NSCB-2017-DV2': 6,
      'LLR-2019-FSA': 5,
      'NYSCP-2023-DA': 4,
    });
  });

  it('reproduces seed 003’s participation table for the Leicester familial sexual abuse audit', async () => {
    const coordinator = await as('coordinator@demo.maca.test');
    const page = await coordinator.get(`/audits/${await auditId('LLR-2019-FSA')}/participation`);
    const expected: [string, string][] = [
      ['Leicestershire Police', '1 (out of the 5, 1 audited, 1 mostly out of scope and 3 out of scope)'],
      ['Children&#39;s Social Care and Early Help', '3 (out of the 5, 3 audited and 2 out of scope)'],
      ['Schools and education settings', '4 (out of the 5, 4 audited and 1 not known)'],
      ['GPs (Clinical Commissioning Group)', '4 (out of the 5, 4 audited and 1 not known)'],
      ['UAVA (United Against Violence and Abuse)', '2 (out of the 5, 2 audited and 3 not known)'],
      ['National Probation Service (NPS)', '1 (out of the 5, 1 audited and 4 not known)'],
      ['SSTOP', '-'],
      ['Turning Point', '0 (not known)'],
    ];
    for (const [agency, text] of expected) {
      expect(page.body, agency).toMatch(
        new RegExp(
          `${agency.replace(/[()]/g, '\\$&')}</td><td class="govuk-table__cell">${text.replace(/[()]/g, '\\$&')}<`,
        ),
      );
    }
  });

  it('gives the Northamptonshire case 6 and Bexley chronologies the points their briefings describe', async () => {
    const panel = await as('panel-member@demo.maca.test');
    const north = await auditId('NSCB-2017-DV2');
    const case6 = await t.database.db
      .selectFrom('audit_case')
      .select('id')
      .where('audit_id', '=', north)
      .where('reference', '=', 'Case 6')
      .executeTakeFirstOrThrow();
    const northPage = await panel.get(`/audits/${north}/cases/${case6.id}/chronology`);
    expect(northPage.body).toContain(
      'closed the case on 10 June 2016, and 2 incidents followed within 90 days with no new referral',
    );
    const bexley = await auditId('BSCB-2019-DA');
    const bexleyCase = await t.database.db
      .selectFrom('audit_case')
      .select('id')
      .where('audit_id', '=', bexley)
      .executeTakeFirstOrThrow();
    const bexleyPage = await panel.get(`/audits/${bexley}/cases/${bexleyCase.id}/chronology`);
    expect(bexleyPage.body).toContain(
      'What happened after the disclosure recorded by Schools and education settings on 6 March 2017?',
    );
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

  it('has signed-off returns for every involved agency in the seed audits, answered on every domain of the shipped tool', async () => {
    const db = t.database.db;
    const rows = await db
      .selectFrom('agency_return as r')
      .innerJoin('audit_case as c', 'c.id', 'r.case_id')
      .innerJoin('audit as a', 'a.id', 'c.audit_id')
      .select((eb) => [
        'a.reference',
        'r.status',
        'r.overall_grade',
        'r.overall_rationale',
        eb
          .selectFrom('return_answer as x')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('x.return_id', '=', 'r.id')
          .as('answers'),
        eb
          .selectFrom('return_section as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.return_id', '=', 'r.id')
          .where('s.status', '=', 'completed')
          .as('sections'),
      ])
      .execute();
    const seeds = rows.filter((r) => !r.reference.startsWith('MACA-'));
    const involved = await db
      .selectFrom('involvement as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .innerJoin('audit as a', 'a.id', 'c.audit_id')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('i.status', '=', 'involved')
      .where('a.reference', 'not like', 'MACA-%')
      .executeTakeFirstOrThrow();
    expect(seeds).toHaveLength(Number(involved.n));
    for (const r of seeds) {
      expect(r.status, r.reference).toBe('signed_off');
      expect(Number(r.answers)).toBe(GENERAL_TOOL.sections.flatMap((x) => x.questions).length);
      expect(Number(r.sections)).toBe(GENERAL_TOOL.sections.length);
      expect(['outstanding', 'good', 'requires_improvement', 'inadequate']).toContain(r.overall_grade);
      expect(r.overall_rationale.length).toBeGreaterThan(20);
    }
    const evidenceMissing = await db
      .selectFrom('return_answer')
      .select('question_key')
      .where('evidence', '=', '')
      .where('answer', '!=', 'not_applicable')
      .where('question_key', 'not in', [
        'mae_marac',
        'escalation_challenge',
        'equality_interpreters',
        'impact_education',
      ])
      .execute();
    expect(evidenceMissing).toEqual([]);
  });

  it('writes the returns to agree with the seed findings: the GP flag error in seed 000, the case closed on a court order in seed 002', async () => {
    const db = t.database.db;
    const answer = async (reference: string, caseRef: string, agency: string, question: string) =>
      db
        .selectFrom('return_answer as x')
        .innerJoin('agency_return as r', 'r.id', 'x.return_id')
        .innerJoin('audit_case as c', 'c.id', 'r.case_id')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .innerJoin('agency as g', 'g.id', 'r.agency_id')
        .select(['x.answer', 'x.evidence', 'r.overall_grade'])
        .where('a.reference', '=', reference)
        .where('c.reference', '=', caseRef)
        .where('g.name', '=', agency)
        .where('x.question_key', '=', question)
        .executeTakeFirstOrThrow();
    const flag = await answer('LSCB-2018-DA', 'Case 1', 'GPs (Clinical Commissioning Group)', 'records_flagging');
    expect(flag.answer).toBe('no');
    expect(flag.evidence).toContain('child protection plan');
    expect(flag.evidence).toContain('children in need');
    expect(flag.overall_grade).toBe('requires_improvement');
    const closed = await answer('NSCB-2017-DV2', 'Case 6', "Children's Social Care and Early Help", 'planning_drift');
    expect(closed.answer).toBe('inadequate');
    expect(closed.evidence).toContain('non-molestation order');
    const fgm = await answer(
      'LSCB-2018-DA',
      'Case 2',
      "Children's Social Care and Early Help",
      'escalation_procedures',
    );
    expect(fgm.evidence).toContain('female genital mutilation');

    const lead = await as('audit-lead.social-care@demo.maca.test');
    const returnId = (
      await db
        .selectFrom('agency_return as r')
        .innerJoin('audit_case as c', 'c.id', 'r.case_id')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .select('r.id')
        .where('a.reference', '=', 'NSCB-2017-DV2')
        .where('c.reference', '=', 'Case 6')
        .where(
          'r.agency_id',
          '=',
          (
            await db
              .selectFrom('agency')
              .select('id')
              .where('name', '=', "Children's Social Care and Early Help")
              .executeTakeFirstOrThrow()
          ).id,
        )
        .executeTakeFirstOrThrow()
    ).id;
    const page = await lead.get(`/returns/${returnId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Signed off');
    expect(page.body).toContain('1 action');
    expect(page.body).toContain('Inadequate');
  });

  it('has the open audit’s returns at every stage', async () => {
    const rows = await t.database.db
      .selectFrom('agency_return as r')
      .innerJoin('audit_case as c', 'c.id', 'r.case_id')
      .innerJoin('audit as a', 'a.id', 'c.audit_id')
      .select(['r.status', 'r.lead_comments'])
      .where('a.reference', 'like', 'MACA-%')
      .execute();
    const statuses = rows.map((r) => r.status).sort();
    expect(statuses).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
      'not_started',
      'not_started',
      'returned',
      'submitted',
    ]);
    expect(rows.find((r) => r.status === 'returned')?.lead_comments).toContain('missed health appointments');
    const lead = await as('audit-lead.police@demo.maca.test');
    const submitted = (
      await t.database.db
        .selectFrom('agency_return as r')
        .innerJoin('audit_case as c', 'c.id', 'r.case_id')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .select('r.id')
        .where('a.reference', 'like', 'MACA-%')
        .where('r.status', '=', 'submitted')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await lead.get(`/returns/${submitted}/review`)).statusCode).toBe(200);
  });
});
