import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { anAgency, aPartnership, aUser } from '../support/builders.ts';

/**
 * Two recommendations: the first made with its kind (training), the second recorded before kinds
 * were (none), so every format says "Kind: Training" and "Kind: Not stated".
 */
const run = promisify(execFile);
let t: TestApp;
let browser: Browser;
let auditId: string;
let coordinatorId: string;
let partnershipId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-kinds-'));
const FIRST = 'Train every designated safeguarding lead in the neglect toolkit.';
const SECOND = 'Review the escalation procedure.';

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  const police = await anAgency(partnershipId).named('Police').create(db);
  auditId = (await anAudit(partnershipId).inviting(police).inStatus('reporting').create(db)).id;
  await db
    .insertInto('recommendation')
    .values([
      { audit_id: auditId, text: FIRST, addressed_to: 'partnership', kind: 'training', created_at: '2026-01-01' },
      { audit_id: auditId, text: SECOND, addressed_to: 'all_agencies', created_at: '2026-01-02' },
    ])
    .execute();
  const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(db);
  coordinatorId = user.id;
  browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the report says what kind each recommendation is, in every format', () => {
  it('on the page and in the HTML file', async () => {
    for (const url of [`/audits/${auditId}/report`, `/audits/${auditId}/report.html`]) {
      const response = await browser.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Kind: Training. For: The partnership.');
      expect(response.body).toContain('Kind: Not stated. For: All agencies.');
    }
  });

  it('in the Word file and the PDF', async () => {
    const docx = await browser.get(`/audits/${auditId}/report.docx`);
    fs.writeFileSync(path.join(tmp, 'r.docx'), docx.rawPayload);
    const xml = (await run('unzip', ['-p', path.join(tmp, 'r.docx'), 'word/document.xml'])).stdout;
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain(`1. ${FIRST} Kind: Training. For: The partnership.`);
    expect(words).toContain(`2. ${SECOND} Kind: Not stated. For: All agencies.`);
    const pdf = await browser.get(`/audits/${auditId}/report.pdf`);
    fs.writeFileSync(path.join(tmp, 'r.pdf'), pdf.rawPayload);
    const text = (await run('pdftotext', [path.join(tmp, 'r.pdf'), '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`1. ${FIRST} Kind: Training. For: The partnership.`);
    expect(text).toContain(`2. ${SECOND} Kind: Not stated. For: All agencies.`);
  });

  it('in the workbook and the CSV, as a column', async () => {
    const xlsx = await browser.get(`/audits/${auditId}/report.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Recommendations')!;
    const rows = [1, 2, 3].map((n) => [1, 2, 3, 4].map((c) => sheet.getRow(n).getCell(c).text));
    expect(rows).toEqual([
      ['Number', 'Recommendation', 'Kind', 'For'],
      ['1', FIRST, 'Training', 'The partnership'],
      ['2', SECOND, 'Not stated', 'All agencies'],
    ]);
    const csv = await browser.get(`/audits/${auditId}/report/recommendations.csv`);
    expect(csv.statusCode).toBe(200);
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .slice(0, 3),
    ).toEqual([
      'Number,Recommendation,Kind,For',
      `1,${FIRST},Training,The partnership`,
      `2,${SECOND},Not stated,All agencies`,
    ]);
  });

  it('in the API’s model', async () => {
    const { token } = await t.services.apiTokens.create(coordinatorId, 'test', {
      userId: coordinatorId,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audits/${auditId}/report`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(200);
    const model = api.json<{ recommendations: { number: number; kind: string }[] }>();
    expect(model.recommendations.map((r) => [r.number, r.kind])).toEqual([
      [1, 'Training'],
      [2, 'Not stated'],
    ]);
  });
});
