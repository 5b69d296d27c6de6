import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { cellKey, INVOLVEMENT_LABELS } from '../../involvement-rules.ts';
import { recordSchema } from './schema.ts';

type Params = { Params: { auditId: string; agencyId: string } };
type Posted = Record<string, string | string[]>;

/** An agency records whether it knew each family of the audit, against the version it read. */
export function recordController({ involvement: inv }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { posted?: Posted; errors?: FormErrors; status?: number } = {},
  ) {
    const { posted } = form;
    const column = await inv.agencyColumn(request.user, request.params.auditId, request.params.agencyId);
    const { audit, agency } = column;
    const rows = column.cases.map((c) => {
      const cell = column.cells.get(cellKey(c.id, agency.id));
      const chosen = posted ? String(posted[`status-${c.id}`] ?? '') : (cell?.status ?? '');
      return {
        ...c,
        version: posted ? String(posted[`version-${c.id}`] ?? '0') : String(cell?.version ?? 0),
        reason: posted ? String(posted[`reason-${c.id}`] ?? '') : (cell?.reason ?? ''),
        items: Object.entries(INVOLVEMENT_LABELS).map(([value, text]) => ({ value, text, checked: chosen === value })),
      };
    });
    return reply.code(form.status ?? 200).view('involvement/pages/record/view.njk', {
      pageTitle: `${agency.name}: involvement`,
      audit,
      agency,
      rows,
      errors: form.errors,
      mayAssign: can(request.user, 'audit:assign', { ...audit.resource, agencyId: agency.id }),
      backLink: `/audits/${audit.id}/involvement`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { audit, agency, cases } = await inv.agencyColumn(
      request.user,
      request.params.auditId,
      request.params.agencyId,
    );
    const form = parseForm(recordSchema(cases), request.body);
    if (!form.ok) return render(request, reply, { posted: form.values, errors: form.errors, status: 400 });
    const { stale, locked } = await inv.record(audit, agency.id, form.value, actorOf(request));
    if (stale.length || locked.length) {
      const ref = (id: string) => cases.find((c) => c.id === id)?.reference ?? id;
      const problems: Record<string, { text: string }> = {};
      for (const id of stale)
        problems[`status-${id}`] = {
          text: `Someone else recorded ${ref(id)} while you were working: check it and save again`,
        };
      for (const id of locked)
        problems[`status-${id}`] = { text: `${ref(id)}: your agency’s return has started, so it stays “involved”` };
      return render(request, reply, { errors: errorsFrom(problems), status: 409 });
    }
    await reply.flash({ kind: 'success', heading: 'Involvement saved' });
    return reply.redirect(`/audits/${audit.id}/involvement`, 303);
  };

  return { get, post };
}
