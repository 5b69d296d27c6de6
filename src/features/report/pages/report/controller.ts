import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { notIdentifyingSchema } from './schema.ts';

type Params = { Params: { auditId: string } };

const KIND_LABELS: Record<string, string> = { name: 'a name', custom: 'one of the words to check for' };

/**
 * The report to the subgroup as a page; the redaction guard's hits are shown in a warning, and the
 * coordinator may mark a hit "not identifying here" with a reason.
 */
export function reportController({ report }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const released = await report.release(request.user, request.params.auditId, 'page', actorOf(request));
    if (released.kind !== 'page') throw new Error('The report page is always released as a page');
    const marks = await report.marks(released.audit.id);
    return reply.code(status).view('report/pages/report/view.njk', {
      pageTitle: 'Report to the subgroup',
      ...released.view,
      hits: released.hits,
      marks: marks.map((m) => ({ ...m, kindLabel: KIND_LABELS[m.kind] ?? 'a detail' })),
      errors,
      backLink: `/audits/${released.audit.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const notIdentifying: Controller<Params> = async (request, reply) => {
    const form = parseForm(notIdentifyingSchema, request.body);
    if (!form.ok) {
      // Each hit has its own reason box, named after its key.
      const key = String(form.values.key ?? '').slice(0, 32);
      const text = form.errors.fields.reason?.text ?? 'Choose the detail to mark';
      const errors = { list: [{ text, href: `#reason-${key}` }], fields: { [`reason-${key}`]: { text } } };
      return render(request, reply, errors, 400);
    }
    const { key, reason } = form.value;
    const auditId = request.params.auditId;
    if (!(await report.markNotIdentifying(request.user, auditId, key, reason, actorOf(request)))) throw new NotFound();
    await reply.flash({
      kind: 'success',
      heading: 'Marked as not identifying here',
      text: 'The report checks the rest.',
    });
    return reply.redirect(`/audits/${auditId}/report`, 303);
  };

  return { get, notIdentifying };
}
