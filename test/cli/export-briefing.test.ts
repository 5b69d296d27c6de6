import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureShippedBriefingTemplates } from '../../src/features/briefings/briefing-template-service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership } from '../support/builders.ts';
import { aReportedAudit, PLANTED, plantedTerms } from '../report/report-fixture.ts';
import { runMaca } from '../support/cli.ts';

const run = promisify(execFile);
let t: TestApp;
let auditId: string;
let reference: string;
let briefingId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-export-briefing-'));

const maca = (args: string[]) => runMaca(t.database.connectionString, args);

const section = (text: string) =>
  JSON.stringify([{ heading: 'What we found', text: `## Practice\n- ${text}\n\nA paragraph.` }]);

/** A briefing from the shipped 7-minute template: version 1 published, version 2 a later draft. */
async function aBriefing(partnershipId: string): Promise<string> {
  const db = t.database.db;
  await ensureShippedBriefingTemplates(db, partnershipId);
  const template = await db
    .selectFrom('briefing_template')
    .select(['id', 'kind'])
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', '=', 'briefing_7min')
    .executeTakeFirstOrThrow();
  const b = await db
    .insertInto('briefing')
    .values({
      audit_id: auditId,
      template_id: template.id,
      kind: template.kind,
      current_version: 2,
      published_version: 1,
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('briefing_version')
    .values([
      {
        briefing_id: b.id,
        number: 1,
        title: '7-minute briefing: Domestic abuse',
        sections: section('Published words about MARAC outcomes.'),
        note: 'Generated',
      },
      {
        briefing_id: b.id,
        number: 2,
        title: '7-minute briefing: Domestic abuse',
        sections: section('Draft words not yet published.'),
        note: 'Changed section 1',
      },
    ])
    .execute();
  return b.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  const partnershipId = await aPartnership().create(t.database.db);
  auditId = (await aReportedAudit(t.database.db, t.config, partnershipId)).auditId;
  reference = (
    await t.database.db.selectFrom('audit').select('reference').where('id', '=', auditId).executeTakeFirstOrThrow()
  ).reference;
  briefingId = await aBriefing(partnershipId);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('maca export-audit --briefing', () => {
  it('writes the published version as a standalone HTML document, by the template’s shipped key in any case, and logs it', async () => {
    const out = path.join(tmp, 'briefing.html');
    const res = await maca([
      'export-audit',
      reference,
      '--briefing',
      'BRIEFING_7MIN',
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Wrote .*briefing\.html \(published version 1, \d+ bytes\)\.\n$/);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>7-minute briefing: Domestic abuse</title>');
    expect(html).toContain('<h2>What we found</h2>');
    expect(html).toContain('<h3>Practice</h3>');
    expect(html).toContain('<li>Published words about MARAC outcomes.</li>');
    expect(html).not.toContain('Draft words');
    expect(html).not.toMatch(/<link|<script|src="http/);
    expect(html).toContain('Published version 1.');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'briefing.exported-by-cli')
      .where('record_id', '=', briefingId)
      .execute();
    expect(log).toEqual([{ detail: { auditId, version: 1, format: 'html' } }]);
  }, 120_000);

  it('writes Word and PDF by the template’s name, and the latest version when none is published', async () => {
    const docx = path.join(tmp, 'briefing.docx');
    expect(
      (await maca(['export-audit', auditId, '--briefing', '7-minute BRIEFING', '--format', 'docx', '--out', docx]))
        .code,
    ).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    await t.database.db
      .updateTable('briefing')
      .set({ published_version: null, published_at: null })
      .where('id', '=', briefingId)
      .execute();
    const pdf = path.join(tmp, 'briefing.pdf');
    const res = await maca([
      'export-audit',
      auditId,
      '--briefing',
      '7-minute briefing',
      '--format',
      'pdf',
      '--out',
      pdf,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('(draft version 2,');
    const text = (await run('pdftotext', [pdf, '-'])).stdout;
    expect(text).toContain('Draft words not yet published.');
    expect(text).toContain('Draft version 2.');
  }, 120_000);

  it('says when the audit has no briefing from the template, listing those it has', async () => {
    const res = await maca([
      'export-audit',
      auditId,
      '--briefing',
      'key_messages',
      '--format',
      'pdf',
      '--out',
      path.join(tmp, 'none.pdf'),
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `Audit ${reference} has no briefing from the template "key_messages". Its briefings:\n  - 7-minute briefing: Domestic abuse (template "7-minute briefing", draft, version 2)\n`,
    );
    expect(fs.existsSync(path.join(tmp, 'none.pdf'))).toBe(false);
  }, 120_000);

  it('refuses --report with --briefing, a report format, and a missing --out', async () => {
    const both = await maca([
      'export-audit',
      auditId,
      '--report',
      '--briefing',
      'briefing_7min',
      '--format',
      'pdf',
      '--out',
      path.join(tmp, 'x.pdf'),
    ]);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('Give either --report or --briefing, not both: each writes one document.\n');
    const xlsx = await maca([
      'export-audit',
      auditId,
      '--briefing',
      'briefing_7min',
      '--format',
      'xlsx',
      '--out',
      path.join(tmp, 'x.xlsx'),
    ]);
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toBe('--format for a briefing must be one of: docx, pdf, html.\n');
    const noOut = await maca(['export-audit', auditId, '--briefing', 'briefing_7min']);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain('--out');
  }, 120_000);

  it('refuses a briefing that names a child, listing the section without the name, writes nothing and logs it', async () => {
    const db = t.database.db;
    await db
      .insertInto('briefing_version')
      .values({
        briefing_id: briefingId,
        number: 3,
        title: '7-minute briefing: Domestic abuse',
        sections: section(`${PLANTED.childName} was not seen alone.`),
        note: 'Changed section 1',
      })
      .execute();
    await db
      .updateTable('briefing')
      .set({ current_version: 3, published_version: 3, published_at: new Date() })
      .where('id', '=', briefingId)
      .execute();
    const out = path.join(tmp, 'blocked.docx');
    const res = await maca(['export-audit', auditId, '--briefing', 'briefing_7min', '--format', 'docx', '--out', out]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'The briefing may identify someone, so it was not written. Correct these in the service, then export again:\n  1. a name in section 1\n',
    );
    for (const term of plantedTerms()) expect(res.stderr).not.toContain(term);
    expect(res.stderr).not.toContain('Tallulah');
    expect(fs.existsSync(out)).toBe(false);
    const log = await db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'briefing.export-blocked')
      .where('record_id', '=', briefingId)
      .execute();
    expect(log).toEqual([{ detail: { auditId, version: 3, format: 'docx', hits: 1 } }]);
  }, 120_000);
});
