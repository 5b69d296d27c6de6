import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership } from '../support/builders.ts';
import { aReportedAudit, PLANTED, plantedTerms } from '../report/report-fixture.ts';
import { runMaca } from '../support/cli.ts';

const run = promisify(execFile);
let t: TestApp;
let auditId: string;
let reference: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-export-report-'));

const maca = (args: string[]) => runMaca(t.database.connectionString, args);

beforeAll(async () => {
  t = await buildTestApp();
  const partnershipId = await aPartnership().create(t.database.db);
  auditId = (await aReportedAudit(t.database.db, t.config, partnershipId)).auditId;
  reference = (
    await t.database.db.selectFrom('audit').select('reference').where('id', '=', auditId).executeTakeFirstOrThrow()
  ).reference;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('maca export-audit --report', () => {
  it('writes the report as PDF by the audit’s reference, and as Word by its id, and logs each export', async () => {
    const pdf = path.join(tmp, 'report.pdf');
    const byReference = await maca([
      'export-audit',
      reference.toLowerCase(),
      '--report',
      '--format',
      'pdf',
      '--out',
      pdf,
    ]);
    expect(byReference.stderr).toBe('');
    expect(byReference.code).toBe(0);
    expect(byReference.stdout).toMatch(/^Wrote .*report\.pdf \(\d+ bytes\)\.\n$/);
    const text = (await run('pdftotext', [pdf, '-'])).stdout;
    expect(text).toContain('Report to the subgroup');
    for (const term of plantedTerms()) expect(text).not.toContain(term);
    const docx = path.join(tmp, 'report.docx');
    expect((await maca(['export-audit', auditId, '--report', '--format', 'docx', '--out', docx])).code).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'report.exported-by-cli')
      .where('record_id', '=', auditId)
      .execute();
    expect(log.map((l) => (l.detail as { format: string }).format).sort()).toEqual(['docx', 'pdf']);
  }, 120_000);

  it('refuses a report whose finding names a child, listing the hit without the name, writes nothing and logs it; exports once corrected', async () => {
    const finding = await t.database.db
      .selectFrom('finding')
      .select(['id', 'text'])
      .where('audit_id', '=', auditId)
      .where('text', 'like', 'The MARAC outcome%')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('finding')
      .set({ text: `${PLANTED.childName} was not seen alone.` })
      .where('id', '=', finding.id)
      .execute();
    const out = path.join(tmp, 'blocked.html');
    const refused = await maca(['export-audit', auditId, '--report', '--format', 'html', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `The report may identify someone, so it was not written. Correct these in the service, then export again:\n  1. a name in a finding (${finding.id})\n`,
    );
    for (const term of plantedTerms()) expect(refused.stderr + refused.stdout).not.toContain(term);
    expect(fs.existsSync(out)).toBe(false);
    const blocked = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'report.download-blocked')
      .where('record_id', '=', auditId)
      .execute();
    expect(blocked).toEqual([{ detail: { format: 'html', hits: 1 } }]);
    await t.database.db.updateTable('finding').set({ text: finding.text }).where('id', '=', finding.id).execute();
    expect((await maca(['export-audit', auditId, '--report', '--format', 'html', '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(finding.text);
  }, 120_000);

  it('refuses an unknown audit, an unknown format, and a missing --report, with one message and exit code 1', async () => {
    const unknown = await maca([
      'export-audit',
      'NO-SUCH-AUDIT',
      '--report',
      '--format',
      'pdf',
      '--out',
      path.join(tmp, 'x.pdf'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('No audit with the id or reference "NO-SUCH-AUDIT".\n');
    const format = await maca([
      'export-audit',
      auditId,
      '--report',
      '--format',
      'odt',
      '--out',
      path.join(tmp, 'x.odt'),
    ]);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format for the report must be one of: docx, pdf, html, xlsx.');
    const nothing = await maca(['export-audit', auditId, '--format', 'pdf', '--out', path.join(tmp, 'x.pdf')]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('--report');
    expect(fs.existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
  }, 120_000);
});
