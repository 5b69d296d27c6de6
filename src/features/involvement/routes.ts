import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { agenciesController } from './pages/agencies/controller.ts';
import { assignmentAgenciesController } from './pages/assignment-agencies/controller.ts';
import { assignmentsController } from './pages/assignments/controller.ts';
import { matrixController } from './pages/matrix/controller.ts';
import { participationController } from './pages/participation/controller.ts';
import { progressController } from './pages/progress/controller.ts';
import { recordController } from './pages/record/controller.ts';
import { returnWaiverController } from './pages/return-waiver/controller.ts';

export function involvementRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const agencies = agenciesController(services);
  const record = recordController(services);
  const participation = participationController(services);
  const assignments = assignmentsController(services);
  const waiver = returnWaiverController(services);
  const waiverPath = '/audits/:auditId/progress/:caseId/:agencyId/will-not-come';
  registerPages(app, [
    page.get('/audits/:auditId/agencies', 'audit:read', agencies.get),
    page.post('/audits/:auditId/agencies', 'audit:manage', agencies.post),
    page.post('/audits/:auditId/agencies/:agencyId/lead', 'audit:assign', agencies.lead),
    page.post('/audits/:auditId/agencies/:agencyId/withdraw', 'audit:manage', agencies.withdraw),
    page.get('/audits/:auditId/involvement/:agencyId', 'involvement:record', record.get),
    page.post('/audits/:auditId/involvement/:agencyId', 'involvement:record', record.post),
    page.get('/audits/:auditId/involvement', 'audit:read', matrixController(services).get),
    page.get('/audits/:auditId/participation', 'audit:read', participation.get),
    page.get('/audits/:auditId/participation.csv', 'audit:read', participation.csv),
    page.get('/audits/:auditId/participation.xlsx', 'audit:read', participation.xlsx),
    page.get('/audits/:auditId/progress', 'audit:progress', progressController(services).get),
    page.get(waiverPath, 'audit:manage', waiver.get),
    page.post(waiverPath, 'audit:manage', waiver.post),
    page.post(`${waiverPath}/withdraw`, 'audit:manage', waiver.withdraw),
    page.get('/audits/:auditId/assignments', 'audit:assign', assignmentAgenciesController(services).get),
    page.get('/audits/:auditId/assignments/:agencyId', 'audit:assign', assignments.get),
    page.post('/audits/:auditId/assignments/:agencyId', 'audit:assign', assignments.post),
    page.post('/audits/:auditId/assignments/:agencyId/remove', 'audit:assign', assignments.remove),
  ]);
  return Promise.resolve();
}
