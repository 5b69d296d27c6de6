import type { AuditPlan } from '../../src/domain/audit-plan.ts';
import type { Role } from '../../src/domain/roles.ts';
import { Browser, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

/** A partnership with two agencies and a signed-in person in each role the audit pages care about. */
export async function aPartnershipWithPeople(t: TestApp) {
  const db = t.database.db;
  const partnershipId = await aPartnership().create(db);
  const police = await anAgency(partnershipId).named('Leicestershire Police').create(db);
  const health = await anAgency(partnershipId).named('Community Health Trust').ofType('community_health').create(db);
  const person = async (role: Role, agencyId?: string) => {
    let builder = aUser(partnershipId).withRole(role).named(`${role} person`).exemptFromSecondFactor();
    if (agencyId) builder = builder.inAgency(agencyId);
    const user = await builder.create(db);
    const browser = new Browser(t.app);
    const response = await browser.signIn(user.email, user.password);
    if (response.headers.location !== '/') throw new Error(`sign-in failed for ${role}`);
    return {
      id: user.id,
      browser,
      principal: { id: user.id, partnershipId, agencyId: agencyId ?? null, roles: [role], active: true },
    };
  };
  return {
    partnershipId,
    police,
    health,
    coordinator: await person('coordinator'),
    panel: await person('panel_member'),
    administrator: await person('administrator'),
    practitioner: await person('practitioner'),
    actionOwner: await person('action_owner', police),
    policeLead: await person('audit_lead', police),
    policeAuditor: await person('auditor', police),
    healthAuditor: await person('auditor', health),
  };
}
export type People = Awaited<ReturnType<typeof aPartnershipWithPeople>>;

export function aPlan(overrides: Partial<AuditPlan> = {}): AuditPlan {
  return {
    title: 'Domestic abuse audit',
    reference: null,
    themeId: null,
    themeText: 'Domestic abuse',
    linesOfEnquiry: 'How well did agencies share information?',
    scope: { kind: 'dates', from: '2018-06-01', to: '2018-11-30', months: null, referenceDate: null },
    methodology: 'Seven cases from a list provided by social care.',
    jointPartnerships: [],
    milestones: [{ kind: 'returns_deadline', label: 'Returns deadline', due: '2018-12-14', done: null }],
    ...overrides,
  };
}

/** An audit planned through the service, as the coordinator would; optionally with cases and agencies. */
export async function anAuditPlanned(
  t: TestApp,
  people: People,
  options: { plan?: Partial<AuditPlan>; cases?: number; invite?: string[] } = {},
) {
  const actor = { userId: people.coordinator.id, partnershipId: people.partnershipId, correlationId: null, ip: null };
  const saved = await t.services.audits.create(
    { id: people.coordinator.id, partnershipId: people.partnershipId } as never,
    aPlan(options.plan),
    actor,
  );
  if (saved.kind !== 'saved') throw new Error(`could not plan the audit: ${saved.kind}`);
  const db = t.database.db;
  for (let i = 1; i <= (options.cases ?? 0); i++)
    await db
      .insertInto('audit_case')
      .values({ audit_id: saved.id, reference: `Case ${i}`, position: i })
      .execute();
  for (const agencyId of options.invite ?? [])
    await db.insertInto('audit_agency').values({ audit_id: saved.id, agency_id: agencyId }).execute();
  return saved;
}

/** The fields of the plan form, filled in as a coordinator would; override any of them. */
export function planForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Familial sexual abuse audit',
    reference: '',
    theme: 'other',
    theme_text: 'Familial sexual abuse',
    lines_of_enquiry: 'Was the child’s voice heard?',
    scope_kind: 'dates',
    'scope_from-day': '1',
    'scope_from-month': '6',
    'scope_from-year': '2018',
    'scope_to-day': '30',
    'scope_to-month': '11',
    'scope_to-year': '2018',
    methodology: 'Cases nominated by subgroup members.',
    joint: 'no',
    'returns_deadline_due-day': '14',
    'returns_deadline_due-month': '12',
    'returns_deadline_due-year': '2018',
    'discussion_meeting_due-day': '10',
    'discussion_meeting_due-month': '1',
    'discussion_meeting_due-year': '2019',
    other_count: '1',
    ...overrides,
  };
}
