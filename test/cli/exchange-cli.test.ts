import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';
import { runMaca } from '../support/cli.ts';

let t: TestApp;
let audit: FullAudit;
let dir: string;
let coordinatorEmail: string;

const maca = (args: string[]) => runMaca(t.database.connectionString, args);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-exchange-cli-'));
  const p1 = await aPartnership('CLI Source').create(db);
  const agencies = [
    await anAgency(p1).named('Source Police').ofType('police').create(db),
    await anAgency(p1).named('Source Social Care').ofType('social_care').create(db),
  ];
  const coordinator = await aUser(p1).withRole('coordinator').create(db);
  coordinatorEmail = coordinator.email;
  audit = await aFullAudit(db, t.config.encryptionKey, {
    partnershipId: p1,
    agencyIds: agencies,
    leadUserId: coordinator.id,
  });
  const p2 = await aPartnership('CLI Target').create(db);
  await anAgency(p2).named('Target Police').ofType('police').create(db);
  await anAgency(p2).named('Source Social Care').ofType('social_care').create(db);
  await aUser(p2).withRole('coordinator').withEmail('target.coordinator@cli.example').create(db);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('maca export-audit and import-audit', () => {
  it('exports an audit by reference and imports it elsewhere, mapping an agency; a second import is refused', async () => {
    const file = path.join(dir, 'audit.json');
    const exported = await maca(['export-audit', audit.reference, '--format', 'json', '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('Exported 2 cases');
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; identities?: unknown };
    expect(document.format).toBe('maca-audit-exchange');
    expect(document.identities).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Exampleton');

    const missing = await maca(['import-audit', file, '--user', 'target.coordinator@cli.example']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Source Police (police)');
    expect(missing.stderr).toContain('--map-agency');
    expect(missing.stderr).not.toContain('Source Social Care (');

    const imported = await maca([
      'import-audit',
      file,
      '--user',
      'target.coordinator@cli.example',
      '--map-agency',
      'Source Police=Target Police',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported as audit ${audit.reference}`);
    expect(imported.stderr).toContain('Case 2 of 2');
    const target = await t.database.db
      .selectFrom('audit as a')
      .innerJoin('partnership as p', 'p.id', 'a.partnership_id')
      .select('a.id')
      .where('p.name', '=', 'CLI Target')
      .execute();
    expect(target).toHaveLength(1);

    const again = await maca([
      'import-audit',
      file,
      '--user',
      'target.coordinator@cli.example',
      '--map-agency',
      'Source Police=Target Police',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already imported');
    expect(again.stderr).toContain('--as-copy');
  });

  it('refuses what it cannot do with a clear message and exit code 1', async () => {
    const other = await maca(['export-audit', audit.reference, '--format', 'docx']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('--format json');
    const identities = await maca(['export-audit', audit.id, '--with-identities']);
    expect(identities.code).toBe(1);
    expect(identities.stderr).toContain('--with-identities needs --user');
    const withUser = await maca(['export-audit', audit.id, '--with-identities', '--user', coordinatorEmail]);
    expect(withUser.code).toBe(0);
    expect(withUser.stdout).toContain('IDENTIFYING DETAILS');
    expect((await maca(['export-audit', 'NO-SUCH-AUDIT'])).stderr).toContain('There is no audit');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"format": "maca-audit-exchange", "schemaVersion": 1, "cases": 3');
    const notJson = await maca(['import-audit', bad, '--partnership', 'CLI Target']);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('is not JSON');
    fs.writeFileSync(bad, JSON.stringify({ format: 'maca-audit-exchange', schemaVersion: 1, cases: 3 }));
    const invalid = await maca(['import-audit', bad, '--partnership', 'CLI Target']);
    expect(invalid.stderr).toContain('/cases: must be array');
    expect(invalid.stderr).not.toMatch(/at .*\.ts:\d+/);
    fs.writeFileSync(bad, JSON.stringify({ format: 'maca-audit-exchange', schemaVersion: 7 }));
    expect((await maca(['import-audit', bad, '--partnership', 'CLI Target'])).stderr).toContain(
      'version 7, newer than this system reads',
    );
  });
});
