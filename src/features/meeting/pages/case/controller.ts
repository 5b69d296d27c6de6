import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { agreedRows, caseNoteValues } from '../../case-note-rows.ts';
import { renderCaseConflict } from '../case-conflict/controller.ts';
import { caseNotesSchema } from './schema.ts';

type Params = { Params: { auditId: string; caseId: string } };
type Form = { values?: Record<string, string | string[]>; errors?: FormErrors; status?: number };

/** Per-case notes and agreed judgements of the discussion meeting. */
export function caseNotesController({ caseNotes }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form: Form = {}) {
    const { auditId, caseId } = request.params;
    const { audit, kase, domains, note, canRecord, said } = await caseNotes.page(
      request.user,
      auditId,
      caseId,
      actorOf(request),
    );
    const shown = form.values ?? caseNoteValues(note, domains);
    return reply.code(form.status ?? 200).view('meeting/pages/case/view.njk', {
      pageTitle: `${kase.reference}: panel notes and agreed judgements`,
      audit,
      kase,
      note,
      canRecord,
      values: shown,
      agreed: agreedRows(note, domains),
      domains: domains.map((d) => ({
        field: d.field,
        title: d.title,
        hint: said.has(d.field) ? `Agencies’ returns: ${said.get(d.field)!.join('; ')}` : undefined,
        items: [
          ...d.scale.values.map((v) => ({ value: v.value, text: v.label, checked: shown[d.field] === v.value })),
          { divider: 'or' },
          { value: '', text: 'No agreed judgement', checked: !shown[d.field] },
        ],
      })),
      errors: form.errors,
      backLink: `/audits/${audit.id}/meeting#cases`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { auditId, caseId } = request.params;
    const actor = actorOf(request);
    const { audit, kase, domains } = await caseNotes.forCase(request.user, auditId, caseId, 'meeting:record', actor);
    const form = parseForm(caseNotesSchema(domains), request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const outcome = await caseNotes.save(request.user, audit.id, kase.id, form.value, actor);
    if (outcome.kind === 'saved') return reply.redirect(`/audits/${audit.id}/meeting#cases`, 303);
    return renderCaseConflict(reply, {
      audit,
      kase,
      domains,
      theirs: outcome.theirs,
      mine: form.value,
      values: form.values,
    });
  };

  return { get, post };
}
