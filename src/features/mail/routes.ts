import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { findOutboxMessage, listOutbox } from './outbox-repository.ts';

/** The outbox: what the service has sent, or (in development) would have sent. */
export async function outboxRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'outbox:read' as const } };

  app.get<{ Querystring: { to?: string } }>('/admin/outbox', access, async (request, reply) => {
    const to = String(request.query.to ?? '')
      .trim()
      .slice(0, 200);
    const messages = await listOutbox(db, request.user!.partnershipId, { to: to || undefined }, 200);
    return reply.view('mail/pages/outbox/view.njk', {
      pageTitle: 'Outbox',
      messages,
      to,
      transport: services.config.mail.transport,
      backLink: '/admin',
    });
  });

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', access, async (request, reply) => {
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) throw new NotFound();
    const message = await findOutboxMessage(db, request.params.id);
    if (!message || (message.partnershipId && message.partnershipId !== request.user!.partnershipId))
      throw new NotFound();
    // Links become clickable: escape everything first, then mark up the addresses.
    const escaped = message.body.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
    const body = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a class="govuk-link" href="${url}">${url}</a>`);
    return reply.view('mail/pages/message/view.njk', {
      pageTitle: message.subject,
      message,
      body,
      backLink: '/admin/outbox',
    });
  });
}
