import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { REDACTION_KIND_LABELS } from '../../../../domain/redaction-guard.ts';
import { ExchangeNotWritable, IdentifyingDetailsInExport } from '../../exchange-screen.ts';
import { can } from '../../../../domain/authorisation.ts';

type Params = { Params: { auditId: string } };
type Download = Params & { Querystring: { identities?: string } };

/** An audit's exchange file: the page that offers it, and the download itself. */
export function auditExchangeController({ exchange }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const page = await exchange.exportPage(request.user, request.params.auditId);
    return reply.view('exchange/pages/audit-exchange/view.njk', {
      pageTitle: 'Exchange file',
      audit: page.audit,
      mayIncludeIdentities: page.mayIncludeIdentities,
      backLink: page.mayReadAudit ? `/audits/${page.audit.id}` : undefined,
    });
  };

  const download: Controller<Download> = async (request, reply) => {
    const withIdentities = request.query.identities === 'yes';
    let document;
    try {
      document = await exchange.exportAudit(
        request.user,
        { auditId: request.params.auditId, withIdentities },
        actorOf(request),
      );
    } catch (error) {
      if (error instanceof ExchangeNotWritable) return notWritable(request, reply, error);
      if (!(error instanceof IdentifyingDetailsInExport)) throw error;
      return blocked(request, reply, error);
    }
    const reference = document.audit.reference.replace(/[^A-Za-z0-9._-]/g, '_');
    const name = `audit-${reference}${withIdentities ? '-with-identities' : ''}.exchange.json`;
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(`${JSON.stringify(document, null, 2)}\n`);
  };

  /** The page again, with every place the guard stopped the file; the words only for those who may see them. */
  async function blocked(
    request: Parameters<Controller<Download>>[0],
    reply: Parameters<Controller<Download>>[1],
    error: IdentifyingDetailsInExport,
  ) {
    const page = await exchange.exportPage(request.user, request.params.auditId);
    const hits = error.hits.map((h, i) => ({
      id: `hit-${i + 1}`,
      where: h.where,
      pointer: h.pointer,
      kindLabel: REDACTION_KIND_LABELS[h.hit.kind],
      ...(page.mayIncludeIdentities ? { before: h.hit.before, matched: h.hit.matched, after: h.hit.after } : {}),
    }));
    return reply.code(422).view('exchange/pages/audit-exchange/view.njk', {
      pageTitle: 'Exchange file',
      audit: page.audit,
      mayIncludeIdentities: page.mayIncludeIdentities,
      backLink: page.mayReadAudit ? `/audits/${page.audit.id}` : undefined,
      hits,
      mayReplace: can(request.user, 'audit:manage', page.audit.resource),
      errors: {
        list: hits.map((h) => ({
          text: `${h.where} may identify someone: it looks like ${h.kindLabel}`,
          href: `#${h.id}`,
        })),
        fields: {},
      },
    });
  }

  /** The page again, listing the values the file cannot carry and where they are. */
  async function notWritable(
    request: Parameters<Controller<Download>>[0],
    reply: Parameters<Controller<Download>>[1],
    error: ExchangeNotWritable,
  ) {
    const page = await exchange.exportPage(request.user, request.params.auditId);
    const problems = error.problems.map((p, i) => ({ id: `problem-${i + 1}`, ...p }));
    return reply.code(422).view('exchange/pages/audit-exchange/view.njk', {
      pageTitle: 'Exchange file',
      audit: page.audit,
      mayIncludeIdentities: page.mayIncludeIdentities,
      backLink: page.mayReadAudit ? `/audits/${page.audit.id}` : undefined,
      problems,
      errors: {
        list: problems.map((p) => ({ text: `${p.path}: ${p.message}`, href: `#${p.id}` })),
        fields: {},
      },
    });
  }

  return { get, download };
}
