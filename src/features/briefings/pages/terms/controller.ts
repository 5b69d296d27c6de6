import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { postedText } from '../posted.ts';
import { termSchema } from './schema.ts';

type Params = { Params: { auditId: string } };
type TermParams = { Params: { auditId: string; termId: string } };

/** "Words to check for": what the coordinator adds to the redaction guard for one audit. */
export function termsController({ briefings, redactionTerms }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { value?: string; errors?: FormErrors; status?: number } = {},
  ) {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    return reply.code(form.status ?? 200).view('briefings/pages/terms/view.njk', {
      pageTitle: 'Words to check for',
      audit,
      terms: await redactionTerms.custom(audit.id),
      value: form.value ?? '',
      errors: form.errors,
      backLink: `/audits/${audit.id}/briefings`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const form = parseForm(termSchema, request.body);
    if (!form.ok) {
      const value = postedText(form.values.word).trim();
      return render(request, reply, { value, errors: form.errors, status: 400 });
    }
    await redactionTerms.add(audit, form.value.word, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/words-to-check`, 303);
  };

  const remove: Controller<TermParams> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    await redactionTerms.remove(audit, request.params.termId, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/words-to-check`, 303);
  };

  return { get, post, remove };
}
