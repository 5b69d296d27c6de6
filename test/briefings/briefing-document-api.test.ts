import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { ensureShippedBriefingTemplates } from '../../src/features/briefings/briefing-template-service.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';
import { aReportedAudit, PLANTED } from '../report/report-fixture.ts';

let t: TestApp;
let partnershipId: string;
let audit: Awaited<ReturnType<typeof aReportedAudit>>;
let briefingId: string;
const tokens = new Map<string, string>();
const browsers = new Map<string, Browser>();
const section = (text: string) => JSON.stringify([{ heading: 'Key messages', text: `- ${text}` }]);

async function tokenFor(name: string, partnership: string, roles: Role[], agencyId?: string) {
  let builder = aUser(partnership)
    .withRole(...roles)
    .exemptFromSecondFactor();
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  tokens.set(
    name,
    (
      await t.services.apiTokens.create(user.id, 'test', {
        userId: user.id,
        partnershipId: partnership,
        correlationId: null,
        ip: null,
      })
    ).token,
  );
  const browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
  browsers.set(name, browser);
}
const api = (name: string, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens.get(name)}` } });
const documentUrl = (format: string) => `/audits/${audit.auditId}/briefings/${briefingId}/document?format=${format}`;

async function newVersion(number: number, text: string) {
  await t.database.db
    .insertInto('briefing_version')
    .values({
      briefing_id: briefingId,
      number,
      title: 'Key messages: Domestic abuse',
      sections: section(text),
      note: 'Changed section 1',
    })
    .execute();
  await t.database.db.updateTable('briefing').set({ current_version: number }).where('id', '=', briefingId).execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  audit = await aReportedAudit(db, t.config, partnershipId);
  await ensureShippedBriefingTemplates(db, partnershipId);
  const template = await db
    .selectFrom('briefing_template')
    .select(['id', 'kind'])
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', '=', 'key_messages')
    .executeTakeFirstOrThrow();
  briefingId = (
    await db
      .insertInto('briefing')
      .values({ audit_id: audit.auditId, template_id: template.id, kind: template.kind })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('briefing_version')
    .values({
      briefing_id: briefingId,
      number: 1,
      title: 'Key messages: Domestic abuse',
      sections: section('MARAC outcomes reached the school.'),
      note: 'Generated',
    })
    .execute();
  await tokenFor('coordinator', partnershipId, ['coordinator']);
  await tokenFor('panel', partnershipId, ['panel_member']);
  await tokenFor('police lead', partnershipId, ['audit_lead'], audit.police);
  await tokenFor('police auditor', partnershipId, ['auditor'], audit.police);
  await tokenFor('administrator', partnershipId, ['administrator']);
  await tokenFor('practitioner', partnershipId, ['practitioner']);
  await tokenFor('elsewhere', await aPartnership('Elsewhere Partnership').create(db), ['coordinator']);
}, 60_000);
afterAll(async () => t?.close());

describe('GET /api/v1/audits/:auditId/briefings/:briefingId/document', () => {
  it('gives the coordinator and the panel the latest version as Word, PDF and standalone HTML, and logs each', async () => {
    const docx = await api('coordinator', documentUrl('docx'));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toBe('attachment; filename="key-messages-domestic-abuse.docx"');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await api('panel', documentUrl('pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await api('panel', documentUrl('html'));
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<li>MARAC outcomes reached the school.</li>');
    expect(html.body).toContain('Draft version 1.');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'briefing.downloaded')
      .where('record_id', '=', briefingId)
      .execute();
    expect(log.map((l) => (l.detail as { format: string }).format).sort()).toEqual(['docx', 'html', 'pdf']);
  });

  it('answers 404 to audit leads, auditors, administrators, practitioners and another partnership, and 400 to an unknown format', async () => {
    for (const who of ['police lead', 'police auditor', 'administrator', 'practitioner', 'elsewhere'])
      expect((await api(who, documentUrl('docx'))).statusCode, who).toBe(404);
    expect((await api('coordinator', documentUrl('xlsx'))).statusCode).toBe(400);
  });

  it('refuses a version naming a child, by the API with 422 and the hits and on the page’s downloads, the recorded value only for the coordinator, and logs it', async () => {
    await newVersion(2, `${PLANTED.childName} was not seen alone.`);
    const coordinator = await api('coordinator', documentUrl('pdf'));
    expect(coordinator.statusCode).toBe(422);
    const refusal = coordinator.json<{ error: { code: string }; hits: unknown }>();
    expect(refusal.error.code).toBe('identifying_details');
    expect(refusal.hits).toEqual([
      expect.objectContaining({
        kind: 'name',
        record: { type: 'section', number: 1 },
        matched: PLANTED.childName,
        value: PLANTED.childName,
      }),
    ]);
    const panel = await api('panel', documentUrl('html'));
    expect(panel.statusCode).toBe(422);
    expect(panel.json<{ hits: unknown[] }>().hits[0]).not.toHaveProperty('value');
    const page = `/audits/${audit.auditId}/briefings/${briefingId}`;
    const web = await browsers.get('coordinator')!.get(`${page}/briefing.pdf`);
    expect(web.statusCode).toBe(422);
    expect(web.headers['content-disposition']).toBeUndefined();
    expect(web.body).toContain(
      'Section 1 (Key messages) may identify someone: “Tallulah Quennell-Ashworth” looks like a name',
    );
    expect(web.body).toContain(`(“${PLANTED.childName}”)`);
    const panelWeb = await browsers.get('panel')!.get(`${page}/briefing.docx`);
    expect(panelWeb.statusCode).toBe(422);
    expect(panelWeb.body).not.toContain(`(“${PLANTED.childName}”)`);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'briefing.download-blocked')
      .where('record_id', '=', briefingId)
      .execute();
    expect(log.map((l) => (l.detail as { format: string }).format).sort()).toEqual(['docx', 'html', 'pdf', 'pdf']);
    await newVersion(3, 'The child was not seen alone.');
    expect((await api('panel', documentUrl('html'))).statusCode).toBe(200);
    expect((await browsers.get('coordinator')!.get(`${page}/briefing.pdf`)).statusCode).toBe(200);
  });

  it('is in the OpenAPI document with the report’s endpoint and the 422 answer', async () => {
    type Operation = { responses: Record<string, unknown>; parameters: { schema: { enum?: string[] } }[] };
    type Document = { paths: Record<string, { get: Operation }>; components: { responses: Record<string, unknown> } };
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<Document>();
    expect(doc.paths['/audits/{auditId}/briefings/{briefingId}/document']!.get.responses['422']).toEqual({
      $ref: '#/components/responses/IdentifyingDetails',
    });
    expect(doc.paths['/audits/{auditId}/report']!.get.parameters[1]!.schema.enum).toEqual([
      'json',
      'docx',
      'pdf',
      'html',
      'xlsx',
    ]);
    expect(doc.components.responses.IdentifyingDetails).toBeDefined();
  });
});
