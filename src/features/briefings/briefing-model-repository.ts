import type { Db } from '../../db/database.ts';
import type { AuditInContext } from '../audits/audit-access.ts';

/** What a briefing template is filled from, read in one go: the audit's pseudonymous facts and agreed learning. */
export function briefingModelRows(db: Db, audit: Pick<AuditInContext, 'id' | 'partnershipId'>) {
  return Promise.all([
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
      .select(['c.id', 'c.case_id'])
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
    // The returns received: what every count in a briefing is made from.
    db
      .selectFrom('agency_return as r')
      .innerJoin('audit_case as k', 'k.id', 'r.case_id')
      .select(['r.agency_id', 'r.case_id', 'r.overall_grade'])
      .where('k.audit_id', '=', audit.id)
      .where('r.status', 'in', ['submitted', 'signed_off'])
      .execute(),
    db
      .selectFrom('return_waiver as w')
      .innerJoin('audit_case as k', 'k.id', 'w.case_id')
      .select(['w.agency_id', 'w.case_id'])
      .where('k.audit_id', '=', audit.id)
      .execute(),
  ]);
}
