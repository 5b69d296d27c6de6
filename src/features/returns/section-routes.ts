import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scaleValue } from '../../domain/audit-tool.ts';
import { readPostedSection } from '../../domain/return-answers.ts';
import { isEditable } from '../../domain/return-lifecycle.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { takeSavedForm } from '../../web/saved-form.ts';
import * as repo from './return-repository.ts';
import type { ReturnContext } from './return-service.ts';
import { sectionValues } from './view-model.ts';

type SectionParams = { Params: { id: string; versionId: string; sectionKey: string } };

export async function returnSectionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { returns, db } = services;
  const path = '/returns/:id/sections/:versionId/:sectionKey';

  function findSection(ctx: ReturnContext, versionId: string, sectionKey: string) {
    const found = ctx.sections.find((s) => s.tool.id === versionId && s.section.key === sectionKey);
    if (!found) throw new NotFound();
    return found;
  }

  async function render(
    request: FastifyRequest<SectionParams>,
    reply: FastifyReply,
    options: { posted?: Record<string, string | string[]>; errors?: unknown; status?: number } = {},
  ) {
    const { id, versionId, sectionKey } = request.params;
    const ctx = await returns.authorised(request.user!, id, 'return:read', actorOf(request));
    const { tool, section } = findSection(ctx, versionId, sectionKey);
    const [states, stored] = await Promise.all([repo.sectionStates(db, id), repo.answersFor(db, id, versionId)]);
    const state = states.find((s) => s.templateVersionId === versionId && s.sectionKey === sectionKey);
    const editable = isEditable(ctx.row.status) && returns.actorsFor(request.user!, ctx).includes('auditor');
    const index = ctx.sections.findIndex((s) => s.tool.id === versionId && s.section.key === sectionKey);
    return reply.code(options.status ?? 200).view('returns/pages/section/view.njk', {
      pageTitle: section.title,
      r: ctx.row,
      tool: tool.content,
      section,
      editable,
      action: `/returns/${id}/sections/${versionId}/${sectionKey}`,
      version: options.posted?.version ?? state?.version ?? 0,
      values: sectionValues(section, stored, options.posted),
      notes: {
        workedWell: options.posted ? String(options.posted.workedWell ?? '') : (state?.workedWell ?? ''),
        areasForDevelopment: options.posted
          ? String(options.posted.areasForDevelopment ?? '')
          : (state?.areasForDevelopment ?? ''),
      },
      position: { index: index + 1, of: ctx.sections.length },
      errors: options.errors,
      backLink: `/returns/${id}`,
    });
  }

  app.get<SectionParams>(path, { config: { access: 'return:read' } }, async (request, reply) => {
    const kept = await takeSavedForm(db, services.config, request, reply);
    if (!kept) return render(request, reply);
    const errors = errorsFrom({
      form: {
        text: 'You were signed out before your answers were saved. We kept what you typed: check it and save it now',
      },
    });
    return render(request, reply, { posted: kept, errors });
  });

  app.post<SectionParams>(path, { config: { access: 'return:edit' } }, async (request, reply) => {
    const { id, versionId, sectionKey } = request.params;
    const body = formValues(request.body);
    const mode = body.mode === 'draft' ? 'draft' : 'complete';
    const outcome = await returns.saveSection(
      request.user!,
      {
        returnId: id,
        templateVersionId: versionId,
        sectionKey,
        expectedVersion: Number(body.version) || 0,
        posted: readPostedSection(body),
        mode,
      },
      actorOf(request),
    );
    if (outcome.kind === 'invalid')
      return render(request, reply, { posted: body, errors: errorsFrom(outcome.errors), status: 400 });
    if (outcome.kind === 'locked') {
      return render(request, reply, {
        posted: body,
        errors: errorsFrom({
          form: {
            text: 'This return has been submitted or signed off, so it can no longer be changed. Your text is below: copy anything you need',
          },
        }),
        status: 409,
      });
    }
    if (outcome.kind === 'conflict') return renderConflict(request, reply, body, outcome.theirs);
    if (mode === 'draft') {
      request.session!.data.flash = {
        kind: 'success',
        heading: 'Your answers have been saved',
        text: 'You can come back to this section later.',
      };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/returns/${id}`, 303);
    }
    const ctx = await returns.authorised(request.user!, id, 'return:read', actorOf(request));
    const index = ctx.sections.findIndex((s) => s.tool.id === versionId && s.section.key === sectionKey);
    const next = ctx.sections[index + 1];
    return reply.redirect(
      next ? `/returns/${id}/sections/${next.tool.id}/${next.section.key}` : `/returns/${id}/overall`,
      303,
    );
  });

  /** Background save from the page's script: a draft, with the same concurrency check. */
  app.post<SectionParams>(`${path}/autosave`, { config: { access: 'return:edit' } }, async (request, reply) => {
    const { id, versionId, sectionKey } = request.params;
    const body = formValues(request.body);
    const outcome = await returns.saveSection(
      request.user!,
      {
        returnId: id,
        templateVersionId: versionId,
        sectionKey,
        expectedVersion: Number(body.version) || 0,
        posted: readPostedSection(body),
        mode: 'draft',
      },
      actorOf(request),
    );
    if (outcome.kind === 'saved') return reply.send({ saved: true, version: outcome.version });
    if (outcome.kind === 'conflict')
      return reply.code(409).send({
        saved: false,
        conflict: true,
        message: 'Someone else has saved this section. Use the Save button to compare versions.',
      });
    if (outcome.kind === 'locked')
      return reply.code(409).send({ saved: false, message: 'This return can no longer be changed.' });
    return reply
      .code(400)
      .send({ saved: false, message: 'Some answers are not valid yet; they will be checked when you save.' });
  });

  async function renderConflict(
    request: FastifyRequest<SectionParams>,
    reply: FastifyReply,
    mine: Record<string, string | string[]>,
    theirs: { answers: repo.Answer[]; workedWell: string; areasForDevelopment: string; version: number },
  ) {
    const { id, versionId, sectionKey } = request.params;
    const ctx = await returns.authorised(request.user!, id, 'return:read', actorOf(request));
    const { tool, section } = findSection(ctx, versionId, sectionKey);
    const label = (questionKey: string, value: string) => {
      const q = section.questions.find((x) => x.key === questionKey);
      const scale = tool.content.scales.find((s) => s.key === q?.scale);
      return (scale && scaleValue(scale, value)?.label) || value || 'No answer';
    };
    const rows = section.questions.map((q) => {
      const t = theirs.answers.find((a) => a.questionKey === q.key);
      return {
        question: q.text,
        theirs: label(q.key, t?.answer ?? ''),
        theirsEvidence: t?.evidence ?? '',
        mine: label(q.key, String(mine[`a_${q.key}`] ?? '')),
        mineEvidence: String(mine[`e_${q.key}`] ?? ''),
      };
    });
    const hidden = Object.entries(mine)
      .filter(([k]) => k !== 'version')
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
    return reply.code(409).view('returns/pages/conflict/view.njk', {
      pageTitle: 'Someone else saved this section while you were working',
      section,
      rows,
      notes: {
        theirs: theirs,
        mine: {
          workedWell: String(mine.workedWell ?? ''),
          areasForDevelopment: String(mine.areasForDevelopment ?? ''),
        },
      },
      hidden,
      theirsVersion: theirs.version,
      action: `/returns/${id}/sections/${versionId}/${sectionKey}`,
    });
  }
}
