import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '../../src/domain/case-identity.ts';
import { decrypt } from '../../src/domain/encryption.ts';
import { deleteExpiredUploads } from '../../src/features/cases/candidate-repository.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { casePeople, logged, text, upload, uploadAction, wholeLog, type CasePeople } from './support.ts';

let t: TestApp;
let people: CasePeople;

beforeAll(async () => {
  t = await buildTestApp();
  people = await casePeople(t);
});
afterAll(async () => t?.close());

const HEADER = 'Mosaic ID,Child name,DOB,Legal status,Gender,Ethnicity';
const STATUSES = ['CIN', 'CP', 'LAC', 'Early help'];
const ETHNICITIES = ['White British', 'Indian', 'Black African', 'Not known', 'Irish'];

/** A list of `rows` good candidates, plus any extra lines. */
function csv(rows: number, extra: string[] = []): Buffer {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const year = 2008 + (i % 16);
    lines.push(
      `M${1000 + i},Testchild ${i},0${1 + (i % 9)}/0${1 + (i % 9)}/${year},${STATUSES[i % 4]},${i % 2 ? 'F' : 'M'},${ETHNICITIES[i % 5]}`,
    );
  }
  return Buffer.from([...lines, ...extra].join('\r\n'));
}

async function newAudit() {
  return anAudit(people.partnershipId).withCases(0).inStatus('planning').create(t.database.db);
}

async function uploadFile(
  auditId: string,
  content: Buffer,
  name = 'cin-list.csv',
  fields: Record<string, string> = {},
) {
  const browser = people.coordinator.browser;
  return upload(
    t,
    browser,
    await uploadAction(browser, auditId),
    { name, content },
    { sourceAgencyId: people.police, ...fields },
  );
}

/** Upload, accept the guessed mapping, and import; returns the list's page URL. */
async function importList(auditId: string, content: Buffer) {
  const browser = people.coordinator.browser;
  const uploaded = await uploadFile(auditId, content);
  expect(uploaded.statusCode).toBe(303);
  const mappingUrl = uploaded.headers.location!;
  const mapping = await browser.get(mappingUrl);
  const selected = (field: string) =>
    new RegExp(`<select[^>]*name="${field}"[\\s\\S]*?<option value="(\\d*)" selected`).exec(mapping.body)?.[1] ?? '';
  const form = Object.fromEntries(
    ['legalStatus', 'ageYears', 'dateOfBirth', 'ageBand', 'sex', 'ethnicity', 'name', 'recordNumber', 'address'].map(
      (f) => [f, selected(f)],
    ),
  );
  const mapped = await browser.post(mappingUrl, { ...form, recordLabel: 'Mosaic ID' });
  expect(mapped.statusCode).toBe(303);
  await browser.get(mapped.headers.location!);
  const imported = await browser.post(mapped.headers.location!.replace(/preview$/, 'import'), { leaveOut: 'yes' });
  expect(imported.statusCode).toBe(303);
  return { listUrl: imported.headers.location!, previewUrl: mapped.headers.location! };
}

