import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readDateParts } from '../../domain/calendar-date.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formErrors, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import * as repo from './return-repository.ts';
import { OVERALL_SCALE } from './return-service.ts';

type Params = { Params: { id: string } };

const overallSchema = z.object({
  grade: z
    .string()
    .refine(
      (v) => v === '' || OVERALL_SCALE.values.some((x) => x.value === v),
      'Select the overall grade from the list',
    ),
  rationale: z.string().trim().max(5000, 'The rationale must be 5000 characters or fewer'),
  auditorName: z.string().trim().max(200, 'The name must be 200 characters or fewer'),
  auditorRole: z.string().trim().max(200, 'The role must be 200 characters or fewer'),
  version: z.coerce.number().int(),
});

export async function returnActionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { returns, db } = services;

  async function renderOverall(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    posted?: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const ctx = await returns.authorised(request.user!, request.params.id, 'return:edit', actorOf(request));
    const r = ctx.row;
    const values = posted ?? {
      grade: r.overallGrade ?? '',
      rationale: r.overallRationale,
      auditorName: r.auditorName || request.user!.displayName,
      auditorRole: r.auditorRole,
      version: r.version,
    };
    return reply.code(status).view('returns/pages/overall/view.njk', {
      pageTitle: 'Overall grade and auditor',
      r,
      scale: OVERALL_SCALE,
      values,
      errors,
      backLink: `/returns/${r.id}`,
    });
  }

  app.get<Params>('/returns/:id/overall', { config: { access: 'return:edit' } }, async (request, reply) =>
    renderOverall(request, reply),
  );

  app.post<Params>('/returns/:id/overall', { config: { access: 'return:edit' } }, async (request, reply) => {
    const body = formValues(request.body);
    const parsed = overallSchema.safeParse(body);
    if (!parsed.success) return renderOverall(request, reply, body, formErrors(parsed.error), 400);
    const result = await returns.saveOverall(request.user!, request.params.id, parsed.data, actorOf(request));
    if (!result.ok && result.problem === 'stale') {
      const current = result.current;
      const text = `Someone else changed this return while you were working (their grade: ${OVERALL_SCALE.values.find((v) => v.value === current.overallGrade)?.label ?? 'none'}; their rationale: “${current.overallRationale.slice(0, 200)}”). Your answers are below: check them and save again`;
      return renderOverall(request, reply, { ...body, version: current.version }, errorsFrom({ grade: { text } }), 409);
    }
    if (!result.ok)
      return renderOverall(
        request,
        reply,
        body,
        errorsFrom({ grade: { text: 'This return can no longer be changed' } }),
        409,
      );
    return reply.redirect(`/returns/${request.params.id}/actions`, 303);
  });

  async function renderActions(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    posted?: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const ctx = await returns.authorised(request.user!, request.params.id, 'return:edit', actorOf(request));
    const actions = await repo.actionsFor(db, ctx.row.id);
    return reply.code(status).view('returns/pages/actions/view.njk', {
      pageTitle: 'Single-agency actions',
      r: ctx.row,
      actions,
      values: posted ?? {},
      errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  }

  app.get<Params>('/returns/:id/actions', { config: { access: 'return:edit' } }, async (request, reply) =>
    renderActions(request, reply),
  );

  app.post<Params>('/returns/:id/actions', { config: { access: 'return:edit' } }, async (request, reply) => {
    const body = formValues(request.body);
    const fields: Record<string, { text: string }> = {};
    const action = String(body.action ?? '').trim();
    const owner = String(body.owner ?? '').trim();
    if (!action) fields.action = { text: 'Enter the action' };
    else if (action.length > 2000) fields.action = { text: 'The action must be 2000 characters or fewer' };
    if (!owner) fields.owner = { text: 'Enter who owns the action' };
    else if (owner.length > 200) fields.owner = { text: 'The owner must be 200 characters or fewer' };
    const due = readDateParts(
      {
        day: String(body['due-day'] ?? ''),
        month: String(body['due-month'] ?? ''),
        year: String(body['due-year'] ?? ''),
      },
      'the due date',
      false,
    );
    if (!due.ok) fields['due-day'] = { text: due.message };
    if (Object.keys(fields).length) return renderActions(request, reply, body, errorsFrom(fields), 400);
    const result = await returns.addAction(
      request.user!,
      request.params.id,
      { action, owner, dueOn: due.ok ? due.value : null },
      actorOf(request),
    );
    if (!result.ok)
      return renderActions(
        request,
        reply,
        body,
        errorsFrom({ action: { text: 'This return can no longer be changed' } }),
        409,
      );
    return reply.redirect(`/returns/${request.params.id}/actions`, 303);
  });

  app.post<{ Params: { id: string; actionId: string } }>(
    '/returns/:id/actions/:actionId/remove',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      await returns.removeAction(request.user!, request.params.id, request.params.actionId, actorOf(request));
      return reply.redirect(`/returns/${request.params.id}/actions`, 303);
    },
  );
}
