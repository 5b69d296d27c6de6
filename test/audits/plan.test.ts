import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInLondon } from '../../src/domain/calendar-date.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';
import { aPartnershipWithPeople, anAuditPlanned, aPlan, planForm, type People } from './support.ts';

let t: TestApp;
let people: People;
const year = todayInLondon().slice(0, 4);

beforeAll(async () => {
  t = await buildTestApp();
  people = await aPartnershipWithPeople(t);
});
afterAll(async () => t?.close());

const unescape = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

async function submit(form: Record<string, string>) {
  const browser = people.coordinator.browser;
  await browser.get('/audits/new');
  return browser.post('/audits', form);
}

describe('planning an audit', () => {
  it('offers the partnership’s themes and the next reference, and creates the audit with its milestones', async () => {
    const page = await people.coordinator.browser.get('/audits/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Familial sexual abuse');
    expect(page.body).toContain('Harmful sexual behaviour');
    expect(page.body).toContain(`Leave empty to use MACA-${year}-01`);
    const neglect = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Neglect/.exec(page.body)?.[1];
    expect(neglect).toBeDefined();

    const created = await people.coordinator.browser.post(
      '/audits',
      planForm({
        theme: neglect!,
        theme_text: '',
        joint: 'yes',
        joint_partnerships: 'Leicestershire and Rutland\n\nLeicestershire and Rutland\nRutland',
      }),
    );
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const audit = await t.database.db.selectFrom('audit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      reference: `MACA-${year}-01`,
      theme_id: neglect,
      theme_text: null,
      scope_from: '2018-06-01',
      scope_to: '2018-11-30',
      status: 'planning',
      version: 1,
    });
    expect(audit.joint_partnerships).toEqual(['Leicestershire and Rutland', 'Rutland']);
    const milestones = await t.database.db
      .selectFrom('audit_milestone')
      .select(['kind', 'due_on'])
      .where('audit_id', '=', id)
      .orderBy('position')
      .execute();
    expect(milestones).toEqual([
      { kind: 'returns_deadline', due_on: '2018-12-14' },
      { kind: 'discussion_meeting', due_on: '2019-01-10' },
    ]);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'detail'])
      .where('record_id', '=', id)
      .execute();
    expect(log).toEqual([
      {
        action: 'audit.created',
        user_id: people.coordinator.id,
        detail: { reference: `MACA-${year}-01`, title: 'Familial sexual abuse audit' },
      },
    ]);

    const page2 = await people.coordinator.browser.get(created.headers.location!);
    expect(page2.body).toContain(`Audit MACA-${year}-01 created`);
    const second = await submit(planForm({ title: 'Second audit' }));
    const reference = await t.database.db
      .selectFrom('audit')
      .select('reference')
      .where('id', '=', second.headers.location!.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(reference.reference).toBe(`MACA-${year}-02`);
  });

  it('gives audits created at the same moment different references', async () => {
    const partnershipId = await aPartnership().create(t.database.db);
    const user = await aUser(partnershipId).withRole('coordinator').create(t.database.db);
    const actor = { userId: user.id, partnershipId, correlationId: null, ip: null };
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.services.audits.create({ id: user.id, partnershipId } as never, aPlan(), actor),
      ),
    );
    const references = results.map((r) => (r.kind === 'saved' ? r.reference : r.kind)).sort();
    expect(references).toEqual([1, 2, 3, 4].map((n) => `MACA-${year}-0${n}`));
  });

  it('refuses a reference already used, whatever its case', async () => {
    expect((await submit(planForm({ reference: 'LLR-FSA-2018' }))).statusCode).toBe(303);
    const duplicate = await submit(planForm({ reference: 'llr-fsa-2018' }));
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('<title>Error: Plan a new audit');
    expect(unescape(duplicate.body)).toContain('An audit with this reference already exists');
    expect(duplicate.body).toContain('href="#reference"');
    expect(duplicate.body).toContain('value="llr-fsa-2018"');
  });

  it.each([
    ['a missing title', { title: '' }, 'Enter a title for the audit', '#title'],
    ['no theme', { theme: '' }, 'Select the audit’s theme', '#theme'],
    ['another theme left empty', { theme: 'other', theme_text: '' }, 'Enter the theme', '#theme_text'],
    [
      'a theme from another list',
      { theme: '00000000-0000-4000-8000-000000000000' },
      'Select the audit’s theme',
      '#theme',
    ],
    [
      'a bad reference',
      { reference: '=HYPERLINK(1)' },
      'Reference must only include letters, numbers, spaces, hyphens, full stops and slashes',
      '#reference',
    ],
    ['no scope', { scope_kind: '' }, 'Select how the scope period is set', '#scope_kind'],
    [
      'the scope ending before it starts',
      { 'scope_to-year': '2017' },
      'The date the scope ends must be the same as or after the date it starts',
      '#scope_to-day',
    ],
    [
      'a date that does not exist',
      { 'scope_from-day': '31', 'scope_from-month': '2' },
      'The date the scope starts must be a real date',
      '#scope_from-day',
    ],
    [
      'a date without a month',
      { 'scope_to-month': '' },
      'The date the scope ends must include a month',
      '#scope_to-month',
    ],
    [
      'a two-digit year',
      { 'scope_to-year': '18' },
      'The date the scope ends must include a year with 4 numbers',
      '#scope_to-year',
    ],
    [
      'a returns deadline inside the scope',
      { 'returns_deadline_due-day': '30', 'returns_deadline_due-month': '11' },
      'The returns deadline must be after the end of the scope period',
      '#returns_deadline_due-day',
    ],
    [
      'a discussion before the returns deadline',
      {
        'discussion_meeting_due-day': '1',
        'discussion_meeting_due-month': '12',
        'discussion_meeting_due-year': '2018',
      },
      'The discussion meeting must be on or after the returns deadline',
      '#discussion_meeting_due-day',
    ],
    [
      'a briefing after the returns deadline',
      { 'auditors_briefing_due-day': '20', 'auditors_briefing_due-month': '12', 'auditors_briefing_due-year': '2018' },
      'The auditors’ briefing must be on or before the returns deadline',
      '#auditors_briefing_due-day',
    ],
    [
      'a report before the discussion',
      { 'report_to_subgroup_due-day': '5', 'report_to_subgroup_due-month': '1', 'report_to_subgroup_due-year': '2019' },
      'The report to the subgroup must be on or after the discussion meeting',
      '#report_to_subgroup_due-day',
    ],
    [
      'a milestone done in the future',
      {
        'returns_deadline_done-day': '1',
        'returns_deadline_done-month': '1',
        'returns_deadline_done-year': String(Number(year) + 2),
      },
      'The date the returns deadline was done must be today or in the past',
      '#returns_deadline_done-day',
    ],
    [
      'months that are not a number',
      {
        scope_kind: 'months',
        scope_months: 'six',
        'scope_reference_date-day': '13',
        'scope_reference_date-month': '11',
        'scope_reference_date-year': '2018',
      },
      'Number of months must be a whole number, like 6',
      '#scope_months',
    ],
    [
      'months without the date they run up to',
      { scope_kind: 'months', scope_months: '6' },
      'Enter the date the months run up to',
      '#scope_reference_date-day',
    ],
    [
      'a returns deadline inside the last months',
      {
        scope_kind: 'months',
        scope_months: '6',
        'scope_reference_date-day': '20',
        'scope_reference_date-month': '12',
        'scope_reference_date-year': '2018',
      },
      'The returns deadline must be after the end of the scope period',
      '#returns_deadline_due-day',
    ],
    [
      'another milestone without a name',
      { 'other_0_due-day': '1', 'other_0_due-month': '3', 'other_0_due-year': '2019' },
      'Enter a name for milestone 1',
      '#other_0_label',
    ],
    [
      'another milestone without a date',
      { other_0_label: 'Re-audit' },
      'Enter the date of ‘Re-audit’',
      '#other_0_due-day',
    ],
    [
      'a joint audit naming nobody',
      { joint: 'yes', joint_partnerships: ' \n ' },
      'Enter the other partnerships, one on each line',
      '#joint_partnerships',
    ],
  ])('names the field for %s', async (_case, overrides, message, href) => {
    const before = await t.database.db
      .selectFrom('audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await submit(planForm({ title: 'Kept title', ...overrides }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: ');
    expect(unescape(response.body)).toContain(message);
    expect(response.body).toContain(`href="${href}"`);
    if (!('title' in overrides)) expect(response.body).toContain('value="Kept title"');
    const after = await t.database.db
      .selectFrom('audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('accepts the last N months before a date, and adds rows for other milestones without saving', async () => {
    const more = await submit(planForm({ other_0_label: 'Re-audit', other_count: '1', action: 'add-milestone' }));
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="other_1_label"');
    expect(more.body).toContain('value="Re-audit"');
    const created = await submit(
      planForm({
        scope_kind: 'months',
        scope_months: '6',
        'scope_reference_date-day': '13',
        'scope_reference_date-month': '11',
        'scope_reference_date-year': '2018',
        'returns_deadline_due-day': '13',
        other_count: '2',
        other_0_label: 'Re-audit',
        'other_0_due-day': '1',
        'other_0_due-month': '9',
        'other_0_due-year': '2019',
        other_1_label: 'Board report',
        'other_1_done-day': '2',
        'other_1_done-month': '2',
        'other_1_done-year': '2019',
      }),
    );
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const audit = await t.database.db.selectFrom('audit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      scope_kind: 'months',
      scope_months: 6,
      scope_reference_date: '2018-11-13',
      scope_from: null,
      scope_to: null,
    });
    const others = await t.database.db
      .selectFrom('audit_milestone')
      .select(['label', 'due_on', 'done_on'])
      .where('audit_id', '=', id)
      .where('kind', '=', 'other')
      .orderBy('position')
      .execute();
    expect(others).toEqual([
      { label: 'Re-audit', due_on: '2019-09-01', done_on: null },
      { label: 'Board report', due_on: null, done_on: '2019-02-02' },
    ]);
    const page = await people.coordinator.browser.get(`/audits/${id}`);
    expect(page.body).toContain('The 6 months before 13 November 2018');
  });
});

