import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../src/web/csrf.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let auditor: Browser;

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  const user = await aUser(partnershipId)
    .withRole('auditor')
    .inAgency(police)
    .exemptFromSecondFactor()
    .create(t.database.db);
  auditor = new Browser(t.app);
  await auditor.signIn(user.email, user.password);
});
afterAll(async () => t?.close());

async function newReturn() {
  const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
  await t.database.db
    .updateTable('audit')
    .set({ scope_from: '2018-01-01', scope_to: '2018-12-31' })
    .where('id', '=', audit.id)
    .execute();
  return aReturn(t.database.db, audit.caseIds[0]!, police);
}

function multipart(filename: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----maca${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(returnId: string, filename: string, content: Buffer, csrf?: string) {
  const token = csrf ?? csrfTokenFor(t.config.sessionSecret, auditor.cookies.get('maca_csrf')!);
  const { payload, contentType } = multipart(filename, content);
  return t.app.inject({
    method: 'POST',
    url: `/returns/${returnId}/chronology/import?_csrf=${encodeURIComponent(token)}`,
    payload,
    headers: { 'content-type': contentType, cookie: [...auditor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

async function waitFor(importId: string, statuses: string[]) {
  for (let i = 0; i < 200; i++) {
    const row = await t.database.db
      .selectFrom('chronology_import')
      .selectAll()
      .where('id', '=', importId)
      .executeTakeFirstOrThrow();
    if (statuses.includes(row.status)) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const CSV = [
  'Date,Type,Details,Recorded by,Impact,Action',
  '12/03/2018,Incident,Police called to the home after a row,PC 123,Negative,DASH completed',
  '31/02/2018,Incident,Impossible date,PC 1,Negative,',
  '01/01/2016,Referral,Before the scope,PC 1,,',
  '05/04/2018,Gossip,Unknown category,PC 1,,',
  '06/04/2018,Disclosure,,PC 1,,',
  '07/04/2018,Other,=HYPERLINK("http://evil"),PC 1,,',
  'April 2018,MARAC,Case heard at MARAC,DS 4,Neutral,Actions shared',
].join('\r\n');

async function mapAndCheck(importId: string, returnId: string, mapping: Record<string, string>) {
  await auditor.get(`/returns/${returnId}/chronology/import/${importId}`);
  const response = await auditor.post(`/returns/${returnId}/chronology/import/${importId}/mapping`, mapping);
  return response;
}

describe('chronology import', () => {
  it('previews every bad row with its reason, imports only the good rows on confirmation, and never twice', async () => {
    const returnId = await newReturn();
    await auditor.get(`/returns/${returnId}/chronology/import`);
    const uploaded = await upload(returnId, 'chronology.csv', Buffer.from(CSV));
    expect(uploaded.statusCode).toBe(303);
    const importId = uploaded.headers.location!.split('/').pop()!;
    const page = await auditor.get(uploaded.headers.location!);
    expect(page.body).toContain('Match the columns');
    const missing = await mapAndCheck(importId, returnId, { date: '0', event: '', category: '1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select the column that holds “What happened”');
    const same = await auditor.post(`/returns/${returnId}/chronology/import/${importId}/mapping`, {
      date: '0',
      event: '0',
      category: '1',
    });
    expect(same.body).toContain('uses the same column as');
    expect(
      (
        await mapAndCheck(importId, returnId, {
          date: '0',
          category: '1',
          event: '2',
          source: '3',
          impact: '4',
          actionTaken: '5',
        })
      ).statusCode,
    ).toBe(303);
    const checked = await waitFor(importId, ['previewed', 'failed']);
    expect(checked).toMatchObject({ status: 'previewed', total_rows: 7, good_rows: 2, bad_rows: 5 });
    const preview = await auditor.get(`/returns/${returnId}/chronology/import/${importId}`);
    expect(preview.body).toContain('Row 3');
    expect(preview.body).toContain('31/02/2018 is not a real date');
    expect(preview.body).toContain('outside the audit’s scope');
    expect(preview.body).toContain('the category “Gossip” is not one MACA knows');
    expect(preview.body).toContain('enter what happened');
    expect(preview.body).toContain('spreadsheet formula');
    expect(
      await t.database.db.selectFrom('chronology_entry').select('id').where('import_id', '=', importId).execute(),
    ).toHaveLength(0);
    expect((await auditor.post(`/returns/${returnId}/chronology/import/${importId}/confirm`, {})).statusCode).toBe(303);
    const done = await waitFor(importId, ['imported', 'failed']);
    expect(done).toMatchObject({ status: 'imported', imported_rows: 2 });
    expect(
      await t.database.db
        .selectFrom('chronology_upload_chunk')
        .select('seq')
        .where('import_id', '=', importId)
        .execute(),
    ).toHaveLength(0);

    const again = await upload(returnId, 'chronology again.csv', Buffer.from(CSV));
    const againId = again.headers.location!.split('/').pop()!;
    await mapAndCheck(againId, returnId, {
      date: '0',
      category: '1',
      event: '2',
      source: '3',
      impact: '4',
      actionTaken: '5',
    });
    expect(await waitFor(againId, ['previewed'])).toMatchObject({ good_rows: 0, duplicate_rows: 2 });
    const entries = await t.database.db
      .selectFrom('chronology_entry')
      .select('id')
      .where('agency_id', '=', police)
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(2);
  });

  it('reads a Windows-1252 CSV correctly', async () => {
    const returnId = await newReturn();
    await auditor.get(`/returns/${returnId}/chronology/import`);
    const text = 'Date,Category,Event\r\n12/03/2018,Other,Mother said the café visit cost £5 – she was upset\r\n';
    const uploaded = await upload(returnId, 'windows.csv', iconv.encode(text, 'win1252'));
    const importId = uploaded.headers.location!.split('/').pop()!;
    expect(
      (
        await t.database.db
          .selectFrom('chronology_import')
          .select('encoding')
          .where('id', '=', importId)
          .executeTakeFirstOrThrow()
      ).encoding,
    ).toBe('windows-1252');
    await mapAndCheck(importId, returnId, { date: '0', category: '1', event: '2' });
    await waitFor(importId, ['previewed']);
    await auditor.post(`/returns/${returnId}/chronology/import/${importId}/confirm`, {});
    await waitFor(importId, ['imported']);
    const entry = await t.database.db
      .selectFrom('chronology_entry')
      .select('event')
      .where('import_id', '=', importId)
      .executeTakeFirstOrThrow();
    expect(entry.event).toBe('Mother said the café visit cost £5 – she was upset');
  });

  it('reads an Excel workbook with real date cells, and refuses its formulas', async () => {
    const returnId = await newReturn();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Chronology');
    sheet.addRow(['When', 'Category', 'What happened']);
    sheet.addRow([new Date(Date.UTC(2018, 4, 9)), 'Strategy meeting', 'Strategy discussion held']);
    sheet.addRow([new Date(Date.UTC(2018, 4, 10)), 'Other', { formula: 'A1&B1' }]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await auditor.get(`/returns/${returnId}/chronology/import`);
    const uploaded = await upload(returnId, 'chronology.xlsx', buffer);
    const importId = uploaded.headers.location!.split('/').pop()!;
    await mapAndCheck(importId, returnId, { date: '0', category: '1', event: '2' });
    const checked = await waitFor(importId, ['previewed', 'failed']);
    expect(checked).toMatchObject({ good_rows: 1, bad_rows: 1 });
    expect(checked.problems[0]!.reason).toContain('spreadsheet formula');
  });

  it('refuses an empty file, a file that is not what its name says, and a forged form', async () => {
    const returnId = await newReturn();
    await auditor.get(`/returns/${returnId}/chronology/import`);
    expect((await upload(returnId, 'empty.csv', Buffer.alloc(0))).body).toContain('The selected file is empty');
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      Buffer.alloc(100),
    ]);
    expect((await upload(returnId, 'looks-like.csv', png)).body).toContain('must be a CSV or an Excel workbook');
    expect((await upload(returnId, 'x.csv', Buffer.from(CSV), 'forged')).statusCode).toBe(403);
    expect(
      await t.database.db.selectFrom('chronology_import').select('id').where('filename', '=', 'x.csv').execute(),
    ).toHaveLength(0);
  });

  it('refuses a file over 100 MB with a clear page, storing nothing', async () => {
    const returnId = await newReturn();
    await auditor.get(`/returns/${returnId}/chronology/import`);
    const big = Buffer.alloc(100 * 1024 * 1024 + 10, 'a');
    const response = await upload(returnId, 'huge.csv', big);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('must be smaller than 100 MB');
    expect(
      await t.database.db.selectFrom('chronology_import').select('id').where('filename', '=', 'huge.csv').execute(),
    ).toHaveLength(0);
  });
});