describe('candidate lists', () => {
  it('uploads, maps, previews every bad row and imports only on confirmation, keeping identifying columns encrypted', async () => {
    const audit = await newAudit();
    const browser = people.coordinator.browser;
    const uploaded = await uploadFile(
      audit.id,
      csv(3, [
        'M9,Bad One,31/02/2015,CP?,F,White British',
        'M10,Bad Two,,CIN,F,Irish',
        'M11,Bad Three,01/01/2012,CIN,X,Irish',
      ]),
    );
    expect(uploaded.statusCode).toBe(303);
    const stored = await t.database.db
      .selectFrom('candidate_upload')
      .select(['encrypted', 'expires_at'])
      .executeTakeFirstOrThrow();
    expect(stored.encrypted).not.toContain('Testchild');
    expect(stored.expires_at.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    const mapping = await browser.get(uploaded.headers.location!);
    expect(mapping.statusCode).toBe(200);
    expect(mapping.body).toMatch(/name="legalStatus"[\s\S]*?<option value="3" selected>Legal status<\/option>/);
    const missing = await browser.post(uploaded.headers.location!, {
      legalStatus: '',
      sex: '4',
      ethnicity: '5',
      recordLabel: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(text(missing.body)).toContain('Select the column that holds the legal status');
    expect(text(missing.body)).toContain('Select the column that holds the age, the date of birth or the age band');
    const mapped = await browser.post(uploaded.headers.location!, {
      legalStatus: '3',
      dateOfBirth: '2',
      sex: '4',
      ethnicity: '5',
      name: '1',
      recordNumber: '0',
      recordLabel: 'Mosaic ID',
    });
    expect(mapped.statusCode).toBe(303);

    const preview = text((await browser.get(mapped.headers.location!)).body);
    expect(preview).toContain('3 rows can be imported; 3 rows have problems');
    expect(preview).toContain(
      "Row 5: legal status 'CP?' is not one of none, early help, child in need, child protection, looked after; date of birth '31/02/2015' is not a real date",
    );
    expect(preview).toContain('Row 6: there is no age, date of birth or age band');
    expect(preview).toContain("Row 7: sex 'X' is not one of female, male, not known");
    expect(preview).toContain('Child name (encrypted)');

    const importUrl = mapped.headers.location!.replace(/preview$/, 'import');
    const unconfirmed = await browser.post(importUrl, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(text(unconfirmed.body)).toContain('Confirm that the 3 rows with problems will be left out');
    expect(await t.database.db.selectFrom('candidate').select('id').execute()).toHaveLength(0);

    const imported = await browser.post(importUrl, { leaveOut: 'yes' });
    expect(imported.statusCode).toBe(303);
    const listPage = await browser.get(imported.headers.location!);
    expect(text(listPage.body)).toContain('3 candidates imported');
    expect(listPage.body).not.toContain('Testchild');
    const candidates = await t.database.db.selectFrom('candidate').selectAll().orderBy('row_number').execute();
    expect(candidates.map((c) => [c.row_number, c.legal_status, c.sex, c.ethnicity])).toEqual([
      [2, 'child_protection', 'female', 'asian_indian'],
      [3, 'looked_after', 'male', 'black_african'],
      [4, 'early_help', 'female', 'not_known'],
    ]);
    expect(candidates[0]!.identity_encrypted).not.toContain('Testchild');
    expect(JSON.parse(decrypt(t.config.encryptionKey, candidates[0]!.identity_encrypted!))).toMatchObject({
      name: 'Testchild 1',
      recordNumber: 'M1001',
      recordLabel: 'Mosaic ID',
    });
    expect(await t.database.db.selectFrom('candidate_upload').select('id').execute()).toHaveLength(0);
    expect(await logged(t, 'candidate-list.imported')).toHaveLength(1);
    expect(await wholeLog(t)).not.toContain('Testchild');
  });

  it('reads an Excel workbook and refuses formula cells by row', async () => {
    const audit = await newAudit();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('List');
    sheet.addRow(['Legal status', 'Age', 'Sex', 'Ethnicity']);
    sheet.addRow(['Child in need', 4, 'Female', 'Roma']);
    sheet.addRow([{ formula: 'CONCAT("C","P")', result: 'CP' }, 4, 'Female', 'Roma']);
    const uploaded = await uploadFile(audit.id, Buffer.from(await workbook.xlsx.writeBuffer()), 'list.xlsx');
    expect(uploaded.statusCode).toBe(303);
    await people.coordinator.browser.post(uploaded.headers.location!, {
      legalStatus: '0',
      ageYears: '1',
      sex: '2',
      ethnicity: '3',
    });
    const preview = text(
      (await people.coordinator.browser.get(uploaded.headers.location!.replace(/mapping$/, 'preview'))).body,
    );
    expect(preview).toContain('1 row can be imported; 1 row has problems');
    expect(preview).toContain("Row 3: column 'Legal status' holds a spreadsheet formula");
  });

  it('explains an empty file, a file that is not a list whatever its name, and a missing file', async () => {
    const audit = await newAudit();
    const empty = await uploadFile(audit.id, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(text(empty.body)).toContain('The selected file is empty');
    const pdf = await uploadFile(
      audit.id,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 0, 1, 2, 3])]),
      'list.csv',
    );
    expect(text(pdf.body)).toContain('The selected file must be a CSV or an Excel workbook (.xlsx)');
    const browser = people.coordinator.browser;
    const none = await upload(t, browser, await uploadAction(browser, audit.id), undefined, {});
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain('Select a CSV or Excel file');
    expect(
      await t.database.db.selectFrom('candidate_upload').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
  });

  it('refuses a file over 50 MB with a 413 page, storing nothing', async () => {
    const audit = await newAudit();
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x41);
    const response = await uploadFile(audit.id, big, 'huge.csv');
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('<title>Error:');
    expect(text(response.body)).toContain('The selected file must be smaller than 50 MB');
    expect(
      await t.database.db.selectFrom('candidate_upload').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
  });

  it('refuses an upload with a missing or forged CSRF token before reading it', async () => {
    const audit = await newAudit();
    const browser = people.coordinator.browser;
    for (const url of [`/audits/${audit.id}/candidates/upload`, `/audits/${audit.id}/candidates/upload?_csrf=forged`]) {
      const response = await upload(t, browser, url, { name: 'list.csv', content: csv(2) });
      expect(response.statusCode).toBe(403);
      expect(text(response.body)).toContain('Your form could not be sent');
    }
    expect(
      await t.database.db.selectFrom('candidate_upload').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
  });

  it('imports all or nothing: a row that fails leaves no half-imported list', async () => {
    const audit = await newAudit();
    const browser = people.coordinator.browser;
    const uploaded = await uploadFile(audit.id, csv(2500));
    await browser.post(uploaded.headers.location!, { legalStatus: '3', dateOfBirth: '2', sex: '4', ethnicity: '5' });
    const db = t.database.db;
    const before = await db
      .selectFrom('candidate')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await sql`CREATE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN IF NEW.row_number = 2200 THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
      db,
    );
    await sql`CREATE TRIGGER refuse_row BEFORE INSERT ON candidate FOR EACH ROW EXECUTE FUNCTION refuse_row()`.execute(
      db,
    );
    try {
      const importUrl = uploaded.headers.location!.replace(/mapping$/, 'import');
      await browser.get(uploaded.headers.location!.replace(/mapping$/, 'preview'));
      const failed = await browser.post(importUrl, {});
      expect(failed.statusCode).toBe(500);
      expect(text(failed.body)).toContain('The list could not be imported and nothing was saved');
      expect(
        await db.selectFrom('candidate_list').select('id').where('audit_id', '=', audit.id).execute(),
      ).toHaveLength(0);
      expect(
        await db
          .selectFrom('candidate')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ).toEqual(before);
      expect(
        await db.selectFrom('candidate_upload').select('id').where('audit_id', '=', audit.id).execute(),
      ).toHaveLength(1);
    } finally {
      await sql`DROP TRIGGER refuse_row ON candidate`.execute(db);
      await sql`DROP FUNCTION refuse_row()`.execute(db);
    }
  });

  it('lets the coordinator delete an upload before importing it', async () => {
    const audit = await newAudit();
    const uploaded = await uploadFile(audit.id, csv(2));
    const browser = people.coordinator.browser;
    await browser.get(uploaded.headers.location!);
    const discarded = await browser.post(uploaded.headers.location!.replace(/mapping$/, 'discard'), {});
    expect(discarded.statusCode).toBe(303);
    expect(text((await browser.get(discarded.headers.location!)).body)).toContain('The upload has been deleted');
    expect((await browser.get(uploaded.headers.location!)).statusCode).toBe(404);
    expect(await logged(t, 'candidate-list.discarded')).toHaveLength(1);
  });

  it('deletes uploads left for more than 24 hours', async () => {
    const audit = await newAudit();
    await uploadFile(audit.id, csv(2));
    expect(await deleteExpiredUploads(t.database.db, new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(
      await t.database.db.selectFrom('candidate_upload').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
  });
});

describe('picking cases', () => {
  it('draws a reproducible stratified sample, shows its balance, and makes cases with the identity copied', async () => {
    const audit = await newAudit();
    const { listUrl } = await importList(audit.id, csv(40));
    const browser = people.coordinator.browser;
    const listPage = await browser.get(listUrl);
    expect(listPage.statusCode).toBe(200);
    expect(listPage.body).toMatch(/name="seed"[^>]*value="[0-9a-f]{8}"/);
    const tooMany = await browser.post(`${listUrl}/draws`, { strata: ['legalStatus', 'sex'], size: '41', seed: 'abc' });
    expect(tooMany.statusCode).toBe(400);
    expect(text(tooMany.body)).toContain('The list has 40 candidates: enter 40 or fewer');
    const drawn = await browser.post(`${listUrl}/draws`, {
      strata: ['legalStatus', 'sex'],
      size: '8',
      seed: 'spring-2025',
    });
    expect(drawn.statusCode).toBe(303);
    const again = await browser.post(`${listUrl}/draws`, {
      strata: ['legalStatus', 'sex'],
      size: '8',
      seed: 'spring-2025',
    });
    const draws = await t.database.db
      .selectFrom('sampling_draw')
      .select(['seed', 'strata', 'sample_size', 'candidate_ids'])
      .where('audit_id', '=', audit.id)
      .execute();
    expect(draws).toHaveLength(2);
    expect(new Set(draws[1]!.candidate_ids)).toEqual(new Set(draws[0]!.candidate_ids));
    expect(draws[0]).toMatchObject({ seed: 'spring-2025', strata: ['legalStatus', 'sex'], sample_size: 8 });
    expect(draws[0]!.candidate_ids).toHaveLength(8);
    expect(again.headers.location).not.toBe(drawn.headers.location);

    const drawPage = text((await browser.get(drawn.headers.location!)).body);
    expect(drawPage).toContain('Yes drawing again with this seed gives the same sample');
    expect(drawPage).toContain('Balance of the sample');
    expect(drawPage).toMatch(/Child in need 10 25% 2 25%/);
    expect(drawPage).not.toContain('Testchild');

    const made = await browser.post(`${listUrl}/cases`, { drawId: drawn.headers.location!.split('/').pop()! });
    expect(made.statusCode).toBe(303);
    expect(text((await browser.get(made.headers.location!)).body)).toContain('8 cases added: Case 1, Case 2');
    const cases = await t.database.db
      .selectFrom('audit_case')
      .select(['id', 'reference', 'selection_reason', 'criteria', 'source_agency_id'])
      .where('audit_id', '=', audit.id)
      .orderBy('position')
      .execute();
    expect(cases).toHaveLength(8);
    expect(cases[0]!.selection_reason).toContain('Stratified random sample (seed spring-2025)');
    expect(cases[0]!.source_agency_id).toBe(people.police);
    const child = await t.database.db
      .selectFrom('case_child')
      .selectAll()
      .where('case_id', '=', cases[0]!.id)
      .executeTakeFirstOrThrow();
    expect(child).toMatchObject({ pseudonym: 'Child A' });
    expect(child.age_years).not.toBeNull();
    const identityRow = await t.database.db
      .selectFrom('case_identity')
      .select('encrypted')
      .where('case_id', '=', cases[0]!.id)
      .executeTakeFirstOrThrow();
    const identity = readIdentity(decrypt(t.config.encryptionKey, identityRow.encrypted));
    expect(identity.children[0]).toMatchObject({
      childId: child.id,
      name: expect.stringMatching(/^Testchild \d+$/) as unknown,
    });
    expect(identity.records[0]).toMatchObject({ agencyId: people.police, label: 'Mosaic ID' });

    const twice = await browser.post(`${listUrl}/cases`, { drawId: drawn.headers.location!.split('/').pop()! });
    expect(text((await browser.get(twice.headers.location!)).body)).toContain(
      '8 of the candidates chosen were already a case in this audit',
    );
    expect(text((await browser.get(listUrl)).body)).toContain('Balance of the cases already made from this list');
    expect(await logged(t, 'sampling.drawn')).toHaveLength(2);
  });

  it('makes cases from candidates chosen by hand, filtered, and numbers them after existing cases', async () => {
    const audit = await newAudit();
    const browser = people.coordinator.browser;
    await browser.get(`/audits/${audit.id}/cases/new`);
    await browser.post(`/audits/${audit.id}/cases`, {
      reference: 'Case 1',
      selectionReason: 'Nominated',
      selectedBy: 'QA',
      criteria: [],
      criteriaOther: '',
      sourceAgencyId: '',
    });
    const { listUrl } = await importList(audit.id, csv(12));
    const filtered = await browser.get(`${listUrl}?legalStatus=looked_after`);
    expect(text(filtered.body)).toContain('3 candidates match the filters');
    const ids = [...filtered.body.matchAll(/name="candidates" type="checkbox" value="([0-9a-f-]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(ids).toHaveLength(3);
    const none = await browser.post(`${listUrl}/cases`, {});
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain('Select at least one candidate');
    const made = await browser.post(`${listUrl}/cases`, { candidates: ids.slice(0, 2) });
    expect(text((await browser.get(made.headers.location!)).body)).toContain('2 cases added: Case 2, Case 3');
    const reasons = await t.database.db
      .selectFrom('audit_case')
      .select('selection_reason')
      .where('audit_id', '=', audit.id)
      .where('candidate_id', 'is not', null)
      .execute();
    expect(reasons[0]!.selection_reason).toMatch(
      /^Selected by hand from the candidate list cin-list\.csv \(row \d+\)$/,
    );
    const children = await t.database.db
      .selectFrom('case_child as c')
      .innerJoin('audit_case as a', 'a.id', 'c.case_id')
      .select(['c.legal_status'])
      .where('a.audit_id', '=', audit.id)
      .execute();
    expect(children.map((c) => c.legal_status)).toEqual(['looked_after', 'looked_after']);
  });

  it('keeps candidate lists to the coordinator', async () => {
    const audit = await anAudit(people.partnershipId)
      .withCases(0)
      .inviting(people.police)
      .inStatus('planning')
      .create(t.database.db);
    const { listUrl } = await importList(audit.id, csv(3));
    for (const who of [people.panel, people.policeLead, people.policeAuditor, people.administrator]) {
      expect((await who.browser.get(`/audits/${audit.id}/candidates`)).statusCode).toBe(404);
      expect((await who.browser.get(listUrl)).statusCode).toBe(404);
      expect((await who.browser.post(`${listUrl}/draws`, { size: '1', seed: 'x' })).statusCode).toBe(404);
    }
  });
});
