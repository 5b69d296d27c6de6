import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';

type AuditParams = { Params: { auditId: string } };
type TermParams = { Params: { auditId: string; termId: string } };

/** "Words to check for": what the coordinator adds to the redaction guard for one audit. */
export function termRoutes(app: FastifyInstance, services: Services): void {
  const { briefings, redactionTerms } = services;
  const access = { config: { access: 'briefing:edit' as const } };

  async function render(
    request: FastifyRequest<AuditParams>,
    reply: FastifyReply,
    value = '',
    errors?: unknown,
    status = 200,
  ) {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
    return reply.code(status).view('briefings/pages/terms/view.njk', {
      pageTitle: 'Words to check for',
      audit,
      terms: await redactionTerms.custom(audit.id),
      value,
      errors,
      backLink: `/audits/${audit.id}/briefings`,
    });
  }

  app.get<AuditParams>('/audits/:auditId/words-to-check', access, async (request, reply) => render(request, reply));

  app.post<AuditParams>('/audits/:auditId/words-to-check', access, async (request, reply) => {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
    const value = String(formValues(request.body).word ?? '').trim();
    if (!value)
      return render(request, reply, value, errorsFrom({ word: { text: 'Enter a word or phrase to check for' } }), 400);
    if (value.length > 200)
      return render(
        request,
        reply,
        value,
        errorsFrom({ word: { text: 'The word or phrase must be 200 characters or fewer' } }),
        400,
      );
    if (!/[\p{L}\p{N}]/u.test(value))
      return render(
        request,
        reply,
        value,
        errorsFrom({ word: { text: 'Enter a word or phrase with letters or numbers in it' } }),
        400,
      );
    await redactionTerms.add(audit, value, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/words-to-check`, 303);
  });

  app.post<TermParams>('/audits/:auditId/words-to-check/:termId/remove', access, async (request, reply) => {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
    await redactionTerms.remove(audit, request.params.termId, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/words-to-check`, 303);
  });
}
