import type { Db } from '../../src/db/database.ts';
import { insertEntries, type EntryInput } from '../../src/features/chronology/chronology-repository.ts';
import { storeIdentity } from '../../src/features/cases/identity-repository.ts';
import { anAudit } from './audit-builders.ts';

/**
 * A whole audit, every kind of record the exchange file carries: cases with children and household
 * members, identities, involvement, returns with answers and notes, chronologies, a discussion
 * point, an immediate concern, the meeting, findings (one across cases) with learning themes,
 * recommendations, and actions with their updates.
 */
export type FullAudit = { id: string; caseIds: string[]; childIds: string[]; reference: string };
const CATEGORIES = [
  'incident',
  'referral',
  'disclosure',
  'marac',
  'core_group',
  'missed_appointment',
  'other',
] as const;

export async function aFullAudit(
  db: Db,
  key: Buffer,
  options: { partnershipId: string; agencyIds: string[]; leadUserId: string; cases?: number; entriesPerCase?: number },
): Promise<FullAudit> {
  const { partnershipId, agencyIds, leadUserId } = options;
  const [police, social, health] = [agencyIds[0]!, agencyIds[1] ?? agencyIds[0]!, agencyIds[2] ?? agencyIds[0]!];
  const audit = await anAudit(partnershipId)
    .inviting(...agencyIds)
    .withCases(options.cases ?? 2)
    .inStatus('monitoring')
    .create(db);
  const reference = `EX-${audit.id.slice(0, 8)}`;
  await db
    .updateTable('audit')
    .set({
      reference,
      title: 'Neglect in families with younger children',
      theme_text: 'Neglect',
      lines_of_enquiry: '1. Was neglect recognised early?\n2. Did agencies share information?',
      scope_kind: 'dates',
      scope_from: '2024-01-01',
      scope_to: '2024-12-31',
      methodology: 'Single-agency audits followed by a multi-agency discussion.',
      joint_partnerships: ['Rutland Safeguarding Children Partnership'],
      status_changed_at: new Date('2025-03-01T10:00:00Z'),
      settings: JSON.stringify({ shareReturnsEarly: true }),
    })
    .where('id', '=', audit.id)
    .execute();
  await db.deleteFrom('audit_agency').where('audit_id', '=', audit.id).where('agency_id', '=', police).execute();
  await db
    .insertInto('audit_agency')
    .values({
      audit_id: audit.id,
      agency_id: police,
      lead_user_id: leadUserId,
      invited_at: new Date('2025-01-05T09:00:00Z'),
    })
    .execute();
  await db
    .insertInto('audit_milestone')
    .values([
      {
        audit_id: audit.id,
        kind: 'returns_deadline',
        label: 'Returns due',
        due_on: '2025-02-01',
        done_on: '2025-02-01',
        position: 0,
      },
      {
        audit_id: audit.id,
        kind: 'discussion_meeting',
        label: 'Multi-agency discussion',
        due_on: '2025-02-20',
        done_on: null,
        position: 1,
      },
    ])
    .execute();
  await db
    .insertInto('audit_status_change')
    .values([
      {
        audit_id: audit.id,
        from_status: 'planning',
        to_status: 'returns_open',
        reason: null,
        created_at: new Date('2025-01-05T09:00:00Z'),
      },
      {
        audit_id: audit.id,
        from_status: 'returns_open',
        to_status: 'discussion',
        reason: 'All returns in',
        created_at: new Date('2025-02-02T09:00:00Z'),
      },
    ])
    .execute();
  const tool = await db
    .selectFrom('audit_tool')
    .select('template_version_id')
    .where('audit_id', '=', audit.id)
    .executeTakeFirstOrThrow();
  const childIds: string[] = [];
  const entryIds: string[] = [];
  const returnIds: string[] = [];
  for (const [i, caseId] of audit.caseIds.entries()) {
    await db
      .updateTable('audit_case')
      .set({
        selection_reason: 'Child protection plan for neglect',
        selected_by: 'Coordinator',
        source_agency_id: social,
        criteria: ['child_protection', 'other:Under 5 at referral'],
      })
      .where('id', '=', caseId)
      .execute();
    const [childA] = await db
      .insertInto('case_child')
      .values([
        {
          case_id: caseId,
          pseudonym: 'Child A',
          position: 1,
          age_years: 3,
          sex: 'female',
          ethnicity: 'white_british',
          legal_status: 'child_protection',
          cp_category: 'neglect',
        },
        {
          case_id: caseId,
          pseudonym: 'Child B',
          position: 2,
          unborn: true,
          expected_month: '2025-06',
          legal_status: 'none',
        },
      ])
      .returning('id')
      .execute();
    childIds.push(childA!.id);
    const [mother] = await db
      .insertInto('household_member')
      .values([
        { case_id: caseId, role: 'mother', description: 'Main carer', position: 1 },
        { case_id: caseId, role: 'partner', description: 'Visits', in_household: false, poses_risk: true, position: 2 },
      ])
      .returning('id')
      .execute();
    await storeIdentity(
      db,
      key,
      caseId,
      {
        children: [{ childId: childA!.id, name: `Amelia Exampleton ${i}`, dateOfBirth: '2021-04-03' }],
        adults: [{ memberId: mother!.id, name: `Jane Exampleton ${i}` }],
        addresses: ['1 Test Street, Leicester'],
        records: [{ agencyId: police, label: 'Police ref', value: `PR-${i}-001` }],
      },
      0,
      null,
    );
    const involvement = [
      {
        case_id: caseId,
        agency_id: police,
        status: 'involved' as const,
        recorded_at: new Date('2025-01-06T10:00:00Z'),
      },
      {
        case_id: caseId,
        agency_id: social,
        status: 'involved' as const,
        recorded_at: new Date('2025-01-06T11:00:00Z'),
      },
      {
        case_id: caseId,
        agency_id: health,
        status: 'not_known' as const,
        reason: 'No record found',
        recorded_at: new Date('2025-01-06T12:00:00Z'),
      },
    ];
    await db
      .insertInto('involvement')
      .values(involvement.filter((v, n) => involvement.findIndex((w) => w.agency_id === v.agency_id) === n))
      .execute();
    for (const [n, agencyId] of [...new Set([police, social])].entries()) {
      const ret = await db
        .insertInto('agency_return')
        .values({
          case_id: caseId,
          agency_id: agencyId,
          status: 'signed_off',
          auditor_name: `Auditor ${n}`,
          auditor_role: 'Detective sergeant',
          overall_grade: 'requires_improvement',
          overall_rationale: 'Some drift.',
          lead_comments: 'Agreed.',
          submitted_at: new Date('2025-01-20T10:00:00Z'),
          signed_off_at: new Date('2025-01-21T10:00:00Z'),
          auditor_user_id: leadUserId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      returnIds.push(ret.id);
      await db
        .insertInto('return_section')
        .values({
          return_id: ret.id,
          template_version_id: tool.template_version_id,
          section_key: 'referral',
          status: 'completed',
          worked_well: 'Prompt referral',
          areas_for_development: 'Voice of the child',
        })
        .execute();
      await db
        .insertInto('return_answer')
        .values([
          {
            return_id: ret.id,
            template_version_id: tool.template_version_id,
            question_key: 'referral_timely',
            answer: 'good',
            evidence: 'Referral made the same day.',
          },
          {
            return_id: ret.id,
            template_version_id: tool.template_version_id,
            question_key: 'referral_quality',
            answer: 'requires_improvement',
            evidence: '=SUM(A1) looks like a formula but is text',
          },
        ])
        .execute();
      await db
        .insertInto('single_agency_action')
        .values({
          return_id: ret.id,
          action: 'Refresh neglect training',
          owner: 'Training lead',
          due_on: '2025-06-30',
          position: 1,
        })
        .execute();
      await db
        .insertInto('return_event')
        .values([
          {
            return_id: ret.id,
            event: 'submitted',
            from_status: 'in_progress',
            to_status: 'submitted',
            created_at: new Date('2025-01-20T10:00:00Z'),
          },
          {
            return_id: ret.id,
            event: 'signed_off',
            from_status: 'submitted',
            to_status: 'signed_off',
            comment: 'Good',
            created_at: new Date('2025-01-21T10:00:00Z'),
          },
        ])
        .execute();
    }
    const entries = (n: number, offset: number): EntryInput[] =>
      Array.from({ length: n }, (_, j) => {
        const day = `2024-${String(1 + ((j + offset) % 12)).padStart(2, '0')}-${String(1 + ((j * 7 + offset) % 28)).padStart(2, '0')}`;
        return {
          from: day,
          to: day,
          precision: 'day' as const,
          event: `Event ${offset}-${j}: home visit, concerns about home conditions`,
          source: 'Case note',
          category: CATEGORIES[j % CATEGORIES.length]!,
          impact: j % 3 ? ('negative' as const) : ('neutral' as const),
          actionTaken: j % 2 ? 'Referral to early help' : '',
          significant: j % 5 === 0,
        };
      });
    const per = options.entriesPerCase ?? 6;
    const share = Math.ceil(per / agencyIds.length);
    for (const [n, agencyId] of agencyIds.entries())
      await insertEntries(db, caseId, agencyId, entries(Math.min(share, per - n * share), n * 1000), null, null);
    const some = await db
      .selectFrom('chronology_entry')
      .select('id')
      .where('case_id', '=', caseId)
      .orderBy('date_from')
      .limit(2)
      .execute();
    entryIds.push(...some.map((s) => s.id));
    await db
      .insertInto('discussion_point')
      .values({
        case_id: caseId,
        point_key: `gap:${i}`,
        rule: 'information_sharing_gap',
        question: 'Was the incident shared with social care?',
        entry_ids: some.map((s) => s.id),
        status: 'carried',
        reason: 'Discussed',
        decided_at: new Date('2025-02-20T12:00:00Z'),
      })
      .execute();
    await db
      .insertInto('immediate_concern')
      .values({
        audit_id: audit.id,
        case_id: caseId,
        agency_id: police,
        child_id: childA!.id,
        what_found: 'No visit for three months',
        told_whom: 'Team manager',
        told_at: new Date('2025-01-15T15:00:00Z'),
        outcome: 'Visit made',
        outcome_recorded_at: new Date('2025-01-16T15:00:00Z'),
      })
      .execute();
  }
  const meeting = await db
    .insertInto('meeting')
    .values({ audit_id: audit.id, held_on: '2025-02-20', notes: 'Good attendance.' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('meeting_attendee')
    .values([
      { meeting_id: meeting.id, name: 'Pat Chair', role: 'Chair', created_at: new Date('2025-02-20T09:00:00Z') },
      {
        meeting_id: meeting.id,
        name: 'Sam Police',
        agency_id: police,
        role: 'DS',
        created_at: new Date('2025-02-20T09:01:00Z'),
      },
      {
        meeting_id: meeting.id,
        name: 'Lee Health',
        agency_id: health,
        apologies: true,
        created_at: new Date('2025-02-20T09:02:00Z'),
      },
    ])
    .execute();
  const code = `NEG-${audit.id.slice(0, 4)}`;
  const theme = await db
    .insertInto('learning_theme')
    .values({
      partnership_id: partnershipId,
      code,
      label: 'Neglect recognition',
      description: 'Recognising cumulative neglect',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .selectFrom('discussion_point')
    .select('id')
    .where('case_id', '=', audit.caseIds[0]!)
    .executeTakeFirstOrThrow();
  const [f1, f2] = await db
    .insertInto('finding')
    .values([
      {
        audit_id: audit.id,
        kind: 'development',
        text: 'Cumulative neglect was not recognised',
        domain: 'assessment',
        discussion_point_id: point.id,
        created_at: new Date('2025-02-20T13:00:00Z'),
      },
      {
        audit_id: audit.id,
        kind: 'strength',
        across_cases: true,
        text: 'Agencies attended core groups',
        domain: 'multi_agency',
        created_at: new Date('2025-02-20T13:05:00Z'),
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('finding_case')
    .values(audit.caseIds.map((c) => ({ finding_id: f1!.id, case_id: c })))
    .execute();
  await db
    .insertInto('finding_agency')
    .values([
      { finding_id: f1!.id, agency_id: police },
      { finding_id: f1!.id, agency_id: social },
    ])
    .execute();
  await db
    .insertInto('finding_theme')
    .values([{ finding_id: f1!.id, theme_id: theme.id, suggested: true, confirmed_by: leadUserId }])
    .execute();
  const rec = await db
    .insertInto('recommendation')
    .values({
      audit_id: audit.id,
      text: 'Use the neglect toolkit in every assessment',
      addressed_to: 'agencies',
      assurance_request: true,
      kind: 'assurance',
      created_at: new Date('2025-02-21T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('recommendation_agency').values({ recommendation_id: rec.id, agency_id: social }).execute();
  await db
    .insertInto('recommendation_finding')
    .values([
      { recommendation_id: rec.id, finding_id: f1!.id },
      { recommendation_id: rec.id, finding_id: f2!.id },
    ])
    .execute();
  const sa = await db
    .selectFrom('single_agency_action')
    .select('id')
    .where('return_id', '=', returnIds[0]!)
    .executeTakeFirstOrThrow();
  const [a1] = await db
    .insertInto('action')
    .values([
      {
        audit_id: audit.id,
        recommendation_id: rec.id,
        text: 'Train all social workers in the neglect toolkit',
        agency_id: social,
        lead_user_id: leadUserId,
        start_on: '2025-03-01',
        due_on: '2025-09-30',
        status: 'on_track',
        evidence_completion: 'Attendance list',
        reaudit_on: '2026-03-01',
        created_at: new Date('2025-02-22T10:00:00Z'),
      },
      {
        audit_id: audit.id,
        single_agency_action_id: sa.id,
        text: 'Refresh neglect training',
        agency_id: police,
        lead_user_id: leadUserId,
        due_on: '2025-06-30',
        created_at: new Date('2025-02-22T10:05:00Z'),
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('action_update')
    .values([
      {
        action_id: a1!.id,
        on_date: '2025-04-01',
        text: 'Half trained',
        status: 'on_track',
        created_at: new Date('2025-04-01T10:00:00Z'),
      },
      {
        action_id: a1!.id,
        on_date: '2025-05-01',
        text: 'Most trained',
        status: 'on_track',
        created_at: new Date('2025-05-01T10:00:00Z'),
      },
    ])
    .execute();
  return { id: audit.id, caseIds: audit.caseIds, childIds, reference };
}
