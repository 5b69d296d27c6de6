import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { homeController } from './pages/home/controller.ts';

export async function homeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const home = homeController();
  registerPages(app, [
    page.publicGet('/health', async (_request, reply) => {
      const database = await services.health.database();
      if (!database.ok)
        return reply.code(503).send({ status: 'error', database: 'unavailable', reason: database.reason });
      return { status: 'ok', database: 'ok' };
    }),
    page.get('/', 'signed-in', home.get),
    page.publicGet('/cookies', async (_request, reply) => reply.view('cookies.njk', { pageTitle: 'Cookies' })),
    page.publicGet('/accessibility', async (_request, reply) =>
      reply.view('accessibility.njk', { pageTitle: 'Accessibility statement' }),
    ),
  ]);
  return Promise.resolve();
}
