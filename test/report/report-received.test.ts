import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/domain/briefing-template.ts';
import { loadBriefingModel } from '../../src/features/briefings/briefing-model.ts';
import { buildReport } from '../../src/features/report/report-service.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { anAgency, aPartnership, aUser } from '../support/builders.ts';

/**
 * Issue 12's audit: 3 cases with a child each, 3 agencies, 7 returns expected (police in all
 * three cases, the health trust in cases 1 and 2, the school in cases 1 and 3), 2 received, both
 * for case 1 (police submitted, school signed off); the health trust's case 1 return is a draft.
 */
const run = promisify(execFile);
let t: TestApp;
let browser: Browser;
let auditId: string;
let partnershipId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-received-'));
const SAMPLE =
  '3 cases with 3 children were selected; 1 case with 1 child was audited ' +
  '(at least one agency’s return received), from 2 of 7 expected returns.';
const POLICE = '1 (out of the 3; 2 returns not received)';
const HEALTH = '0 (out of the 3; 2 returns not received, 1 not known)';
const SCHOOL = '1 (out of the 3; 1 return not received, 1 out of scope)';
const GRADES = 'Overall single-agency grades, from 2 of 7 expected returns: 1 good and 1 requires improvement.';
// Agency, Outstanding, Good, Requires improvement, Inadequate, Total: worked out from the two returns received.
const GRADE_ROWS = [
  ['Police', '0', '1', '0', '0', '1'],
  ['School', '0', '0', '1', '0', '1'],
  ['All', '0', '1', '1', '0', '2'],
];

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  const police = await anAgency(partnershipId).named('Police').create(db);
  const health = await anAgency(partnershipId).named('Health trust').ofType('community_health').create(db);
  const school = await anAgency(partnershipId).named('School').ofType('education').create(db);
  const audit = await anAudit(partnershipId)
    .inviting(police, health, school)
    .withCases(3)
    .inStatus('reporting')
    .create(db);
  auditId = audit.id;
  const [c1, c2, c3] = audit.caseIds as [string, string, string];
  for (const caseId of audit.caseIds)
    await db.insertInto('case_child').values({ case_id: caseId, pseudonym: 'Child A', age_band: '5_9' }).execute();
  // Grades: police good, school requires improvement; the health trust's draft says inadequate and must not count.
  type Status = 'submitted' | 'signed_off' | 'in_progress' | 'not_started';
  const expected: [string, string, Status, string | null][] = [
    [c1, police, 'submitted', 'good'],
    [c2, police, 'not_started', null],
    [c3, police, 'not_started', null],
    [c1, health, 'in_progress', 'inadequate'],
    [c2, health, 'not_started', null],
    [c1, school, 'signed_off', 'requires_improvement'],
    [c3, school, 'not_started', null],
  ];
  for (const [caseId, agencyId, status, grade] of expected) {
    const id = await aReturn(db, caseId, agencyId);
    await db.updateTable('agency_return').set({ status, overall_grade: grade }).where('id', '=', id).execute();
  }
  await db.insertInto('involvement').values({ case_id: c3, agency_id: health, status: 'not_known' }).execute();
  await db.insertInto('involvement').values({ case_id: c2, agency_id: school, status: 'out_of_scope' }).execute();
  // Typed in a browser: its line break arrives as CRLF.
  await db
    .insertInto('finding')
    .values({ audit_id: auditId, kind: 'development', text: 'First line.\r\nSecond line.', across_cases: true })
    .execute();
  const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(db);
  browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the report counts what was received, never what was expected', () => {
  it('states the sample, the basis and each agency’s returns in the model (the API’s json)', async () => {
    const model = await buildReport(t.database.db, partnershipId, auditId);
    expect(model.sample).toMatchObject({ cases: 3, children: 3, casesAudited: 1, childrenAudited: 1 });
    expect(model.returnsCounted).toBe(2);
    expect(model.returnsExpected).toBe(7);
    expect(model.overallGrades.sentence).toBe(GRADES);
    expect(model.participation.map((r) => [r.agencyName, r.text])).toEqual([
      ['Health trust', HEALTH],
      ['Police', POLICE],
      ['School', SCHOOL],
    ]);
  });

  it('says so on the page, in the HTML file, the CSV and the workbook', async () => {
    const page = await browser.get(`/audits/${auditId}/report`);
    const html = await browser.get(`/audits/${auditId}/report.html`);
    for (const body of [page.body, html.body]) {
      expect(body).toContain(SAMPLE);
      for (const text of [POLICE, HEALTH, SCHOOL]) expect(body).toContain(text);
      expect(body).toContain('From 2 of 7 expected agency returns, received (submitted or signed off).');
      expect(body).not.toContain('3 cases with 3 children were audited');
      expect(body).toContain(GRADES);
      expect(body).toContain('Overall single-agency grades by agency');
      expect(body).not.toContain('Inadequate: 1');
    }
    const grades = await browser.get(`/audits/${auditId}/report/overall-grades.csv`);
    expect(grades.statusCode).toBe(200);
    expect(grades.body.trim().split(/\r?\n/)).toEqual([
      'Agency,Outstanding,Good,Requires improvement,Inadequate,Total',
      ...GRADE_ROWS.map((r) => r.join(',')),
    ]);
    const csv = await browser.get(`/audits/${auditId}/report/participation.csv`);
    expect(csv.body).toContain(`Health trust,"${HEALTH}"`);
    const xlsx = await browser.get(`/audits/${auditId}/report.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => cells.push(`${c.value as string}`))));
    expect(cells).toEqual(expect.arrayContaining([POLICE, HEALTH, SCHOOL]));
    const sheet = workbook.worksheets.find(
      (s) => s.getCell('A1').value === 'Agency' && s.getCell('F1').value === 'Total',
    );
    expect(sheet).toBeDefined();
    const rows: string[][] = [];
    sheet!.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1).map(String));
    });
    expect(rows).toEqual(GRADE_ROWS);
  });

  it('says so in the PDF', async () => {
    const pdf = await browser.get(`/audits/${auditId}/report.pdf`);
    const file = path.join(tmp, 'r.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(SAMPLE);
    expect(text).toContain('2 returns not received, 1 not known');
    expect(text).toContain(GRADES);
    expect(text).toContain('Overall single-agency grades by agency');
  });

  it('says so in the Word file', async () => {
    const docx = await browser.get(`/audits/${auditId}/report.docx`);
    const file = path.join(tmp, 'r.docx');
    fs.writeFileSync(file, docx.rawPayload);
    const xml = (await run('unzip', ['-p', file, 'word/document.xml'])).stdout;
    const text = xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
    expect(text).toContain(SAMPLE);
    for (const t2 of [POLICE, HEALTH, SCHOOL]) expect(text).toContain(t2);
    expect(text).toContain(GRADES);
    expect(text).toContain('Overall single-agency grades by agency');
  });

  it('fills a briefing’s placeholders with the true figures', async () => {
    const model = await loadBriefingModel(t.database.db, { id: auditId, partnershipId } as never);
    const [section] = fillTemplate(
      [
        {
          heading: 'What we did',
          body:
            '{{ counts.cases_in_words }} of {{ counts.cases_selected }} cases ({{ counts.children }} child) ' +
            'audited by {{ counts.agencies_involved }} of the {{ counts.agencies }} agencies invited, ' +
            '{{ returns_basis }}.\n\n{{ participation_table }}\n\n{{ overall_grades }}',
        },
      ],
      model,
    );
    expect(section!.text).toBe(
      'One of 3 cases (1 child) audited by 2 of the 3 agencies invited, from 2 of 7 expected returns.\n\n' +
        `- Health trust: ${HEALTH}\n- Police: ${POLICE}\n- School: ${SCHOOL}\n\n${GRADES}`,
    );
  });
});

describe('typed text keeps its line breaks, with no stray carriage return, in every format', () => {
  it('prints each line on its own line in the PDF, Word, HTML and Excel', async () => {
    const pdf = await browser.get(`/audits/${auditId}/report.pdf`);
    const file = path.join(tmp, 'lines.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = (await run('pdftotext', [file, '-'])).stdout;
    expect(text).toContain('First line.\nSecond line.');
    expect(text).not.toContain('\r');
    const docx = await browser.get(`/audits/${auditId}/report.docx`);
    fs.writeFileSync(path.join(tmp, 'lines.docx'), docx.rawPayload);
    const xml = (await run('unzip', ['-p', path.join(tmp, 'lines.docx'), 'word/document.xml'])).stdout;
    expect(xml).toMatch(
      /First line\.<\/w:t><\/w:r><w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:br\/><w:t[^>]*>Second line\./,
    );
    expect(xml).not.toContain('\r');
    const html = await browser.get(`/audits/${auditId}/report.html`);
    expect(html.body).toContain('<li class="maca-preserve-lines">First line.\nSecond line.</li>');
    const xlsx = await browser.get(`/audits/${auditId}/report.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Strengths and findings')!;
    const row = sheet.getRow(2);
    expect(row.getCell(3).value).toBe('First line.\nSecond line.');
    expect(row.getCell(3).alignment?.wrapText).toBe(true);
  });
});
