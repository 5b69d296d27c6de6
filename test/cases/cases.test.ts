import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { casePeople, logged, text, type CasePeople } from './support.ts';

let t: TestApp;
let people: CasePeople;

beforeAll(async () => {
  t = await buildTestApp();
  people = await casePeople(t);
});
afterAll(async () => t?.close());

async function newAudit(
  options: { cases?: number; invite?: string[]; status?: 'planning' | 'returns_open' | 'discussion' } = {},
) {
  return anAudit(people.partnershipId)
    .withCases(options.cases ?? 0)
    .inviting(...(options.invite ?? []))
    .inStatus(options.status ?? 'planning')
    .create(t.database.db);
}

async function addCase(auditId: string, form: Record<string, string | string[]> = {}) {
  const browser = people.coordinator.browser;
  await browser.get(`/audits/${auditId}/cases/new`);
  return browser.post(`/audits/${auditId}/cases`, {
    reference: 'Case 1',
    selectionReason: 'Domestic abuse, CP plan',
    selectedBy: 'QA subgroup',
    sourceAgencyId: '',
    criteria: ['child_protection', 'unborn'],
    criteriaOther: 'MARAC',
    ...form,
  });
}

const CHILD = {
  pseudonym: 'Child A',
  ageKind: 'years',
  ageYears: '7',
  ageBand: '',
  expectedMonth: '',
  expectedYear: '',
  sex: 'female',
  ethnicity: 'white_british',
  senDisability: '',
  legalStatus: 'child_in_need',
  cpCategory: '',
};

