import { diffWords } from 'diff';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { textBlocks, type BriefingSection } from '../../domain/briefing-template.ts';
import { hitForViewer } from '../../domain/redaction-guard.ts';
import type { Services } from '../../services.ts';
import { can } from '../../domain/authorisation.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { kindLabel, type SectionHit } from './briefing-service.ts';

type AuditParams = { Params: { auditId: string } };
type BriefingParams = { Params: { auditId: string; briefingId: string } };
type SectionParams = { Params: { auditId: string; briefingId: string; index: string } };

export const sectionsForPage = (sections: BriefingSection[]) =>
  sections.map((s, i) => ({ number: i + 1, heading: s.heading, blocks: textBlocks(s.text) }));

export function briefingRoutes(app: FastifyInstance, services: Services): void {
  const { briefings } = services;

  app.get<AuditParams>(
    '/audits/:auditId/briefings',
    { config: { access: 'briefing:read' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
      const canEdit = can(request.user, 'briefing:edit', audit.resource);
      const templates = canEdit ? await services.briefingTemplates.list(audit.partnershipId) : [];
      const items = await briefings.list(audit);
      return reply.view('briefings/pages/list/view.njk', {
        pageTitle: 'Practitioner briefings',
        audit,
        items: items.map((b) => ({ ...b, kindLabel: kindLabel(b.kind) })),
        canEdit,
        canManageTemplates: can(request.user, 'briefing-template:manage'),
        templateItems: templates.map((t) => ({ value: t.id, text: t.name, hint: { text: t.description } })),
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  app.post<AuditParams>(
    '/audits/:auditId/briefings',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
      const body = formValues(request.body);
      const templateId = String(body.template ?? '');
      const templates = await services.briefingTemplates.list(audit.partnershipId);
      if (!templates.some((t) => t.id === templateId)) {
        const items = await briefings.list(audit);
        return reply.code(400).view('briefings/pages/list/view.njk', {
          pageTitle: 'Practitioner briefings',
          audit,
          items: items.map((b) => ({ ...b, kindLabel: kindLabel(b.kind) })),
          canEdit: true,
          canManageTemplates: can(request.user, 'briefing-template:manage'),
          templateItems: templates.map((t) => ({ value: t.id, text: t.name, hint: { text: t.description } })),
          errors: errorsFrom({ template: { text: 'Select a template for the briefing' } }),
          backLink: `/audits/${audit.id}`,
        });
      }
      const id = await briefings.generate(request.user!, audit, templateId, actorOf(request));
      return reply.redirect(`/audits/${audit.id}/briefings/${id}`, 303);
    },
  );

  /** The briefing as it reads now; a blocked publish shows the same page with every hit. */
  async function renderBriefing(
    request: FastifyRequest<BriefingParams>,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    return reply.code(status).view('briefings/pages/briefing/view.njk', {
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

  app.get<BriefingParams>(
    '/audits/:auditId/briefings/:briefingId',
    { config: { access: 'briefing:read' } },
    async (request, reply) => renderBriefing(request, reply),
  );

  for (const ext of ['docx', 'pdf'] as const) {
    app.get<BriefingParams>(
      `/audits/:auditId/briefings/:briefingId/briefing.${ext}`,
      { config: { access: 'briefing:read' } },
      async (request, reply) => {
        const { auditId, briefingId } = request.params;
        const released = await briefings.release(
          { user: request.user!, via: 'page' },
          { auditId, briefingId, format: ext },
          actorOf(request),
        );
        if (released.kind === 'blocked')
          return renderBriefing(
            request,
            reply,
            blockedBy(released.hits, released.maySeeIdentities, released.mayEdit),
            422,
          );
        return reply
          .header('content-disposition', `attachment; filename="${released.document.fileName}"`)
          .type(released.document.contentType)
          .send(released.document.body);
      },
    );
  }

  async function renderSection(
    request: FastifyRequest<SectionParams>,
    reply: FastifyReply,
    values?: { heading: string; text: string; version: string },
    errors?: unknown,
    status = 200,
    theirs?: BriefingSection,
  ) {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    const index = Number(request.params.index) - 1;
    const section = current.sections[index];
    if (!Number.isInteger(index) || !section) throw new NotFound();
    return reply.code(status).view('briefings/pages/section/view.njk', {
      pageTitle: `Edit section ${index + 1}`,
      audit,
      title: current.title,
      number: index + 1,
      values: values ?? { heading: section.heading, text: section.text, version: String(current.number) },
      theirs,
      errors,
      action: `/audits/${audit.id}/briefings/${briefing.id}/sections/${index + 1}`,
      backLink: `/audits/${audit.id}/briefings/${briefing.id}#section-${index + 1}`,
    });
  }

  app.get<SectionParams>(
    '/audits/:auditId/briefings/:briefingId/sections/:index',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => renderSection(request, reply),
  );

  app.post<SectionParams>(
    '/audits/:auditId/briefings/:briefingId/sections/:index',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
      const { briefing, current } = await briefings.find(audit, request.params.briefingId);
      const index = Number(request.params.index) - 1;
      if (!Number.isInteger(index) || !current.sections[index]) throw new NotFound();
      const body = formValues(request.body);
      const values = {
        heading: String(body.heading ?? '').trim(),
        text: String(body.text ?? '')
          .replace(/\r\n/g, '\n')
          .trim(),
        version: String(body.version ?? ''),
      };
      const errors: Record<string, { text: string }> = {};
      if (values.heading.length > 300) errors.heading = { text: 'The heading must be 300 characters or fewer' };
      if (!values.text) errors.text = { text: 'Enter the section’s text' };
      else if (values.text.length > 20_000)
        errors.text = { text: 'The section’s text must be 20,000 characters or fewer' };
      if (Object.keys(errors).length) return renderSection(request, reply, values, errorsFrom(errors), 400);
      const result = await briefings.saveSection(
        request.user!,
        audit,
        briefing.id,
        index,
        { heading: values.heading, text: values.text },
        Number(values.version) || 0,
        actorOf(request),
      );
      if (result.kind === 'stale') {
        return renderSection(
          request,
          reply,
          { ...values, version: String(result.version) },
          errorsFrom({
            text: {
              text: `Someone else saved version ${result.version} of this briefing while you were editing. Their section is shown below; your text is in the box: check both and save again`,
            },
          }),
          409,
          result.current,
        );
      }
      request.session!.data.flash = {
        kind: 'success',
        heading: `Section ${index + 1} saved as version ${result.version}`,
      };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}/briefings/${briefing.id}#section-${index + 1}`, 303);
    },
  );

  app.get<BriefingParams & { Querystring: { from?: string; to?: string } }>(
    '/audits/:auditId/briefings/:briefingId/versions',
    { config: { access: 'briefing:read' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
      const { briefing, rows } = await briefings.versions(audit, request.params.briefingId);
      const numbers = rows.map((r) => r.number);
      const from = Number(request.query.from),
        to = Number(request.query.to);
      let comparison: unknown;
      let errors: unknown;
      if (request.query.from !== undefined || request.query.to !== undefined) {
        if (!numbers.includes(from) || !numbers.includes(to))
          errors = errorsFrom({ from: { text: 'Select two versions of this briefing to compare' } });
        else {
          const [a, b] = await Promise.all([
            briefings.version(audit, briefing.id, from),
            briefings.version(audit, briefing.id, to),
          ]);
          const count = Math.max(a.sections.length, b.sections.length);
          comparison = Array.from({ length: count }, (_, i) => {
            const before = a.sections[i],
              after = b.sections[i];
            const parts = diffWords(
              `${before?.heading ?? ''}\n${before?.text ?? ''}`,
              `${after?.heading ?? ''}\n${after?.text ?? ''}`,
            );
            return {
              number: i + 1,
              heading: after?.heading ?? before?.heading ?? '',
              parts,
              added: parts.filter((p) => p.added).length,
              removed: parts.filter((p) => p.removed).length,
            };
          });
        }
      }
      return reply.code(errors ? 400 : 200).view('briefings/pages/versions/view.njk', {
        pageTitle: 'Versions of this briefing',
        audit,
        briefing,
        rows,
        from: request.query.from ?? String(numbers[1] ?? numbers[0] ?? ''),
        to: request.query.to ?? String(numbers[0] ?? ''),
        comparison,
        compared: comparison ? { from, to } : undefined,
        errors,
        backLink: `/audits/${audit.id}/briefings/${briefing.id}`,
      });
    },
  );

  app.post<BriefingParams>(
    '/audits/:auditId/briefings/:briefingId/publish',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
      const body = formValues(request.body);
      const result = await briefings.publish(
        audit,
        request.params.briefingId,
        Number(body.version) || 0,
        actorOf(request),
      );
      if (result.kind === 'blocked')
        return renderBriefing(
          request,
          reply,
          blockedBy(result.hits, can(request.user, 'case:identity', audit.resource)),
          400,
        );
      if (result.kind === 'stale')
        return renderBriefing(
          request,
          reply,
          {
            errors: errorsFrom({
              publish: { text: 'The briefing changed since you opened it. Read the latest version and publish again' },
            }),
          },
          409,
        );
      request.session!.data.flash = {
        kind: 'success',
        heading: 'Briefing published',
        text: 'Practitioners can now read it in the briefings library.',
      };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}/briefings/${request.params.briefingId}`, 303);
    },
  );

  app.post<BriefingParams>(
    '/audits/:auditId/briefings/:briefingId/not-identifying',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
      await briefings.find(audit, request.params.briefingId);
      const body = formValues(request.body);
      const reason = String(body.reason ?? '').trim();
      const key = String(body.key ?? '');
      if (!reason || reason.length > 1000) {
        return renderBriefing(
          request,
          reply,
          {
            errors: errorsFrom({
              [`reason-${key.slice(0, 32)}`]: {
                text: reason ? 'The reason must be 1000 characters or fewer' : 'Enter why this is not identifying',
              },
            }),
          },
          400,
        );
      }
      if (
        !(await briefings.markNotIdentifying(
          request.user!,
          audit,
          request.params.briefingId,
          key,
          reason,
          actorOf(request),
        ))
      )
        throw new NotFound();
      request.session!.data.flash = {
        kind: 'success',
        heading: 'Marked as not identifying',
        text: 'Publish again to check the rest of the briefing.',
      };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}/briefings/${request.params.briefingId}`, 303);
    },
  );

  app.post<BriefingParams>(
    '/audits/:auditId/briefings/:briefingId/unpublish',
    { config: { access: 'briefing:edit' } },
    async (request, reply) => {
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:edit');
      const { briefing } = await briefings.find(audit, request.params.briefingId);
      const reason = String(formValues(request.body).reason ?? '').trim();
      if (!reason || reason.length > 1000)
        return renderBriefing(
          request,
          reply,
          {
            errors: errorsFrom({
              reason: {
                text: reason
                  ? 'The reason must be 1000 characters or fewer'
                  : 'Enter why the briefing is being withdrawn',
              },
            }),
          },
          400,
        );
      if (briefing.published_version !== null) await briefings.unpublish(audit, briefing.id, reason, actorOf(request));
      request.session!.data.flash = { kind: 'success', heading: 'Briefing withdrawn from the library' };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}/briefings/${briefing.id}`, 303);
    },
  );
}

/** The briefing page's error summary and per-section hits, when the redaction guard finds something. */
function blockedBy(hits: SectionHit[], maySee: boolean, mayOverride = true) {
  const list = hits.map((h) => ({
    text: `Section ${h.sectionIndex + 1} (${h.heading || 'untitled'}) may identify someone: “${h.hit.matched.replace(/\s+/g, ' ')}” looks like ${LABELS[h.hit.kind]}`,
    href: `#section-${h.sectionIndex + 1}`,
  }));
  const hitsBySection: Record<number, unknown[]> = {};
  for (const h of hits)
    (hitsBySection[h.sectionIndex + 1] ??= []).push({
      key: h.key,
      kind: LABELS[h.hit.kind],
      before: h.hit.before,
      matched: h.hit.matched,
      after: h.hit.after,
      overridable: h.overridable && mayOverride,
      term: hitForViewer(h.hit, maySee).value,
    });
  return { errors: { list, fields: {} }, hitsBySection, blocked: true };
}

const LABELS: Record<string, string> = {
  name: 'a name',
  date_of_birth: 'a date of birth',
  address: 'an address',
  record_number: 'a record number',
  custom: 'one of the words to check for',
};
