import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
const people: Record<string, { id: string; email: string; browser: Browser }> = {};

async function person(key: string, role: Role, agencyId?: string) {
  let builder = aUser(partnershipId)
    .withRole(role)
    .exemptFromSecondFactor()
    .named(`${key} person`)
    .withEmail(`${key.toLowerCase()}@assign.example.org`);
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  const browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
  people[key] = { id: user.id, email: user.email, browser };
}

const outbox = (to: string, template: string) =>
  t.database.db
    .selectFrom('outbox')
    .select(['subject', 'body'])
    .where('to_address', '=', to)
    .where('template', '=', template)
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  health = await anAgency(partnershipId).named('Health').ofType('community_health').create(t.database.db);
  await person('coordinator', 'coordinator');
  await person('panel', 'panel_member');
  await person('practitioner', 'practitioner');
  await person('policeLead', 'audit_lead', police);
  await person('policeAuditor', 'auditor', police);
  await person('secondPoliceAuditor', 'auditor', police);
  await person('healthLead', 'audit_lead', health);
  await person('healthAuditor', 'auditor', health);
});
afterAll(async () => t?.close());

/** An audit with both agencies invited and police involved in cases 1 and 2 (not 3). */
async function anAuditWithPoliceInvolved(status: 'returns_open' | 'closed' = 'returns_open') {
  const audit = await anAudit(partnershipId)
    .inviting(police, health)
    .withCases(3)
    .inStatus(status)
    .create(t.database.db);
  const [c1, c2, c3] = audit.caseIds as [string, string, string];
  const returns = [await aReturn(t.database.db, c1, police), await aReturn(t.database.db, c2, police)];
  await t.database.db
    .insertInto('involvement')
    .values({ case_id: c3, agency_id: police, status: 'not_known' })
    .execute();
  return { id: audit.id, c1, c2, c3, returns };
}

