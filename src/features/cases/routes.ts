import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import fastifyMultipart from '@fastify/multipart';
import { candidateListController } from './pages/candidate-list/controller.ts';
import { candidatesController, MAX_UPLOAD_BYTES } from './pages/candidates/controller.ts';
import { caseController } from './pages/case/controller.ts';
import { editCaseController, newCaseController } from './pages/case-form/controller.ts';
import { casesController } from './pages/cases/controller.ts';
import { editChildController, newChildController } from './pages/child-form/controller.ts';
import { removeChildController, removeMemberController } from './pages/confirm-remove/controller.ts';
import { identityFormController } from './pages/identity-form/controller.ts';
import { identityController, logIdentityRefusal } from './pages/identity/controller.ts';
import { drawController } from './pages/draw/controller.ts';
import { mappingController } from './pages/mapping/controller.ts';
import { editMemberController, newMemberController } from './pages/member-form/controller.ts';
import { previewController } from './pages/preview/controller.ts';

const CASE = '/audits/:auditId/cases/:caseId';
const UPLOAD = '/audits/:auditId/candidates/uploads/:uploadId';
const LIST = '/audits/:auditId/candidates/lists/:listId';

/**
 * Cases, children, household, identifying details, candidate lists and sampling. The identity
 * pages and the upload page are their own encapsulated scopes: one logs refusals, one accepts files.
 */
export async function caseRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const cases = casesController(services);
  const kase = caseController(services);
  const newCase = newCaseController(services);
  const editCase = editCaseController(services);
  const newChild = newChildController(services);
  const editChild = editChildController(services);
  const removeChild = removeChildController(services);
  const newMember = newMemberController(services);
  const editMember = editMemberController(services);
  const removeMember = removeMemberController(services);
  const mapping = mappingController(services);
  const preview = previewController(services);
  const list = candidateListController(services);
  const draw = drawController(services);
  registerPages(app, [
    page.get('/audits/:auditId/cases', 'audit:read', cases.get),
    page.get('/audits/:auditId/cases/new', 'audit:manage', newCase.get),
    page.post('/audits/:auditId/cases', 'audit:manage', newCase.post),
    page.get(CASE, 'audit:read', kase.get),
    page.get(`${CASE}/edit`, 'audit:manage', editCase.get),
    page.post(CASE, 'audit:manage', editCase.post),
    page.get(`${CASE}/children/new`, 'audit:manage', newChild.get),
    page.post(`${CASE}/children`, 'audit:manage', newChild.post),
    page.get(`${CASE}/children/:childId/edit`, 'audit:manage', editChild.get),
    page.post(`${CASE}/children/:childId`, 'audit:manage', editChild.post),
    page.get(`${CASE}/children/:childId/remove`, 'audit:manage', removeChild.get),
    page.post(`${CASE}/children/:childId/remove`, 'audit:manage', removeChild.post),
    page.get(`${CASE}/household/new`, 'audit:manage', newMember.get),
    page.post(`${CASE}/household`, 'audit:manage', newMember.post),
    page.get(`${CASE}/household/:memberId/edit`, 'audit:manage', editMember.get),
    page.post(`${CASE}/household/:memberId`, 'audit:manage', editMember.post),
    page.get(`${CASE}/household/:memberId/remove`, 'audit:manage', removeMember.get),
    page.post(`${CASE}/household/:memberId/remove`, 'audit:manage', removeMember.post),
    page.get(`${UPLOAD}/mapping`, 'audit:manage', mapping.get),
    page.post(`${UPLOAD}/mapping`, 'audit:manage', mapping.post),
    page.get(`${UPLOAD}/preview`, 'audit:manage', preview.get),
    page.post(`${UPLOAD}/import`, 'audit:manage', preview.post),
    page.post(`${UPLOAD}/discard`, 'audit:manage', preview.discard),
    page.get(LIST, 'audit:manage', list.get),
    page.post(`${LIST}/draws`, 'audit:manage', list.draw),
    page.get(`${LIST}/draws/:drawId`, 'audit:manage', draw.get),
    page.post(`${LIST}/cases`, 'audit:manage', list.post),
  ]);
  const identity = identityController(services);
  const identityForm = identityFormController(services);
  await app.register((scope) => {
    scope.addHook('onError', logIdentityRefusal(services));
    registerPages(scope, [
      page.get(`${CASE}/identifying-details`, 'case:identity', identity.get),
      page.get(`${CASE}/identifying-details/edit`, 'case:identity', identityForm.get),
      page.post(`${CASE}/identifying-details`, 'case:identity', identityForm.post),
    ]);
    return Promise.resolve();
  });
  const candidates = candidatesController(services);
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
    });
    // The multipart body is read by the controller; the access hook sees the CSRF token from the query.
    scope.addHook('preValidation', (request, _reply, done) => {
      if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
      done();
    });
    registerPages(scope, [
      page.get('/audits/:auditId/candidates', 'audit:manage', candidates.get),
      page.post('/audits/:auditId/candidates/upload', 'audit:manage', candidates.post),
    ]);
  });
}
