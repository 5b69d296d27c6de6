import type { Db } from '../db/database.ts';
import type { RecommendationKindValue } from '../db/schema.ts';
import { fingerprint } from '../features/chronology/chronology-repository.ts';
import type { CaseIdentity } from '../domain/case-identity.ts';
import type { ChronologyCategory } from '../domain/discussion-points.ts';
import { encrypt } from '../domain/encryption.ts';

/**
 * What the seed briefings say happened after the meetings: chronologies that produce the points
 * their briefings describe (Northamptonshire case 6, Bexley), findings, recommendations and
 * actions at different stages; and an audit with returns open today for newcomers to try.
 */
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function caseOf(db: Db, reference: string, caseRef: string) {
  return db
    .selectFrom('audit_case as c')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .select(['c.id', 'a.id as audit_id'])
    .where('a.reference', '=', reference)
    .where('c.reference', '=', caseRef)
    .executeTakeFirstOrThrow();
}

async function chronology(
  db: Db,
  caseId: string,
  agencyId: string,
  entries: [string, ChronologyCategory, string, 'positive' | 'negative' | 'neutral', string][],
) {
  for (const [date, category, event, impact, action] of entries) {
    await db
      .insertInto('chronology_entry')
      .values({
        case_id: caseId,
        agency_id: agencyId,
        date_from: date,
        date_to: date,
        precision: 'day',
        category,
        event,
        impact,
        action_taken: action,
        significant: category !== 'other',
        fingerprint: fingerprint({ from: date, to: date, category, event }),
      })
      .execute();
  }
}

