import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

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
    const document = await exchange.exportAudit(
      request.user,
      { auditId: request.params.auditId, withIdentities },
      actorOf(request),
    );
    const reference = document.audit.reference.replace(/[^A-Za-z0-9._-]/g, '_');
    const name = `audit-${reference}${withIdentities ? '-with-identities' : ''}.exchange.json`;
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(`${JSON.stringify(document, null, 2)}\n`);
  };

  return { get, download };
}
