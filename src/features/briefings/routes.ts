import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { briefingController } from './pages/briefing/controller.ts';
import { libraryItemController } from './pages/library-item/controller.ts';
import { libraryController } from './pages/library/controller.ts';
import { briefingListController } from './pages/list/controller.ts';
import { pseudonymsController } from './pages/pseudonyms/controller.ts';
import { sectionController } from './pages/section/controller.ts';
import { templateController } from './pages/template/controller.ts';
import { templatesController } from './pages/templates/controller.ts';
import { termsController } from './pages/terms/controller.ts';
import { versionsController } from './pages/versions/controller.ts';

const FORMATS = ['docx', 'pdf'] as const;

export function briefingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const templates = templatesController(services);
  const template = templateController(services);
  const list = briefingListController(services);
  const briefing = briefingController(services);
  const section = sectionController(services);
  const versions = versionsController(services);
  const terms = termsController(services);
  const pseudonyms = pseudonymsController(services);
  const library = libraryController(services);
  const item = libraryItemController(services);
  const one = '/audits/:auditId/briefings/:briefingId';
  const open = '/partnerships/:partnershipId/library';
  registerPages(app, [
    page.get('/briefing-templates', 'briefing-template:manage', templates.get),
    page.get('/briefing-templates/:templateId', 'briefing-template:manage', template.get),
    page.post('/briefing-templates/:templateId', 'briefing-template:manage', template.post),
    page.get('/audits/:auditId/briefings', 'briefing:read', list.get),
    page.post('/audits/:auditId/briefings', 'briefing:edit', list.post),
    page.get(one, 'briefing:read', briefing.get),
    ...FORMATS.map((f) => page.get(`${one}/briefing.${f}`, 'briefing:read', briefing.download(f))),
    page.get(`${one}/sections/:index`, 'briefing:edit', section.get),
    page.post(`${one}/sections/:index`, 'briefing:edit', section.post),
    page.get(`${one}/versions`, 'briefing:read', versions.get),
    page.post(`${one}/publish`, 'briefing:edit', briefing.publish),
    page.post(`${one}/not-identifying`, 'briefing:edit', briefing.notIdentifying),
    page.get(`${one}/pseudonyms`, 'briefing:edit', pseudonyms.get),
    page.post(`${one}/pseudonyms`, 'briefing:edit', pseudonyms.post),
    page.post(`${one}/unpublish`, 'briefing:edit', briefing.unpublish),
    page.get('/audits/:auditId/words-to-check', 'briefing:edit', terms.get),
    page.post('/audits/:auditId/words-to-check', 'briefing:edit', terms.post),
    page.post('/audits/:auditId/words-to-check/:termId/remove', 'briefing:edit', terms.remove),
    page.get('/library', 'signed-in', library.get),
    page.get('/library/:briefingId', 'signed-in', item.get),
    ...FORMATS.map((f) => page.get(`/library/:briefingId/briefing.${f}`, 'signed-in', item.download(f))),
    page.publicGet(open, library.publicGet),
    page.publicGet(`${open}/:briefingId`, item.publicGet),
    ...FORMATS.map((f) => page.publicGet(`${open}/:briefingId/briefing.${f}`, item.publicDownload(f))),
  ]);
  return Promise.resolve();
}
