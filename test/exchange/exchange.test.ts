import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { findUserById, toCurrentUser } from '../../src/features/auth/user-repository.ts';
import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import type { ExchangeService } from '../../src/features/exchange/exchange-service.ts';
import { canonicalJson, sha256 } from '../../src/features/exchange/exchange-schema.ts';
import type { CurrentUser } from '../../src/web/request-context.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { aFullAudit, type FullAudit } from '../support/exchange-builders.ts';
import { anAudit } from '../support/audit-builders.ts';
import { createServices } from '../../src/services.ts';

/**
 * The audit exchange file: a full audit exported, imported into a second partnership and exported
 * again gives the same document; and every way an import can be refused leaves nothing behind.
 */
let database: TestDatabase;
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
let exchange: ExchangeService;
let source: { partnershipId: string; coordinator: CurrentUser; administrator: CurrentUser; audit: FullAudit };
let target: {
  partnershipId: string;
  coordinator: CurrentUser;
  administrator: CurrentUser;
  agencies: Record<string, string>;
};
const actorOf = (user: CurrentUser) => ({
  userId: user.id,
  partnershipId: user.partnershipId,
  correlationId: 'test',
  ip: null,
});

async function person(
  partnershipId: string,
  role: 'coordinator' | 'administrator',
  name: string,
): Promise<CurrentUser> {
  const { id } = await aUser(partnershipId).withRole(role).named(name).create(database.db);
  return toCurrentUser((await findUserById(database.db, id))!);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  exchange = createServices({ config, db }).exchange;
  const p1 = await aPartnership('Leicester, Leicestershire and Rutland').create(db);
  const agencies = [
    await anAgency(p1).named('Leicestershire Police').ofType('police').create(db),
    await anAgency(p1).named("Children's Social Care").ofType('social_care').create(db),
    await anAgency(p1).named('Community Health').ofType('community_health').create(db),
  ];
  const coordinator = await person(p1, 'coordinator', 'Source Coordinator');
  source = {
    partnershipId: p1,
    coordinator,
    administrator: await person(p1, 'administrator', 'Source Admin'),
    audit: await aFullAudit(db, config.encryptionKey, {
      partnershipId: p1,
      agencyIds: agencies,
      leadUserId: coordinator.id,
    }),
  };
  const p2 = await aPartnership('Northamptonshire').create(db);
  target = {
    partnershipId: p2,
    coordinator: await person(p2, 'coordinator', 'Target Coordinator'),
    administrator: await person(p2, 'administrator', 'Target Admin'),
    agencies: {
      police: await anAgency(p2).named('leicestershire police').ofType('police').create(db),
      social: await anAgency(p2).named("Children's Social Care").ofType('social_care').create(db),
      health: await anAgency(p2).named('Community Health').ofType('community_health').create(db),
    },
  };
});
afterAll(async () => database?.drop());

