import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvolvementStatus } from '../../src/db/schema.ts';
import type { AgencyType } from '../../src/domain/roles.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import {
  JOURNEY_TIMEOUT_MS,
  linkIn,
  signInWithPassword,
  startE2EApp,
  waitForEmail,
  type E2EApp,
  type Journey,
} from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

/**
 * Seed 000 (Leicester LSCB, domestic abuse): seven cases selected by the LSCB office from a list
 * provided by Children's Social Care; the audit completed by 31 May 2018; the agencies and what each
 * audited, as its Methodology paragraph tells it. Each row is the agency's involvement in Cases 1-7.
 */
const I = 'involved',
  N = 'not_known',
  O = 'out_of_scope',
  D = 'declined';
const SEED: { name: string; type: AgencyType; cells: InvolvementStatus[]; participation: string; seed: string }[] = [
  {
    name: 'Children’s Social Care and Early Help',
    type: 'social_care',
    cells: [I, I, I, I, I, O, N],
    participation: '5 (out of the 7, 5 audited, 1 out of scope and 1 not known)',
    seed: 'five were audited by Children’s Social Care and Early Help Service',
  },
  {
    name: 'Leicestershire Police',
    type: 'police',
    cells: [I, I, O, I, O, I, O],
    participation: '4 (out of the 7, 4 audited and 3 out of scope)',
    seed: 'Four out of the seven cases audited by Leicestershire Police were within the scope',
  },
  {
    name: 'GPs (Clinical Commissioning Group)',
    type: 'gp_icb',
    cells: [I, I, I, I, I, O, N],
    participation: '5 (out of the 7, 5 audited, 1 out of scope and 1 not known)',
    seed: 'Five out of the six cases known to the GPs were audited; the unborn child was not registered',
  },
  {
    name: 'Leicestershire Partnership NHS Trust (LPT)',
    type: 'mental_health',
    cells: [I, D, I, D, O, D, D],
    participation: '2 (out of the 7, 2 audited, 1 out of scope and 4 declined)',
    seed: 'Three cases randomly selected by LPT (one out of the three out of scope)',
  },
  {
    name: 'National Probation Service',
    type: 'probation',
    cells: [I, N, N, O, N, N, N],
    participation: '1 (out of the 7, 1 audited, 1 out of scope and 5 not known)',
    seed: 'One case audited by NPS (the others not known or out of scope)',
  },
  {
    name: 'Education settings',
    type: 'education',
    cells: [N, I, N, N, N, N, N],
    participation: '1 (out of the 7, 1 audited and 6 not known)',
    seed: 'one by an education setting',
  },
  {
    name: 'University Hospitals of Leicester (UHL)',
    type: 'acute_health',
    cells: [N, N, N, N, N, N, O],
    participation: '0 (out of the 7, 0 audited, 1 out of scope and 6 not known)',
    seed: 'none by UHL',
  },
];
const CASES = [
  'Repeat police notifications of domestic abuse',
  'CP plan, emotional abuse, domestic abuse',
  'Early help, mother disclosed abuse',
  'Early help, child exploitation concerns',
  'CP plan',
  'CiN; GP record flagged as CP in error',
  'Unborn child; mother not registered with a GP in LLR',
];

async function fillDate(journey: Journey, prefix: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  await journey.page.locator(`#${prefix}-day`).fill(String(Number(day)));
  await journey.page.locator(`#${prefix}-month`).fill(String(Number(month)));
  await journey.page.locator(`#${prefix}-year`).fill(year!);
}

/** On an agency's involvement page: one radio per case, and the reason where the status needs one. */
async function recordInvolvement(journey: Journey, caseIds: string[], cells: InvolvementStatus[]): Promise<void> {
  for (const [i, status] of cells.entries()) {
    await journey.page.locator(`input[name="status-${caseIds[i]}"][value="${status}"]`).check();
    if (status === O || status === D)
      await journey.page
        .locator(`#reason-${caseIds[i]}`)
        .fill(status === O ? 'Known outside the scope period' : 'Not among the cases the agency selected to audit');
  }
  await journey.clickButton('Save');
  await journey.expectHeading('Who knew each family');
}

