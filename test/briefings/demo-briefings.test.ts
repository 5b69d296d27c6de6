import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';

/** The shipped templates, filled from the demo's seed audits, give documents of the seeds' shape. */
let t: TestApp;
let coordinator: Browser;
const password = 'demo-password-for-tests';

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoPartnership(t.database.db, password, t.config.encryptionKey);
  coordinator = new Browser(t.app);
  expect((await coordinator.signIn('coordinator@demo.maca.test', password)).headers.location).toBe('/');
});
afterAll(async () => t?.close());

async function generated(reference: string, kind: string) {
  const db = t.database.db;
  const audit = await db.selectFrom('audit').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  await coordinator.get(`/audits/${audit.id}/briefings`);
  const template = await db
    .selectFrom('briefing_template')
    .select('id')
    .where('shipped_key', '=', kind)
    .executeTakeFirstOrThrow();
  const response = await coordinator.post(`/audits/${audit.id}/briefings`, { template: template.id });
  expect(response.statusCode).toBe(303);
  const briefing = await db
    .selectFrom('briefing_version as v')
    .innerJoin('briefing as b', 'b.id', 'v.briefing_id')
    .select('v.sections')
    .where('b.id', '=', response.headers.location!.split('/').pop()!)
    .executeTakeFirstOrThrow();
  return { url: response.headers.location!, sections: briefing.sections };
}

describe('shipped briefing templates on the demo audits', () => {
  it('publishes two briefings in the demo, which the demo practitioner finds and the redaction guard passes', async () => {
    const practitioner = new Browser(t.app);
    expect((await practitioner.signIn('practitioner@demo.maca.test', password)).headers.location).toBe('/');
    const library = await practitioner.get('/library');
    expect(library.body).toContain('2 briefings');
    expect(library.body).toContain('6-step briefing: Northamptonshire MACA: domestic violence II');
    expect(library.body).toContain('Learning themes summary: North Yorkshire learning themes audit');
    const rows = await t.database.db
      .selectFrom('briefing as b')
      .innerJoin('audit as a', 'a.id', 'b.audit_id')
      .select(['b.id', 'a.id as audit_id'])
      .execute();
    const user = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'coordinator@demo.maca.test')
      .executeTakeFirstOrThrow();
    const actor = { userId: user.id, partnershipId: null, correlationId: null, ip: null };
    for (const row of rows) {
      const audit = await t.database.db
        .selectFrom('audit')
        .select(['id', 'partnership_id', 'reference', 'title', 'status', 'version'])
        .where('id', '=', row.audit_id)
        .executeTakeFirstOrThrow();
      const inContext = {
        id: audit.id,
        partnershipId: audit.partnership_id,
        reference: audit.reference,
        title: audit.title,
        status: audit.status,
        version: audit.version,
        invitedAgencyIds: [],
        resource: { partnershipId: audit.partnership_id },
      };
      expect(await t.services.briefings.check(inContext, row.id, actor)).toEqual([]);
    }
  });

  it('6-step briefing for Northamptonshire (seed 002): strengths and findings per case, issues across cases', async () => {
    const { sections } = await generated('NSCB-2017-DV2', 'briefing_6step');
    expect(sections.map((s) => s.heading)).toEqual([
      'Theme / Cases',
      'The Process',
      'The Identified Strengths',
      'The Findings',
      'The Issues Identified Across Multiple Cases',
      'Recommendation Outcomes, Good Practice and Evidence',
    ]);
    expect(sections[0]!.text).toContain('The audit looked at six cases involving 24 children.');
    expect(sections[2]!.text).toBe(
      '## Case 6\n- The school nurse has undertaken protective behaviours work with the eldest child.',
    );
    expect(sections[3]!.text).toContain(
      '## Case 6\n- The case was closed because a non-molestation order was in place',
    );
    expect(sections[4]!.text).toBe('- Social workers were not always made aware of the outcomes of MARAC meetings.');
    expect(sections[5]!.text).toContain('- Brief all social work teams on recording MARAC outcomes (Children');
  });

  it('summary briefing for Leicester familial sexual abuse (seed 003): methodology with counts and the participation table', async () => {
    const { sections } = await generated('LLR-2019-FSA', 'summary');
    expect(sections.map((s) => s.heading)).toEqual([
      'Leicester LSCB multi-agency audit: familial sexual abuse',
      'Background',
      'Methodology',
      'Key findings and learning',
      'Recommendations',
      'Further information',
    ]);
    // Counted from returns received: no agency was involved in the fifth case, so no return audited it.
    expect(sections[2]!.text).toContain('Four cases were audited.');
    expect(sections[2]!.text).toContain(
      '- Leicestershire Police: 1 (out of the 5; 1 mostly out of scope, 3 out of scope)',
    );
    expect(sections[2]!.text).toContain('- SSTOP: -');
    expect(sections[3]!.text).toMatch(/^- No concerns were identified/);
  });

  it('key messages, learning themes and 7-minute briefings for North Yorkshire (seeds 001, 004), each passing the redaction guard', async () => {
    for (const kind of ['key_messages', 'learning_themes', 'briefing_7min']) {
      const { url, sections } = await generated('NYSCP-2023-DA', kind);
      expect(sections.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(sections)).toContain('The voice of the child was not consistently clear');
      expect(JSON.stringify(sections)).not.toContain('Demo Child');
      await coordinator.get(url);
      const published = await coordinator.post(`${url}/publish`, { version: '1' });
      expect(
        published.statusCode,
        /<ul class="govuk-list govuk-error-summary__list">[\s\S]*?<\/ul>/.exec(published.body)?.[0],
      ).toBe(303);
    }
    const library = await coordinator.get('/library?theme=Domestic+abuse');
    expect(library.body).toContain('5 briefings');
  });

  it('finds the demo cases’ fictional identifying details if they are pasted into a briefing', async () => {
    const { url } = await generated('LSCB-2018-DA', 'key_messages');
    await coordinator.get(`${url}/sections/2`);
    await coordinator.post(`${url}/sections/2`, {
      heading: 'What we did well',
      text: 'Demo Child 3A Example, of 3 Fictional Row (ZZ99 9ZZ), was seen.',
      version: '1',
    });
    await coordinator.get(url);
    const blocked = await coordinator.post(`${url}/publish`, { version: '2' });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('“Demo Child 3A Example” looks like a name');
    expect(blocked.body).toContain('“3 Fictional Row” looks like an address');
    expect(blocked.body).toContain('“ZZ99 9ZZ” looks like an address');
  });
});