const exportOf = (user: CurrentUser, auditId: string, withIdentities = false) =>
  exchange.exportAudit(user, { auditId, withIdentities }, actorOf(user));
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What legitimately differs between two systems: when and where it was exported, and the people (they are each system's own). */
function normalised(document: ExchangeDocument) {
  const d = copy(document);
  Object.assign(d, { exportedAt: 'T', source: 'S' });
  for (const a of d.agencies) {
    a.name = a.name.toLowerCase();
    a.lead = null;
  }
  for (const c of d.cases) for (const r of c.returns) r.auditor = null;
  for (const a of d.actions) a.lead = { name: 'P', email: 'P' };
  return d;
}

describe('the audit exchange file', () => {
  it('round-trips a whole audit into a second partnership: the re-exported document is the same', async () => {
    const first = await exportOf(source.coordinator, source.audit.id, true);
    expect(first.cases).toHaveLength(2);
    expect(first.cases[0]!.returns[0]!.answers.length).toBeGreaterThan(0);
    expect(first.cases[0]!.chronology.length).toBeGreaterThan(0);
    expect(first.findings.some((f) => f.acrossCases)).toBe(true);
    expect(first.actions[0]!.updates).toHaveLength(2);
    expect(first.identities?.cases[0]!.children[0]!.name).toBe('Amelia Exampleton 0');

    const result = await exchange.importAudit(target.coordinator, copy(first), {}, actorOf(target.coordinator));
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.counts).toMatchObject({
      cases: 2,
      returns: 4,
      findings: 2,
      recommendations: 1,
      actions: 2,
      createdAgencies: 0,
      createdTemplates: 0,
    });
    const audit = await database.db
      .selectFrom('audit')
      .select(['partnership_id', 'reference'])
      .where('id', '=', result.auditId)
      .executeTakeFirstOrThrow();
    expect(audit.partnership_id).toBe(target.partnershipId);

    const second = await exportOf(target.coordinator, result.auditId, true);
    expect(normalised(second)).toEqual(normalised(first));
    // The identities were re-encrypted with this instance's key, not copied.
    const stored = await database.db
      .selectFrom('case_identity')
      .select('encrypted')
      .where('case_id', 'in', [source.audit.caseIds[0]!])
      .executeTakeFirstOrThrow();
    const imported = await database.db
      .selectFrom('case_identity as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .select('i.encrypted')
      .where('c.audit_id', '=', result.auditId)
      .execute();
    expect(imported).toHaveLength(2);
    expect(imported.map((r) => r.encrypted)).not.toContain(stored.encrypted);
    const log = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', result.auditId)
      .execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['audit.imported', 'case-identity.imported']));
  });

  it('leaves identifying details out unless asked, and refuses them to someone who may not see them', async () => {
    const plain = await exportOf(source.administrator, source.audit.id);
    expect(plain.containsIdentities).toBe(false);
    expect(plain.identities).toBeUndefined();
    const text = JSON.stringify(plain);
    expect(text).not.toContain('Exampleton');
    expect(text).not.toContain('Test Street');
    expect(text).not.toContain('PR-0-001');
    await expect(exportOf(source.administrator, source.audit.id, true)).rejects.toThrow();
    const refused = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('user_id', '=', source.administrator.id)
      .where('action', '=', 'case-identity.refused')
      .execute();
    expect(refused).toHaveLength(1);
    // Another partnership's audit is not there at all.
    await expect(exportOf(target.coordinator, source.audit.id)).rejects.toThrow();
  });

  it('drops identities an importer may not hold, and says so', async () => {
    const document = await exportOf(source.coordinator, source.audit.id, true);
    const result = await exchange.importAudit(
      target.administrator,
      document,
      { asCopy: true },
      actorOf(target.administrator),
    );
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    expect(result.identitiesDropped).toBe(true);
    const rows = await database.db
      .selectFrom('case_identity as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .select('i.case_id')
      .where('c.audit_id', '=', result.auditId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('reports schema failures with the JSON pointer of each, at most 20', async () => {
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    document.cases[0]!.children[0]!.legalStatus = 'adopted';
    delete (document.audit as Partial<ExchangeDocument['audit']>).title;
    const result = await exchange.importAudit(target.coordinator, document, {}, actorOf(target.coordinator));
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: '/cases/0/children/0/legalStatus', message: expect.stringContaining('must be one of') as string },
        { path: '/audit', message: 'must have the property "title"' },
      ]),
    );
    for (const kase of document.cases)
      for (const entry of kase.chronology) Object.assign(entry, { dateFrom: 'yesterday', dateTo: 'today' });
    const many = await exchange.importAudit(target.coordinator, document, {}, actorOf(target.coordinator));
    expect(many.kind === 'invalid' && many.problems.length).toBe(20);

    const dangling = copy(await exportOf(source.coordinator, source.audit.id));
    dangling.findings[0]!.cases.push('C99');
    const refs = await exchange.importAudit(target.coordinator, dangling, {}, actorOf(target.coordinator));
    expect(refs).toMatchObject({
      kind: 'invalid',
      problems: [
        {
          path: `/findings/0/cases/${dangling.findings[0]!.cases.length - 1}`,
          message: expect.stringContaining('"C99"') as string,
        },
      ],
    });
  });

  it('refuses a newer schema version with a clear message', async () => {
    const document = { ...(await exportOf(source.coordinator, source.audit.id)), schemaVersion: 2 };
    const result = await exchange.importAudit(target.coordinator, document, {}, actorOf(target.coordinator));
    expect(result).toMatchObject({
      kind: 'newer-version',
      message: expect.stringContaining('version 2, newer than this system reads (version 1)') as string,
    });
    expect(
      await exchange.importAudit(target.coordinator, { hello: 'world' }, {}, actorOf(target.coordinator)),
    ).toMatchObject({ kind: 'invalid', message: expect.stringContaining('not an audit exchange file') as string });
  });

  it('stops with the list of unknown agencies, then imports with a mapping or by creating them', async () => {
    const p3 = await aPartnership('Rutland').create(database.db);
    const coordinator = await person(p3, 'coordinator', 'Rutland Coordinator');
    const police = await anAgency(p3).named('Rutland Police').ofType('police').create(database.db);
    const document = await exportOf(source.coordinator, source.audit.id);
    const stopped = await exchange.importAudit(coordinator, document, {}, actorOf(coordinator));
    expect(stopped.kind).toBe('agencies-missing');
    if (stopped.kind !== 'agencies-missing') return;
    expect(stopped.missing.map((a) => a.name).sort()).toEqual([
      "Children's Social Care",
      'Community Health',
      'Leicestershire Police',
    ]);
    expect(stopped.available.map((a) => a.id)).toEqual([police]);
    expect(await database.db.selectFrom('audit').select('id').where('partnership_id', '=', p3).execute()).toHaveLength(
      0,
    );

    const typo = await exchange.importAudit(
      coordinator,
      document,
      { agencyMapping: { 'Leicestershire Police': 'Rutland Polis' }, createMissingAgencies: true },
      actorOf(coordinator),
    );
    expect(typo).toMatchObject({ kind: 'agencies-missing', unknownTargets: ['Rutland Polis'] });

    const imported = await exchange.importAudit(
      coordinator,
      document,
      { agencyMapping: { 'Leicestershire Police': 'Rutland Police' }, createMissingAgencies: true },
      actorOf(coordinator),
    );
    expect(imported).toMatchObject({ kind: 'imported', counts: { createdAgencies: 2 } });
    const names = (
      await database.db.selectFrom('agency').select('name').where('partnership_id', '=', p3).orderBy('name').execute()
    ).map((a) => a.name);
    expect(names).toEqual(["Children's Social Care", 'Community Health', 'Rutland Police']);
    if (imported.kind !== 'imported') return;
    const actions = await database.db
      .selectFrom('action')
      .select('lead_user_id')
      .where('audit_id', '=', imported.auditId)
      .execute();
    expect(actions.every((a) => a.lead_user_id === coordinator.id)).toBe(true);
  });

  it('refuses the same file twice unless imported as a copy, which gets a new reference', async () => {
    const p4 = await aPartnership('Duplicates').create(database.db);
    const coordinator = await person(p4, 'coordinator', 'Dup Coordinator');
    const document = await exportOf(source.coordinator, source.audit.id);
    const options = { createMissingAgencies: true };
    const first = await exchange.importAudit(coordinator, copy(document), options, actorOf(coordinator));
    expect(first.kind).toBe('imported');
    const again = await exchange.importAudit(coordinator, copy(document), options, actorOf(coordinator));
    expect(again).toMatchObject({
      kind: 'duplicate',
      message: expect.stringContaining('already imported') as string,
      previousAuditId: first.kind === 'imported' ? first.auditId : '',
    });
    // Recognised by its content hash as well as by the source audit and export time.
    const sameContent = {
      ...copy(document),
      source: { ...document.source, auditId: '00000000-0000-4000-8000-000000000001' },
    };
    expect((await exchange.importAudit(coordinator, sameContent, options, actorOf(coordinator))).kind).toBe(
      'duplicate',
    );
    const asCopy = await exchange.importAudit(
      coordinator,
      copy(document),
      { ...options, asCopy: true },
      actorOf(coordinator),
    );
    expect(asCopy).toMatchObject({ kind: 'imported', referenceChanged: true });
    if (asCopy.kind === 'imported') expect(asCopy.reference).toMatch(new RegExp(`^${source.audit.reference}-\\d$`));
  });

  it('leaves nothing behind when the import fails part way', async () => {
    const p5 = await aPartnership('Failure').create(database.db);
    const coordinator = await person(p5, 'coordinator', 'Fail Coordinator');
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    // Valid to the schema, but the database refuses it: the last action starts after it is due.
    const last = document.actions[document.actions.length - 1]!;
    last.startOn = '2030-01-01';
    const result = await exchange.importAudit(
      coordinator,
      document,
      { createMissingAgencies: true },
      actorOf(coordinator),
    );
    expect(result).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('nothing was imported') as string,
    });
    const db = database.db;
    expect(await db.selectFrom('audit').select('id').where('partnership_id', '=', p5).execute()).toHaveLength(0);
    expect(await db.selectFrom('agency').select('id').where('partnership_id', '=', p5).execute()).toHaveLength(0);
    expect(await db.selectFrom('learning_theme').select('id').where('partnership_id', '=', p5).execute()).toHaveLength(
      0,
    );
    expect(await db.selectFrom('exchange_import').select('id').where('partnership_id', '=', p5).execute()).toHaveLength(
      0,
    );
    // ...and the corrected file then imports.
    last.startOn = null;
    expect(
      (await exchange.importAudit(coordinator, document, { createMissingAgencies: true }, actorOf(coordinator))).kind,
    ).toBe('imported');
  });
});

