import { REDACTION_KIND_LABELS } from '../../../../domain/redaction-guard.ts';
import type { Services } from '../../../../services.ts';
import { BadRequest } from '../../../../web/errors.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { applySchema } from './schema.ts';

type Params = { Params: { auditId: string }; Querystring: { from?: string } };

/** Where the person came from: the exchange file or the report, both stopped by the same records. */
const origin = (auditId: string, from: unknown) =>
  from === 'report'
    ? { href: `/audits/${auditId}/report`, label: 'the report', query: '?from=report' }
    : { href: `/audits/${auditId}/exchange`, label: 'the exchange file', query: '' };

/** "Replace with pseudonyms" for an exchange file the guard stopped: the preview, and applying it. */
export function exchangePseudonymsController({ exchange, audits }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const plan = await exchange.previewExchangePseudonyms(request.user, audit.id, actorOf(request));
    return reply.view('exchange/pages/exchange-pseudonyms/view.njk', {
      pageTitle: 'Replace with pseudonyms',
      audit,
      plan,
      manual: plan.manual.map((h) => ({
        where: h.where,
        pointer: h.pointer,
        kindLabel: REDACTION_KIND_LABELS[h.hit.kind],
      })),
      origin: origin(audit.id, request.query.from),
      backLink: origin(audit.id, request.query.from).href,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const form = parseForm(applySchema, request.body);
    if (!form.ok) throw new BadRequest('The preview is missing: open it again.');
    const result = await exchange.applyExchangePseudonyms(
      request.user,
      audit.id,
      form.value.fingerprint,
      actorOf(request),
    );
    if (result.kind === 'stale') {
      await reply.flash({
        kind: 'important',
        heading: 'The records changed since the preview',
        text: 'Nothing was replaced. Check the new preview before applying it.',
      });
      return reply.redirect(
        `/audits/${audit.id}/exchange/pseudonyms${origin(audit.id, request.query.from).query}`,
        303,
      );
    }
    const left = result.manual
      ? ` ${result.manual} other place${result.manual === 1 ? '' : 's'} still to correct.`
      : '';
    await reply.flash({
      kind: 'success',
      heading: `${result.records} record${result.records === 1 ? '' : 's'} rewritten with pseudonyms`,
      text: `Download ${origin(audit.id, request.query.from).label} again.${left}`,
    });
    return reply.redirect(origin(audit.id, request.query.from).href, 303);
  };

  return { get, post };
}
