import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_THEMES, listThemes } from '../../src/features/audits/theme-repository.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership } from '../support/builders.ts';
import { aPartnershipWithPeople, anAuditPlanned, type People } from './support.ts';

let t: TestApp;
let people: People;

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
const themeId = async (label: string) =>
  (
    await t.database.db
      .selectFrom('audit_theme')
      .select('id')
      .where('partnership_id', '=', people.partnershipId)
      .where('label', '=', label)
      .executeTakeFirstOrThrow()
  ).id;

describe('audit themes', () => {
  it('gives a partnership the default themes once, however many read the list at the same time', async () => {
    const partnershipId = await aPartnership().create(t.database.db);
    const lists = await Promise.all(Array.from({ length: 6 }, () => listThemes(t.database.db, partnershipId)));
    for (const list of lists) expect(list.map((theme) => theme.label).sort()).toEqual([...DEFAULT_AUDIT_THEMES].sort());
    const rows = await t.database.db
      .selectFrom('audit_theme')
      .select('label')
      .where('partnership_id', '=', partnershipId)
      .execute();
    expect(rows).toHaveLength(DEFAULT_AUDIT_THEMES.length);
    // A partnership that retired every default keeps its own list: nothing is added back.
    await t.database.db
      .deleteFrom('audit_theme')
      .where('partnership_id', '=', partnershipId)
      .where('label', '!=', 'Neglect')
      .execute();
    expect((await listThemes(t.database.db, partnershipId)).map((theme) => theme.label)).toEqual(['Neglect']);
  });

  it('adds a theme, refusing an empty name or one already used in any case', async () => {
    const browser = people.coordinator.browser;
    const page = await browser.get('/audits/themes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Criminal exploitation and county lines');
    const empty = await browser.post('/audits/themes', { label: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the name of the theme');
    const duplicate = await browser.post('/audits/themes', { label: 'NEGLECT' });
    expect(duplicate.statusCode).toBe(400);
    expect(unescape(duplicate.body)).toContain('There is already a theme called ‘NEGLECT’');
    const long = await browser.post('/audits/themes', { label: 'x'.repeat(101) });
    expect(long.body).toContain('The name of the theme must be 100 characters or fewer');
    const added = await browser.post('/audits/themes', { label: 'Child on parent violence' });
    expect(added.statusCode).toBe(303);
    const id = await themeId('Child on parent violence');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('record_id', '=', id)
      .execute();
    expect(log).toEqual([{ action: 'audit-theme.added', user_id: people.coordinator.id }]);
    expect((await browser.get('/audits/new')).body).toContain('Child on parent violence');
  });

  it('renames a theme, and the audits using it show the new name', async () => {
    const id = await themeId('Early help');
    const audit = await anAuditPlanned(t, people, { plan: { themeId: id, themeText: null } });
    const browser = people.coordinator.browser;
    expect((await browser.get(`/audits/themes/${id}/edit`)).body).toContain('value="Early help"');
    const clash = await browser.post(`/audits/themes/${id}/edit`, { label: 'mental health' });
    expect(clash.statusCode).toBe(400);
    expect(unescape(clash.body)).toContain('There is already a theme called ‘mental health’');
    const renamed = await browser.post(`/audits/themes/${id}/edit`, { label: 'Early help and prevention' });
    expect(renamed.statusCode).toBe(303);
    expect((await browser.get(`/audits/${audit.id}`)).body).toContain('Early help and prevention');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', id)
      .where('action', '=', 'audit-theme.renamed')
      .executeTakeFirstOrThrow();
    expect(log.detail).toEqual({ from: 'Early help', to: 'Early help and prevention' });
  });

  it('stops offering a theme for new audits but keeps it on the audits that have it', async () => {
    const id = await themeId('Children missing education');
    const audit = await anAuditPlanned(t, people, { plan: { themeId: id, themeText: null } });
    const browser = people.coordinator.browser;
    await browser.get('/audits/themes');
    expect((await browser.post(`/audits/themes/${id}/active`, { active: 'false' })).statusCode).toBe(303);
    expect((await browser.get('/audits/themes')).body).toContain('Not offered');
    expect((await browser.get('/audits/new')).body).not.toContain(`value="${id}"`);
    const edit = await browser.get(`/audits/${audit.id}/edit`);
    expect(edit.body).toMatch(new RegExp(`value="${id}" checked`));
    expect((await browser.get(`/audits/${audit.id}`)).body).toContain('Children missing education');
    await browser.get('/audits/themes');
    expect((await browser.post(`/audits/themes/${id}/active`, { active: 'true' })).statusCode).toBe(303);
    expect((await browser.get('/audits/new')).body).toContain(`value="${id}"`);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['audit-theme.deactivated', 'audit-theme.activated']);
  });

  it('is for coordinators and administrators only, and only for their own partnership’s themes', async () => {
    expect((await people.administrator.browser.get('/audits/themes')).statusCode).toBe(200);
    for (const who of [people.panel, people.policeLead, people.policeAuditor, people.practitioner]) {
      expect((await who.browser.get('/audits/themes')).statusCode).toBe(404);
      await who.browser.get('/account');
      expect((await who.browser.post('/audits/themes', { label: 'Sneaky' })).statusCode).toBe(404);
    }
    const elsewhere = await aPartnership().create(t.database.db);
    const [foreign] = await listThemes(t.database.db, elsewhere);
    expect((await people.coordinator.browser.get(`/audits/themes/${foreign!.id}/edit`)).statusCode).toBe(404);
    await people.coordinator.browser.get('/audits/themes');
    expect(
      (await people.coordinator.browser.post(`/audits/themes/${foreign!.id}/active`, { active: 'false' })).statusCode,
    ).toBe(404);
    expect((await listThemes(t.database.db, elsewhere)).every((theme) => theme.active)).toBe(true);
  });
});