describe('people in the exchange file', () => {
  it('are matched by e-mail to people of the importing partnership, whatever the case', async () => {
    const p6 = await aPartnership('People').create(database.db);
    const coordinator = await person(p6, 'coordinator', 'People Coordinator');
    const lead = await aUser(p6)
      .withRole('action_owner')
      .named('Local Lead')
      .withEmail('local.lead@people.example')
      .create(database.db);
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    document.actions[0]!.lead = { name: 'Someone Else', email: 'Local.Lead@People.example' };
    const result = await exchange.importAudit(
      coordinator,
      document,
      { createMissingAgencies: true },
      actorOf(coordinator),
    );
    expect(result.kind).toBe('imported');
    if (result.kind !== 'imported') return;
    const leads = await database.db
      .selectFrom('action')
      .select(['text', 'lead_user_id'])
      .where('audit_id', '=', result.auditId)
      .orderBy('created_at')
      .execute();
    expect(leads.map((l) => l.lead_user_id)).toEqual([lead.id, coordinator.id]);
  });
});

describe('an audit with nothing in it yet', () => {
  it('round-trips too', async () => {
    const { id } = await anAudit(source.partnershipId)
      .inStatus('planning')
      .withCases(0)
      .withTools()
      .create(database.db);
    const first = await exportOf(source.coordinator, id, true);
    expect(first).toMatchObject({
      cases: [],
      agencies: [],
      templates: [],
      findings: [],
      meeting: null,
      identities: { cases: [] },
    });
    const result = await exchange.importAudit(target.coordinator, first, {}, actorOf(target.coordinator));
    expect(result.kind).toBe('imported');
    if (result.kind === 'imported')
      expect(normalised(await exportOf(target.coordinator, result.auditId, true))).toEqual(normalised(first));
  });

  it('must say whether it holds identities, truthfully', async () => {
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    const result = await exchange.importAudit(
      target.coordinator,
      { ...document, containsIdentities: true },
      {},
      actorOf(target.coordinator),
    );
    expect(result).toMatchObject({
      kind: 'invalid',
      problems: [{ path: '/', message: 'must have the property "identities"' }],
    });
    const hidden = await exchange.importAudit(
      target.coordinator,
      { ...document, identities: { warning: '', cases: [] } },
      {},
      actorOf(target.coordinator),
    );
    expect(hidden).toMatchObject({
      kind: 'invalid',
      problems: [{ path: '/', message: 'has an "identities" block although "containsIdentities" is false' }],
    });
  });
});

