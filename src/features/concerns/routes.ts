import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readDateParts } from '../../domain/calendar-date.ts';
import { londonInstant } from '../../domain/london-time.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser } from '../audits/audit-access.ts';

type ReturnParams = { Params: { id: string } };

export async function concernRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { concerns, returns, db } = services;

  async function renderNew(
    request: FastifyRequest<ReturnParams>,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: unknown,
    status = 200,
  ) {
    const ctx = await returns.authorised(request.user!, request.params.id, 'concern:raise', actorOf(request));
    const children = await concerns.children(ctx.row.caseId);
    return reply.code(status).view('concerns/pages/new/view.njk', {
      pageTitle: 'Raise an immediate safeguarding concern',
      r: ctx.row,
      children,
      values,
      errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  }

  app.get<ReturnParams>('/returns/:id/concerns/new', { config: { access: 'concern:raise' } }, async (request, reply) =>
    renderNew(request, reply),
  );

  app.post<ReturnParams>('/returns/:id/concerns', { config: { access: 'concern:raise' } }, async (request, reply) => {
    const body = formValues(request.body);
    const fields: Record<string, { text: string }> = {};
    const whatFound = String(body.whatFound ?? '').trim();
    const toldWhom = String(body.toldWhom ?? '').trim();
    const child = String(body.child ?? '');
    if (!child) fields.child = { text: 'Select which child the concern is about, or that it is about all of them' };
    if (!whatFound) fields.whatFound = { text: 'Enter what you found' };
    else if (whatFound.length > 5000) fields.whatFound = { text: 'What you found must be 5000 characters or fewer' };
    if (!toldWhom) fields.toldWhom = { text: 'Enter who in your agency you told' };
    const date = readDateParts(
      {
        day: String(body['toldOn-day'] ?? ''),
        month: String(body['toldOn-month'] ?? ''),
        year: String(body['toldOn-year'] ?? ''),
      },
      'the date you told them',
      true,
    );
    let toldAt: Date | undefined;
    if (!date.ok) fields[`toldOn-${date.part}`] = { text: date.message };
    else {
      toldAt = londonInstant(date.value!, String(body.toldTime ?? ''));
      if (!toldAt) fields.toldTime = { text: 'Enter the time you told them, like 14:30' };
      else if (toldAt.getTime() > Date.now() + 5 * 60_000)
        fields['toldOn-day'] = { text: 'The date and time you told them must be in the past' };
    }
    if (Object.keys(fields).length || !toldAt) return renderNew(request, reply, body, errorsFrom(fields), 400);
    const id = await concerns.raise(
      request.user!,
      request.params.id,
      { childId: child === 'all' ? null : child, whatFound, toldWhom, toldAt },
      actorOf(request),
    );
    request.session!.data.flash = {
      kind: 'success',
      heading: 'Concern raised',
      text: 'The coordinator and your agency’s safeguarding lead have been e-mailed.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/concerns/${id}`, 303);
  });

  async function renderConcern(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: unknown,
    status = 200,
  ) {
    const concern = await concerns.find(request.user!, request.params.id, actorOf(request));
    return reply.code(status).view('concerns/pages/show/view.njk', {
      pageTitle: 'Immediate safeguarding concern',
      concern,
      canResolve: request.user!.roles.includes('coordinator'),
      values,
      errors,
    });
  }

  app.get<{ Params: { id: string } }>(
    '/concerns/:id',
    { config: { access: 'concern:raise' } },
    async (request, reply) => renderConcern(request, reply),
  );

  app.post<{ Params: { id: string } }>(
    '/concerns/:id/outcome',
    { config: { access: 'concern:resolve' } },
    async (request, reply) => {
      const body = formValues(request.body);
      const outcome = String(body.outcome ?? '').trim();
      if (!outcome || outcome.length > 5000) {
        return renderConcern(
          request,
          reply,
          body,
          errorsFrom({
            outcome: { text: outcome ? 'The outcome must be 5000 characters or fewer' : 'Enter the outcome' },
          }),
          400,
        );
      }
      if (!(await concerns.recordOutcome(request.user!, request.params.id, outcome, actorOf(request))))
        throw new NotFound();
      request.session!.data.flash = { kind: 'success', heading: 'Outcome recorded' };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/concerns/${request.params.id}`, 303);
    },
  );

  app.get<{ Params: { auditId: string } }>(
    '/audits/:auditId/concerns',
    { config: { access: 'audit:manage' } },
    async (request, reply) => {
      const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
      const rows = await concerns.forAudit(audit.id);
      return reply.view('concerns/pages/list/view.njk', {
        pageTitle: 'Immediate safeguarding concerns',
        audit,
        rows,
        backLink: `/audits/${audit.id}`,
      });
    },
  );
}
