import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/features/report/report-service.ts';
import { reportPlainText } from '../../src/features/report/report-model.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';
import type { Role } from '../../src/domain/roles.ts';
import { aReportedAudit, plantedTerms } from './report-fixture.ts';

const run = promisify(execFile);
let t: TestApp;
let partnershipId: string;
let audit: Awaited<ReturnType<typeof aReportedAudit>>;
const browsers = new Map<string, Browser>();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-report-test-'));
// LPT Health: its case 1 return signed off, not known to case 2 (worked out by hand).
const PARTICIPATION = '1 (out of the 2; 1 not known)';

async function signedIn(name: string, roles: Role[], agencyId?: string): Promise<Browser> {
  let builder = aUser(partnershipId)
    .withRole(...roles)
    .exemptFromSecondFactor();
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  const browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
  browsers.set(name, browser);
  return browser;
}
const as = (name: string) => browsers.get(name)!;

function expectNoIdentifyingDetail(text: string, format: string) {
  for (const term of plantedTerms()) expect(text, `${format} holds "${term}"`).not.toContain(term);
}

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  audit = await aReportedAudit(t.database.db, t.config, partnershipId);
  await signedIn('coordinator', ['coordinator']);
  await signedIn('panel', ['panel_member']);
  await signedIn('police lead', ['audit_lead'], audit.police);
  await signedIn('police auditor', ['auditor'], audit.police);
  await signedIn('administrator', ['administrator']);
  await signedIn('practitioner', ['practitioner']);
  await signedIn('action owner', ['action_owner'], audit.police);
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the report to the subgroup', () => {
  it('shows the report page with the participation table, each chart beside its table, the concern and its outcome, and logs the view', async () => {
    const page = await as('coordinator').get(`/audits/${audit.auditId}/report`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Report to the subgroup</h1>');
    expect(page.body).toContain(PARTICIPATION);
    expect(page.body).toContain('0 (out of the 2; 1 not known, 1 out of scope)');
    expect(page.body).toMatch(
      /<svg role="img" aria-labelledby="judgements-by-domain-ofsted-title judgements-by-domain-ofsted-desc"/,
    );
    expect(page.body).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--s">Judgements by domain: Outstanding / Good / Requires improvement / Inadequate</caption>',
    );
    expect(page.body).toContain('1 immediate safeguarding concern was raised');
    expect(page.body).toContain('Strategy discussion held the same day');
    expect(page.body).toContain('The MARAC outcome did not reach the health visitor.');
    expect(page.body).toContain('Add MARAC outcomes to the daily briefing.');
    expect(page.body).toContain('Child protection plan');
    expectNoIdentifyingDetail(page.body, 'page');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('record_id', '=', audit.auditId)
      .where('action', 'like', 'report.%')
      .execute();
    expect(log).toContainEqual({ action: 'report.viewed', detail: { format: 'page' } });
  });

  it('counts judgements from submitted and signed-off returns only, per domain and per agency', async () => {
    const model = await buildReport(t.database.db, partnershipId, audit.auditId);
    expect(model.returnsCounted).toBe(2);
    const planning = model.byDomain.find((d) => d.scaleKey === 'ofsted')!.rows.find((r) => r.label === 'Planning')!;
    expect(planning.total).toBe(2); // the draft's "outstanding" is left out
    expect(planning.counts).toEqual([0, 1, 0, 1]);
    const police = model.byAgency
      .find((d) => d.scaleKey === 'ofsted')!
      .rows.find((r) => r.label === 'Leicestershire Police')!;
    expect(police.counts).toEqual([0, 1, 1, 0]);
    expect(model.sample).toEqual({
      cases: 2,
      children: 3,
      casesAudited: 1,
      childrenAudited: 2,
      legalStatus: [
        { label: 'Child in need', count: 1 },
        { label: 'Child protection plan', count: 2 },
      ],
      ageBands: [
        { label: '1 to 4', count: 1 },
        { label: '5 to 9', count: 1 },
        { label: '10 to 15', count: 1 },
      ],
    });
    expectNoIdentifyingDetail(reportPlainText(model), 'plain text');
    expect(reportPlainText(model)).toContain(PARTICIPATION);
  });

  it('writes a Word file LibreOffice opens, with the participation table and no identifying detail', async () => {
    const response = await as('coordinator').get(`/audits/${audit.auditId}/report.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="report-test-[a-z0-9-]+\.docx"$/);
    const file = path.join(tmp, 'report.docx');
    fs.writeFileSync(file, response.rawPayload);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp}/lo-profile`,
        '--headless',
        '--convert-to',
        'txt:Text',
        '--outdir',
        tmp,
        file,
      ],
      { timeout: 120_000 },
    );
    const text = fs.readFileSync(path.join(tmp, 'report.txt'), 'utf8');
    expect(text).toContain('Participation');
    expect(text).toContain('Leicestershire Police');
    expect(text).toContain(PARTICIPATION);
    expect(text).toContain('Action plan');
    expect(text).toContain('Strategy discussion held the same day');
    expectNoIdentifyingDetail(text, 'docx');
    // Real Word heading styles and tables: LibreOffice turns Heading 1 and 2 into <h1> and <h2>.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${tmp}/lo-profile`,
        '--headless',
        '--convert-to',
        'html:HTML (StarWriter)',
        '--outdir',
        tmp,
        file,
      ],
      { timeout: 120_000 },
    );
    const html = fs.readFileSync(path.join(tmp, 'report.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*>(<[^>]+>)*Participation/);
    expect(html).toMatch(/<h2[^>]*>(<[^>]+>)*By domain/);
    expect(html).toMatch(/<table[^>]*>[\s\S]*Leicestershire\s+Police[\s\S]*<\/table>/);
  }, 150_000);

  it('writes a PDF whose text pdftotext reads, with the same content', async () => {
    const response = await as('panel').get(`/audits/${audit.auditId}/report.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const file = path.join(tmp, 'report.pdf');
    fs.writeFileSync(file, response.rawPayload);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Report to the subgroup');
    expect(text).toContain('Participation');
    expect(text).toContain('Leicestershire Police');
    expect(text).toContain('Judgements by domain: Outstanding / Good / Requires improvement / Inadequate');
    expect(text).toContain('Immediate safeguarding concerns');
    expect(text).toContain('interpreters for families speaking język polski');
    expectNoIdentifyingDetail(stdout, 'pdf');
    const plain = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(plain).toContain('1 (out of the 2; 1 not known)');
    expect(plain).toContain('Add MARAC outcomes to the daily briefing.');
  }, 60_000);

  it('writes a standalone HTML file with its own styles and the charts inline', async () => {
    const response = await as('coordinator').get(`/audits/${audit.auditId}/report.html`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('.html"');
    expect(response.body).toMatch(/^<!DOCTYPE html>/);
    expect(response.body).toContain('<style>');
    expect(response.body).not.toContain('/assets/');
    expect(response.body).toContain('<svg role="img"');
    expect(response.body).toContain(PARTICIPATION);
    expectNoIdentifyingDetail(response.body, 'html');
  });

  it('writes an Excel workbook with a sheet per table, formulas neutralised', async () => {
    const response = await as('coordinator').get(`/audits/${audit.auditId}/report.xlsx`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(['About', 'Participation', 'Action plan', 'Recommendations', 'Strengths and findings']),
    );
    const participation = workbook.getWorksheet('Participation')!;
    expect(participation.getRow(1).getCell(1).value).toBe('Agency');
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(`${c.value as string}`))));
    expect(cells).toContain(PARTICIPATION);
    expect(cells.some((c) => c.startsWith('=HYPERLINK'))).toBe(false);
    expect(cells).toContain(`'=HYPERLINK("http://example.com","Fathers were not seen in any case")`);
    expectNoIdentifyingDetail(cells.join('\n'), 'xlsx');
  });

  it('writes a CSV per table, formulas neutralised, and 404 for a table that does not exist', async () => {
    const participation = await as('coordinator').get(`/audits/${audit.auditId}/report/participation.csv`);
    expect(participation.statusCode).toBe(200);
    expect(participation.headers['content-type']).toContain('text/csv');
    expect(participation.body).toContain(`LPT Health,${PARTICIPATION}`);
    expect(participation.body).toContain('Leicestershire Police,1 (out of the 2; 1 return not received)');
    const findings = await as('coordinator').get(`/audits/${audit.auditId}/report/findings.csv`);
    expect(findings.body).toContain(`"'=HYPERLINK(""http://example.com""`);
    const plan = await as('coordinator').get(`/audits/${audit.auditId}/report/action-plan.csv`);
    expect(plan.body).toContain(
      'Add MARAC outcomes to the daily briefing.,Leicestershire Police,Pat Lead,1 February 2026,30 June 2099,On track,Green',
    );
    const byDomain = await as('coordinator').get(`/audits/${audit.auditId}/report/judgements-by-domain-ofsted.csv`);
    expect(byDomain.body).toContain('Planning,0,1,0,1,2');
    for (const r of [participation, findings, plan, byDomain]) expectNoIdentifyingDetail(r.body, 'csv');
    expect((await as('coordinator').get(`/audits/${audit.auditId}/report/no-such-table.csv`)).statusCode).toBe(404);
    const downloads = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', audit.auditId)
      .where('action', '=', 'report.downloaded')
      .execute();
    expect(downloads.map((d) => (d.detail as { format: string }).format)).toEqual(
      expect.arrayContaining(['docx', 'pdf', 'html', 'xlsx', 'csv']),
    );
  });

  it('is linked from the meeting record', async () => {
    const page = await as('panel').get(`/audits/${audit.auditId}/meeting`);
    expect(page.body).toContain(`href="/audits/${audit.auditId}/report">Report to the subgroup</a>`);
  });

  it('says no immediate safeguarding concerns were identified when none was raised', async () => {
    const quiet = await aReportedAudit(t.database.db, t.config, partnershipId, { concern: false, agencies: audit });
    const page = await as('coordinator').get(`/audits/${quiet.auditId}/report`);
    expect(page.body).toContain('No immediate safeguarding concerns were identified.');
  });
});

