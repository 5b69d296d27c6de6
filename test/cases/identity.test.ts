import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt } from '../../src/domain/encryption.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { casePeople, logged, text, wholeLog, type CasePeople } from './support.ts';

/** The parts of the API's answers these tests read. */
type CaseJson = { identity?: { children: unknown[]; records: unknown[] } };
type CasesJson = { cases: CaseJson[] };

let t: TestApp;
let people: CasePeople;

beforeAll(async () => {
  t = await buildTestApp();
  people = await casePeople(t);
});
afterAll(async () => t?.close());

/** An audit with one case holding Child A and a mother, invited agencies as given. */
async function auditWithCase(options: { invite?: string[]; status?: 'planning' | 'returns_open' | 'discussion' } = {}) {
  const audit = await anAudit(people.partnershipId)
    .withCases(1)
    .inviting(...(options.invite ?? []))
    .inStatus(options.status ?? 'returns_open')
    .create(t.database.db);
  const caseId = audit.caseIds[0]!;
  const db = t.database.db;
  const child = await db
    .insertInto('case_child')
    .values({
      case_id: caseId,
      pseudonym: 'Child A',
      age_years: 6,
      sex: 'female',
      ethnicity: 'white_irish',
      legal_status: 'child_in_need',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const mother = await db
    .insertInto('household_member')
    .values({ case_id: caseId, role: 'mother', description: 'birth mother' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    auditId: audit.id,
    caseId,
    childId: child.id,
    motherId: mother.id,
    url: `/audits/${audit.id}/cases/${caseId}/identifying-details`,
  };
}

function filled(c: { childId: string; motherId: string }, overrides: Record<string, string | string[]> = {}) {
  return {
    version: '0',
    [`child-${c.childId}-name`]: 'Ellie Testcase',
    [`child-${c.childId}-dob-day`]: '4',
    [`child-${c.childId}-dob-month`]: '3',
    [`child-${c.childId}-dob-year`]: '2019',
    [`adult-${c.motherId}-name`]: 'Jane Testcase',
    'addresses[0]': '1 Example Street, Leicester',
    'records[0][agencyId]': people.police,
    'records[0][label]': 'Police reference',
    'records[0][value]': 'PR-0001',
    'records[1][agencyId]': '',
    'records[1][label]': 'NHS number',
    'records[1][value]': '943 476 5919',
    save: '1',
    ...overrides,
  };
}

describe('identifying details', () => {
  it('are stored only encrypted, shown to the coordinator, and every view and change is logged without the details', async () => {
    const c = await auditWithCase();
    const browser = people.coordinator.browser;
    const empty = await browser.get(c.url);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['cache-control']).toBe('no-store');
    await browser.get(`${c.url}/edit`);
    const added = await browser.post(c.url, { ...filled(c), 'records-add-another': 'add' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="records[2][label]"');
    expect(await t.database.db.selectFrom('case_identity').select('case_id').execute()).toHaveLength(0);
    const removed = await browser.post(c.url, { ...filled(c), 'records-remove': '0' });
    expect(removed.body).not.toContain('PR-0001');
    expect(removed.body).toContain('943 476 5919');

    const saved = await browser.post(c.url, filled(c));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(c.url);
    const page = text((await browser.get(c.url)).body);
    for (const shown of [
      'Ellie Testcase',
      '4 March 2019',
      'Jane Testcase',
      '1 Example Street, Leicester',
      'Leicestershire Police Police reference PR-0001',
      'NHS number 943 476 5919',
    ])
      expect(page).toContain(shown);

    const stored = await t.database.db.selectFrom('case_identity').selectAll().executeTakeFirstOrThrow();
    expect(stored.encrypted.startsWith('v1.')).toBe(true);
    for (const secret of ['Ellie', 'Jane', 'Example Street', 'PR-0001', '943'])
      expect(stored.encrypted).not.toContain(secret);
    expect(await logged(t, 'case-identity.viewed', c.caseId)).toHaveLength(3);
    expect(await logged(t, 'case-identity.changed', c.caseId)).toHaveLength(1);
    const log = await wholeLog(t);
    for (const secret of ['Ellie', 'Testcase', 'Example Street', 'PR-0001', '943 476'])
      expect(log).not.toContain(secret);

    const casePage = text((await browser.get(`/audits/${c.auditId}/cases/${c.caseId}`)).body);
    expect(casePage).not.toContain('Ellie');
    expect(casePage).toContain('Child A');
  });

  it('reads dates of birth strictly and keeps what was typed', async () => {
    const c = await auditWithCase();
    const browser = people.coordinator.browser;
    await browser.get(`${c.url}/edit`);
    const bad = await browser.post(
      c.url,
      filled(c, {
        [`child-${c.childId}-dob-day`]: '31',
        [`child-${c.childId}-dob-month`]: '2',
        'records[1][label]': '',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('The date of birth must be a real date');
    expect(text(bad.body)).toContain('Enter what the number is, like "NHS number"');
    expect(bad.body).toContain('value="Ellie Testcase"');
    expect(bad.body).toContain(`href="#child-${c.childId}-dob-day"`);
  });

  it('never silently overwrites another person’s changes', async () => {
    const c = await auditWithCase();
    const browser = people.coordinator.browser;
    await browser.get(`${c.url}/edit`);
    expect((await browser.post(c.url, filled(c))).statusCode).toBe(303);
    const stale = await browser.post(c.url, filled(c, { [`adult-${c.motherId}-name`]: 'Typed By Me' }));
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Someone else changed these details while you were editing');
    expect(text(stale.body)).toContain('Jane Testcase');
    expect(stale.body).toContain('value="Typed By Me"');
    expect(stale.body).toContain('name="version" value="1"');
  });

  it('shows them to an invited agency’s auditor while returns are open, and not after', async () => {
    const c = await auditWithCase({ invite: [people.police], status: 'returns_open' });
    await people.coordinator.browser.get(`${c.url}/edit`);
    await people.coordinator.browser.post(c.url, filled(c));
    const auditor = people.policeAuditor;
    const open = await auditor.browser.get(c.url);
    expect(open.statusCode).toBe(200);
    expect(text(open.body)).toContain('Ellie Testcase');
    const api = await t.app.inject({
      url: `/api/v1/audits/${c.auditId}/cases/${c.caseId}?include=identity`,
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json<CaseJson>().identity?.children[0]).toEqual({
      childId: c.childId,
      name: 'Ellie Testcase',
      dateOfBirth: '2019-03-04',
    });

    await t.database.db.updateTable('audit').set({ status: 'discussion' }).where('id', '=', c.auditId).execute();
    expect((await auditor.browser.get(c.url)).statusCode).toBe(404);
    const closed = await t.app.inject({
      url: `/api/v1/audits/${c.auditId}/cases/${c.caseId}?include=identity`,
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(closed.statusCode).toBe(404);
    const refusals = await logged(t, 'case-identity.refused', c.caseId);
    expect(refusals.map((r) => [r.user_id, (r.detail as { via: string }).via])).toEqual([
      [auditor.id, 'page'],
      [auditor.id, 'api'],
    ]);
    expect((await auditor.browser.get(`/audits/${c.auditId}/cases/${c.caseId}`)).body).not.toContain(
      'View the identifying details',
    );
  });

  it('refuses an auditor of one agency another audit’s case, by URL and by API, with 404 and a logged attempt', async () => {
    const theirs = await auditWithCase({ invite: [people.health], status: 'returns_open' });
    await people.coordinator.browser.get(`${theirs.url}/edit`);
    await people.coordinator.browser.post(theirs.url, filled(theirs));
    const intruder = people.policeAuditor;
    for (const url of [theirs.url, `${theirs.url}/edit`]) {
      const page = await intruder.browser.get(url);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('Ellie');
    }
    const post = await intruder.browser.post(
      theirs.url,
      filled(theirs, { version: '1', [`adult-${theirs.motherId}-name`]: 'Changed' }),
    );
    expect(post.statusCode).toBe(404);
    for (const url of [
      `/api/v1/audits/${theirs.auditId}/cases/${theirs.caseId}?include=identity`,
      `/api/v1/audits/${theirs.auditId}/cases?include=identity`,
    ]) {
      const api = await t.app.inject({ url, headers: { authorization: `Bearer ${intruder.token}` } });
      expect(api.statusCode).toBe(404);
      expect(api.body).not.toContain('Ellie');
    }
    const refusals = await logged(t, 'case-identity.refused', theirs.caseId);
    expect(refusals.filter((r) => r.user_id === intruder.id)).toHaveLength(4);
    expect(
      (await logged(t, 'case-identity.refused')).filter((r) => r.user_id === intruder.id && r.record_id === null),
    ).toHaveLength(1);
    expect(await logged(t, 'case-identity.changed', theirs.caseId)).toHaveLength(1);

    // Refused by the route's own rule, before any handler runs: still logged.
    for (const who of [people.panel, people.administrator]) {
      expect((await who.browser.get(theirs.url)).statusCode).toBe(404);
      const api = await t.app.inject({
        url: `/api/v1/audits/${theirs.auditId}/cases/${theirs.caseId}?include=identity`,
        headers: { authorization: `Bearer ${who.token}` },
      });
      expect(api.statusCode).toBe(404);
      const mine = (await logged(t, 'case-identity.refused', theirs.caseId)).filter((r) => r.user_id === who.id);
      expect(mine.map((r) => (r.detail as { via: string }).via).sort()).toEqual(['api', 'page']);
    }
  });

  it('leaves identifying details out of the API unless asked for and allowed, and documents the paths', async () => {
    const c = await auditWithCase({ invite: [people.police], status: 'planning' });
    await people.coordinator.browser.get(`${c.url}/edit`);
    await people.coordinator.browser.post(c.url, filled(c));
    const get = (url: string, token: string) => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    const plain = await get(`/api/v1/audits/${c.auditId}/cases`, people.coordinator.token);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('Ellie');
    expect(plain.json<CasesJson>().cases[0]).toMatchObject({
      reference: 'Case 1',
      children: [{ pseudonym: 'Child A', ageBand: '5_9', legalStatus: 'child_in_need' }],
      household: [{ role: 'mother', description: 'birth mother' }],
    });
    expect(plain.json<CasesJson>().cases[0]?.identity).toBeUndefined();
    const withIdentity = await get(`/api/v1/audits/${c.auditId}/cases?include=identity`, people.coordinator.token);
    expect(withIdentity.json<CasesJson>().cases[0]?.identity?.records).toHaveLength(2);
    expect(
      (await get(`/api/v1/audits/${c.auditId}/cases?include=everything`, people.coordinator.token)).statusCode,
    ).toBe(404);
    // Planning: the police auditor may read the case but not who it is about.
    expect((await get(`/api/v1/audits/${c.auditId}/cases/${c.caseId}`, people.policeAuditor.token)).statusCode).toBe(
      200,
    );
    expect(
      (await get(`/api/v1/audits/${c.auditId}/cases/${c.caseId}?include=identity`, people.policeAuditor.token))
        .statusCode,
    ).toBe(404);
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/audits/{auditId}/cases', '/audits/{auditId}/cases/{caseId}']),
    );
  });

  it('removes a child’s identifying details when the child is removed', async () => {
    const c = await auditWithCase();
    const browser = people.coordinator.browser;
    await browser.get(`${c.url}/edit`);
    await browser.post(c.url, filled(c));
    await browser.get(`/audits/${c.auditId}/cases/${c.caseId}/children/${c.childId}/remove`);
    await browser.post(`/audits/${c.auditId}/cases/${c.caseId}/children/${c.childId}/remove`, {});
    const page = text((await browser.get(c.url)).body);
    expect(page).not.toContain('Ellie');
    expect(page).toContain('Jane Testcase');
  });

  it('shows and keeps a value stored in the older demo shape (children by pseudonym, record numbers as text)', async () => {
    const c = await auditWithCase();
    const older = {
      children: [{ pseudonym: 'Child A', name: 'Demo Child 1A Example', dateOfBirth: '' }],
      adults: [],
      addresses: ['1 Fictional Row, Demotown, ZZ99 9ZZ'],
      recordNumbers: ['CSC-1234567'],
    };
    await t.database.db
      .insertInto('case_identity')
      .values({ case_id: c.caseId, encrypted: encrypt(t.config.encryptionKey, JSON.stringify(older)) })
      .execute();
    const browser = people.coordinator.browser;
    const shown = await browser.get(c.url);
    expect(shown.statusCode).toBe(200);
    expect(text(shown.body)).toContain('Demo Child 1A Example');
    expect(text(shown.body)).toContain('CSC-1234567');
    const form = await browser.get(`${c.url}/edit`);
    expect(form.body).toMatch(new RegExp(`name="child-${c.childId}-name"[^>]*value="Demo Child 1A Example"`));
  });
});
