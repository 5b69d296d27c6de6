import type { Db } from '../../db/database.ts';
import type { BriefingModel } from '../../domain/briefing-template.ts';
import { dateInWords, todayInLondon } from '../../domain/calendar-date.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import { participationTable } from '../../domain/participation.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What a briefing template is filled from: the audit's pseudonymous facts and agreed learning only. */
export async function loadBriefingModel(db: Db, audit: AuditInContext): Promise<BriefingModel> {
  const [
    row,
    partnership,
    cases,
    children,
    agencies,
    involved,
    findings,
    findingCases,
    recommendations,
    actions,
    themes,
    concerns,
  ] = await Promise.all([
    db
      .selectFrom('audit as a')
      .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
      .select([
        'a.title',
        'a.reference',
        'a.theme_text',
        't.label as theme_label',
        'a.scope_kind',
        'a.scope_from',
        'a.scope_to',
        'a.scope_months',
        'a.scope_reference_date',
        'a.methodology',
        'a.lines_of_enquiry',
        'a.created_at',
      ])
      .where('a.id', '=', audit.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('partnership').select('name').where('id', '=', audit.partnershipId).executeTakeFirstOrThrow(),
    db.selectFrom('audit_case').select(['id', 'reference']).where('audit_id', '=', audit.id).execute(),
    db
      .selectFrom('case_child as c')
      .innerJoin('audit_case as k', 'k.id', 'c.case_id')
      .select('c.id')
      .where('k.audit_id', '=', audit.id)
      .execute(),
    db
      .selectFrom('audit_agency as aa')
      .innerJoin('agency as g', 'g.id', 'aa.agency_id')
      .select(['g.id', 'g.name'])
      .where('aa.audit_id', '=', audit.id)
      .orderBy('g.name')
      .execute(),
    db
      .selectFrom('involvement as i')
      .innerJoin('audit_case as k', 'k.id', 'i.case_id')
      .select(['i.agency_id', 'i.case_id', 'i.status'])
      .where('k.audit_id', '=', audit.id)
      .execute(),
    db
      .selectFrom('finding')
      .select(['id', 'kind', 'text', 'across_cases'])
      .where('audit_id', '=', audit.id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('finding_case as fc')
      .innerJoin('audit_case as k', 'k.id', 'fc.case_id')
      .select(['fc.finding_id', 'k.reference'])
      .where('k.audit_id', '=', audit.id)
      .execute(),
    db.selectFrom('recommendation').select('text').where('audit_id', '=', audit.id).orderBy('created_at').execute(),
    db
      .selectFrom('action as x')
      .innerJoin('agency as g', 'g.id', 'x.agency_id')
      .select(['x.text', 'x.status', 'g.name'])
      .where('x.audit_id', '=', audit.id)
      .orderBy('x.due_on')
      .execute(),
    db
      .selectFrom('finding_theme as ft')
      .innerJoin('finding as f', 'f.id', 'ft.finding_id')
      .innerJoin('learning_theme as l', 'l.id', 'ft.theme_id')
      .select(['l.label', (eb) => eb.fn.countAll<string>().as('n')])
      .where('f.audit_id', '=', audit.id)
      .groupBy('l.label')
      .orderBy('n', 'desc')
      .orderBy('l.label')
      .execute(),
    db.selectFrom('immediate_concern').select(['outcome']).where('audit_id', '=', audit.id).execute(),
  ]);
  const participation = participationTable(
    agencies,
    cases.map((c) => c.id),
    involved.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status })),
  );
  const scope =
    row.scope_kind === 'months' && row.scope_months && row.scope_reference_date
      ? `the ${row.scope_months} months to ${dateInWords(row.scope_reference_date)}`
      : row.scope_from && row.scope_to
        ? `${dateInWords(row.scope_from)} to ${dateInWords(row.scope_to)}`
        : 'as agreed for the audit';
  const yearSource = row.scope_to ?? row.scope_reference_date;
  const today = todayInLondon();
  return {
    partnership: { name: partnership.name },
    audit: {
      title: row.title,
      reference: row.reference,
      theme: (row.theme_label ?? row.theme_text ?? 'the audit theme').toLowerCase(),
      scope,
      methodology: row.methodology,
      linesOfEnquiry: row.lines_of_enquiry,
      year: yearSource ? yearSource.slice(0, 4) : String(row.created_at.getFullYear()),
    },
    counts: {
      cases: cases.length,
      children: children.length,
      agencies: agencies.length,
      agenciesInvolved: new Set(involved.filter((c) => c.status === 'involved').map((c) => c.agency_id)).size,
    },
    participation: participation.map((p) => ({ agency: p.agencyName, text: p.text })),
    findings: findings.map((f) => ({
      kind: f.kind,
      text: f.text,
      acrossCases: f.across_cases,
      caseRefs: findingCases.filter((c) => c.finding_id === f.id).map((c) => c.reference),
    })),
    recommendations: recommendations.map((r) => r.text),
    actions: actions.map((a) => ({
      text: a.text,
      agency: a.name,
      status: a.status,
      complete: a.status === 'complete',
    })),
    themes: themes.map((t) => ({ label: t.label, findings: Number(t.n) })),
    concerns: { raised: concerns.length, awaitingOutcome: concerns.filter((c) => !c.outcome).length },
    today: `${MONTHS[Number(today.slice(5, 7)) - 1]} ${today.slice(0, 4)}`,
  };
}
