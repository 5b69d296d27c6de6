import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { outboxMessageController } from './pages/message/controller.ts';
import { outboxController } from './pages/outbox/controller.ts';

/** The outbox pages, under administration. */
export function outboxRoutes(app: FastifyInstance, services: Services): void {
  const outbox = outboxController(services);
  const message = outboxMessageController(services);
  registerPages(app, [
    page.get('/admin/outbox', 'outbox:read', outbox.get),
    page.get('/admin/outbox/:id', 'outbox:read', message.get),
  ]);
}
