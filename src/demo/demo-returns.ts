import type { Db } from '../db/database.ts';
import type { AuditTool, Question } from '../domain/audit-tool.ts';
import type { ReturnStatus } from '../domain/return-lifecycle.ts';
import {
  DEMO_RETURNS,
  EVIDENCE,
  type Code,
  type DemoAuditReturns,
  type DemoReturnSpec,
} from './demo-return-content.ts';

/**
 * Fills in the demo returns: the seed audits' returns signed off with answers consistent with each
 * briefing, and the open neglect audit's returns at every stage (submitted, sent back, in progress,
 * not started). Rows are built in memory and written in a few multi-row inserts, because this runs
 * at first start and in the demo test.
 */
const OFSTED: Record<string, string> = { O: 'outstanding', G: 'good', R: 'requires_improvement', I: 'inadequate' };
const YPN: Record<string, string> = { Y: 'yes', P: 'partly', N: 'no', NA: 'not_applicable' };
const POSITIVE = new Set<Code>(['O', 'G', 'Y']);
const GRADE_WORDS: Record<string, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

type SectionRow = {
  return_id: string;
  template_version_id: string;
  section_key: string;
  status: 'in_progress' | 'completed';
  worked_well: string;
  areas_for_development: string;
  updated_by: string | null;
};
type AnswerRow = {
  return_id: string;
  template_version_id: string;
  question_key: string;
  answer: string;
  evidence: string;
  updated_by: string | null;
};
type Written = { sections: SectionRow[]; answers: AnswerRow[] };

function answerValue(question: Question, code: Code): string {
  const value = question.scale === 'ofsted' ? OFSTED[code] : YPN[code];
  if (value) return value;
  // A code from the other scale: keep its direction (G -> yes, N -> inadequate...).
  return question.scale === 'ofsted'
    ? POSITIVE.has(code)
      ? 'good'
      : 'requires_improvement'
    : POSITIVE.has(code)
      ? 'yes'
      : code === 'P' || code === 'R'
        ? 'partly'
        : 'no';
}

const defaultCode = (question: Question): Code => (question.scale === 'ofsted' ? 'G' : 'Y');

/** One return's answers, section notes and derived overall grade, from the audit picture and its own spec. */
function writeReturn(
  tool: AuditTool,
  versionId: string,
  returnId: string,
  audit: DemoAuditReturns | undefined,
  spec: DemoReturnSpec,
  userId: string | null,
  onlySections?: Set<string>,
) {
  const written: Written = { sections: [], answers: [] };
  const weak: string[] = [];
  let inadequate = false;
  for (const section of tool.sections) {
    if (onlySections && !onlySections.has(section.key)) continue;
    for (const question of section.questions) {
      const own = spec.answers?.[question.key];
      const code: Code = (Array.isArray(own) ? own[0] : own) ?? audit?.baseline[question.key] ?? defaultCode(question);
      const value = answerValue(question, code);
      const evidence = Array.isArray(own)
        ? own[1]
        : code === 'NA'
          ? ''
          : (EVIDENCE[question.key]?.[POSITIVE.has(code) ? 0 : 1] ?? '');
      if (!POSITIVE.has(code) && code !== 'NA' && !weak.includes(section.title)) weak.push(section.title);
      if (value === 'inadequate') inadequate = true;
      written.answers.push({
        return_id: returnId,
        template_version_id: versionId,
        question_key: question.key,
        answer: value,
        evidence,
        updated_by: userId,
      });
    }
    const notes = spec.notes?.[section.key] ?? audit?.notes[section.key] ?? ['', ''];
    written.sections.push({
      return_id: returnId,
      template_version_id: versionId,
      section_key: section.key,
      status: 'completed',
      worked_well: notes[0],
      areas_for_development: notes[1],
      updated_by: userId,
    });
  }
  const grade = spec.grade ?? (inadequate || weak.length > 4 ? 'requires_improvement' : 'good');
  const rationale =
    spec.rationale ??
    (weak.length === 0
      ? 'Practice met the standard in every domain of the tool.'
      : `${GRADE_WORDS[grade]}: sound practice in most domains; the record shows gaps in ` +
        `${weak.slice(0, 3).join(', ').toLowerCase()}.`);
  return { written, grade, rationale };
}

async function insertAll(db: Db, written: Written): Promise<void> {
  for (let i = 0; i < written.sections.length; i += 500)
    await db
      .insertInto('return_section')
      .values(written.sections.slice(i, i + 500))
      .execute();
  for (let i = 0; i < written.answers.length; i += 500)
    await db
      .insertInto('return_answer')
      .values(written.answers.slice(i, i + 500))
      .execute();
}

const AUDITOR_NAMES = [
  'Jordan Reed',
  'Morgan Ellis',
  'Taylor Shah',
  'Riley Okafor',
  'Avery Clarke',
  'Jamie Novak',
  'Quinn Patel',
  'Rowan Hughes',
];

