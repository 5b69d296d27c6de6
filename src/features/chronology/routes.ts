import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { agencyChronologyController } from './pages/agency/controller.ts';
import { deleteEntryController } from './pages/delete/controller.ts';
import { entryController } from './pages/entry/controller.ts';
import { importUploadController } from './pages/import-upload/controller.ts';
import { acceptChronologyUploads } from './pages/import-upload/multipart.ts';
import { importController } from './pages/import/controller.ts';
import { integratedChronologyController } from './pages/integrated/controller.ts';
import { chronologyDownloadsController } from './pages/integrated/downloads.ts';

export async function chronologyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const agency = agencyChronologyController(services);
  const entry = entryController(services);
  const remove = deleteEntryController(services);
  const integrated = integratedChronologyController(services);
  const downloads = chronologyDownloadsController(services);
  const integratedUrl = '/audits/:auditId/cases/:caseId/chronology';
  registerPages(app, [
    page.get('/returns/:id/chronology', 'return:read', agency.get),
    page.get('/returns/:id/chronology/new', 'return:edit', entry.get),
    page.post('/returns/:id/chronology', 'return:edit', entry.post),
    page.get('/returns/:id/chronology/:entryId', 'return:edit', entry.get),
    page.post('/returns/:id/chronology/:entryId', 'return:edit', entry.post),
    page.get('/returns/:id/chronology/:entryId/delete', 'return:edit', remove.get),
    page.post('/returns/:id/chronology/:entryId/delete', 'return:edit', remove.post),
    page.get(integratedUrl, 'audit:read', integrated.get),
    page.get(`${integratedUrl}.csv`, 'audit:read', downloads.csv),
    page.get(`${integratedUrl}.xlsx`, 'audit:read', downloads.xlsx),
    page.get(`${integratedUrl}.docx`, 'audit:read', downloads.docx),
    page.post('/audits/:auditId/cases/:caseId/points/:pointId', 'audit:read', integrated.post),
  ]);

  // The import takes a file upload: multipart is accepted in its own scope only.
  const upload = importUploadController(services);
  const imports = importController(services);
  const importUrl = '/returns/:id/chronology/import/:importId';
  await app.register(async (scope) => {
    await acceptChronologyUploads(scope);
    registerPages(scope, [
      page.get('/returns/:id/chronology/import', 'return:edit', upload.get),
      page.post('/returns/:id/chronology/import', 'return:edit', upload.post),
      page.get(importUrl, 'return:read', imports.get),
      page.post(`${importUrl}/mapping`, 'return:edit', imports.post),
      page.post(`${importUrl}/confirm`, 'return:edit', imports.confirm),
      page.post(`${importUrl}/discard`, 'return:edit', imports.discard),
    ]);
  });
}
