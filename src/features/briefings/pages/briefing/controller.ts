import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { errorsFrom, parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { kindLabel } from '../../briefing-service.ts';
import { postedText } from '../posted.ts';
import { blockedBy, sectionsForPage } from './blocked.ts';
import { notIdentifyingSchema, publishSchema, unpublishSchema } from './schema.ts';

type Params = { Params: { auditId: string; briefingId: string } };

/** One briefing as it reads now; publish, withdraw and download start here. */
export function briefingController({ briefings }: Services) {
  /** A blocked publish or a form error shows the same page with what went wrong. */
  const KIND_LABELS: Record<string, string> = {
    name: 'a name',
    custom: 'one of the words to check for',
  };

  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:read');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    const marks = await briefings.marks(briefing.id, current.number);
    return reply.code(status).view('briefings/pages/briefing/view.njk', {
      marks: marks.map((m) => ({ ...m, kindLabel: KIND_LABELS[m.kind ?? ''] ?? 'a detail' })),
      pageTitle: current.title,
      audit,
      briefing: { ...briefing, kindLabel: kindLabel(briefing.kind) },
      current,
      sections: sectionsForPage(current.sections),
      canEdit: can(request.user, 'briefing:edit', audit.resource),
      base: `/audits/${audit.id}/briefings/${briefing.id}`,
      backLink: `/audits/${audit.id}/briefings`,
      ...extra,
    });
  }

  /** After a change: the flash says what happened, back on the briefing. */
  async function done(reply: FastifyReply, { auditId, briefingId }: Params['Params'], heading: string, text?: string) {
    await reply.flash({ kind: 'success', heading, text });
    return reply.redirect(`/audits/${auditId}/briefings/${briefingId}`, 303);
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const download =
    (format: 'docx' | 'pdf'): Controller<Params> =>
    async (request, reply) => {
      const { auditId, briefingId } = request.params;
      const released = await briefings.release(
        { user: request.user, via: 'page' },
        { auditId, briefingId, format },
        actorOf(request),
      );
      if (released.kind === 'blocked')
        return render(request, reply, blockedBy(released.hits, released.maySeeIdentities, released.mayEdit), 422);
      return reply
        .header('content-disposition', `attachment; filename="${released.document.fileName}"`)
        .type(released.document.contentType)
        .send(released.document.body);
    };

  const publish: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const form = parseForm(publishSchema, request.body);
    const version = form.ok ? form.value.version : 0;
    const result = await briefings.publish(audit, request.params.briefingId, version, actorOf(request));
    if (result.kind === 'blocked')
      return render(request, reply, blockedBy(result.hits, can(request.user, 'case:identity', audit.resource)), 400);
    if (result.kind === 'stale') {
      const text = 'The briefing changed since you opened it. Read the latest version and publish again';
      return render(request, reply, { errors: errorsFrom({ publish: { text } }) }, 409);
    }
    const text = 'Practitioners can now read it in the briefings library.';
    return done(reply, request.params, 'Briefing published', text);
  };

  const notIdentifying: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    await briefings.find(audit, request.params.briefingId);
    const form = parseForm(notIdentifyingSchema, request.body);
    if (!form.ok) {
      // Each hit on the page has its own reason box, named after the hit's key.
      const field = `reason-${postedText(form.values.key).slice(0, 32)}`;
      const errors = errorsFrom({ [field]: form.errors.fields.reason ?? { text: '' } });
      return render(request, reply, { errors }, 400);
    }
    const { key, reason } = form.value;
    const marked = await briefings.markNotIdentifying(
      request.user,
      audit,
      request.params.briefingId,
      key,
      reason,
      actorOf(request),
    );
    if (!marked) throw new NotFound();
    const text = 'Publish again to check the rest of the briefing.';
    return done(reply, request.params, 'Marked as not identifying', text);
  };

  const unpublish: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const { briefing } = await briefings.find(audit, request.params.briefingId);
    const form = parseForm(unpublishSchema, request.body);
    if (!form.ok) return render(request, reply, { errors: form.errors }, 400);
    if (briefing.published_version !== null)
      await briefings.unpublish(audit, briefing.id, form.value.reason, actorOf(request));
    return done(reply, request.params, 'Briefing withdrawn from the library');
  };

  return { get, download, publish, notIdentifying, unpublish };
}
