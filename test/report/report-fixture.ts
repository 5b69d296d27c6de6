import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import type { AuditStatus } from '../../src/db/schema.ts';
import { storeIdentity } from '../../src/features/cases/identity-repository.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { anAgency, aUser } from '../support/builders.ts';

/** Identifying details planted in the cases' encrypted identities: none may appear in any format of the report. */
export const PLANTED = {
  childName: 'Tallulah Quennell-Ashworth',
  adultName: 'Brannagh Quennell',
  dateOfBirth: '2019-03-14',
  dateOfBirthWords: '14 March 2019',
  dateOfBirthSlashes: '14/03/2019',
  nhsNumber: '943 476 5919',
  address: '17 Larchmont Rise',
  concernDetail: 'bruising seen on the left arm during the home visit',
};
export const plantedTerms = () => Object.values(PLANTED);

/**
 * An audit as it stands when the report is written: two cases with children and planted
 * identities, three invited agencies (two involved), submitted returns with judgements, a draft
 * that must not count, a concern with its outcome, findings, a recommendation and an action.
 */
export type ReportAgencies = { police: string; health: string; school: string };

export async function aReportedAudit(
  db: Db,
  config: Config,
  partnershipId: string,
  options: { status?: AuditStatus; concern?: boolean; agencies?: ReportAgencies; suffix?: string } = {},
) {
  const suffix = options.suffix ?? '';
  const { police, health, school } = options.agencies ?? {
    police: await anAgency(partnershipId).named(`Leicestershire Police${suffix}`).create(db),
    health: await anAgency(partnershipId).named(`LPT Health${suffix}`).ofType('community_health').create(db),
    school: await anAgency(partnershipId).named(`Oakfield School${suffix}`).ofType('education').create(db),
  };
  const audit = await anAudit(partnershipId)
    .inviting(police, health, school)
    .withCases(2)
    .inStatus(options.status ?? 'reporting')
    .create(db);
  const [case1, case2] = audit.caseIds as [string, string];
  await db
    .updateTable('audit')
    .set({
      theme_text: 'Domestic abuse',
      lines_of_enquiry: 'Was the voice of the child heard?',
      methodology: 'Cases nominated by the QA subgroup; interpreters for families speaking język polski.',
      scope_kind: 'dates',
      scope_from: '2025-01-01',
      scope_to: '2025-06-30',
    })
    .where('id', '=', audit.id)
    .execute();
  await db
    .insertInto('audit_milestone')
    .values({
      audit_id: audit.id,
      kind: 'discussion_meeting',
      label: 'Discussion meeting',
      due_on: '2026-01-20',
      position: 1,
    })
    .execute();

  const child1 = await db
    .insertInto('case_child')
    .values({ case_id: case1, pseudonym: 'Child A', age_band: '1_4', legal_status: 'child_protection' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_child')
    .values({ case_id: case1, pseudonym: 'Child B', age_band: '5_9', legal_status: 'child_protection' })
    .execute();
  await db
    .insertInto('case_child')
    .values({ case_id: case2, pseudonym: 'Child A', age_band: '10_15', legal_status: 'child_in_need' })
    .execute();
  const mother = await db
    .insertInto('household_member')
    .values({ case_id: case1, role: 'mother' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeIdentity(
    db,
    config.encryptionKey,
    case1,
    {
      children: [{ childId: child1.id, name: PLANTED.childName, dateOfBirth: PLANTED.dateOfBirth }],
      adults: [{ memberId: mother.id, name: PLANTED.adultName }],
      addresses: [`${PLANTED.address}, Oadby`],
      records: [{ agencyId: null, label: 'NHS number', value: PLANTED.nhsNumber }],
    },
    0,
    null,
  );

  for (const [caseId, agencyId, status] of [
    [case1, school, 'not_known'],
    [case2, school, 'out_of_scope'],
    [case2, health, 'not_known'],
  ] as const) {
    await db.insertInto('involvement').values({ case_id: caseId, agency_id: agencyId, status }).execute();
  }
  const version = (
    await db
      .selectFrom('audit_tool')
      .select('template_version_id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow()
  ).template_version_id;
  const answer = async (
    caseId: string,
    agencyId: string,
    status: 'submitted' | 'signed_off' | 'in_progress',
    answers: Record<string, string>,
  ) => {
    const id = await aReturn(db, caseId, agencyId);
    await db.updateTable('agency_return').set({ status }).where('id', '=', id).execute();
    for (const [key, value] of Object.entries(answers))
      await db
        .insertInto('return_answer')
        .values({
          return_id: id,
          template_version_id: version,
          question_key: key,
          answer: value,
          evidence: `Evidence naming ${PLANTED.childName}`,
        })
        .execute();
  };
  await answer(case1, police, 'submitted', {
    planning_smart: 'good',
    voice_heard: 'requires_improvement',
    voice_seen: 'yes',
  });
  await answer(case1, health, 'signed_off', { planning_smart: 'inadequate', voice_heard: 'good', voice_seen: 'no' });
  await answer(case2, police, 'in_progress', { planning_smart: 'outstanding' });

  if (options.concern !== false) {
    await db
      .insertInto('immediate_concern')
      .values({
        audit_id: audit.id,
        case_id: case1,
        agency_id: health,
        child_id: child1.id,
        what_found: `${PLANTED.childName}: ${PLANTED.concernDetail}`,
        told_whom: 'Named nurse',
        told_at: new Date('2026-01-10T10:00:00Z'),
        outcome: 'Strategy discussion held the same day; section 47 enquiry completed.',
      })
      .execute();
  }
  const finding = async (kind: 'strength' | 'development', text: string, caseId: string | null, across = false) => {
    const row = await db
      .insertInto('finding')
      .values({ audit_id: audit.id, kind, text, across_cases: across })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (caseId) await db.insertInto('finding_case').values({ finding_id: row.id, case_id: caseId }).execute();
  };
  await finding('strength', 'Police shared the domestic abuse notification with the school within 24 hours.', case1);
  await finding('development', 'The MARAC outcome did not reach the health visitor.', case1);
  await finding('development', '=HYPERLINK("http://example.com","Fathers were not seen in any case")', null, true);
  const recommendation = await db
    .insertInto('recommendation')
    .values({
      audit_id: audit.id,
      text: 'Agencies should confirm MARAC outcomes reach every practitioner working with the child.',
      addressed_to: 'all_agencies',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lead = await aUser(partnershipId).named('Pat Lead').withRole('action_owner').inAgency(police).create(db);
  await db
    .insertInto('action')
    .values({
      audit_id: audit.id,
      recommendation_id: recommendation.id,
      text: 'Add MARAC outcomes to the daily briefing.',
      agency_id: police,
      lead_user_id: lead.id,
      start_on: '2026-02-01',
      due_on: '2099-06-30',
      status: 'on_track',
    })
    .execute();
  return { auditId: audit.id, police, health, school, caseIds: audit.caseIds };
}