describe('cases', () => {
  it('lets the coordinator add a case, with "Case 1" offered, and lists it', async () => {
    const audit = await newAudit();
    const browser = people.coordinator.browser;
    const form = await browser.get(`/audits/${audit.id}/cases/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Case 1"');
    expect(form.body).toContain('Leicestershire Police');
    const created = await addCase(audit.id, { sourceAgencyId: people.police });
    expect(created.statusCode).toBe(303);
    const page = await browser.get(created.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Case 1 added');
    expect(text(page.body)).toContain('Child protection plan, Unborn, MARAC');
    expect(text(page.body)).toContain('Leicestershire Police');
    const caseId = created.headers.location!.split('/').pop()!;
    expect(await logged(t, 'case.created', caseId)).toHaveLength(1);
    expect(await logged(t, 'case.viewed', caseId)).toHaveLength(1);

    const list = await browser.get(`/audits/${audit.id}/cases`);
    expect(list.statusCode).toBe(200);
    expect(text(list.body)).toContain('Domestic abuse, CP plan');
    expect((await browser.get(`/audits/${audit.id}/cases/new`)).body).toContain('value="Case 2"');
  });

  it('refuses a duplicate reference in the same audit, whatever its case, and keeps the input', async () => {
    const audit = await newAudit();
    await addCase(audit.id);
    const again = await addCase(audit.id, { reference: 'CASE 1', selectionReason: 'typed by me' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('<title>Error:');
    expect(text(again.body)).toContain('A case with this reference already exists in this audit');
    expect(again.body).toContain('typed by me');
    const other = await newAudit();
    expect((await addCase(other.id)).statusCode).toBe(303);
    const empty = await addCase(audit.id, { reference: ' ' });
    expect(text(empty.body)).toContain('Enter a reference, like "Case 1"');
  });

  it('never silently overwrites: a stale edit shows their values and keeps mine', async () => {
    const audit = await newAudit();
    const created = await addCase(audit.id);
    const caseUrl = created.headers.location!;
    const browser = people.coordinator.browser;
    await browser.get(`${caseUrl}/edit`);
    const version = /name="version" value="(\d+)"/.exec(browser.lastHtml)![1]!;
    const first = await browser.post(caseUrl, {
      version,
      reference: 'Case 1',
      selectionReason: 'Their reason',
      selectedBy: 'Panel',
      criteria: [],
      criteriaOther: '',
      sourceAgencyId: '',
    });
    expect(first.statusCode).toBe(303);
    await browser.get(`${caseUrl}/edit`);
    const stale = await browser.post(caseUrl, {
      version,
      reference: 'Case 1',
      selectionReason: 'My reason',
      selectedBy: 'Me',
      criteria: ['looked_after'],
      criteriaOther: '',
      sourceAgencyId: '',
    });
    expect(stale.statusCode).toBe(409);
    const body = text(stale.body);
    expect(body).toContain('Someone else changed this case while you were editing it');
    expect(body).toContain('Their reason');
    expect(stale.body).toContain('My reason');
    const row = await t.database.db
      .selectFrom('audit_case')
      .select(['selection_reason', 'version'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ selection_reason: 'Their reason', version: 2 });
    const newVersion = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    expect(
      (
        await browser.post(caseUrl, {
          version: newVersion,
          reference: 'Case 1',
          selectionReason: 'My reason',
          selectedBy: 'Me',
          criteria: [],
          criteriaOther: '',
          sourceAgencyId: '',
        })
      ).statusCode,
    ).toBe(303);
    expect(await logged(t, 'case.changed')).not.toHaveLength(0);
  });

  it('adds, changes and removes children, with each kind of age and legal status', async () => {
    const audit = await newAudit();
    const caseUrl = (await addCase(audit.id)).headers.location!;
    const browser = people.coordinator.browser;
    const blank = await browser.get(`${caseUrl}/children/new`);
    expect(blank.body).toContain('value="Child A"');
    expect((await browser.post(`${caseUrl}/children`, CHILD)).statusCode).toBe(303);

    await browser.get(`${caseUrl}/children/new`);
    expect(browser.lastHtml).toContain('value="Child B"');
    const badMonth = await browser.post(`${caseUrl}/children`, {
      ...CHILD,
      pseudonym: 'Child B',
      ageKind: 'unborn',
      expectedMonth: '13',
      expectedYear: '2025',
    });
    expect(badMonth.statusCode).toBe(400);
    expect(text(badMonth.body)).toContain('The expected month must be a real month');
    const noCategory = await browser.post(`${caseUrl}/children`, {
      ...CHILD,
      pseudonym: 'Child B',
      legalStatus: 'child_protection',
    });
    expect(text(noCategory.body)).toContain('Select the category of the child protection plan');
    const nothing = await browser.post(`${caseUrl}/children`, { pseudonym: 'Child B' });
    expect(text(nothing.body)).toContain('Select how you will give the child’s age');
    expect(text(nothing.body)).toContain('Select the child’s sex');
    const duplicate = await browser.post(`${caseUrl}/children`, { ...CHILD, pseudonym: 'child a' });
    expect(text(duplicate.body)).toContain('A child with this pseudonym already exists');
    expect(
      (
        await browser.post(`${caseUrl}/children`, {
          ...CHILD,
          pseudonym: 'Child B',
          ageKind: 'unborn',
          expectedMonth: '3',
          expectedYear: '2026',
          legalStatus: 'child_protection',
          cpCategory: 'neglect',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await browser.post(`${caseUrl}/children`, {
          ...CHILD,
          pseudonym: 'Child C',
          ageKind: 'band',
          ageBand: '10_15',
          legalStatus: 'looked_after',
        })
      ).statusCode,
    ).toBe(303);

    const page = text((await browser.get(caseUrl)).body);
    expect(page).toContain('7 years (5 to 9)');
    expect(page).toContain('Unborn, expected March 2026');
    expect(page).toContain('Child protection plan (Neglect)');
    expect(page).toContain('English, Welsh, Scottish, Northern Irish or British');
    const list = text((await browser.get(`/audits/${audit.id}/cases`)).body);
    expect(list).toMatch(/Case 1 3 Child in need, Child protection plan, Looked after 5 to 9, Unborn, 10 to 15/);

    const children = await t.database.db
      .selectFrom('case_child')
      .select(['id', 'pseudonym', 'version'])
      .orderBy('position')
      .execute();
    const childB = children.find((c) => c.pseudonym === 'Child B')!;
    await browser.get(`${caseUrl}/children/${childB.id}/edit`);
    expect(browser.lastHtml).toContain('name="expectedYear" type="text" value="2026"');
    expect(
      (
        await browser.post(`${caseUrl}/children/${childB.id}`, {
          ...CHILD,
          pseudonym: 'Child B',
          version: String(childB.version),
          ageKind: 'years',
          ageYears: '0',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await browser.post(`${caseUrl}/children/${childB.id}`, {
      ...CHILD,
      pseudonym: 'Child B',
      version: String(childB.version),
      senDisability: 'mine',
    });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('0 years (Under 1)');
    expect(stale.body).toContain('value="mine"');

    const confirm = await browser.get(`${caseUrl}/children/${childB.id}/remove`);
    expect(text(confirm.body)).toContain('Are you sure you want to remove Child B from Case 1?');
    expect((await browser.post(`${caseUrl}/children/${childB.id}/remove`, {})).statusCode).toBe(303);
    expect(
      await t.database.db.selectFrom('case_child').select('id').where('id', '=', childB.id).execute(),
    ).toHaveLength(0);
    expect((await logged(t, 'case.child-added')).length).toBeGreaterThanOrEqual(3);
    expect(await logged(t, 'case.child-changed')).toHaveLength(1);
    expect(await logged(t, 'case.child-removed')).toHaveLength(1);
  });

  it('adds, changes and removes household members', async () => {
    const audit = await newAudit();
    const caseUrl = (await addCase(audit.id)).headers.location!;
    const browser = people.coordinator.browser;
    await browser.get(`${caseUrl}/household/new`);
    const missing = await browser.post(`${caseUrl}/household`, { description: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(text(missing.body)).toContain('Select the person’s role in the family');
    expect(text(missing.body)).toContain('Select yes if the person poses a risk to the children');
    expect(
      (
        await browser.post(`${caseUrl}/household`, {
          role: 'partner',
          description: 'mother’s new partner',
          inHousehold: 'yes',
          posesRisk: 'yes',
        })
      ).statusCode,
    ).toBe(303);
    expect(text((await browser.get(caseUrl)).body)).toContain('Partner of a parent mother’s new partner Yes Yes');
    const member = await t.database.db
      .selectFrom('household_member')
      .select(['id', 'version'])
      .executeTakeFirstOrThrow();
    await browser.get(`${caseUrl}/household/${member.id}/edit`);
    expect(
      (
        await browser.post(`${caseUrl}/household/${member.id}`, {
          role: 'step_parent',
          description: '',
          inHousehold: 'no',
          posesRisk: 'yes',
          version: String(member.version),
        })
      ).statusCode,
    ).toBe(303);
    const stale = await browser.post(`${caseUrl}/household/${member.id}`, {
      role: 'father',
      description: '',
      inHousehold: 'no',
      posesRisk: 'no',
      version: String(member.version),
    });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Step-parent');
    expect(text((await browser.get(`${caseUrl}/household/${member.id}/remove`)).body)).toContain(
      'remove the step-parent from Case 1?',
    );
    expect((await browser.post(`${caseUrl}/household/${member.id}/remove`, {})).statusCode).toBe(303);
    expect(await logged(t, 'case.member-removed')).toHaveLength(1);
  });

  it('shows cases to the panel and invited agencies, lets only the coordinator change them, and hides them from others', async () => {
    const audit = await newAudit({ cases: 1, invite: [people.police] });
    const caseId = (
      await t.database.db
        .selectFrom('audit_case')
        .select('id')
        .where('audit_id', '=', audit.id)
        .executeTakeFirstOrThrow()
    ).id;
    const caseUrl = `/audits/${audit.id}/cases/${caseId}`;
    for (const who of [people.panel, people.policeAuditor, people.policeLead]) {
      expect((await who.browser.get(`/audits/${audit.id}/cases`)).statusCode).toBe(200);
      const page = await who.browser.get(caseUrl);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Add a child');
      expect((await who.browser.get(`/audits/${audit.id}/cases/new`)).statusCode).toBe(404);
      expect((await who.browser.get(`${caseUrl}/children/new`)).statusCode).toBe(404);
      expect(
        (await who.browser.post(`${caseUrl}/household`, { role: 'mother', inHousehold: 'yes', posesRisk: 'no' }))
          .statusCode,
      ).toBe(404);
    }
    for (const who of [people.healthAuditor, people.administrator]) {
      expect((await who.browser.get(`/audits/${audit.id}/cases`)).statusCode).toBe(404);
      expect((await who.browser.get(caseUrl)).statusCode).toBe(404);
    }
    const other = await newAudit({ cases: 1 });
    expect((await people.coordinator.browser.get(`/audits/${other.id}/cases/${caseId}`)).statusCode).toBe(404);
    expect((await people.coordinator.browser.get(`/audits/${audit.id}/cases/not-a-uuid`)).statusCode).toBe(404);
  });
});
