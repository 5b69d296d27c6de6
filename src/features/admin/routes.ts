import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';

export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/admin', { config: { access: 'admin:users' } }, async (_request, reply) =>
    reply.view('admin/pages/index/view.njk', { pageTitle: 'Administration' }),
  );
  void services;
}
