import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnershipWithPeople, anAuditPlanned, type People } from './support.ts';

let t: TestApp;
let people: People;
let ids: { da: string; fsa: string; neglect: string; exploitation: string };

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await buildTestApp();
  people = await aPartnershipWithPeople(t);
  const themes = await t.database.db
    .selectFrom('audit_theme')
    .select(['id', 'label'])
    .where('partnership_id', '=', people.partnershipId)
    .execute();
  expect(themes).toEqual([]);
  // Reading the list creates the default themes.
  await people.coordinator.browser.get('/audits/new');
  const neglectTheme = (
    await t.database.db
      .selectFrom('audit_theme')
      .select('id')
      .where('partnership_id', '=', people.partnershipId)
      .where('label', '=', 'Neglect')
      .executeTakeFirstOrThrow()
  ).id;
  const da = await anAuditPlanned(t, people, {
    plan: { title: 'Domestic abuse 2018', reference: 'DA-2018' },
    cases: 7,
    invite: [people.police, people.health],
  });
  const fsa = await anAuditPlanned(t, people, {
    plan: {
      title: 'Familial sexual abuse',
      reference: 'FSA-2018',
      scope: { kind: 'months', from: null, to: null, months: 6, referenceDate: '2019-03-01' },
      milestones: [
        { kind: 'returns_deadline', label: 'Returns deadline', due: '2019-04-01', done: '2019-04-01' },
        { kind: 'discussion_meeting', label: 'Discussion meeting', due: '2099-05-01', done: null },
      ],
    },
    cases: 5,
    invite: [people.health],
  });
  const neglect = await anAuditPlanned(t, people, {
    plan: {
      title: 'Neglect 2020',
      reference: 'NEG-2020',
      themeId: neglectTheme,
      themeText: null,
      scope: { kind: 'dates', from: '2020-01-01', to: '2020-06-30', months: null, referenceDate: null },
      milestones: [],
    },
    invite: [people.police],
  });
  const exploitation = await anAuditPlanned(t, people, {
    plan: {
      title: 'Exploitation 2020',
      reference: 'EXP-2020',
      scope: { kind: 'dates', from: '2020-03-01', to: '2020-09-30', months: null, referenceDate: null },
      milestones: [],
    },
  });
  await t.database.db
    .updateTable('audit')
    .set({ status: 'returns_open' })
    .where('id', 'in', [da.id, neglect.id])
    .execute();
  ids = { da: da.id, fsa: fsa.id, neglect: neglect.id, exploitation: exploitation.id };
});
afterAll(async () => t?.close());

function section(html: string, year: number): string {
  const start = html.indexOf(`<h2 class="govuk-heading-m">${year}</h2>`);
  if (start < 0) return '';
  const end = html.indexOf('</table>', start);
  return html.slice(start, end);
}

describe('the audit programme', () => {
  it('groups the audits by year, newest first, with theme, status, counts and the next milestone', async () => {
    const page = await people.coordinator.browser.get('/audits');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body.indexOf('>2020</h2>')).toBeLessThan(body.indexOf('>2018</h2>'));
    const in2018 = text(section(body, 2018));
    const in2020 = text(section(body, 2020));
    expect(in2018).toContain(
      'Domestic abuse 2018 DA-2018 · 1 June 2018 to 30 November 2018 Domestic abuse Returns open 7 2 Returns deadline: 14 December 2018 Overdue',
    );
    expect(in2018).toContain(
      'Familial sexual abuse FSA-2018 · the 6 months before 1 March 2019 Domestic abuse Planning 5 1 Discussion meeting: 1 May 2099',
    );
    expect(in2020).toContain('Neglect 2020 NEG-2020 · 1 January 2020 to 30 June 2020 Neglect Returns open 0 1 None');
    expect(in2020).toContain('Exploitation 2020');
    expect(body).toContain(`href="/audits/${ids.da}"`);
    expect(body).toContain('href="/audits/new"');
  });

  it('filters by status and by theme', async () => {
    const open = text((await people.coordinator.browser.get('/audits?status=returns_open')).body);
    expect(open).toContain('Domestic abuse 2018');
    expect(open).toContain('Neglect 2020');
    expect(open).not.toContain('Familial sexual abuse FSA');
    expect(open).not.toContain('Exploitation 2020');
    const neglectTheme = (
      await t.database.db.selectFrom('audit').select('theme_id').where('id', '=', ids.neglect).executeTakeFirstOrThrow()
    ).theme_id!;
    const neglect = text((await people.coordinator.browser.get(`/audits?theme=${neglectTheme}`)).body);
    expect(neglect).toContain('Neglect 2020');
    expect(neglect).not.toContain('Domestic abuse 2018');
    const other = text((await people.coordinator.browser.get('/audits?theme=other&status=planning')).body);
    expect(other).toContain('Familial sexual abuse FSA');
    expect(other).toContain('Exploitation 2020');
    expect(other).not.toContain('Neglect 2020');
    const none = text((await people.coordinator.browser.get(`/audits?theme=${neglectTheme}&status=closed`)).body);
    expect(none).toContain('No audits match the filters.');
    const ignored = await people.coordinator.browser.get('/audits?status=nonsense&theme=%27%20OR%201=1');
    expect(ignored.statusCode).toBe(200);
    expect(text(ignored.body)).toContain('Domestic abuse 2018');
  });

  it('shows panel members every audit and agency people only the audits their agency is invited to', async () => {
    const panel = text((await people.panel.browser.get('/audits')).body);
    for (const title of ['Domestic abuse 2018', 'Familial sexual abuse FSA', 'Neglect 2020', 'Exploitation 2020'])
      expect(panel).toContain(title);
    expect(panel).not.toContain('Plan a new audit');
    for (const who of [people.policeLead, people.policeAuditor]) {
      const police = text((await who.browser.get('/audits')).body);
      expect(police).toContain('Domestic abuse 2018');
      expect(police).toContain('Neglect 2020');
      expect(police).not.toContain('Familial sexual abuse FSA');
      expect(police).not.toContain('Exploitation 2020');
      expect(police).toContain('The audits your agency has been invited to');
    }
    const health = text((await people.healthAuditor.browser.get('/audits')).body);
    expect(health).toContain('Domestic abuse 2018');
    expect(health).toContain('Familial sexual abuse FSA');
    expect(health).not.toContain('Neglect 2020');
    for (const who of [people.administrator, people.practitioner, people.actionOwner])
      expect((await who.browser.get('/audits')).statusCode).toBe(404);
    const anonymous = await new Browser(t.app).get('/audits');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?returnTo=%2Faudits');
  });

  it('is in the navigation and on the home page for those who may read audits', async () => {
    for (const who of [people.coordinator, people.panel, people.policeAuditor]) {
      const home = await who.browser.get('/');
      expect(home.body).toContain('href="/audits"');
    }
    const admin = await people.administrator.browser.get('/');
    expect(admin.body).not.toContain('href="/audits"');
    const current = await people.coordinator.browser.get('/audits');
    expect(current.body).toMatch(/govuk-service-navigation__item--active[\s\S]{0,200}href="\/audits"/);
  });
});