describe('changing an audit’s plan', () => {
  it('shows the saved plan, saves changes, and records them in the audit log', async () => {
    const { id } = await anAuditPlanned(t, people, { plan: { title: 'Neglect audit' } });
    const page = await people.coordinator.browser.get(`/audits/${id}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Neglect audit"');
    expect(page.body).toContain('name="scope_from-day" type="text" value="1"');
    expect(page.body).toContain('name="version" value="1"');
    const saved = await people.coordinator.browser.post(
      `/audits/${id}/edit`,
      planForm({ title: 'Neglect audit, revised', reference: 'NEG-1', version: '1' }),
    );
    expect(saved.statusCode).toBe(303);
    const audit = await t.database.db
      .selectFrom('audit')
      .select(['title', 'reference', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ title: 'Neglect audit, revised', reference: 'NEG-1', version: 2 });
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('record_id', '=', id)
      .where('action', '=', 'audit.updated')
      .execute();
    expect(log).toEqual([
      { action: 'audit.updated', detail: { reference: 'NEG-1', title: 'Neglect audit, revised', version: 2 } },
    ]);
  });

  it('refuses a stale edit, showing their values and the person’s typed values, and overwrites nothing', async () => {
    const { id } = await anAuditPlanned(t, people, { plan: { title: 'Exploitation audit' } });
    await people.coordinator.browser.get(`/audits/${id}/edit`);
    // Someone else saves first.
    const other = await t.services.audits.update(
      { id: people.coordinator.id, partnershipId: people.partnershipId } as never,
      id,
      aPlan({ title: 'Exploitation audit (theirs)' }),
      1,
      {
        userId: people.coordinator.id,
        partnershipId: people.partnershipId,
        correlationId: null,
        ip: null,
      },
    );
    expect(other.kind).toBe('saved');
    const stale = await people.coordinator.browser.post(
      `/audits/${id}/edit`,
      planForm({ title: 'Exploitation audit (mine)', version: '1' }),
    );
    expect(stale.statusCode).toBe(409);
    const body = unescape(stale.body);
    expect(body).toContain('Someone else changed this audit while you were editing it');
    expect(body).toContain('Exploitation audit (theirs)');
    expect(body).toContain('value="Exploitation audit (mine)"');
    expect(body).toContain('name="version" value="2"');
    expect(
      (await t.database.db.selectFrom('audit').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title,
    ).toBe('Exploitation audit (theirs)');
    const again = await people.coordinator.browser.post(
      `/audits/${id}/edit`,
      planForm({ title: 'Exploitation audit (mine)', version: '2' }),
    );
    expect(again.statusCode).toBe(303);
    expect(
      await t.database.db
        .selectFrom('audit')
        .select(['title', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ title: 'Exploitation audit (mine)', version: 3 });
  });

  it('lets only the coordinator plan or change audits', async () => {
    const { id } = await anAuditPlanned(t, people, { invite: [people.police] });
    for (const who of [
      people.panel,
      people.policeLead,
      people.policeAuditor,
      people.administrator,
      people.practitioner,
    ]) {
      expect((await who.browser.get('/audits/new')).statusCode).toBe(404);
      expect((await who.browser.get(`/audits/${id}/edit`)).statusCode).toBe(404);
      await who.browser.get('/account');
      expect((await who.browser.post(`/audits/${id}/edit`, planForm({ version: '1' }))).statusCode).toBe(404);
      expect((await who.browser.post('/audits', planForm())).statusCode).toBe(404);
    }
    expect(
      (await t.database.db.selectFrom('audit').select('version').where('id', '=', id).executeTakeFirstOrThrow())
        .version,
    ).toBe(1);
  });
});
