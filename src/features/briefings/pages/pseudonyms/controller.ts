import type { Services } from '../../../../services.ts';
import { BadRequest } from '../../../../web/errors.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { applySchema } from './schema.ts';

type Params = { Params: { auditId: string; briefingId: string } };

/**
 * "Replace with pseudonyms": the preview of every change (each sentence before and after), and
 * applying them as a new version of the briefing.
 */
export function pseudonymsController({ briefings }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    const plan = await briefings.previewPseudonyms(audit, briefing.id, actorOf(request));
    const base = `/audits/${audit.id}/briefings/${briefing.id}`;
    return reply.view('briefings/pages/pseudonyms/view.njk', {
      pageTitle: 'Replace with pseudonyms',
      audit,
      title: current.title,
      plan,
      base,
      backLink: base,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const { briefing } = await briefings.find(audit, request.params.briefingId);
    const form = parseForm(applySchema, request.body);
    if (!form.ok) throw new BadRequest('The version of the briefing is missing: open the preview again.');
    const base = `/audits/${audit.id}/briefings/${briefing.id}`;
    const result = await briefings.applyPseudonyms(
      request.user,
      audit,
      briefing.id,
      form.value.version,
      actorOf(request),
    );
    if (result.kind === 'stale') {
      await reply.flash({
        kind: 'important',
        heading: 'The briefing changed since the preview',
        text: 'Nothing was replaced. Check the new preview before applying it.',
      });
      return reply.redirect(`${base}/pseudonyms`, 303);
    }
    const heading =
      result.kind === 'nothing'
        ? 'Nothing needed replacing'
        : `${result.count} possible identifying detail${result.count === 1 ? '' : 's'} replaced with pseudonyms`;
    const text =
      result.kind === 'applied' ? `Saved as version ${result.version}. Read it through, then publish.` : undefined;
    await reply.flash({ kind: 'success', heading, text });
    return reply.redirect(base, 303);
  };

  return { get, post };
}
