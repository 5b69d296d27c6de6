import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { MAX_EXCHANGE_BYTES } from './exchange-api.ts';
import { auditExchangeController } from './pages/audit-exchange/controller.ts';
import { exchangePseudonymsController } from './pages/exchange-pseudonyms/controller.ts';
import { importCheckController } from './pages/import-check/controller.ts';
import { importUploadController } from './pages/import-upload/controller.ts';

/**
 * The exchange file pages: download an audit's file (/audits/:id/exchange), and import one
 * (/exchange/import): upload, see what is wrong with it, match its agencies, import. The upload
 * is multipart, so its CSRF token travels in the form action's query string.
 */
export async function exchangeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_EXCHANGE_BYTES, files: 1, fields: 2, fieldSize: 1000, parts: 3 },
  });
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
    done();
  });
  const exchange = auditExchangeController(services);
  const pseudonyms = exchangePseudonymsController(services);
  const upload = importUploadController(services);
  const check = importCheckController(services);
  registerPages(app, [
    page.get('/audits/:auditId/exchange', 'exchange:manage', exchange.get),
    page.get('/audits/:auditId/exchange/download', 'exchange:manage', exchange.download),
    page.get('/audits/:auditId/exchange/pseudonyms', 'audit:manage', pseudonyms.get),
    page.post('/audits/:auditId/exchange/pseudonyms', 'audit:manage', pseudonyms.post),
    page.get('/exchange/import', 'exchange:manage', upload.get),
    page.post('/exchange/import', 'exchange:manage', upload.post),
    page.get('/exchange/import/:uploadId', 'exchange:manage', check.get),
    page.post('/exchange/import/:uploadId', 'exchange:manage', check.post),
  ]);
}
