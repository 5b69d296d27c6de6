import type { FastifyReply } from 'fastify';
import type { Action } from '../../../domain/authorisation.ts';
import { actorOf } from '../../../web/request-context.ts';
import type { FormErrors } from '../../../web/forms.ts';
import type { SignedInRequest } from '../../../web/route-table.ts';
import type { ReturnService } from '../return-service.ts';

export type FormState = { values?: Record<string, unknown>; errors?: FormErrors; status?: number };

/** Renders a one-form page about a return (review, reopen) for someone allowed `action` on it. */
export function returnFormPage(returns: ReturnService, action: Action, view: string, pageTitle: string) {
  return async (request: SignedInRequest<{ Params: { id: string } }>, reply: FastifyReply, form: FormState = {}) => {
    const ctx = await returns.authorised(request.user, request.params.id, action, actorOf(request));
    return reply.code(form.status ?? 200).view(view, {
      pageTitle,
      r: ctx.row,
      values: form.values ?? {},
      errors: form.errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  };
}
