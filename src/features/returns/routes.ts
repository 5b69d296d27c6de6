import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { returnActionRoutes } from './action-routes.ts';
import { returnReviewRoutes } from './review-routes.ts';
import { returnSectionRoutes } from './section-routes.ts';
import { statusTag, taskListItems } from './view-model.ts';
import { actorOf } from '../../web/request-context.ts';
import { RETURN_STATUS_LABELS } from '../../domain/return-lifecycle.ts';

export async function returnRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { returns } = services;

  app.get<{ Params: { id: string } }>('/returns/:id', { config: { access: 'return:read' } }, async (request, reply) => {
    const view = await returns.view(request.user!, request.params.id, actorOf(request));
    const base = `/returns/${view.row.id}`;
    const missing = view.actors.includes('auditor') ? await returns.missingForSubmit(view.row.id, view) : [];
    return reply.view('returns/pages/task-list/view.njk', {
      pageTitle: `${view.row.agencyName} return for ${view.row.caseReference}`,
      r: view.row,
      base,
      tag: statusTag(view.row.status),
      sections: taskListItems(view, view.states, base),
      actions: view.actions,
      history: view.history.map((h) => ({
        ...h,
        label: RETURN_STATUS_LABELS[h.to_status as keyof typeof RETURN_STATUS_LABELS] ?? h.to_status,
      })),
      can: {
        edit: view.actors.includes('auditor') && ['not_started', 'in_progress', 'returned'].includes(view.row.status),
        review: view.actors.includes('lead') && view.row.status === 'submitted',
        reopen: view.actors.includes('coordinator') && ['submitted', 'signed_off'].includes(view.row.status),
      },
      missing,
    });
  });

  app.get('/my-returns', { config: { access: 'return:edit' } }, async (request, reply) => {
    const user = request.user!;
    const agencyId = user.agencyId ?? '00000000-0000-0000-0000-000000000000';
    const [rows, assigned] = await Promise.all([
      services.db
        .selectFrom('agency_return as r')
        .innerJoin('audit_case as c', 'c.id', 'r.case_id')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .innerJoin('audit_agency as aa', (join) =>
          join.onRef('aa.audit_id', '=', 'a.id').onRef('aa.agency_id', '=', 'r.agency_id'),
        )
        .select(['r.id', 'r.case_id', 'r.status', 'c.reference', 'a.title', 'a.status as audit_status', 'r.updated_at'])
        .where('r.agency_id', '=', agencyId)
        .where('a.partnership_id', '=', user.partnershipId)
        .where('a.status', '!=', 'closed')
        .orderBy('a.title')
        .orderBy('c.position')
        .execute(),
      services.db
        .selectFrom('case_assignment as s')
        .innerJoin('app_user as u', 'u.id', 's.auditor_user_id')
        .innerJoin('audit_case as c', 'c.id', 's.case_id')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .select(['s.case_id', 's.auditor_user_id', 'u.display_name'])
        .where('s.agency_id', '=', agencyId)
        .where('a.partnership_id', '=', user.partnershipId)
        .where('a.status', '!=', 'closed')
        .orderBy('u.display_name')
        .execute(),
    ]);
    const shown = rows.map((r) => {
      const auditors = assigned.filter((s) => s.case_id === r.case_id);
      return {
        ...r,
        tag: statusTag(r.status),
        mine: auditors.some((s) => s.auditor_user_id === user.id),
        auditors: auditors.map((s) => (s.auditor_user_id === user.id ? 'You' : s.display_name)).join(', '),
      };
    });
    return reply.view('returns/pages/list/view.njk', {
      pageTitle: 'Your agency’s returns',
      mine: shown.filter((r) => r.mine),
      others: shown.filter((r) => !r.mine),
    });
  });

  await returnSectionRoutes(app, services);
  await returnActionRoutes(app, services);
  await returnReviewRoutes(app, services);
}
