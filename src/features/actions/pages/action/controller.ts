import type { FastifyReply } from 'fastify';
import { ACTION_STATUSES } from '../../../../domain/action-rag.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { tagFor } from '../../action-tags.ts';
import { EVIDENCE_KINDS } from '../../evidence-service.ts';
import { progressSchema } from './schema.ts';

export type ActionParams = { Params: { id: string } };
export type ActionForm = {
  values?: Record<string, unknown>;
  errors?: FormErrors;
  status?: number;
  evidenceKind?: string;
};

const STALE =
  'Someone else updated this action while you were typing. ' +
  'Their update is in the history below; your text is kept here: check it and save again';

/** One action: its progress history and evidence files; its lead or the coordinator records progress. */
export function actionController({ actions, actionEvidence }: Services) {
  async function render(request: SignedInRequest<ActionParams>, reply: FastifyReply, form: ActionForm = {}) {
    const { action: a, updates, canUpdate, evidence } = await actionEvidence.page(request.user, request.params.id);
    const { values } = form;
    return reply.code(form.status ?? 200).view('actions/pages/action/view.njk', {
      evidence,
      evidenceKindItems: Object.entries(EVIDENCE_KINDS).map(([value, text]) => ({
        value,
        text,
        checked: form.evidenceKind === value,
      })),
      evidenceMaxMegabytes: actionEvidence.maxBytes / 1024 / 1024,
      pageTitle: 'Action',
      a: { ...a, tag: tagFor(a) },
      updates,
      canUpdate,
      statusItems: Object.entries(ACTION_STATUSES).map(([value, text]) => ({
        value,
        text,
        checked: (values?.status ?? a.status) === value,
      })),
      values: values ?? {
        evidenceCompletion: a.evidence_completion,
        evidenceImpact: a.evidence_impact,
        version: String(a.version),
      },
      errors: form.errors,
    });
  }

  const get: Controller<ActionParams> = (request, reply) => render(request, reply);

  const post: Controller<ActionParams> = async (request, reply) => {
    const form = parseForm(progressSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const { id } = request.params;
    if ((await actions.update(request.user, id, form.value, actorOf(request))) === 'stale') {
      const version = String((await actions.find(request.user, id)).action.version);
      return render(request, reply, {
        values: { ...form.values, version },
        errors: singleError('text', STALE),
        status: 409,
      });
    }
    return reply.redirect(`/actions/${id}`, 303);
  };

  return { get, post, render };
}
