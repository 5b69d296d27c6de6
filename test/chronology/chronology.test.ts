import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let school: string;
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  school = await anAgency(partnershipId).named('School').ofType('education').create(t.database.db);
  const make = async (key: string, role: 'auditor' | 'coordinator' | 'panel_member', agencyId?: string) => {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (agencyId) builder = builder.inAgency(agencyId);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  };
  await make('police', 'auditor', police);
  await make('school', 'auditor', school);
  await make('coordinator', 'coordinator');
  await make('panel', 'panel_member');
});
afterAll(async () => t?.close());

async function setUp() {
  const audit = await anAudit(partnershipId).inviting(police, school).create(t.database.db);
  await t.database.db
    .updateTable('audit')
    .set({ scope_from: '2018-06-01', scope_to: '2018-11-30' })
    .where('id', '=', audit.id)
    .execute();
  const caseId = audit.caseIds[0]!;
  const policeReturn = await aReturn(t.database.db, caseId, police);
  const schoolReturn = await aReturn(t.database.db, caseId, school);
  return { audit, caseId, policeReturn, schoolReturn };
}

const add = async (browser: Browser, returnId: string, form: Record<string, string>) => {
  await browser.get(`/returns/${returnId}/chronology/new`);
  return browser.post(`/returns/${returnId}/chronology`, form);
};

