import { RETURN_STATUS_LABELS } from '../../../../domain/return-lifecycle.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { statusTag, taskListItems } from '../../view-model.ts';

type Params = { Params: { id: string } };

/** The return's front page: its sections as a task list, its history and what each person may do. */
export function taskListController({ returns }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const view = await returns.view(request.user, request.params.id, actorOf(request));
    const base = `/returns/${view.row.id}`;
    const missing = view.actors.includes('auditor') ? await returns.missingForSubmit(view.row.id, view) : [];
    const status = view.row.status;
    return reply.view('returns/pages/task-list/view.njk', {
      pageTitle: `${view.row.agencyName} return for ${view.row.caseReference}`,
      r: view.row,
      base,
      tag: statusTag(status),
      sections: taskListItems(view, view.states, base),
      actions: view.actions,
      history: view.history.map((h) => ({
        ...h,
        label: RETURN_STATUS_LABELS[h.to_status as keyof typeof RETURN_STATUS_LABELS] ?? h.to_status,
      })),
      can: {
        edit: view.actors.includes('auditor') && ['not_started', 'in_progress', 'returned'].includes(status),
        review: view.actors.includes('lead') && status === 'submitted',
        reopen: view.actors.includes('coordinator') && ['submitted', 'signed_off'].includes(status),
      },
      missing,
    });
  };
  return { get };
}
