import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';

type Params = { Params: { id: string } };

export async function returnReviewRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { returns } = services;

  app.get<Params>('/returns/:id/check', { config: { access: 'return:edit' } }, async (request, reply) => {
    const ctx = await returns.authorised(request.user!, request.params.id, 'return:edit', actorOf(request));
    const missing = await returns.missingForSubmit(ctx.row.id, ctx);
    return reply.view('returns/pages/check/view.njk', {
      pageTitle: 'Submit the return',
      r: ctx.row,
      missing,
      backLink: `/returns/${ctx.row.id}`,
    });
  });

  app.post<Params>('/returns/:id/submit', { config: { access: 'return:edit' } }, async (request, reply) => {
    const result = await returns.submit(request.user!, request.params.id, actorOf(request));
    if (!result.ok) {
      const ctx = await returns.authorised(request.user!, request.params.id, 'return:edit', actorOf(request));
      const errors = { list: result.missing.map((text) => ({ text, href: '#missing' })), fields: {} };
      return reply.code(400).view('returns/pages/check/view.njk', {
        pageTitle: 'Submit the return',
        r: ctx.row,
        missing: result.missing,
        errors,
        backLink: `/returns/${ctx.row.id}`,
      });
    }
    request.session!.data.flash = {
      kind: 'success',
      heading: 'Return submitted',
      text: 'Your agency’s audit lead has been told it is ready to sign off.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/returns/${request.params.id}`, 303);
  });

  async function renderReview(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: unknown,
    status = 200,
  ) {
    const ctx = await returns.authorised(request.user!, request.params.id, 'return:review', actorOf(request));
    return reply.code(status).view('returns/pages/review/view.njk', {
      pageTitle: 'Sign off or send back',
      r: ctx.row,
      values,
      errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  }

  app.get<Params>('/returns/:id/review', { config: { access: 'return:review' } }, async (request, reply) =>
    renderReview(request, reply),
  );

  app.post<Params>('/returns/:id/review', { config: { access: 'return:review' } }, async (request, reply) => {
    const body = formValues(request.body);
    const decision =
      body.decision === 'sign_off' ? 'sign_off' : body.decision === 'send_back' ? 'send_back' : undefined;
    const comments = String(body.comments ?? '').trim();
    if (!decision)
      return renderReview(
        request,
        reply,
        body,
        errorsFrom({ decision: { text: 'Select whether to sign off the return or send it back' } }),
        400,
      );
    if (comments.length > 5000)
      return renderReview(
        request,
        reply,
        body,
        errorsFrom({ comments: { text: 'Comments must be 5000 characters or fewer' } }),
        400,
      );
    const result = await returns.review(request.user!, request.params.id, decision, comments, actorOf(request));
    if (!result.ok) {
      const text =
        result.problem === 'comments-required'
          ? 'Enter comments saying what the auditor needs to change'
          : 'This return is not waiting for sign-off';
      return renderReview(
        request,
        reply,
        body,
        errorsFrom({ [result.problem === 'comments-required' ? 'comments' : 'decision']: { text } }),
        400,
      );
    }
    request.session!.data.flash = {
      kind: 'success',
      heading: decision === 'sign_off' ? 'Return signed off' : 'Return sent back to the auditor',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/returns/${request.params.id}`, 303);
  });

  async function renderReopen(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: unknown,
    status = 200,
  ) {
    const ctx = await returns.authorised(request.user!, request.params.id, 'return:reopen', actorOf(request));
    return reply.code(status).view('returns/pages/reopen/view.njk', {
      pageTitle: 'Reopen the return',
      r: ctx.row,
      values,
      errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  }

  app.get<Params>('/returns/:id/reopen', { config: { access: 'return:reopen' } }, async (request, reply) =>
    renderReopen(request, reply),
  );

  app.post<Params>('/returns/:id/reopen', { config: { access: 'return:reopen' } }, async (request, reply) => {
    const body = formValues(request.body);
    const reason = String(body.reason ?? '').trim();
    if (reason.length > 2000)
      return renderReopen(
        request,
        reply,
        body,
        errorsFrom({ reason: { text: 'The reason must be 2000 characters or fewer' } }),
        400,
      );
    const result = await returns.reopen(request.user!, request.params.id, reason, actorOf(request));
    if (!result.ok) {
      const text =
        result.problem === 'reason-required'
          ? 'Enter why the return is being reopened'
          : 'Only a submitted or signed-off return can be reopened';
      return renderReopen(request, reply, body, errorsFrom({ reason: { text } }), 400);
    }
    request.session!.data.flash = {
      kind: 'success',
      heading: 'Return reopened',
      text: 'The agency can change it and submit it again.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/returns/${request.params.id}`, 303);
  });
}