describe('audit tools in the exchange file', () => {
  it('uses a template version with the same content, or creates a frozen one, and checks the hash', async () => {
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    const template = document.templates[0]!;
    const sections = template.content.sections as { title: string }[];
    sections[0]!.title = 'Referral and first response (local wording)';
    const wrongHash = await exchange.importAudit(
      target.coordinator,
      copy(document),
      { asCopy: true },
      actorOf(target.coordinator),
    );
    expect(wrongHash).toMatchObject({
      kind: 'invalid',
      problems: [{ path: '/templates/0/contentHash', message: 'does not match the template content' }],
    });
    template.contentHash = sha256(canonicalJson(template.content));
    const result = await exchange.importAudit(
      target.coordinator,
      document,
      { asCopy: true },
      actorOf(target.coordinator),
    );
    expect(result).toMatchObject({ kind: 'imported', counts: { createdTemplates: 1 } });
    if (result.kind !== 'imported') return;
    const tool = await database.db
      .selectFrom('audit_tool as a')
      .innerJoin('template_version as v', 'v.id', 'a.template_version_id')
      .innerJoin('tool_template as t', 't.id', 'v.template_id')
      .select(['v.id', 't.name', 't.partnership_id'])
      .where('a.audit_id', '=', result.auditId)
      .executeTakeFirstOrThrow();
    expect(tool).toMatchObject({ partnership_id: target.partnershipId, name: `${template.name} (imported)` });
    await expect(
      database.db.updateTable('template_version').set({ version_number: 9 }).where('id', '=', tool.id).execute(),
    ).rejects.toThrow(/frozen/);
    expect((await exportOf(target.coordinator, result.auditId)).templates[0]!.contentHash).toBe(template.contentHash);
  });
});

describe('what a schema cannot say', () => {
  it('refuses repeated keys and repeated chronology entries before writing anything', async () => {
    const document = copy(await exportOf(source.coordinator, source.audit.id));
    const entries = document.cases[0]!.chronology;
    entries.push({ ...entries[0]!, key: 'C1-E999' });
    document.findings[1]!.key = document.findings[0]!.key;
    const result = await exchange.importAudit(
      target.coordinator,
      document,
      { asCopy: true },
      actorOf(target.coordinator),
    );
    expect(result).toMatchObject({
      kind: 'invalid',
      problems: expect.arrayContaining([
        {
          path: `/cases/0/chronology/${entries.length - 1}/event`,
          message: expect.stringContaining('repeats an entry') as string,
        },
        { path: '/findings/1/key', message: `repeats the key "${document.findings[0]!.key}"` },
      ]) as unknown[],
    });
  });
});

describe('the published schema', () => {
  it('is what its generator writes, so the two never drift apart', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const fs = await import('node:fs');
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/generate-exchange-schema.mjs']);
    expect(stdout).toBe(fs.readFileSync('docs/exchange/audit-exchange-v1.schema.json', 'utf8'));
  });
});