export async function loadDemoLearning(
  db: Db,
  partnershipId: string,
  agencies: Map<string, string>,
  users: Map<string, string>,
  today: string,
  encryptionKey: Buffer,
): Promise<void> {
  const a = (key: string) => agencies.get(key)!;
  const north6 = await caseOf(db, 'NSCB-2017-DV2', 'Case 6');
  await chronology(db, north6.id, a('social-care'), [
    [
      '2016-03-01',
      'case_opened',
      'Referral from police after a domestic violence incident',
      'negative',
      'Assessment started',
    ],
    ['2016-06-10', 'case_closed', 'Case closed: non-molestation order in place', 'neutral', 'No further action'],
  ]);
  await chronology(db, north6.id, a('police'), [
    [
      '2016-07-02',
      'incident',
      'Domestic incident: breach of the non-molestation order',
      'negative',
      'Arrest; DASH standard risk',
    ],
    [
      '2016-08-15',
      'incident',
      'Domestic incident: mother assaulted by partner, children present',
      'negative',
      'DASH medium risk',
    ],
  ]);
  await chronology(db, north6.id, a('health-visiting'), [
    [
      '2016-08-20',
      'other',
      'Request for early help support made by the health visitor',
      'neutral',
      'No support recorded as put in place',
    ],
  ]);

  const bexley = await caseOf(db, 'BSCB-2019-DA', 'Case 1');
  await chronology(db, bexley.id, a('education'), [
    ['2017-03-06', 'disclosure', 'Child told a teacher that dad shouts and hits mum', 'negative', ''],
    ['2017-05-11', 'disclosure', 'Child said they were scared to go home at the weekend', 'negative', ''],
  ]);
  await chronology(db, bexley.id, a('police'), [
    [
      '2019-01-20',
      'disclosure',
      'Child disclosed harm; strategy discussion the same day',
      'negative',
      'Strategy discussion; section 47 enquiry',
    ],
  ]);

  const north = await db
    .selectFrom('audit')
    .select('id')
    .where('reference', '=', 'NSCB-2017-DV2')
    .executeTakeFirstOrThrow();
  const yorkshire = await db
    .selectFrom('audit')
    .select('id')
    .where('reference', '=', 'NYSCP-2023-DA')
    .executeTakeFirstOrThrow();
  const finding = async (auditId: string, kind: 'strength' | 'development', text: string, caseIds: string[]) => {
    const row = await db
      .insertInto('finding')
      .values({ audit_id: auditId, kind, across_cases: caseIds.length === 0, text })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const caseId of caseIds)
      await db.insertInto('finding_case').values({ finding_id: row.id, case_id: caseId }).execute();
    return row.id;
  };
  await finding(
    north.id,
    'development',
    'The case was closed because a non-molestation order was in place, but ' +
      'further domestic violence incidents should have triggered the ' +
      're-opening of the case.',
    [north6.id],
  );
  const marac = await finding(
    north.id,
    'development',
    'Social workers were not always made aware of the outcomes of MARAC meetings.',
    [],
  );
  await finding(
    north.id,
    'strength',
    'The school nurse has undertaken protective behaviours work with the eldest child.',
    [north6.id],
  );
  const voice = await finding(
    yorkshire.id,
    'development',
    'The voice of the child was not consistently clear in the cases ' +
      'reviewed; more attention had been placed on other members of the ' +
      'family.',
    [],
  );
  await finding(yorkshire.id, 'strength', 'Good professional challenge between agencies, managed appropriately.', []);

  const recommend = async (auditId: string, text: string, findingId: string, kind: RecommendationKindValue) => {
    const row = await db
      .insertInto('recommendation')
      .values({ audit_id: auditId, text, addressed_to: 'all_agencies', kind, assurance_request: kind === 'assurance' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('recommendation_finding')
      .values({ recommendation_id: row.id, finding_id: findingId })
      .execute();
    return row.id;
  };
  const r1 = await recommend(
    north.id,
    'MARAC outcomes and actions to be recorded on the case file and shared ' +
      'with every practitioner working with the child.',
    marac,
    'practice_change',
  );
  const r2 = await recommend(
    yorkshire.id,
    'Agencies to show how the child’s voice and lived experience shape assessments and plans.',
    voice,
    'assurance',
  );
  const owner = users.get('action-owner.social-care@demo.maca.test')!;
  const action = async (
    auditId: string,
    recommendationId: string,
    text: string,
    status: 'not_started' | 'on_track' | 'at_risk' | 'complete',
    due: string,
    update?: string,
  ) => {
    const row = await db
      .insertInto('action')
      .values({
        audit_id: auditId,
        recommendation_id: recommendationId,
        text,
        agency_id: a('social-care'),
        lead_user_id: owner,
        start_on: addDays(due, -120),
        due_on: due,
        status,
        evidence_completion: status === 'complete' ? 'Briefing delivered to 6 teams; attendance recorded' : '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (update)
      await db
        .insertInto('action_update')
        .values({ action_id: row.id, on_date: addDays(today, -20), text: update, status })
        .execute();
  };
  await action(
    north.id,
    r1,
    'Brief all social work teams on recording MARAC outcomes',
    'complete',
    addDays(today, -60),
    'All six teams briefed',
  );
  await action(
    north.id,
    r1,
    'Audit ten case files for MARAC outcome recording',
    'at_risk',
    addDays(today, 10),
    'Sample chosen; two auditors off sick',
  );
  await action(
    yorkshire.id,
    r2,
    'Add a “day in the life of the child” section to the assessment template',
    'on_track',
    addDays(today, 75),
    'Draft template with the principal social worker',
  );
  await action(yorkshire.id, r2, 'Re-audit the voice of the child in six months', 'not_started', addDays(today, 180));

  // An audit with returns open now, so the demo auditors can try the whole journey.
  const theme = await db
    .selectFrom('audit_theme')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['label']), '=', 'neglect'))
    .executeTakeFirst();
  const general = await db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select('v.id')
    .where('t.partnership_id', '=', partnershipId)
    .where('t.shipped_key', '=', 'general')
    .executeTakeFirstOrThrow();
  const current = await db
    .insertInto('audit')
    .values({
      partnership_id: partnershipId,
      reference: `MACA-${today.slice(0, 4)}-NEG`,
      title: 'Neglect and cumulative harm',
      theme_id: theme?.id ?? null,
      theme_text: theme ? null : 'Neglect',
      status: 'returns_open',
      scope_kind: 'months',
      scope_months: 6,
      scope_reference_date: today,
      lines_of_enquiry: 'Recognition of cumulative harm; missed health appointments; school attendance.',
      methodology: 'Three cases nominated by the QA subgroup.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('audit_tool').values({ audit_id: current.id, template_version_id: general.id }).execute();
  await db
    .insertInto('audit_milestone')
    .values([
      {
        audit_id: current.id,
        kind: 'auditors_briefing',
        label: 'Auditors’ briefing',
        due_on: addDays(today, -7),
        done_on: addDays(today, -7),
        position: 0,
      },
      {
        audit_id: current.id,
        kind: 'returns_deadline',
        label: 'Returns deadline',
        due_on: addDays(today, 21),
        position: 1,
      },
      {
        audit_id: current.id,
        kind: 'discussion_meeting',
        label: 'Discussion meeting',
        due_on: addDays(today, 35),
        position: 2,
      },
    ])
    .execute();
  const leads: Record<string, string> = {
    police: 'audit-lead.police@demo.maca.test',
    'social-care': 'audit-lead.social-care@demo.maca.test',
    health: 'audit-lead.health@demo.maca.test',
  };
  const caseIds: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const c = await db
      .insertInto('audit_case')
      .values({
        audit_id: current.id,
        reference: `Case ${i}`,
        position: i,
        selection_reason: 'Nominated by the QA subgroup',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseIds.push(c.id);
    const child = await db
      .insertInto('case_child')
      .values({
        case_id: c.id,
        pseudonym: 'Child A',
        age_years: 2 + i * 3,
        legal_status: i === 1 ? 'child_protection' : 'child_in_need',
        cp_category: i === 1 ? 'neglect' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Identifying details (fictional) for the invited agencies' auditors to look up while returns are open.
    const identity: CaseIdentity = {
      children: [
        {
          childId: child.id,
          name: `Demo Child N${i} Example`,
          dateOfBirth: `${Number(today.slice(0, 4)) - 3 - i * 3}-02-2${i}`,
        },
      ],
      adults: [],
      addresses: [`${i} Imaginary Close, Demotown, ZZ99 8ZZ`],
      records: [{ agencyId: null, label: 'NHS number', value: `999 000 100${i}` }],
    };
    await db
      .insertInto('case_identity')
      .values({ case_id: c.id, encrypted: encrypt(encryptionKey, JSON.stringify(identity)) })
      .execute();
  }
  for (const [key, email] of Object.entries(leads)) {
    await db
      .insertInto('audit_agency')
      .values({ audit_id: current.id, agency_id: a(key), lead_user_id: users.get(email) ?? null })
      .execute();
    for (const [i, caseId] of caseIds.entries()) {
      if (key === 'health' && i > 0) continue; // health has still to record two cases
      await db
        .insertInto('involvement')
        .values({ case_id: caseId, agency_id: a(key), status: 'involved' })
        .execute();
      await db
        .insertInto('agency_return')
        .values({ case_id: caseId, agency_id: a(key) })
        .execute();
    }
  }

  // The panel's notes on Northamptonshire case 6, with the judgement it agreed for planning.
  const northTool = await db
    .selectFrom('audit_tool')
    .select('template_version_id')
    .where('audit_id', '=', north.id)
    .orderBy('position')
    .executeTakeFirst();
  const northMeeting = await db
    .insertInto('meeting')
    .values({ audit_id: north.id })
    .onConflict((oc) => oc.column('audit_id').doUpdateSet({ updated_at: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const note = await db
    .insertInto('meeting_case_note')
    .values({
      meeting_id: northMeeting.id,
      case_id: north6.id,
      notes:
        'Children’s social care closed the case because a non-molestation ' +
        'order was in place; police recorded two further incidents within two ' +
        'months. The health visitor’s request for early help was not followed ' +
        'up.',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (northTool) {
    await db
      .insertInto('meeting_case_judgement')
      .values({
        case_note_id: note.id,
        template_version_id: northTool.template_version_id,
        section_key: 'planning',
        value: 'inadequate',
        rationale: 'The plan ended with the order; further incidents should have re-opened the case.',
      })
      .execute();
  }
}
