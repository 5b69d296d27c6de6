import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { AuditStatus, MilestoneKind } from '../../db/schema.ts';
import type { AuditScope } from '../../domain/audit-plan.ts';
import { themeName } from './audit-repository.ts';

/** Audits as plain SQL. Who may see which audit is decided by `AuditVisibility`, in the query. */
export type AuditVisibility = { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'none' };

export type AuditListFilter = {
  status?: AuditStatus | undefined;
  themeId?: string | undefined;
  otherTheme?: boolean | undefined;
};

export type AuditListRow = {
  id: string;
  reference: string;
  title: string;
  theme: string;
  themeId: string | null;
  status: AuditStatus;
  scope: AuditScope;
  year: number;
  caseCount: number;
  invitedAgencyCount: number;
  nextMilestone: { label: string; kind: MilestoneKind; due: string } | null;
};

export async function listAudits(
  db: Executor,
  partnershipId: string,
  visibility: AuditVisibility,
  filter: AuditListFilter = {},
): Promise<AuditListRow[]> {
  if (visibility.kind === 'none') return [];
  let query = db
    .selectFrom('audit as a')
    .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('audit_milestone as m')
          .select(['m.label', 'm.kind', 'm.due_on'])
          .whereRef('m.audit_id', '=', 'a.id')
          .where('m.done_on', 'is', null)
          .where('m.due_on', 'is not', null)
          .orderBy('m.due_on')
          .orderBy('m.position')
          .limit(1)
          .as('nm'),
      (join) => join.onTrue(),
    )
    .where('a.partnership_id', '=', partnershipId);
  if (visibility.kind === 'agency') {
    const agencyId = visibility.agencyId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_agency')
          .select('audit_agency.agency_id')
          .whereRef('audit_agency.audit_id', '=', 'a.id')
          .where('audit_agency.agency_id', '=', agencyId),
      ),
    );
  }
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.themeId) query = query.where('a.theme_id', '=', filter.themeId);
  if (filter.otherTheme) query = query.where('a.theme_id', 'is', null);
  const rows = await query
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.theme_id',
      'a.theme_text',
      't.label as theme_label',
      'a.status',
      'a.scope_kind',
      'a.scope_from',
      'a.scope_to',
      'a.scope_months',
      'a.scope_reference_date',
      'nm.label as next_label',
      'nm.kind as next_kind',
      'nm.due_on as next_due',
      sql<number>`extract(year from coalesce(
        CASE WHEN a.scope_kind = 'months'
          THEN (a.scope_reference_date - make_interval(months => a.scope_months))::date
          ELSE a.scope_from END,
        (a.created_at AT TIME ZONE 'Europe/London')::date))::int`.as('year'),
      (eb) =>
        eb
          .selectFrom('audit_case as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.audit_id', '=', 'a.id')
          .as('case_count'),
      (eb) =>
        eb
          .selectFrom('audit_agency as g')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('g.audit_id', '=', 'a.id')
          .as('agency_count'),
    ])
    .orderBy('year', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    theme: themeName(r.theme_label, r.theme_text),
    themeId: r.theme_id,
    status: r.status,
    scope: {
      kind: r.scope_kind,
      from: r.scope_from,
      to: r.scope_to,
      months: r.scope_months,
      referenceDate: r.scope_reference_date,
    },
    year: Number(r.year),
    caseCount: Number(r.case_count ?? 0),
    invitedAgencyCount: Number(r.agency_count ?? 0),
    nextMilestone: r.next_due && r.next_kind ? { label: r.next_label ?? '', kind: r.next_kind, due: r.next_due } : null,
  }));
}

/** Partnerships by name, for operators listing audits; one by name or id when `wanted` is given. */
export function listPartnerships(db: Executor, wanted?: { id?: string; name?: string }) {
  let query = db.selectFrom('partnership').select(['id', 'name']).orderBy('name');
  if (wanted?.id) query = query.where('id', '=', wanted.id);
  if (wanted?.name) query = query.where('name', '=', wanted.name);
  return query.execute();
}
