import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt } from '../../src/domain/encryption.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
const b: Record<string, Browser> = {};
const ROLES = [
  ['coordinator', 'coordinator'],
  ['coordinator2', 'coordinator'],
  ['administrator', 'administrator'],
  ['panel', 'panel_member'],
  ['auditor', 'auditor'],
  ['lead', 'audit_lead'],
  ['owner', 'action_owner'],
  ['practitioner', 'practitioner'],
] as const;

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership('Testshire Safeguarding Children Partnership').create(t.database.db);
  police = await anAgency(partnershipId).named('Testshire Police').create(t.database.db);
  for (const [key, role] of ROLES) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (['auditor', 'lead', 'owner'].includes(role)) builder = builder.inAgency(police);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  }
});
afterAll(async () => t?.close());

/** An audit at the reporting stage with a finding per kind, a recommendation and a child's identifying details. */
async function anAuditWithLearning() {
  const db = t.database.db;
  const audit = await anAudit(partnershipId).inviting(police).withCases(2).inStatus('reporting').create(db);
  await db
    .updateTable('audit')
    .set({ title: 'Neglect audit', scope_kind: 'dates', scope_from: '2024-01-01', scope_to: '2024-06-30' })
    .where('id', '=', audit.id)
    .execute();
  const child = await db
    .insertInto('case_child')
    .values({ case_id: audit.caseIds[0]!, pseudonym: 'Child A' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const identity = {
    children: [{ childId: child.id, name: 'Kayden Marsh-Oliver', dateOfBirth: '2015-03-12' }],
    adults: [],
    addresses: ['14 Larkspur Close, Testtown, TT1 4AB'],
    records: [{ agencyId: null, label: 'NHS number', value: '485 777 3456' }],
  };
  await db
    .insertInto('case_identity')
    .values({ case_id: audit.caseIds[0]!, encrypted: encrypt(t.config.encryptionKey, JSON.stringify(identity)) })
    .execute();
  await db
    .insertInto('involvement')
    .values([
      { case_id: audit.caseIds[0]!, agency_id: police, status: 'involved' },
      { case_id: audit.caseIds[1]!, agency_id: police, status: 'out_of_scope', reason: 'Before the scope' },
    ])
    .execute();
  const strength = await db
    .insertInto('finding')
    .values({ audit_id: audit.id, kind: 'strength', text: 'The school nurse saw every child on their own.' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('finding_case').values({ finding_id: strength.id, case_id: audit.caseIds[0]! }).execute();
  await db
    .insertInto('finding')
    .values({
      audit_id: audit.id,
      kind: 'development',
      across_cases: true,
      text: 'MARAC outcomes did not reach the social worker.',
    })
    .execute();
  await db
    .insertInto('recommendation')
    .values({ audit_id: audit.id, text: 'Share MARAC outcomes with every practitioner.', addressed_to: 'all_agencies' })
    .execute();
  return audit;
}

async function generate(auditId: string, shippedKey: string): Promise<string> {
  const coordinator = b.coordinator!;
  await coordinator.get(`/audits/${auditId}/briefings`);
  const template = await t.database.db
    .selectFrom('briefing_template')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', '=', shippedKey)
    .executeTakeFirstOrThrow();
  const response = await coordinator.post(`/audits/${auditId}/briefings`, { template: template.id });
  expect(response.statusCode).toBe(303);
  return response.headers.location!;
}

async function editSection(url: string, n: number, heading: string, text: string, browser = b.coordinator!) {
  await browser.get(`${url}/sections/${n}`);
  const version = /name="version" value="(\d+)"/.exec(browser.lastHtml)![1]!;
  return browser.post(`${url}/sections/${n}`, { heading, text, version });
}

const auditLog = (action: string) =>
  t.database.db.selectFrom('audit_log').select(['record_id', 'detail']).where('action', '=', action).execute();

describe('generating and editing a briefing', () => {
  it('fills the summary briefing from the audit: counts, participation, findings and the concerns statement', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    const page = await b.coordinator!.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Summary briefing: Neglect audit</h1>');
    expect(page.body).toContain(
      // No return is in yet: the counts come from returns received, never from involvement (issue 12).
      'No cases were audited. The scope of the audit was 1 January 2024 to 30 June 2024.',
    );
    expect(page.body).toContain('Testshire Police: 0 (out of the 2; 1 return not received, 1 out of scope)');
    expect(page.body).toContain('No concerns were identified during the audit');
    expect(page.body).toContain('<li>The school nurse saw every child on their own.</li>');
    expect(page.body).toContain('Share MARAC outcomes with every practitioner.');
    expect(page.body).not.toContain('Kayden');
    expect((await auditLog('briefing.generated')).some((r) => url.endsWith(r.record_id!))).toBe(true);
  });

  it('saves every edit as a new version, shows a conflict instead of overwriting, and compares versions', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'key_messages');
    await b.coordinator!.get(`${url}/sections/2`);
    await b.coordinator2!.get(`${url}/sections/2`);
    const saved = await b.coordinator!.post(`${url}/sections/2`, {
      heading: 'What we did well',
      text: '- The school nurse saw every child alone.\n- Police shared DASH forms the same day.',
      version: '1',
    });
    expect(saved.statusCode).toBe(303);
    const stale = await b.coordinator2!.post(`${url}/sections/2`, {
      heading: 'What we did well',
      text: 'A different wording from the second coordinator',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved version 2 of this briefing');
    expect(stale.body).toContain('Police shared DASH forms the same day.');
    expect(stale.body).toContain('A different wording from the second coordinator');
    expect(stale.body).toContain('name="version" value="2"');
    const rows = await t.database.db
      .selectFrom('briefing_version as v')
      .innerJoin('briefing as b', 'b.id', 'v.briefing_id')
      .select(['v.number'])
      .where('b.audit_id', '=', audit.id)
      .execute();
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2]);

    const empty = await editSection(url, 2, 'What we did well', '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#text">Enter the section’s text</a>');

    const compare = await b.coordinator!.get(`${url}/versions?from=1&to=2`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('Changes from version 1 to version 2');
    expect(compare.body).toMatch(/<ins><span class="govuk-visually-hidden">\[added: <\/span>[^<]*DASH/);
    expect(compare.body).toMatch(/<del><span class="govuk-visually-hidden">\[removed: <\/span>/);
    expect(compare.body).toContain('No changes.');
    expect((await b.coordinator!.get(`${url}/versions?from=1&to=9`)).statusCode).toBe(400);
  });

  it('versions cannot be changed once written', async () => {
    const audit = await anAuditWithLearning();
    await generate(audit.id, 'briefing_7min');
    const row = await t.database.db
      .selectFrom('briefing_version as v')
      .innerJoin('briefing as b', 'b.id', 'v.briefing_id')
      .select('v.id')
      .where('b.audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    await expect(
      t.database.db.updateTable('briefing_version').set({ title: 'changed' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/never change/);
  });

  it('downloads the briefing as Word and PDF', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'briefing_6step');
    const docx = await b.panel!.get(`${url}/briefing.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await b.panel!.get(`${url}/briefing.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('who may do what with briefings', () => {
  it('lets the panel read but not edit; auditors, leads, owners, practitioners and administrators see nothing of an audit’s briefings', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    const panel = await b.panel!.get(url);
    expect(panel.statusCode).toBe(200);
    expect(panel.body).not.toContain('Edit section 1');
    expect(panel.body).not.toContain('Publish to the library');
    expect((await b.panel!.get(`${url}/sections/1`)).statusCode).toBe(404);
    for (const who of ['auditor', 'lead', 'owner', 'practitioner', 'administrator']) {
      expect((await b[who]!.get(`/audits/${audit.id}/briefings`)).statusCode, who).toBe(404);
      expect((await b[who]!.get(url)).statusCode, who).toBe(404);
      expect((await b[who]!.get(`${url}/sections/1`)).statusCode, who).toBe(404);
      expect((await b[who]!.get(`/audits/${audit.id}/words-to-check`)).statusCode, who).toBe(404);
    }
    await b.auditor!.get('/library');
    expect((await b.auditor!.post(`${url}/sections/1`, { heading: 'x', text: 'y', version: '1' })).statusCode).toBe(
      404,
    );
    expect((await b.panel!.post(`${url}/publish`, { version: '1' })).statusCode).toBe(404);
  });

  it('does not show another partnership’s briefing', async () => {
    const other = await aPartnership().create(t.database.db);
    const stranger = await aUser(other).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(stranger.email, stranger.password);
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    expect((await browser.get(url)).statusCode).toBe(404);
  });
});

describe('publishing through the redaction guard', () => {
  it('blocks publishing while the text holds a case’s identifying details, showing each in context and linking to its section', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    expect(
      (
        await editSection(
          url,
          4,
          'Key findings and learning',
          'Kayden\nMarsh-Oliver (born 12th March 2015) lived at 14 Larkspur Close; NHS 4857773456.',
        )
      ).statusCode,
    ).toBe(303);
    await b.coordinator!.get(url);
    const blocked = await b.coordinator!.post(`${url}/publish`, { version: '2' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('There is a problem');
    expect(blocked.body).toContain(
      '<a href="#section-4">Section 4 (Key findings and learning) may identify someone: “Kayden Marsh-Oliver” looks like a name</a>',
    );
    expect(blocked.body).toContain('looks like a date of birth');
    expect(blocked.body).toContain('looks like an address');
    expect(blocked.body).toContain('looks like a record number');
    expect(blocked.body).toContain('<mark>Kayden\nMarsh-Oliver</mark>');
    expect(blocked.body).not.toContain('Mark as not identifying');
    const briefing = await t.database.db
      .selectFrom('briefing')
      .select(['published_version'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(briefing.published_version).toBeNull();
    const viewed = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'case-identity.viewed')
      .where('record_id', '=', audit.caseIds[0]!)
      .execute();
    expect(viewed.some((r) => (r.detail as { purpose?: string }).purpose === 'redaction-check')).toBe(true);
    expect(await auditLog('briefing.publish-blocked')).not.toHaveLength(0);

    expect(
      (await editSection(url, 4, 'Key findings and learning', 'Child A was seen by the school nurse.')).statusCode,
    ).toBe(303);
    await b.coordinator!.get(url);
    expect((await b.coordinator!.post(`${url}/publish`, { version: '3' })).statusCode).toBe(303);
    const published = await t.database.db
      .selectFrom('briefing')
      .select(['published_version'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(published.published_version).toBe(3);
  });

  it('lets the coordinator mark a hit on one of their own words as not identifying, with a reason, logged', async () => {
    const audit = await anAuditWithLearning();
    await b.coordinator!.get(`/audits/${audit.id}/words-to-check`);
    const empty = await b.coordinator!.post(`/audits/${audit.id}/words-to-check`, { word: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<a href="#word">Enter a word or phrase to check for</a>');
    expect((await b.coordinator!.post(`/audits/${audit.id}/words-to-check`, { word: 'Bluebell' })).statusCode).toBe(
      303,
    );
    const list = await b.coordinator!.get(`/audits/${audit.id}/words-to-check`);
    expect(list.body).toContain('Bluebell');
    const stored = await t.database.db
      .selectFrom('redaction_term')
      .select('encrypted')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(stored.encrypted).not.toContain('Bluebell');

    const url = await generate(audit.id, 'key_messages');
    await editSection(url, 2, 'What we did well', 'The Bluebell group gave the children a safe space.');
    await b.coordinator!.get(url);
    const blocked = await b.coordinator!.post(`${url}/publish`, { version: '2' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('one of the words to check for');
    expect(blocked.body).toContain('Mark as not identifying');
    const key = /name="key" value="([0-9a-f]+)"/.exec(blocked.body)![1]!;
    const noReason = await b.coordinator!.post(`${url}/not-identifying`, { key, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why this is not identifying');
    expect(
      (
        await b.coordinator!.post(`${url}/not-identifying`, {
          key,
          reason: 'A county-wide support group, not the family’s',
        })
      ).statusCode,
    ).toBe(303);
    const logged = await auditLog('briefing.hit-not-identifying');
    expect(
      logged.some((r) => (r.detail as { reason?: string }).reason === 'A county-wide support group, not the family’s'),
    ).toBe(true);
    await b.coordinator!.get(url);
    expect((await b.coordinator!.post(`${url}/publish`, { version: '2' })).statusCode).toBe(303);
  });

  it('lets a surname that is also an ordinary word be marked not identifying here, for that version only', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'key_messages');
    // "Marsh" is part of the child's recorded surname "Marsh-Oliver", and here the name of a centre.
    const text = 'Staff met the family at the Marsh Road centre each week.';
    await editSection(url, 2, 'What we did well', text);
    await b.coordinator!.get(url);
    const blocked = await b.coordinator!.post(`${url}/publish`, { version: '2' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('“Marsh” looks like a name');
    expect(blocked.body).toContain('Mark as not identifying here');
    const key = /name="key" value="([0-9a-f]+)"/.exec(blocked.body)![1]!;
    const reason = 'Marsh Road is the county family centre, not the family’s street';
    expect((await b.coordinator!.post(`${url}/not-identifying`, { key, reason })).statusCode).toBe(303);
    const page = await b.coordinator!.get(url);
    expect(page.body).toContain('Marked as not identifying in version 2');
    expect(page.body).toContain(`Section 2, a name: “${reason}”`);
    const logged = await auditLog('briefing.hit-not-identifying');
    expect(logged.some((r) => (r.detail as { version?: number; rule?: string }).version === 2)).toBe(true);
    // A new version is checked afresh: the same words are a hit again until marked again.
    await editSection(url, 2, 'What we did well', `${text} It was warm.`);
    await b.coordinator!.get(url);
    const again = await b.coordinator!.post(`${url}/publish`, { version: '3' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('“Marsh” looks like a name');
    // A full name can never be marked: its key is refused.
    await editSection(url, 2, 'What we did well', 'Kayden Marsh-Oliver attended.');
    await b.coordinator!.get(url);
    const full = await b.coordinator!.post(`${url}/publish`, { version: '4' });
    expect(full.body).not.toContain('Mark as not identifying here');
    const fullKey = /name="key" value="([0-9a-f]+)"/.exec(full.body)?.[1] ?? 'f'.repeat(32);
    expect((await b.coordinator!.post(`${url}/not-identifying`, { key: fullKey, reason: 'no' })).statusCode).toBe(404);
  });

  it('replaces every hit with the case’s own words, after a preview of each change, then publishes', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'briefing_7min');
    const typed = 'Kayden\nMarsh-Oliver (born 12th March 2015) lived at 14 Larkspur Cl; NHS 485-777-3456.';
    await editSection(url, 4, 'Key findings and learning', typed);
    await b.coordinator!.get(url);
    const blocked = await b.coordinator!.post(`${url}/publish`, { version: '2' });
    expect(blocked.body).toContain(`href="${url}/pseudonyms">replace with pseudonyms</a>`);
    // Only the coordinator edits briefings: everyone else gets 404, for the preview and the apply.
    for (const who of ['administrator', 'panel', 'auditor', 'lead', 'owner', 'practitioner']) {
      expect((await b[who]!.get(`${url}/pseudonyms`)).statusCode).toBe(404);
      await b[who]!.get('/');
      expect((await b[who]!.post(`${url}/pseudonyms`, { version: '2' })).statusCode).toBe(404);
    }
    const preview = await b.coordinator!.get(`${url}/pseudonyms`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Apply these 4 changes');
    for (const [from, to] of [
      ['Kayden\nMarsh-Oliver', 'Child A'],
      ['12th March 2015', 'Child A&#39;s date of birth'],
      ['14 Larkspur Cl', 'the family&#39;s address'],
      ['485-777-3456', '[record number]'],
    ])
      expect(preview.body).toContain(`“${from}”</span> becomes <span class="govuk-!-font-weight-bold">“${to}”`);
    // Nothing is saved by looking.
    const before = await t.database.db
      .selectFrom('briefing')
      .select('current_version')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(before.current_version).toBe(2);
    const applied = await b.coordinator!.post(`${url}/pseudonyms`, { version: '2' });
    expect(applied.statusCode).toBe(303);
    const saved = await t.database.db
      .selectFrom('briefing_version as v')
      .innerJoin('briefing as b', 'b.id', 'v.briefing_id')
      .select(['v.number', 'v.sections', 'v.note'])
      .where('b.audit_id', '=', audit.id)
      .where('v.number', '=', 3)
      .executeTakeFirstOrThrow();
    const sections = saved.sections as unknown as { text: string }[];
    expect(sections[3]!.text).toBe(
      "Child A (born Child A's date of birth) lived at the family's address; NHS [record number].",
    );
    expect(saved.note).toBe('Replaced 4 possible identifying details with pseudonyms');
    expect(await auditLog('briefing.pseudonyms-applied')).toHaveLength(1);
    // The preview's version is gone: applying it again changes nothing and says so.
    const stale = await b.coordinator!.post(`${url}/pseudonyms`, { version: '2' });
    expect(stale.headers.location).toBe(`${url}/pseudonyms`);
    await b.coordinator!.get(url);
    expect((await b.coordinator!.post(`${url}/publish`, { version: '3' })).statusCode).toBe(303);
  });

  it('refuses to publish from a version that is no longer the latest', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'briefing_7min');
    await editSection(url, 1, '1. Why this audit', 'Because neglect is a partnership priority.');
    await b.coordinator!.get(url);
    expect((await b.coordinator!.post(`${url}/publish`, { version: '1' })).statusCode).toBe(409);
  });
});

describe('the practitioners’ library', () => {
  it('lists published briefings for every signed-in role, searchable by words and filterable by theme and year; unpublishing is logged', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'learning_themes');
    await editSection(
      url,
      2,
      '1 Summary',
      'Practitioners should use the graded care profile when neglect is suspected.',
    );
    await b.coordinator!.get(url);
    expect((await b.coordinator!.post(`${url}/publish`, { version: '2' })).statusCode).toBe(303);
    const briefingId = url.split('/').pop()!;
    const year = String(new Date().getFullYear());
    for (const who of ['practitioner', 'auditor', 'owner', 'administrator', 'panel']) {
      const found = await b[who]!.get('/library?q=graded+care');
      expect(found.statusCode, who).toBe(200);
      expect(found.body, who).toContain(`href="/library/${briefingId}"`);
    }
    expect((await b.practitioner!.get('/library?q=no+such+words+anywhere')).body).not.toContain(
      `href="/library/${briefingId}"`,
    );
    expect((await b.practitioner!.get(`/library?year=${year}`)).body).toContain(`href="/library/${briefingId}"`);
    expect((await b.practitioner!.get('/library?year=1999')).body).not.toContain(`href="/library/${briefingId}"`);
    const item = await b.practitioner!.get(`/library/${briefingId}`);
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain('graded care profile');
    expect(
      (await b.practitioner!.get(`/library/${briefingId}/briefing.pdf`)).rawPayload.subarray(0, 5).toString(),
    ).toBe('%PDF-');

    // Edits after publishing make a new draft; the library keeps the published version.
    await editSection(url, 2, '1 Summary', 'A later draft nobody has published.');
    expect((await b.practitioner!.get(`/library/${briefingId}`)).body).not.toContain('A later draft');
    expect((await b.practitioner!.get('/')).body).toContain('href="/library"');

    await b.coordinator!.get(url);
    const noReason = await b.coordinator!.post(`${url}/unpublish`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((await b.coordinator!.post(`${url}/unpublish`, { reason: 'Superseded by the re-audit' })).statusCode).toBe(
      303,
    );
    expect((await b.practitioner!.get(`/library/${briefingId}`)).statusCode).toBe(404);
    expect((await auditLog('briefing.unpublished')).some((r) => r.record_id === briefingId)).toBe(true);
  });

  it('has a public page only when the partnership’s setting says so', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    await editSection(url, 4, 'Key findings and learning', 'Public learning about neglect.');
    await b.coordinator!.get(url);
    await b.coordinator!.post(`${url}/publish`, { version: '2' });
    const anonymous = new Browser(t.app);
    expect((await anonymous.get(`/partnerships/${partnershipId}/library`)).statusCode).toBe(404);
    expect((await anonymous.get('/library')).statusCode).toBe(303);

    await b.administrator!.get('/admin/settings');
    const saved = await b.administrator!.post('/admin/settings', {
      name: 'Testshire Safeguarding Children Partnership',
      publicLibrary: 'yes',
      sharingDays: '30',
      closedDays: '90',
      missedCount: '3',
      driftDays: '28',
      daysBefore: '7',
      overdueEveryDays: '7',
    });
    expect(saved.statusCode).toBe(303);
    const open = await anonymous.get(`/partnerships/${partnershipId}/library?q=public+learning`);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('Testshire Safeguarding Children Partnership');
    const briefingId = url.split('/').pop()!;
    expect((await anonymous.get(`/partnerships/${partnershipId}/library/${briefingId}`)).body).toContain(
      'Public learning about neglect.',
    );
    await t.database.db
      .updateTable('partnership')
      .set({ public_library: false })
      .where('id', '=', partnershipId)
      .execute();
    expect((await anonymous.get(`/partnerships/${partnershipId}/library/${briefingId}`)).statusCode).toBe(404);
  });
});

describe('briefing templates', () => {
  it('lets the administrator and coordinator edit a template, refusing an unknown placeholder by name and section', async () => {
    const list = await b.administrator!.get('/briefing-templates');
    expect(list.statusCode).toBe(200);
    for (const name of [
      '7-minute briefing',
      '6-step briefing',
      'Summary briefing',
      'Key messages',
      'Learning themes summary',
    ])
      expect(list.body).toContain(name);
    const template = await t.database.db
      .selectFrom('briefing_template')
      .select(['id', 'version'])
      .where('partnership_id', '=', partnershipId)
      .where('shipped_key', '=', 'key_messages')
      .executeTakeFirstOrThrow();
    const url = `/briefing-templates/${template.id}`;
    await b.administrator!.get(url);
    const bad = await b.administrator!.post(url, {
      version: String(template.version),
      'heading-0': 'Key messages',
      'body-0': 'About {{ audit.title }}',
      'heading-1': 'What we did well',
      'body-1': '{{ findings.strenghts }}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(
      '<a href="#body-1">“{{ findings.strenghts }}” in section “What we did well” is not a placeholder MACA knows</a>',
    );
    expect(bad.body).toContain('{{ findings.strenghts }}</textarea>');
    const good = await b.administrator!.post(url, {
      version: String(template.version),
      'heading-0': 'Key messages',
      'body-0': 'About {{ audit.title }}',
      'heading-1': 'What we did well',
      'body-1': '{{ findings.strengths }}',
    });
    expect(good.statusCode).toBe(303);
    const stale = await b
      .coordinator!.get(url)
      .then(() => b.coordinator!.post(url, { version: String(template.version), 'heading-0': 'Old', 'body-0': 'x' }));
    expect(stale.statusCode).toBe(409);
    const saved = await t.database.db
      .selectFrom('briefing_template')
      .select('sections')
      .where('id', '=', template.id)
      .executeTakeFirstOrThrow();
    expect(saved.sections).toEqual([
      { heading: 'Key messages', body: 'About {{ audit.title }}' },
      { heading: 'What we did well', body: '{{ findings.strengths }}' },
    ]);
    for (const who of ['panel', 'auditor', 'practitioner'])
      expect((await b[who]!.get('/briefing-templates')).statusCode, who).toBe(404);
  });
});

describe('the briefings API', () => {
  it('lists and reads an audit’s briefings for the coordinator and panel, and the library for everyone, with the pages’ rules', async () => {
    const audit = await anAuditWithLearning();
    const url = await generate(audit.id, 'summary');
    const briefingId = url.split('/').pop()!;
    const token = async (key: string) => {
      const user = await aUser(partnershipId)
        .withRole(key as 'panel_member')
        .exemptFromSecondFactor()
        .create(t.database.db);
      return (
        await t.services.apiTokens.create(user.id, 'test', {
          userId: user.id,
          partnershipId,
          correlationId: null,
          ip: null,
        })
      ).token;
    };
    const panel = await token('panel_member');
    const practitioner = await token('practitioner');
    const get = (path: string, bearer: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1${path}`, headers: { authorization: `Bearer ${bearer}` } });
    const list = await get(`/audits/${audit.id}/briefings`, panel);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ briefings: unknown[] }>().briefings).toEqual([
      expect.objectContaining({ id: briefingId, kind: 'summary', version: 1, publishedVersion: null }),
    ]);
    const one = await get(`/audits/${audit.id}/briefings/${briefingId}`, panel);
    expect(one.json<{ sections: { heading: string }[] }>().sections[2]!.heading).toBe('Methodology');
    expect((await get(`/audits/${audit.id}/briefings`, practitioner)).statusCode).toBe(404);
    expect((await get(`/library/${briefingId}`, practitioner)).statusCode).toBe(404);

    await b.coordinator!.get(url);
    await b.coordinator!.post(`${url}/publish`, { version: '1' });
    const library = await get('/library?q=Methodology', practitioner);
    expect(library.json<{ briefings: { id: string }[] }>().briefings.map((x) => x.id)).toContain(briefingId);
    expect((await get(`/library/${briefingId}`, practitioner)).json<{ title: string }>().title).toBe(
      'Summary briefing: Neglect audit',
    );
    const openapi = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(Object.keys(openapi.json<{ paths: object }>().paths)).toEqual(
      expect.arrayContaining([
        '/audits/{auditId}/briefings',
        '/audits/{auditId}/briefings/{briefingId}',
        '/library',
        '/library/{briefingId}',
      ]),
    );
  });
});