describe('single-agency chronology', () => {
  it('adds, refuses bad entries with reasons, refuses duplicates, edits with a version and deletes', async () => {
    const { policeReturn } = await setUp();
    const browser = b.police!;
    const bad = await add(browser, policeReturn, { date: '31/02/2018', category: 'gossip', event: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date is not readable: 31/02/2018 is not a real date');
    expect(bad.body).toContain('Enter what happened');
    const outside = await add(browser, policeReturn, { date: '01/01/2017', category: 'incident', event: 'x' });
    expect(outside.body).toContain('outside the audit’s scope');
    const ok = await add(browser, policeReturn, {
      date: '12/07/2018',
      category: 'incident',
      event: 'Police attended a domestic incident',
      impact: 'negative',
      significant: 'yes',
    });
    expect(ok.statusCode).toBe(303);
    const duplicate = await add(browser, policeReturn, {
      date: '12/07/2018',
      category: 'incident',
      event: 'Police attended a domestic incident!',
      impact: 'negative',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('already has this entry');
    const list = await browser.get(`/returns/${policeReturn}/chronology`);
    expect(list.body).toContain('12 July 2018');
    const entry = await t.database.db
      .selectFrom('chronology_entry')
      .select(['id', 'version'])
      .where('agency_id', '=', police)
      .executeTakeFirstOrThrow();
    await browser.get(`/returns/${policeReturn}/chronology/${entry.id}`);
    const edited = await browser.post(`/returns/${policeReturn}/chronology/${entry.id}`, {
      date: 'July 2018',
      category: 'incident',
      event: 'Police attended',
      impact: 'negative',
      version: '1',
    });
    expect(edited.statusCode).toBe(303);
    const stale = await browser.post(`/returns/${policeReturn}/chronology/${entry.id}`, {
      date: 'July 2018',
      category: 'incident',
      event: 'Stale edit',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this entry');
    expect(stale.body).toContain('Stale edit');
    await browser.get(`/returns/${policeReturn}/chronology/${entry.id}/delete`);
    expect((await browser.post(`/returns/${policeReturn}/chronology/${entry.id}/delete`, {})).statusCode).toBe(303);
    expect(
      await t.database.db.selectFrom('chronology_entry').select('id').where('id', '=', entry.id).execute(),
    ).toHaveLength(0);
  });

  it('keeps each agency to its own chronology', async () => {
    const { policeReturn } = await setUp();
    expect((await b.school!.get(`/returns/${policeReturn}/chronology`)).statusCode).toBe(404);
    await b.school!.get('/my-returns');
    expect(
      (
        await b.school!.post(`/returns/${policeReturn}/chronology`, {
          date: '12/07/2018',
          category: 'incident',
          event: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('integrated chronology', () => {
  it('merges agencies in date order for the coordinator, with the timeline, points and exports', async () => {
    const { audit, caseId, policeReturn, schoolReturn } = await setUp();
    await add(b.police!, policeReturn, {
      date: '04/07/2018',
      category: 'marac',
      event: 'Case heard at MARAC; actions agreed',
      impact: 'neutral',
      significant: 'yes',
    });
    await add(b.school!, schoolReturn, {
      date: '01/06/2018',
      category: 'other',
      event: 'Child started at the school',
      impact: 'positive',
    });
    await add(b.school!, schoolReturn, {
      date: '10/09/2018',
      category: 'school_absence',
      event: '=HYPERLINK("x") absent five days',
      impact: 'negative',
    });
    const url = `/audits/${audit.id}/cases/${caseId}/chronology`;
    const page = await b.coordinator!.get(url);
    expect(page.statusCode).toBe(200);
    const table = page.body.slice(page.body.indexOf('in date order'));
    expect(table.indexOf('Child started at the school')).toBeLessThan(table.indexOf('Case heard at MARAC'));
    expect(page.body).toContain('role="img" aria-labelledby="timeline-title timeline-desc"');
    expect(page.body).toContain('Did School know about the MARAC on 4 July 2018 recorded by Police?');
    const filtered = await b.coordinator!.get(`${url}?category=marac`);
    expect(filtered.body).not.toContain('Child started at the school');
    const badFilter = await b.coordinator!.get(`${url}?from=31/02/2018`);
    expect(badFilter.body).toContain('The from date is not readable');
    const csv = await b.coordinator!.get(`${url}.csv`);
    expect(csv.headers['content-disposition']).toContain('chronology-case-1.csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") absent five days"`);
    const xlsx = await b.coordinator!.get(`${url}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    expect(workbook.getWorksheet('Chronology')!.rowCount).toBe(4);
    const docx = await b.coordinator!.get(`${url}.docx`);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows an agency only its own entries until discussion, then everyone’s', async () => {
    const { audit, caseId, policeReturn, schoolReturn } = await setUp();
    await add(b.police!, policeReturn, {
      date: '04/07/2018',
      category: 'incident',
      event: 'Police incident entry',
      impact: 'negative',
    });
    await add(b.school!, schoolReturn, {
      date: '05/07/2018',
      category: 'other',
      event: 'School entry',
      impact: 'neutral',
    });
    const url = `/audits/${audit.id}/cases/${caseId}/chronology`;
    const before = await b.school!.get(url);
    expect(before.body).toContain('School entry');
    expect(before.body).not.toContain('Police incident entry');
    expect(before.body).not.toContain('Points to discuss');
    await t.database.db.updateTable('audit').set({ status: 'discussion' }).where('id', '=', audit.id).execute();
    expect((await b.school!.get(url)).body).toContain('Police incident entry');
  });

  it('lets the panel dismiss a point with a reason, and keeps the decision when points are recalculated', async () => {
    const { audit, caseId, policeReturn } = await setUp();
    await add(b.police!, policeReturn, {
      date: '04/07/2018',
      category: 'disclosure',
      event: 'Child disclosed being hit',
      impact: 'negative',
    });
    const url = `/audits/${audit.id}/cases/${caseId}/chronology`;
    await b.panel!.get(url);
    const point = await t.database.db
      .selectFrom('discussion_point')
      .select(['id'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const noReason = await b.panel!.post(`/audits/${audit.id}/cases/${caseId}/points/${point.id}`, {
      decision: 'dismissed',
      reason: '',
    });
    expect(noReason.statusCode).toBe(303);
    expect(
      (
        await t.database.db
          .selectFrom('discussion_point')
          .select('status')
          .where('id', '=', point.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('open');
    await b.panel!.get(url);
    await b.panel!.post(`/audits/${audit.id}/cases/${caseId}/points/${point.id}`, {
      decision: 'dismissed',
      reason: 'Police record shows strategy discussion held by phone',
    });
    const again = await b.panel!.get(url);
    expect(again.body).toContain('Dismissed');
    expect(again.body).toContain('Police record shows strategy discussion held by phone');
    expect(
      (await b.school!.post(`/audits/${audit.id}/cases/${caseId}/points/${point.id}`, { decision: 'open' })).statusCode,
    ).toBe(404);
  });
});

describe('chronologies in the API', () => {
  it('bulk-imports all or nothing, skips duplicates, and reads with the same visibility', async () => {
    const { audit, caseId, policeReturn } = await setUp();
    const user = await aUser(partnershipId).withRole('auditor').inAgency(police).create(t.database.db);
    const other = await aUser(partnershipId).withRole('auditor').inAgency(school).create(t.database.db);
    const actor = { userId: null, partnershipId, correlationId: null, ip: null };
    const mine = { authorization: `Bearer ${(await t.services.apiTokens.create(user.id, 'x', actor)).token}` };
    const theirs = { authorization: `Bearer ${(await t.services.apiTokens.create(other.id, 'x', actor)).token}` };
    const url = `/api/v1/returns/${policeReturn}/chronology`;
    const good = { date: '12/07/2018', event: 'Police attended', category: 'incident', impact: 'negative' };
    const bad = await t.app.inject({
      method: 'POST',
      url,
      headers: mine,
      payload: { entries: [good, { date: '31/02/2018', event: '', category: 'x' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: unknown[] }>().problems[0]).toMatchObject({
      index: 1,
      errors: { date: expect.stringContaining('not a real date') as unknown, event: 'Enter what happened' },
    });
    expect(
      await t.database.db.selectFrom('chronology_entry').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(0);
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: mine,
      payload: { entries: [good, { ...good, date: 'August 2018', category: 'MARAC', event: 'Heard at MARAC' }] },
    });
    expect(ok.json()).toEqual({ received: 2, added: 2, duplicates: 0 });
    expect((await t.app.inject({ method: 'POST', url, headers: mine, payload: { entries: [good] } })).json()).toEqual({
      received: 1,
      added: 0,
      duplicates: 1,
    });
    expect(
      (await t.app.inject({ method: 'POST', url, headers: theirs, payload: { entries: [good] } })).statusCode,
    ).toBe(404);
    const read = await t.app.inject({ url: `/api/v1/audits/${audit.id}/cases/${caseId}/chronology`, headers: theirs });
    expect(read.json()).toMatchObject({ complete: false, entries: [] });
    expect(
      (await t.app.inject({ url: `/api/v1/audits/${audit.id}/cases/${caseId}/points`, headers: theirs })).statusCode,
    ).toBe(404);
  });
});

describe('the chronology API’s declaration', () => {
  it('refuses an empty bulk import naming the JSON pointer, and documents its operations from their schemas', async () => {
    const { policeReturn } = await setUp();
    const user = await aUser(partnershipId).withRole('auditor').inAgency(police).create(t.database.db);
    const actor = { userId: null, partnershipId, correlationId: null, ip: null };
    const headers = { authorization: `Bearer ${(await t.services.apiTokens.create(user.id, 'x', actor)).token}` };
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/v1/returns/${policeReturn}/chronology`,
      headers,
      payload: { entries: [] },
    });
    expect(empty.statusCode).toBe(400);
    type Problem = { pointer: string; message: string };
    expect(empty.json<{ error: { problems: Problem[] } }>().error.problems[0]).toEqual({
      pointer: '/body/entries',
      message: 'send an array of one or more entries',
    });
    type Operation = { operationId: string; requestBody?: unknown };
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    expect(document.paths['/audits/{auditId}/cases/{caseId}/chronology']?.get?.operationId).toBe('getChronology');
    expect(document.paths['/audits/{auditId}/cases/{caseId}/points']?.get?.operationId).toBe('getPoints');
    const bulk = document.paths['/returns/{id}/chronology']?.post;
    expect(bulk?.operationId).toBe('importChronology');
    expect(bulk?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { properties: { entries: { maxItems: 10_000 } } } } },
    });
  });
});