describe('planning seed 000’s audit and recording who knew each family', { timeout: JOURNEY_TIMEOUT_MS * 2 }, () => {
  it('creates the audit and its seven cases, invites the agencies, records involvement, and shows the seed’s participation table', async () => {
    const partnershipId = await aPartnership('Leicester Safeguarding Children Board').create(e2e.db);
    const agencyIds = new Map<string, string>();
    for (const agency of SEED)
      agencyIds.set(agency.name, await anAgency(partnershipId).named(agency.name).ofType(agency.type).create(e2e.db));
    const police = agencyIds.get('Leicestershire Police')!;
    const coordinator = await aUser(partnershipId)
      .withRole('coordinator')
      .named('LSCB Office')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const lead = await aUser(partnershipId)
      .withRole('audit_lead')
      .inAgency(police)
      .named('Pat Police Lead')
      .withEmail('police.lead@seed000.example.org')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const auditor = await aUser(partnershipId)
      .withRole('auditor')
      .inAgency(police)
      .named('Priya Police Auditor')
      .withEmail('police.auditor@seed000.example.org')
      .exemptFromSecondFactor()
      .create(e2e.db);

    // The coordinator plans the audit, without JavaScript: every page works without it, and with it
    // govuk-frontend marks the plan form's conditional radios aria-expanded, which axe reports as not
    // allowed on a radio (a deliberate choice of the Design System: alphagov/govuk-frontend#979).
    const office = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(office, coordinator.email, coordinator.password);
    await office.visit('/audits/new');
    await office.expectHeading('Plan a new audit');
    await office.fill('Title', 'Leicester multi-agency audit: domestic abuse');
    await office.page.getByLabel('Domestic abuse', { exact: true }).check();
    await office.fill(
      'Key lines of enquiry',
      'Compliance with the LLR multi-agency domestic abuse procedure; identification of and response to domestic abuse; learning to improve practice.',
    );
    await office.page.getByLabel('Between two dates', { exact: true }).check();
    // The seed gives no scope period; the demo partnership's is used.
    await fillDate(office, 'scope_from', '2017-06-01');
    await fillDate(office, 'scope_to', '2017-11-30');
    await office.fill(
      'Methodology notes',
      'Seven cases selected by the LSCB office from a list provided by Children’s Social Care. Qualitative audit, reported to PAAG.',
    );
    await fillDate(office, 'returns_deadline_due', '2018-05-31');
    await office.clickButton('Create the audit');
    await office.expectHeading('Leicester multi-agency audit: domestic abuse');
    const auditId = /\/audits\/([0-9a-f-]{36})$/.exec(office.path())![1]!;

    // Seven cases, each from the case form.
    await office.visit(`/audits/${auditId}/cases`);
    for (const [i, reason] of CASES.entries()) {
      if (i === 0) await office.clickButton('Add a case');
      else await office.visit(`/audits/${auditId}/cases/new`);
      expect(await office.page.locator('#reference').inputValue()).toBe(`Case ${i + 1}`);
      await office.fill('Why was the case selected?', reason);
      await office.page.locator('#selectedBy').fill('LSCB office');
      await office.page
        .getByLabel('Source agency', { exact: true })
        .selectOption({ label: 'Children’s Social Care and Early Help' });
      if (i === 6) await office.page.getByRole('checkbox', { name: 'Unborn', exact: true }).check();
      await office.clickButton('Save');
      await office.expectHeading(`Case ${i + 1}`);
    }
    const caseIds = (
      await e2e.db.selectFrom('audit_case').select('id').where('audit_id', '=', auditId).orderBy('position').execute()
    ).map((c) => c.id);
    expect(caseIds).toHaveLength(7);

    // The agencies are invited; the police's audit lead hears by e-mail, and is named.
    await office.visit(`/audits/${auditId}/agencies`);
    for (const agency of SEED) await office.page.getByRole('checkbox', { name: agency.name, exact: true }).check();
    await office.clickButton('Invite');
    await office.expectHeading('Agencies in this audit');
    const invitation = await waitForEmail(e2e.db, lead.email, 'audit-invitation');
    expect(invitation.subject).toBe(
      'Leicestershire Police is invited to the audit Leicester multi-agency audit: domestic abuse',
    );
    expect(invitation.body).toContain('Returns are due by 31 May 2018.');
    await office.page
      .getByLabel('Audit lead for Leicestershire Police', { exact: true })
      .selectOption({ label: 'Pat Police Lead' });
    await office.clickButton('Name the lead for Leicestershire Police');
    await waitForEmail(e2e.db, lead.email, 'audit-lead-named');

    // The coordinator records six agencies' involvement, as their returns to the office said.
    for (const agency of SEED.filter((a) => a.name !== 'Leicestershire Police')) {
      await office.visit(`/audits/${auditId}/involvement/${agencyIds.get(agency.name)}`);
      await office.expectHeading(`${agency.name}: involvement with each family`);
      await recordInvolvement(office, caseIds, agency.cells);
    }

    // The police's lead follows the invitation, records the police's involvement, and assigns an auditor.
    const policeLead = await e2e.newJourney();
    await signInWithPassword(policeLead, lead.email, lead.password);
    await policeLead.visit(linkIn(invitation.body).pathname);
    await policeLead.expectHeading('Leicestershire Police: involvement with each family');
    await recordInvolvement(policeLead, caseIds, SEED.find((a) => a.name === 'Leicestershire Police')!.cells);
    expect(await policeLead.page.locator('table').innerText()).not.toContain('UHL');
    await policeLead.visit(`/audits/${auditId}/assignments`);
    await policeLead.expectHeading('Leicestershire Police: auditors for each case');
    await policeLead.page
      .getByLabel('Auditor to assign to Case 1', { exact: true })
      .selectOption({ label: 'Priya Police Auditor' });
    await policeLead.clickButton('Assign an auditor to Case 1');
    expect(await policeLead.page.locator('#case-' + caseIds[0]).innerText()).toContain('Priya Police Auditor');
    const assigned = await waitForEmail(e2e.db, auditor.email, 'case-assigned');
    expect(assigned.subject).toBe('You have a case to audit: Leicester multi-agency audit: domestic abuse, Case 1');

    // The matrix and the participation table, on screen, as the seed counts them.
    await office.visit(`/audits/${auditId}/involvement`);
    expect(await office.page.getByRole('link', { name: 'Awaiting (0)', exact: true }).count()).toBe(1);
    await office.visit(`/audits/${auditId}/participation`);
    await office.expectHeading('Participation');
    const rows = await office.page
      .locator('table tbody tr')
      .evaluateAll((trs): string[][] =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
    const shown = Object.fromEntries(rows.map(([name, text]): [string, string] => [name ?? '', text ?? '']));
    expect(shown).toEqual(Object.fromEntries(SEED.map((a) => [a.name, a.participation])));
    const auditedBySeed = Object.fromEntries(SEED.map((a) => [a.name, a.cells.filter((c) => c === I).length]));
    expect(auditedBySeed).toEqual({
      'Children’s Social Care and Early Help': 5,
      'Leicestershire Police': 4,
      'GPs (Clinical Commissioning Group)': 5,
      'Leicestershire Partnership NHS Trust (LPT)': 2,
      'National Probation Service': 1,
      'Education settings': 1,
      'University Hospitals of Leicester (UHL)': 0,
    });
    expect(office.checked.length + policeLead.checked.length).toBeGreaterThan(30);
  });
});