export async function loadDemoReturns(
  db: Db,
  partnershipId: string,
  agencies: Map<string, string>,
  users: Map<string, string>,
  today: string,
): Promise<void> {
  const general = await db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select(['v.id', 'v.content'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.shipped_key', '=', 'general')
    .executeTakeFirstOrThrow();
  const tool = general.content as unknown as AuditTool;
  const agencyKey = new Map([...agencies].map(([key, id]) => [id, key]));
  const rows = await db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .select(['r.id', 'r.agency_id', 'c.position', 'a.reference', 'a.status as audit_status'])
    .where('a.partnership_id', '=', partnershipId)
    .execute();
  const user = (email: string) => users.get(email) ?? null;
  const people: Record<
    string,
    { auditor: string | null; lead: string | null; auditorName: string; auditorRole: string }
  > = {
    police: {
      auditor: user('auditor.police@demo.maca.test'),
      lead: user('audit-lead.police@demo.maca.test'),
      auditorName: 'Priya Police Auditor',
      auditorRole: 'Detective Sergeant',
    },
    'social-care': {
      auditor: user('auditor.social-care@demo.maca.test'),
      lead: user('audit-lead.social-care@demo.maca.test'),
      auditorName: 'Sol Social Care Auditor',
      auditorRole: 'Team manager',
    },
    health: {
      auditor: user('auditor.health@demo.maca.test'),
      lead: user('audit-lead.health@demo.maca.test'),
      auditorName: 'Hana Health Auditor',
      auditorRole: 'Safeguarding practitioner',
    },
  };
  const written: Written = { sections: [], answers: [] };
  const events: {
    return_id: string;
    event: string;
    from_status: string;
    to_status: string;
    comment: string;
    created_by: string | null;
    created_at: Date;
  }[] = [];
  const actions: {
    return_id: string;
    action: string;
    owner: string;
    due_on: string | null;
    created_by: string | null;
  }[] = [];
  const used = new Set<string>();

  for (const row of rows.filter((r) => DEMO_RETURNS[r.reference])) {
    const audit = DEMO_RETURNS[row.reference]!;
    const key = agencyKey.get(row.agency_id) ?? '';
    const specKey = `${key}:${row.position}`;
    const spec = audit.returns[specKey] ?? {};
    if (audit.returns[specKey]) used.add(`${row.reference} ${specKey}`);
    const person = people[key];
    const {
      written: own,
      grade,
      rationale,
    } = writeReturn(tool, general.id, row.id, audit, spec, person?.auditor ?? null);
    written.sections.push(...own.sections);
    written.answers.push(...own.answers);
    const name = person?.auditorName ?? AUDITOR_NAMES[(row.position + key.length) % AUDITOR_NAMES.length]!;
    const submitted = new Date(`${audit.submittedOn}T10:00:00Z`);
    const signedOff = new Date(`${audit.signedOffOn}T15:00:00Z`);
    await db
      .updateTable('agency_return')
      .set({
        status: 'signed_off',
        overall_grade: grade,
        overall_rationale: rationale,
        auditor_name: name,
        auditor_role: person?.auditorRole ?? 'Safeguarding lead (auditor)',
        auditor_user_id: person?.auditor ?? null,
        submitted_at: submitted,
        submitted_by: person?.auditor ?? null,
        signed_off_at: signedOff,
        signed_off_by: person?.lead ?? null,
        version: 4,
      })
      .where('id', '=', row.id)
      .execute();
    events.push(
      {
        return_id: row.id,
        event: 'started',
        from_status: 'not_started',
        to_status: 'in_progress',
        comment: '',
        created_by: person?.auditor ?? null,
        created_at: new Date(submitted.getTime() - 14 * 86_400_000),
      },
      {
        return_id: row.id,
        event: 'submit',
        from_status: 'in_progress',
        to_status: 'submitted',
        comment: '',
        created_by: person?.auditor ?? null,
        created_at: submitted,
      },
      {
        return_id: row.id,
        event: 'sign_off',
        from_status: 'submitted',
        to_status: 'signed_off',
        comment: '',
        created_by: person?.lead ?? null,
        created_at: signedOff,
      },
    );
    if (spec.action)
      actions.push({
        return_id: row.id,
        action: spec.action[0],
        owner: spec.action[1],
        due_on: null,
        created_by: person?.auditor ?? null,
      });
  }
  const unused = Object.entries(DEMO_RETURNS)
    .flatMap(([reference, audit]) => Object.keys(audit.returns).map((k) => `${reference} ${k}`))
    .filter((k) => !used.has(k));
  if (unused.length)
    throw new Error(`Demo returns written for agencies not involved in those cases: ${unused.join(', ')}`);

  await loadOpenAuditReturns(db, tool, general.id, rows, agencyKey, people, today, written, events, actions);
  await insertAll(db, written);
  if (events.length) await db.insertInto('return_event').values(events).execute();
  if (actions.length) await db.insertInto('single_agency_action').values(actions).execute();
}

const NEGLECT: Record<string, DemoReturnSpec> = {
  'police:1': {
    answers: {
      impact_education: ['NA', ''],
      mae_sharing: [
        'G',
        'Three police attendances at the home for welfare checks were notified ' +
          'to children’s social care within 24 hours.',
      ],
      escalation_curiosity: [
        'R',
        'Officers recorded the home as “cluttered” on each visit without ' +
          'describing the conditions or the child’s presentation.',
      ],
    },
    notes: {
      escalation: [
        'Notifications made promptly.',
        'Describe home conditions and the child’s presentation, not a one-word summary.',
      ],
    },
    grade: 'good',
    rationale: 'Timely notifications; records of home conditions could say more about the child.',
  },
  'social-care:1': {
    answers: {
      impact_education: ['N', 'Four missed health appointments and attendance below 85% in the period.'],
      assessment_quality: [
        'R',
        'The assessment lists incidents but does not weigh the cumulative harm of chronic neglect.',
      ],
    },
    notes: { assessment: ['', 'Use a neglect tool (graded care profile) to evidence cumulative harm.'] },
    grade: 'requires_improvement',
    rationale: 'Cumulative harm is not analysed; missed appointments and attendance not brought together.',
  },
  'social-care:2': {
    answers: { voice_heard: ['G', 'The child’s drawings of a typical day are on file and discussed at the review.'] },
  },
  'health:1': {
    answers: {
      impact_education: [
        'N',
        'The child was not brought to three of four developmental reviews; ' +
          'each was re-booked without follow-up with the family or social worker.',
      ],
    },
  },
};

/** The open audit: returns at every stage, so each demo user has something to do. */
async function loadOpenAuditReturns(
  db: Db,
  tool: AuditTool,
  versionId: string,
  rows: { id: string; agency_id: string; position: number; reference: string; audit_status: string }[],
  agencyKey: Map<string, string>,
  people: Record<string, { auditor: string | null; lead: string | null; auditorName: string; auditorRole: string }>,
  today: string,
  written: Written,
  events: {
    return_id: string;
    event: string;
    from_status: string;
    to_status: string;
    comment: string;
    created_by: string | null;
    created_at: Date;
  }[],
  actions: { return_id: string; action: string; owner: string; due_on: string | null; created_by: string | null }[],
): Promise<void> {
  const at = (daysAgo: number) => new Date(Date.parse(`${today}T09:00:00Z`) - daysAgo * 86_400_000);
  const plan: Record<string, { status: ReturnStatus; sections?: string[]; comment?: string }> = {
    'police:1': { status: 'submitted' },
    'police:2': { status: 'in_progress', sections: ['referral', 'assessment', 'voice'] },
    'social-care:1': {
      status: 'returned',
      comment:
        'Please give the dates of the missed health appointments in the ' +
        'evidence for “Impact and life chances”, and say whether the GP was ' +
        'told.',
    },
    'social-care:2': { status: 'in_progress', sections: ['referral', 'assessment', 'voice', 'planning'] },
    'health:1': { status: 'in_progress', sections: ['referral', 'impact'] },
  };
  for (const row of rows.filter((r) => r.audit_status === 'returns_open')) {
    const key = `${agencyKey.get(row.agency_id) ?? ''}:${row.position}`;
    const step = plan[key];
    if (!step) continue;
    const person = people[agencyKey.get(row.agency_id) ?? '']!;
    const spec = NEGLECT[key] ?? {};
    const complete = step.status !== 'in_progress';
    const {
      written: own,
      grade,
      rationale,
    } = writeReturn(
      tool,
      versionId,
      row.id,
      undefined,
      spec,
      person.auditor,
      complete ? undefined : new Set(step.sections),
    );
    written.sections.push(...own.sections);
    written.answers.push(...own.answers);
    const submitted = step.status === 'submitted' || step.status === 'returned';
    await db
      .updateTable('agency_return')
      .set({
        status: step.status,
        overall_grade: complete ? grade : null,
        overall_rationale: complete ? rationale : '',
        auditor_name: person.auditorName,
        auditor_role: person.auditorRole,
        auditor_user_id: person.auditor,
        submitted_at: submitted ? at(2) : null,
        submitted_by: submitted ? person.auditor : null,
        lead_comments: step.comment ?? '',
        version: submitted ? 3 : 2,
      })
      .where('id', '=', row.id)
      .execute();
    events.push({
      return_id: row.id,
      event: 'started',
      from_status: 'not_started',
      to_status: 'in_progress',
      comment: '',
      created_by: person.auditor,
      created_at: at(6),
    });
    if (submitted)
      events.push({
        return_id: row.id,
        event: 'submit',
        from_status: 'in_progress',
        to_status: 'submitted',
        comment: '',
        created_by: person.auditor,
        created_at: at(2),
      });
    if (step.status === 'returned')
      events.push({
        return_id: row.id,
        event: 'send_back',
        from_status: 'submitted',
        to_status: 'returned',
        comment: step.comment ?? '',
        created_by: person.lead,
        created_at: at(1),
      });
    if (key === 'social-care:1')
      actions.push({
        return_id: row.id,
        action: 'Introduce the graded care profile for every child in need case where neglect is a concern',
        owner: 'Principal social worker',
        due_on: null,
        created_by: person.auditor,
      });
  }
}
