import type { FastifyReply } from 'fastify';
import type { BriefingSection } from '../../../../domain/briefing-template.ts';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { errorsFrom, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { sectionSchema, sectionValues, staleSection, type SectionValues } from './schema.ts';

type Params = { Params: { auditId: string; briefingId: string; index: string } };
type Form = { values?: SectionValues; errors?: FormErrors; status?: number; theirs?: BriefingSection };

/** Editing one section of a briefing; each save makes a new version. */
export function sectionController({ briefings }: Services) {
  async function open(request: SignedInRequest<Params>) {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    const index = Number(request.params.index) - 1;
    const section = current.sections[index];
    if (!Number.isInteger(index) || !section) throw new NotFound();
    return { audit, briefing, current, index, section };
  }

  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form: Form = {}) {
    const { audit, briefing, current, index, section } = await open(request);
    return reply.code(form.status ?? 200).view('briefings/pages/section/view.njk', {
      pageTitle: `Edit section ${index + 1}`,
      audit,
      title: current.title,
      number: index + 1,
      values: form.values ?? { heading: section.heading, text: section.text, version: String(current.number) },
      theirs: form.theirs,
      errors: form.errors,
      action: `/audits/${audit.id}/briefings/${briefing.id}/sections/${index + 1}`,
      backLink: `/audits/${audit.id}/briefings/${briefing.id}#section-${index + 1}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { audit, briefing, index } = await open(request);
    const form = parseForm(sectionSchema, request.body);
    if (!form.ok)
      return render(request, reply, { values: sectionValues(form.values), errors: form.errors, status: 400 });
    const values = form.value;
    const result = await briefings.saveSection(
      request.user,
      audit,
      briefing.id,
      index,
      { heading: values.heading, text: values.text },
      Number(values.version) || 0,
      actorOf(request),
    );
    if (result.kind === 'stale') {
      return render(request, reply, {
        values: { ...values, version: String(result.version) },
        errors: errorsFrom({ text: { text: staleSection(result.version) } }),
        status: 409,
        theirs: result.current,
      });
    }
    await reply.flash({ kind: 'success', heading: `Section ${index + 1} saved as version ${result.version}` });
    return reply.redirect(`/audits/${audit.id}/briefings/${briefing.id}#section-${index + 1}`, 303);
  };

  return { get, post };
}
