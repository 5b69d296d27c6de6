import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Query = { Querystring: { to?: string } };

/** The outbox: what the service has sent, or (in development) would have sent. */
export function outboxController({ mail, config }: Services) {
  const get: Controller<Query> = async (request, reply) => {
    const to = String(request.query.to ?? '')
      .trim()
      .slice(0, 200);
    return reply.view('mail/pages/outbox/view.njk', {
      pageTitle: 'Outbox',
      messages: await mail.outbox(request.user, to || undefined),
      to,
      transport: config.mail.transport,
      backLink: '/admin',
    });
  };
  return { get };
}