describe('assigning auditors to cases', () => {
  it('lets the agency’s lead assign and remove auditors, e-mails each assignment, and shows it on the auditor’s returns list', async () => {
    const audit = await anAuditWithPoliceInvolved();
    const lead = people.policeLead!.browser;
    const index = await lead.get(`/audits/${audit.id}/assignments`);
    expect(index.statusCode).toBe(303);
    expect(index.headers.location).toBe(`/audits/${audit.id}/assignments/${police}`);
    const url = `/audits/${audit.id}/assignments/${police}`;
    const page = await lead.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Police: auditors for each case');
    expect(page.body).toContain('Case 1');
    expect(page.body).toContain('Case 2');
    expect(page.body).not.toContain('>Case 3<');
    expect(page.body).not.toContain('healthauditor person');

    const none = await lead.post(url, { caseId: audit.c1, auditorId: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select an auditor from Police to assign to Case 1');
    const wrongAgency = await lead.post(url, { caseId: audit.c1, auditorId: people.healthAuditor!.id });
    expect(wrongAgency.statusCode).toBe(400);
    expect((await lead.post(url, { caseId: audit.c3, auditorId: people.policeAuditor!.id })).statusCode).toBe(404);

    await lead.get(url);
    expect((await lead.post(url, { caseId: audit.c1, auditorId: people.policeAuditor!.id })).statusCode).toBe(303);
    await lead.get(url);
    expect((await lead.post(url, { caseId: audit.c1, auditorId: people.secondPoliceAuditor!.id })).statusCode).toBe(
      303,
    );
    await lead.get(url);
    expect((await lead.post(url, { caseId: audit.c1, auditorId: people.policeAuditor!.id })).statusCode).toBe(303);
    const after = await lead.get(url);
    expect(after.body).toContain('policeAuditor person');
    expect(after.body).toContain('secondPoliceAuditor person');
    expect(after.body).toContain('Remove<span class="govuk-visually-hidden"> policeAuditor person from Case 1</span>');

    const mails = await outbox(people.policeAuditor!.email, 'case-assigned');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Case 1');
    expect(mails[0]!.body).toContain(`/returns/${audit.returns[0]}`);
    expect(await outbox(people.secondPoliceAuditor!.email, 'case-assigned')).toHaveLength(1);
    const assigned = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'case.auditor-assigned')
      .where('record_id', '=', audit.c1)
      .execute();
    expect(assigned).toHaveLength(2);

    const list = await people.policeAuditor!.browser.get('/my-returns');
    expect(list.body).toContain('Assigned to you');
    const mine = list.body.slice(
      list.body.indexOf('Assigned to you'),
      list.body.indexOf('Your agency’s other returns'),
    );
    expect(mine).toContain(`/returns/${audit.returns[0]}`);
    expect(mine).not.toContain(`/returns/${audit.returns[1]}`);
    expect(mine).toContain('You, secondPoliceAuditor person');

    await lead.get(url);
    expect(
      (await lead.post(`${url}/remove`, { caseId: audit.c1, auditorId: people.secondPoliceAuditor!.id })).statusCode,
    ).toBe(303);
    expect((await lead.get(url)).body).not.toContain('secondPoliceAuditor person from Case 1');
    expect(
      (await lead.post(`${url}/remove`, { caseId: audit.c1, auditorId: people.secondPoliceAuditor!.id })).statusCode,
    ).toBe(404);
  });

  it('lets the coordinator assign for any agency, from a page listing every agency', async () => {
    const audit = await anAuditWithPoliceInvolved();
    const coordinator = people.coordinator!.browser;
    const index = await coordinator.get(`/audits/${audit.id}/assignments`);
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="/audits/${audit.id}/assignments/${police}"`);
    expect(index.body).toContain(`href="/audits/${audit.id}/assignments/${health}"`);
    await coordinator.get(`/audits/${audit.id}/assignments/${police}`);
    expect(
      (
        await coordinator.post(`/audits/${audit.id}/assignments/${police}`, {
          caseId: audit.c2,
          auditorId: people.policeLead!.id,
        })
      ).statusCode,
    ).toBe(303);
    const healthPage = await coordinator.get(`/audits/${audit.id}/assignments/${health}`);
    expect(healthPage.body).toContain('Health has not recorded that it was involved in any case yet');
    const audited = await coordinator.get(`/audits/${audit.id}`);
    expect(audited.body).toContain('Assign auditors to each case');
    expect(audited.body).toContain('1 of 2 agency returns with an auditor');
  });

  it('answers 404 to everyone else: another agency’s lead and auditors, the agency’s auditors, the panel', async () => {
    const audit = await anAuditWithPoliceInvolved();
    const url = `/audits/${audit.id}/assignments/${police}`;
    for (const key of ['healthLead', 'healthAuditor', 'policeAuditor', 'panel', 'practitioner']) {
      const browser = people[key]!.browser;
      expect((await browser.get(url)).statusCode, `${key} GET`).toBe(404);
      // Health's lead is sent to Health's own page; the others may not assign at all.
      const index = await browser.get(`/audits/${audit.id}/assignments`);
      if (key === 'healthLead') expect(index.headers.location).toBe(`/audits/${audit.id}/assignments/${health}`);
      else expect(index.statusCode, `${key} GET index`).toBe(404);
      await browser.get('/');
      expect(
        (await browser.post(url, { caseId: audit.c1, auditorId: people.policeAuditor!.id })).statusCode,
        `${key} POST`,
      ).toBe(404);
    }
    expect(
      await t.database.db.selectFrom('case_assignment').select('case_id').where('case_id', '=', audit.c1).execute(),
    ).toHaveLength(0);
    const uninvited = await anAudit(partnershipId).inviting(health).create(t.database.db);
    expect((await people.policeLead!.browser.get(`/audits/${uninvited.id}/assignments/${police}`)).statusCode).toBe(
      404,
    );
    expect((await people.coordinator!.browser.get(`/audits/${uninvited.id}/assignments/${police}`)).statusCode).toBe(
      404,
    );
  });

  it('keeps a closed audit’s assignments as they were', async () => {
    const audit = await anAuditWithPoliceInvolved('closed');
    const lead = people.policeLead!.browser;
    const page = await lead.get(`/audits/${audit.id}/assignments/${police}`);
    expect(page.body).toContain('The audit is closed');
    expect(page.body).not.toContain('Auditor to assign to Case 1');
    expect(
      (
        await lead.post(`/audits/${audit.id}/assignments/${police}`, {
          caseId: audit.c1,
          auditorId: people.policeAuditor!.id,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('drops a case’s assignments when the agency records it was not involved after all', async () => {
    const audit = await anAuditWithPoliceInvolved();
    const lead = people.policeLead!.browser;
    await lead.get(`/audits/${audit.id}/assignments/${police}`);
    await lead.post(`/audits/${audit.id}/assignments/${police}`, {
      caseId: audit.c2,
      auditorId: people.policeAuditor!.id,
    });
    const version = (
      await t.database.db
        .selectFrom('involvement')
        .select('version')
        .where('case_id', '=', audit.c2)
        .where('agency_id', '=', police)
        .executeTakeFirstOrThrow()
    ).version;
    await lead.get(`/audits/${audit.id}/involvement/${police}`);
    expect(
      (
        await lead.post(`/audits/${audit.id}/involvement/${police}`, {
          [`status-${audit.c2}`]: 'not_known',
          [`version-${audit.c2}`]: String(version),
        })
      ).statusCode,
    ).toBe(303);
    expect(
      await t.database.db.selectFrom('case_assignment').select('case_id').where('case_id', '=', audit.c2).execute(),
    ).toHaveLength(0);
  });
});

describe('e-mails when agencies are invited and leads named', () => {
  it('e-mails each invited agency’s audit leads once, and a named lead once', async () => {
    const audit = await anAudit(partnershipId).withCases(2).create(t.database.db);
    await t.database.db
      .insertInto('audit_milestone')
      .values({ audit_id: audit.id, kind: 'returns_deadline', label: 'Returns deadline', due_on: '2027-01-29' })
      .execute();
    const coordinator = people.coordinator!.browser;
    await coordinator.get(`/audits/${audit.id}/agencies`);
    expect((await coordinator.post(`/audits/${audit.id}/agencies`, { agencies: [police] })).statusCode).toBe(303);
    await coordinator.get(`/audits/${audit.id}/agencies`);
    expect((await coordinator.post(`/audits/${audit.id}/agencies`, { agencies: [police, health] })).statusCode).toBe(
      303,
    );

    const invitation = (await outbox(people.policeLead!.email, 'audit-invitation')).filter((m) =>
      m.body.includes(`/audits/${audit.id}/`),
    );
    expect(invitation).toHaveLength(1);
    expect(invitation[0]!.subject).toBe(
      `Police is invited to the audit Test audit ${/Test audit (\d+)/.exec(invitation[0]!.subject)![1]}`,
    );
    expect(invitation[0]!.body).toContain('Returns are due by 29 January 2027.');
    expect(invitation[0]!.body).toContain(`/audits/${audit.id}/involvement/${police}`);
    expect(invitation[0]!.body).toContain(`/audits/${audit.id}/assignments/${police}`);
    expect(
      (await outbox(people.healthLead!.email, 'audit-invitation')).filter((m) =>
        m.body.includes(`/audits/${audit.id}/`),
      ),
    ).toHaveLength(1);
    expect((await outbox(people.policeAuditor!.email, 'audit-invitation')).length).toBe(0);

    await coordinator.get(`/audits/${audit.id}/agencies`);
    expect(
      (await coordinator.post(`/audits/${audit.id}/agencies/${police}/lead`, { leadUserId: people.policeLead!.id }))
        .statusCode,
    ).toBe(303);
    await coordinator.get(`/audits/${audit.id}/agencies`);
    expect(
      (await coordinator.post(`/audits/${audit.id}/agencies/${police}/lead`, { leadUserId: people.policeLead!.id }))
        .statusCode,
    ).toBe(303);
    const named = (await outbox(people.policeLead!.email, 'audit-lead-named')).filter((m) =>
      m.body.includes(`/audits/${audit.id}/`),
    );
    expect(named).toHaveLength(1);
  });
});