describe('who may read the report', () => {
  const urls = (id: string) => [
    `/audits/${id}/report`,
    `/audits/${id}/report.docx`,
    `/audits/${id}/report.pdf`,
    `/audits/${id}/report.html`,
    `/audits/${id}/report.xlsx`,
    `/audits/${id}/report/participation.csv`,
  ];

  it('lets the coordinator, the panel and an invited agency’s audit lead read it once it goes to the subgroup', async () => {
    for (const who of ['coordinator', 'panel', 'police lead']) {
      for (const url of urls(audit.auditId)) expect((await as(who).get(url)).statusCode, `${who} ${url}`).toBe(200);
    }
  }, 60_000);

  it('answers 404 to auditors, action owners, practitioners and administrators, and to an audit lead before the report stage', async () => {
    for (const who of ['police auditor', 'action owner', 'practitioner', 'administrator']) {
      for (const url of urls(audit.auditId)) expect((await as(who).get(url)).statusCode, `${who} ${url}`).toBe(404);
    }
    const early = await aReportedAudit(t.database.db, t.config, partnershipId, {
      status: 'discussion',
      agencies: audit,
    });
    expect((await as('police lead').get(`/audits/${early.auditId}/report`)).statusCode).toBe(404);
    expect((await as('panel').get(`/audits/${early.auditId}/report`)).statusCode).toBe(200);
  });

  it('answers 404 to another agency’s lead, to another partnership, and sends someone signed out to sign in', async () => {
    const other = await aReportedAudit(t.database.db, t.config, partnershipId, { suffix: ' (other)' });
    expect((await as('police lead').get(`/audits/${other.auditId}/report`)).statusCode).toBe(404);
    const elsewhere = await aPartnership().create(t.database.db);
    const foreign = await aReportedAudit(t.database.db, t.config, elsewhere);
    expect((await as('coordinator').get(`/audits/${foreign.auditId}/report.pdf`)).statusCode).toBe(404);
    expect((await as('coordinator').get('/audits/not-a-uuid/report')).statusCode).toBe(404);
    const anonymous = await new Browser(t.app).get(`/audits/${audit.auditId}/report.docx`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});
