import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import type { Role } from '../../src/domain/roles.ts';
import { guardReport } from '../../src/features/report/report-guard.ts';
import { buildReport } from '../../src/features/report/report-service.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';
import { aReportedAudit, PLANTED } from './report-fixture.ts';

let t: TestApp;
let partnershipId: string;
let audit: Awaited<ReturnType<typeof aReportedAudit>>;
let findingId: string;
const browsers = new Map<string, Browser>();
const tokens = new Map<string, string>();
const CORRECT = 'The MARAC outcome did not reach the health visitor.';
const PLANTED_TEXT = `The MARAC outcome did not reach ${PLANTED.childName}'s health visitor.`;
const DOWNLOADS = ['report.docx', 'report.pdf', 'report.html', 'report.xlsx', 'report/findings.csv'];

async function person(name: string, roles: Role[], agencyId?: string) {
  let builder = aUser(partnershipId)
    .withRole(...roles)
    .exemptFromSecondFactor();
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  const browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
  browsers.set(name, browser);
  tokens.set(
    name,
    (
      await t.services.apiTokens.create(user.id, 'test', {
        userId: user.id,
        partnershipId,
        correlationId: null,
        ip: null,
      })
    ).token,
  );
}
const as = (name: string) => browsers.get(name)!;
const api = (name: string, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens.get(name)}` } });
const setFinding = (text: string) =>
  t.database.db.updateTable('finding').set({ text }).where('id', '=', findingId).execute();

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  audit = await aReportedAudit(t.database.db, t.config, partnershipId);
  findingId = (
    await t.database.db
      .selectFrom('finding')
      .select('id')
      .where('audit_id', '=', audit.auditId)
      .where('text', '=', CORRECT)
      .executeTakeFirstOrThrow()
  ).id;
  await person('coordinator', ['coordinator']);
  await person('panel', ['panel_member']);
  await person('police lead', ['audit_lead'], audit.police);
  await person('police auditor', ['auditor'], audit.police);
  await person('administrator', ['administrator']);
  await person('practitioner', ['practitioner']);
}, 60_000);
afterAll(async () => t?.close());

describe('the redaction guard on the report', () => {
  it('lets every format download when the report holds no identifying detail', async () => {
    for (const file of DOWNLOADS)
      expect((await as('coordinator').get(`/audits/${audit.auditId}/${file}`)).statusCode, file).toBe(200);
  });

  it('blocks every download when a finding names a child, listing the hit in context with a link to correct the finding, and logs each attempt', async () => {
    await setFinding(PLANTED_TEXT);
    for (const file of DOWNLOADS) {
      const res = await as('coordinator').get(`/audits/${audit.auditId}/${file}`);
      expect(res.statusCode, file).toBe(422);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.body).toContain('<title>Error: The report cannot be downloaded yet');
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toMatch(/A finding may identify someone: “Tallulah Quennell-Ashworth” looks like a name/);
      expect(res.body).toContain(`<mark>${PLANTED.childName}</mark>`);
      expect(res.body).toContain(`href="/audits/${audit.auditId}/findings/${findingId}"`);
      expect(res.body).toContain(`Looks like a name (“${PLANTED.childName}”)`); // the coordinator may see identifying details
    }
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', audit.auditId)
      .where('action', '=', 'report.download-blocked')
      .execute();
    expect(log.map((l) => (l.detail as { format: string }).format).sort()).toEqual([
      'csv',
      'docx',
      'html',
      'pdf',
      'xlsx',
    ]);
    expect(log.every((l) => (l.detail as { hits: number }).hits === 1)).toBe(true);
    // The coordinator is offered the rewrite in the case's own words; it reads the same records.
    const blocked = await as('coordinator').get(`/audits/${audit.auditId}/report.docx`);
    expect(blocked.body).toContain(`href="/audits/${audit.auditId}/exchange/pseudonyms?from=report"`);
    const preview = await as('coordinator').get(`/audits/${audit.auditId}/exchange/pseudonyms?from=report`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(`“${PLANTED.childName}” becomes`);
    expect(preview.body).toContain(`href="/audits/${audit.auditId}/report">Back to the report</a>`);
    expect((await as('police lead').get(`/audits/${audit.auditId}/report.docx`)).body).not.toContain('pseudonyms');
  });

  it('shows the page inside the service with a warning listing the hits', async () => {
    const page = await as('coordinator').get(`/audits/${audit.auditId}/report`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '1 possible identifying detail was found in the report. It cannot be downloaded until it is corrected.',
    );
    expect(page.body).toContain(`<mark>${PLANTED.childName}</mark>`);
  });

  it('shows an audit lead the hit without the recorded value and without a link they cannot use', async () => {
    const res = await as('police lead').get(`/audits/${audit.auditId}/report.pdf`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Looks like a name, in a finding');
    expect(res.body).not.toContain('Looks like a name (“');
    expect(res.body).not.toContain(`/findings/${findingId}`);
    expect(res.body).toContain('Ask the audit coordinator to correct a finding.');
  });

  it('refuses the API report in every format with 422 and the hits, the value only for the coordinator', async () => {
    for (const format of ['json', 'docx', 'pdf', 'html', 'xlsx']) {
      const res = await api('coordinator', `/audits/${audit.auditId}/report?format=${format}`);
      expect(res.statusCode, format).toBe(422);
      const body = res.json<{ error: { code: string }; hits: unknown }>();
      expect(body.error.code).toBe('identifying_details');
      expect(body.hits).toEqual([
        expect.objectContaining({
          kind: 'name',
          record: { type: 'finding', id: findingId },
          matched: PLANTED.childName,
          value: PLANTED.childName,
        }),
      ]);
    }
    for (const who of ['panel', 'police lead']) {
      const res = await api(who, `/audits/${audit.auditId}/report`);
      expect(res.statusCode, who).toBe(422);
      expect(res.json<{ hits: unknown[] }>().hits[0]).not.toHaveProperty('value');
    }
  });

  it('lets the downloads and the API through once the finding is corrected', async () => {
    await setFinding(CORRECT);
    for (const file of DOWNLOADS)
      expect((await as('coordinator').get(`/audits/${audit.auditId}/${file}`)).statusCode, file).toBe(200);
    expect((await as('coordinator').get(`/audits/${audit.auditId}/report`)).body).not.toContain(
      'possible identifying detail',
    );
    const json = await api('panel', `/audits/${audit.auditId}/report`);
    expect(json.statusCode).toBe(200);
    expect(json.json<{ audit: { id: string } }>().audit.id).toBe(audit.auditId);
    expect(json.json<{ cases: { development: string[] }[] }>().cases[0]!.development).toContain(CORRECT);
    const docx = await api('police lead', `/audits/${audit.auditId}/report?format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await api('coordinator', `/audits/${audit.auditId}/report?format=odt`)).statusCode).toBe(400);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', audit.auditId)
      .where('action', '=', 'report.downloaded')
      .execute();
    expect(log.map((l) => (l.detail as { format: string }).format)).toEqual(expect.arrayContaining(['json', 'docx']));
  });

  it('answers 404 through the API to roles that may not read the report', async () => {
    for (const who of ['police auditor', 'administrator', 'practitioner'])
      expect((await api(who, `/audits/${audit.auditId}/report`)).statusCode, who).toBe(404);
  });

  it('names the action holding one of the coordinator’s words to check for, pointing the coordinator to the words to check for', async () => {
    await t.services.redactionTerms.add({ id: audit.auditId } as never, 'daily briefing', {
      userId: null,
      partnershipId,
      correlationId: 'test',
      ip: null,
    });
    const res = await as('coordinator').get(`/audits/${audit.auditId}/report.html`);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(
      'An action in the action plan may identify someone: “daily briefing” looks like a word to check for',
    );
    expect(res.body).toContain(`href="/audits/${audit.auditId}/words-to-check"`);
    expect(res.body).toContain(`href="/actions/`);
  });

  it('lets the coordinator mark that hit not identifying here, for those words only, shown and logged', async () => {
    const page = await as('coordinator').get(`/audits/${audit.auditId}/report`);
    expect(page.body).toContain('Mark as not identifying here');
    expect((await as('police lead').get(`/audits/${audit.auditId}/report`)).body).not.toContain(
      'Mark as not identifying here',
    );
    const key = /name="key" value="([0-9a-f]{32})"/.exec(page.body)![1]!;
    const url = `/audits/${audit.auditId}/report/not-identifying`;
    const empty = await as('coordinator').post(url, { key, reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`<a href="#reason-${key}">Enter why this is not identifying here</a>`);
    await as('panel').get(`/audits/${audit.auditId}/report`);
    expect((await as('panel').post(url, { key, reason: 'Not the family' })).statusCode).toBe(404);
    const reason = 'The daily briefing is the police morning meeting, not a person';
    expect((await as('coordinator').post(url, { key, reason })).statusCode).toBe(303);
    expect((await as('coordinator').get(`/audits/${audit.auditId}/report.html`)).statusCode).toBe(200);
    const shown = await as('coordinator').get(`/audits/${audit.auditId}/report`);
    expect(shown.body).toContain('Marked as not identifying here');
    expect(shown.body).toContain(`One of the words to check for in action: “${reason}”`);
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', audit.auditId)
      .where('action', '=', 'report.hit-not-identifying')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toMatchObject({ kind: 'custom', recordKind: 'action', reason });
    // The mark holds for the words it was made on: change the action's text and the hit is back.
    await t.database.db
      .updateTable('action')
      .set((eb) => ({ text: eb.fn('replace', ['text', eb.val('daily briefing'), eb.val('daily briefing each week')]) }))
      .where('audit_id', '=', audit.auditId)
      .execute();
    expect((await as('coordinator').get(`/audits/${audit.auditId}/report.html`)).statusCode).toBe(422);
  });
});

describe('the redaction guard on the demo’s reports', () => {
  it('finds nothing in the reports of the five seed audits, whose cases have fictional identities', async () => {
    const { partnershipId: demo } = await loadDemoPartnership(
      t.database.db,
      'demo-password-for-tests',
      t.config.encryptionKey,
    );
    const audits = await t.database.db
      .selectFrom('audit')
      .select(['id', 'reference'])
      .where('partnership_id', '=', demo)
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(5);
    const identities = await t.database.db
      .selectFrom('case_identity as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .innerJoin('audit as a', 'a.id', 'c.audit_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('a.partnership_id', '=', demo)
      .executeTakeFirstOrThrow();
    expect(Number(identities.n)).toBeGreaterThan(0);
    for (const a of audits) {
      const model = await buildReport(t.database.db, demo, a.id);
      const hits = await guardReport(
        t.database.db,
        t.services.redactionTerms,
        { id: a.id, partnershipId: demo },
        model,
        { userId: null, partnershipId: demo, correlationId: 'test', ip: null },
      );
      expect(
        hits.map((h) => `${h.hit.kind} in ${h.record.kind}: ${h.hit.context}`),
        a.reference,
      ).toEqual([]);
    }
  }, 60_000);
});
