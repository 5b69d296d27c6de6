import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

/** Points to discuss as the panel sees them, and carrying one into a finding (issue 12). */
let t: TestApp;
let partnershipId: string;
const agency: Record<'police' | 'school' | 'gp', string> = { police: '', school: '', gp: '' };
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  agency.police = await anAgency(partnershipId).named('Police').create(t.database.db);
  agency.school = await anAgency(partnershipId).named('School').ofType('education').create(t.database.db);
  agency.gp = await anAgency(partnershipId).named('GP practice').create(t.database.db);
  const make = async (key: string, role: 'auditor' | 'panel_member', agencyId?: string) => {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (agencyId) builder = builder.inAgency(agencyId);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  };
  await make('police', 'auditor', agency.police);
  await make('panel', 'panel_member');
});
afterAll(async () => t?.close());

type Row = { agency: keyof typeof agency; from: string; category: string; event: string };

/** An audit whose first case has these entries, every agency involved with a return. */
async function anAuditWith(rows: Row[]) {
  const audit = await anAudit(partnershipId).inviting(agency.police, agency.school, agency.gp).create(t.database.db);
  const caseId = audit.caseIds[0]!;
  for (const key of ['police', 'school', 'gp'] as const) await aReturn(t.database.db, caseId, agency[key]);
  for (const r of rows)
    await t.database.db
      .insertInto('chronology_entry')
      .values({
        case_id: caseId,
        agency_id: agency[r.agency],
        date_from: r.from,
        date_to: r.from,
        precision: 'day',
        category: r.category,
        event: r.event,
        fingerprint: `${r.agency}-${r.from}-${r.event}`,
      })
      .execute();
  return { audit, caseId, url: `/audits/${audit.id}/cases/${caseId}/chronology` };
}

// Police record a MARAC; the school and the GP, both working with the family then, never mention it.
const marac: Row[] = [
  { agency: 'school', from: '2018-06-01', category: 'other', event: 'Child started at the school' },
  { agency: 'gp', from: '2018-06-15', category: 'other', event: 'Child seen for asthma review' },
  { agency: 'police', from: '2018-07-04', category: 'marac', event: 'Case heard at MARAC; actions agreed' },
  { agency: 'school', from: '2018-09-10', category: 'other', event: 'Attendance meeting with mother' },
  { agency: 'gp', from: '2018-10-01', category: 'other', event: 'Mother seen, low mood' },
];

const pointsOf = (caseId: string) =>
  t.database.db
    .selectFrom('discussion_point')
    .select(['id', 'question', 'status', 'entry_ids'])
    .where('case_id', '=', caseId)
    .orderBy('question')
    .execute();

describe('points to discuss on the integrated chronology', () => {
  it('keeps a point for each agency that may not have known, and names the entries it rests on', async () => {
    const { caseId, url } = await anAuditWith(marac);
    const page = await b.panel!.get(url);
    expect(page.statusCode).toBe(200);
    const points = await pointsOf(caseId);
    expect(points.map((p) => p.question)).toEqual([
      'Did GP practice know about the MARAC on 4 July 2018 recorded by Police? GP practice was working ' +
        'with the family then, but has no entry referring to it within 28 days.',
      'Did School know about the MARAC on 4 July 2018 recorded by Police? School was working with the ' +
        'family then, but has no entry referring to it within 28 days.',
    ]);
    expect(page.body).toContain('Did GP practice know about the MARAC on 4 July 2018');
    expect(page.body).toContain('Did School know about the MARAC on 4 July 2018');
    expect(page.body).toContain(
      `<a class="govuk-link" href="#entry-${points[0]!.entry_ids[0]}">4 July 2018, Police, MARAC</a>`,
    );
    const filtered = await b.panel!.get(`${url}?category=other`);
    expect(filtered.body).toContain('4 July 2018, Police, MARAC (hidden by the filters)');
  });
});

