import crypto from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBytes } from '../../src/domain/encryption.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let socialCare: string;
const b: Record<string, Browser> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  // A 2 MB limit keeps the test small while still storing a file in more than one 1 MB chunk.
  t = await buildTestApp({ env: { MACA_EVIDENCE_MAX_MB: '2' } });
  partnershipId = await aPartnership().create(t.database.db);
  socialCare = await anAgency(partnershipId).named('Social care').ofType('social_care').create(t.database.db);
  for (const [key, role] of [
    ['coordinator', 'coordinator'],
    ['panel', 'panel_member'],
    ['owner', 'action_owner'],
    ['otherOwner', 'action_owner'],
    ['practitioner', 'practitioner'],
  ] as const) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().named(`${key} person`);
    if (role === 'action_owner') builder = builder.inAgency(socialCare);
    const user = await builder.create(t.database.db);
    ids[key] = user.id;
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  }
});
afterAll(async () => t?.close());

async function anAction(): Promise<string> {
  const audit = await anAudit(partnershipId).inviting(socialCare).inStatus('monitoring').create(t.database.db);
  const row = await t.database.db
    .insertInto('action')
    .values({
      audit_id: audit.id,
      text: 'Brief all DSLs on MARAC outcomes',
      agency_id: socialCare,
      lead_user_id: ids.owner!,
      due_on: '2027-06-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sends the evidence form as a browser does: multipart, the CSRF token in the action's query string. */
async function upload(
  browser: Browser,
  actionId: string,
  file: { name: string; content: Buffer } | undefined,
  kind = 'completion',
  formPage = `/actions/${actionId}`,
): Promise<LightMyRequestResponse> {
  await browser.get(formPage);
  const boundary = `----maca${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  if (kind) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url: `/actions/${actionId}/evidence?_csrf=${encodeURIComponent(browser.csrfToken())}`,
    payload: Buffer.concat(parts),
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const pdf = (size = 2000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(size)]);
const evidenceRows = (actionId: string) =>
  t.database.db
    .selectFrom('action_evidence')
    .selectAll()
    .where('action_id', '=', actionId)
    .orderBy('created_at')
    .execute();

describe('evidence files on an action', () => {
  it('lets the lead upload a file, stored encrypted, listed, and downloaded by those who can read the action, every download logged', async () => {
    const actionId = await anAction();
    const content = pdf(1_500_000);
    const uploaded = await upload(b.owner!, actionId, { name: 'DSL briefing attendance.pdf', content });
    expect(uploaded.statusCode).toBe(303);
    expect(uploaded.headers.location).toBe(`/actions/${actionId}#evidence`);
    const [row] = await evidenceRows(actionId);
    expect(row).toMatchObject({ kind: 'completion', file_type: 'pdf', size_bytes: content.length });
    expect(row!.filename_encrypted).not.toContain('briefing');
    const chunks = await t.database.db
      .selectFrom('action_evidence_chunk')
      .select(['seq', 'data'])
      .where('evidence_id', '=', row!.id)
      .orderBy('seq')
      .execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
    // At rest each chunk is AES-GCM ciphertext, never the file's bytes.
    expect(
      chunks.every(
        (c) =>
          c.data.startsWith('v1.') && !c.data.includes(content.subarray(0, 300).toString('base64url').slice(0, 40)),
      ),
    ).toBe(true);
    expect(Buffer.concat(chunks.map((c) => decryptBytes(t.config.encryptionKey, c.data))).equals(content)).toBe(true);

    const page = await b.panel!.get(`/actions/${actionId}`);
    expect(page.body).toContain('DSL briefing attendance.pdf');
    expect(page.body).not.toContain(`/evidence/${row!.id}/delete`);
    const url = `/actions/${actionId}/evidence/${row!.id}`;
    for (const who of ['owner', 'panel', 'coordinator'] as const) {
      const download = await b[who]!.get(url);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(String(download.headers['content-disposition'])).toContain(
        'attachment; filename="DSL briefing attendance.pdf"',
      );
      expect(download.rawPayload.equals(content)).toBe(true);
    }
    expect((await b.otherOwner!.get(url)).statusCode).toBe(404);
    expect((await b.practitioner!.get(url)).statusCode).toBe(404);
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('record_id', '=', row!.id)
      .orderBy('at')
      .execute();
    expect(logged.map((l) => l.action)).toEqual([
      'action-evidence.uploaded',
      'action-evidence.downloaded',
      'action-evidence.downloaded',
      'action-evidence.downloaded',
    ]);
    expect(JSON.stringify(logged)).not.toContain('briefing');
  });

  it('accepts real Word, Excel, CSV, PNG, JPEG and text files as evidence of completion or impact', async () => {
    const actionId = await anAction();
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Audit of MARAC notifications')] }] }),
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Register').addRow(['School', 'Notified']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const files = [
      { name: 're-audit.docx', content: docx },
      { name: 'register.xlsx', content: xlsx },
      { name: 'attendance.csv', content: Buffer.from('school,date\r\nOakfield,2027-01-09\r\n') },
      {
        name: 'poster.png',
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]),
      },
      { name: 'photo.jpeg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]) },
      { name: 'summary.txt', content: Buffer.from('Schools now receive MARAC notifications within a day.') },
    ];
    for (const file of files) expect((await upload(b.coordinator!, actionId, file, 'impact')).statusCode).toBe(303);
    expect((await evidenceRows(actionId)).map((r) => [r.file_type, r.kind])).toEqual([
      ['docx', 'impact'],
      ['xlsx', 'impact'],
      ['csv', 'impact'],
      ['png', 'impact'],
      ['jpeg', 'impact'],
      ['txt', 'impact'],
    ]);
  });

  it('refuses a wrong type, a renamed file, a missing file or kind, and a file over the limit, naming the field', async () => {
    const actionId = await anAction();
    const exe = await upload(b.owner!, actionId, { name: 'tool.exe', content: Buffer.from('MZ\x90\x00') });
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain(
      '<a href="#file">The selected file must be a PDF, Word document (DOCX), Excel spreadsheet (XLSX), CSV, PNG, JPEG or text file</a>',
    );
    expect(exe.body).toContain('govuk-file-upload--error');
    const renamed = await upload(b.owner!, actionId, {
      name: 'minutes.pdf',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.body).toContain('The selected file is not a real PDF');
    const noKind = await upload(b.owner!, actionId, { name: 'minutes.pdf', content: pdf() }, '');
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain('<a href="#kind">Select whether the file is evidence of completion or of impact</a>');
    const noFile = await upload(b.owner!, actionId, undefined);
    expect(noFile.body).toContain('<a href="#file">Select a file</a>');
    const neither = await upload(b.owner!, actionId, undefined, '');
    expect(neither.body).toContain(
      '<a href="#kind">Select whether the file is evidence of completion or of impact</a>',
    );
    expect(neither.body).toContain('<a href="#file">Select a file</a>');
    const tooBig = await upload(b.owner!, actionId, { name: 'scan.pdf', content: pdf(2 * 1024 * 1024 + 10) }, 'impact');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('The selected file must be smaller than 2 MB');
    expect(tooBig.body).toMatch(/value="impact" checked/);
    expect(await evidenceRows(actionId)).toHaveLength(0);
    expect(t.config.evidenceMaxBytes).toBe(2 * 1024 * 1024);
  });

  it('lets only the lead or the coordinator upload and delete', async () => {
    const actionId = await anAction();
    expect((await upload(b.owner!, actionId, { name: 'notes.txt', content: Buffer.from('Done') })).statusCode).toBe(
      303,
    );
    const [row] = await evidenceRows(actionId);
    // Another agency's action owner, and the panel (who may read the action), may not add or delete.
    expect(
      (await upload(b.otherOwner!, actionId, { name: 'x.txt', content: Buffer.from('x') }, 'completion', '/my-actions'))
        .statusCode,
    ).toBe(404);
    expect((await upload(b.panel!, actionId, { name: 'x.txt', content: Buffer.from('x') })).statusCode).toBe(404);
    await b.panel!.get(`/actions/${actionId}`);
    expect((await b.panel!.post(`/actions/${actionId}/evidence/${row!.id}/delete`, {})).statusCode).toBe(404);
    await b.otherOwner!.get('/my-actions');
    expect((await b.otherOwner!.post(`/actions/${actionId}/evidence/${row!.id}/delete`, {})).statusCode).toBe(404);
    expect(await evidenceRows(actionId)).toHaveLength(1);
    await b.owner!.get(`/actions/${actionId}`);
    expect((await b.owner!.post(`/actions/${actionId}/evidence/${row!.id}/delete`, {})).statusCode).toBe(303);
    expect(await evidenceRows(actionId)).toHaveLength(0);
    expect(
      await t.database.db
        .selectFrom('action_evidence_chunk')
        .select('seq')
        .where('evidence_id', '=', row!.id)
        .execute(),
    ).toHaveLength(0);
    expect(
      (await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', row!.id).execute()).map(
        (l) => l.action,
      ),
    ).toContain('action-evidence.deleted');
  });
});
