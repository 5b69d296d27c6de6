import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { caseNotesController } from './pages/case/controller.ts';
import { findingController } from './pages/finding/controller.ts';
import { findingsController } from './pages/findings/controller.ts';
import { packController } from './pages/pack/controller.ts';
import { recommendationController } from './pages/recommendation/controller.ts';
import { removeRecommendationController } from './pages/recommendation-remove/controller.ts';
import { recommendationsController } from './pages/recommendations/controller.ts';
import { meetingRecordController } from './pages/record/controller.ts';
import { themesController } from './pages/themes/controller.ts';

/** The discussion meeting: its record, per-case notes, findings, recommendations, pack and themes. */
export function meetingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const findings = findingsController(services);
  const finding = findingController(services);
  const recommendations = recommendationsController(services);
  const recommendation = recommendationController(services);
  const removeRecommendation = removeRecommendationController(services);
  const pack = packController(services);
  const record = meetingRecordController(services);
  const themes = themesController(services);
  const caseNotes = caseNotesController(services);
  const audit = '/audits/:auditId';
  registerPages(app, [
    page.get(`${audit}/findings`, 'audit:read', findings.get),
    page.get(`${audit}/findings/new`, 'meeting:record', finding.get),
    page.post(`${audit}/findings`, 'meeting:record', finding.post),
    page.get(`${audit}/findings/:findingId`, 'meeting:record', finding.edit),
    page.post(`${audit}/findings/:findingId`, 'meeting:record', finding.change),
    page.post(`${audit}/findings/:findingId/delete`, 'meeting:record', finding.remove),
    page.get(`${audit}/recommendations`, 'audit:read', recommendations.get),
    page.get(`${audit}/recommendations/new`, 'meeting:record', recommendation.get),
    page.post(`${audit}/recommendations`, 'meeting:record', recommendation.post),
    page.get(`${audit}/recommendations/:id`, 'meeting:record', recommendation.edit),
    page.post(`${audit}/recommendations/:id`, 'meeting:record', recommendation.change),
    page.get(`${audit}/recommendations/:id/remove`, 'meeting:record', removeRecommendation.get),
    page.post(`${audit}/recommendations/:id/remove`, 'meeting:record', removeRecommendation.post),
    page.get(`${audit}/meeting-pack`, 'meeting:record', pack.get),
    page.get(`${audit}/meeting-pack.docx`, 'meeting:record', pack.docx),
    page.get(`${audit}/meeting-pack.pdf`, 'meeting:record', pack.pdf),
    page.get(`${audit}/meeting`, 'audit:read', record.get),
    page.post(`${audit}/meeting`, 'meeting:record', record.post),
    page.post(`${audit}/meeting/attendees`, 'meeting:record', record.addAttendee),
    page.post(`${audit}/meeting/attendees/:attendeeId/remove`, 'meeting:record', record.removeAttendee),
    page.get('/learning-themes', 'learning-theme:manage', themes.get),
    page.post('/learning-themes', 'learning-theme:manage', themes.post),
    page.post('/learning-themes/:id', 'learning-theme:manage', themes.change),
    page.get(`${audit}/meeting/cases/:caseId`, 'audit:read', caseNotes.get),
    page.post(`${audit}/meeting/cases/:caseId`, 'meeting:record', caseNotes.post),
  ]);
  return Promise.resolve();
}