describe('carrying a point into a finding', () => {
  it('opens the finding form filled from the point, and saving it carries the point', async () => {
    const { audit, caseId, url } = await anAuditWith(marac);
    await b.panel!.get(url);
    const point = (await pointsOf(caseId))[1]!; // the School one
    const link = `/audits/${audit.id}/findings/new?point=${point.id}`;
    expect((await b.panel!.get(url)).body).toContain(`href="${link}">Carry into a finding</a>`);
    const form = await b.panel!.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('From a point to discuss for Case 1');
    expect(form.body).toContain('The 1 entry the point rests on');
    expect(form.body).toContain('Case heard at MARAC; actions agreed');
    expect(form.body).toContain(
      'Did School know about the MARAC on 4 July 2018 recorded by Police? School was working with the ' +
        'family then, but has no entry referring to it within 28 days.\n\nEntries it rests on: 4 July 2018, ' +
        'Police, MARAC.</textarea>',
    );
    expect(form.body).toContain(`<input type="hidden" name="point" value="${point.id}">`);
    expect(form.body).toMatch(new RegExp(`name="cases" type="checkbox" value="${caseId}" checked`));
    expect(form.body).toMatch(new RegExp(`name="agencies" type="checkbox" value="${agency.police}" checked`));
    expect(form.body).toMatch(new RegExp(`name="agencies" type="checkbox" value="${agency.school}" checked`));
    expect(form.body).not.toMatch(new RegExp(`name="agencies" type="checkbox" value="${agency.gp}" checked`));
    expect((await pointsOf(caseId))[1]!.status).toBe('open');

    const answer = {
      action: 'save',
      scope: 'cases',
      cases: [caseId],
      agencies: [agency.police, agency.school],
      text: 'The school was not told of the MARAC outcome for Case 1.',
      point: point.id,
    };
    const missingKind = await b.panel!.post(`/audits/${audit.id}/findings`, answer);
    expect(missingKind.statusCode).toBe(400);
    expect(missingKind.body).toContain('From a point to discuss for Case 1');
    expect(missingKind.body).toContain(`<input type="hidden" name="point" value="${point.id}">`);
    expect((await b.panel!.post(`/audits/${audit.id}/findings`, { ...answer, kind: 'development' })).statusCode).toBe(
      303,
    );
    const finding = await t.database.db
      .selectFrom('finding')
      .select(['text', 'discussion_point_id'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(finding).toEqual({ text: answer.text, discussion_point_id: point.id });
    expect((await pointsOf(caseId)).map((p) => p.status)).toEqual(['open', 'carried']);
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', point.id)
      .execute();
    expect(logged.map((l) => l.action)).toEqual(['discussion-point.carried']);
    expect((await b.panel!.get(url)).body).toMatch(/Carried into a finding\s*<\/strong>/);
  });

  it('refuses a point of another audit, or an unknown one, and keeps the form from those who may not record', async () => {
    const first = await anAuditWith(marac);
    const other = await anAuditWith(marac);
    await b.panel!.get(other.url);
    const theirs = (await pointsOf(other.caseId))[0]!;
    expect((await b.panel!.get(`/audits/${first.audit.id}/findings/new?point=${theirs.id}`)).statusCode).toBe(404);
    expect((await b.panel!.get(`/audits/${first.audit.id}/findings/new?point=not-a-point`)).statusCode).toBe(404);
    expect((await b.police!.get(`/audits/${other.audit.id}/findings/new?point=${theirs.id}`)).statusCode).toBe(404);
    await b.panel!.get(`/audits/${first.audit.id}/findings/new`);
    const forged = await b.panel!.post(`/audits/${first.audit.id}/findings`, {
      action: 'save',
      kind: 'development',
      scope: 'across',
      text: 'A finding',
      point: theirs.id,
    });
    expect(forged.statusCode).toBe(404);
    expect(
      await t.database.db.selectFrom('finding').select('id').where('audit_id', '=', first.audit.id).execute(),
    ).toEqual([]);
    expect((await pointsOf(other.caseId)).map((p) => p.status)).toEqual(['open', 'open']);
  });
});
