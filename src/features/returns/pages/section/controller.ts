import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { restoreSavedForm } from '../../../../web/saved-form.ts';
import { sectionValues } from '../../view-model.ts';
import { conflictController } from '../conflict/controller.ts';
import { sectionSchema } from './schema.ts';

type Params = { Params: { id: string; versionId: string; sectionKey: string } };
type Posted = Record<string, string | string[]>;

const SIGNED_OUT =
  'You were signed out before your answers were saved. We kept what you typed: check it and save it now';
const LOCKED =
  'This return has been submitted or signed off, so it can no longer be changed. ' +
  'Your text is below: copy anything you need';

/** One section of the audit tool: the auditor answers it, others read it. */
export function sectionController(services: Services) {
  const { returns } = services;
  const conflict = conflictController(services);

  const savedForm = (request: SignedInRequest<Params>, reply: FastifyReply) =>
    restoreSavedForm(services, request, reply);

  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    options: { posted?: Posted; errors?: FormErrors; status?: number } = {},
  ) {
    const { id, versionId, sectionKey } = request.params;
    const { posted } = options;
    const found = await returns.section(request.user, id, versionId, sectionKey, actorOf(request));
    const { ctx, tool, section, state } = found;
    return reply.code(options.status ?? 200).view('returns/pages/section/view.njk', {
      pageTitle: section.title,
      r: ctx.row,
      tool: tool.content,
      section,
      editable: found.editable,
      action: `/returns/${id}/sections/${versionId}/${sectionKey}`,
      version: posted?.version ?? state?.version ?? 0,
      values: sectionValues(section, found.stored, posted),
      notes: {
        workedWell: posted ? String(posted.workedWell ?? '') : (state?.workedWell ?? ''),
        areasForDevelopment: posted ? String(posted.areasForDevelopment ?? '') : (state?.areasForDevelopment ?? ''),
      },
      position: { index: found.index + 1, of: ctx.sections.length },
      errors: options.errors,
      backLink: `/returns/${id}`,
    });
  }

  const get: Controller<Params> = async (request, reply) => {
    const kept = await savedForm(request, reply);
    if (!kept) return render(request, reply);
    return render(request, reply, { posted: kept, errors: singleError('form', SIGNED_OUT) });
  };

  /** Saves the section as the form says; the same for the Save button and the background save. */
  async function save(request: SignedInRequest<Params>, forceDraft: boolean) {
    const { id, versionId, sectionKey } = request.params;
    const form = parseForm(sectionSchema, request.body);
    // The schema never refuses a form (the service checks the answers), so this is always reached.
    const value = form.ok ? form.value : sectionSchema.parse({});
    const mode = forceDraft ? 'draft' : value.mode;
    const outcome = await returns.saveSection(
      request.user,
      { returnId: id, templateVersionId: versionId, sectionKey, ...value, mode },
      actorOf(request),
    );
    return { outcome, mode, posted: form.values };
  }

  const post: Controller<Params> = async (request, reply) => {
    const { id, versionId, sectionKey } = request.params;
    const { outcome, mode, posted } = await save(request, false);
    if (outcome.kind === 'invalid')
      return render(request, reply, { posted, errors: errorsFrom(outcome.errors), status: 400 });
    if (outcome.kind === 'locked')
      return render(request, reply, { posted, errors: singleError('form', LOCKED), status: 409 });
    if (outcome.kind === 'conflict') return conflict.show(request, reply, posted, outcome.theirs);
    if (mode === 'draft') {
      await reply.flash({
        kind: 'success',
        heading: 'Your answers have been saved',
        text: 'You can come back to this section later.',
      });
      return reply.redirect(`/returns/${id}`, 303);
    }
    const ctx = await returns.authorised(request.user, id, 'return:read', actorOf(request));
    const index = ctx.sections.findIndex((s) => s.tool.id === versionId && s.section.key === sectionKey);
    const next = ctx.sections[index + 1];
    return reply.redirect(
      next ? `/returns/${id}/sections/${next.tool.id}/${next.section.key}` : `/returns/${id}/overall`,
      303,
    );
  };

  /** Background save from the page's script: a draft, with the same concurrency check. */
  const autosave: Controller<Params> = async (request, reply) => {
    const { outcome } = await save(request, true);
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
  };

  return { get, post, autosave };
}
