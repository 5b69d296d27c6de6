import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { registerAuditApi } from '../audits/audit-api.ts';
import { registerChronologyApi } from '../chronology/chronology-api.ts';
import { registerMeetingApi } from '../meeting/meeting-api.ts';
import { registerReturnApi } from '../returns/return-api.ts';
import { registerTemplateApi } from '../templates/template-api.ts';
import { registerCaseApi } from '../cases/case-api.ts';
import { registerInvolvementApi } from '../involvement/involvement-api.ts';
import { registerExchangeApi } from '../exchange/exchange-api.ts';
import { apiRoute, registerApi } from './api-route.ts';
import { baseOpenApiDocument } from './openapi.ts';

const meResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  agencyId: z.uuid().nullable(),
  partnershipId: z.uuid(),
});
import { registerBriefingApi } from '../briefings/briefing-api.ts';
import { registerReportApi } from '../report/report-api.ts';

export function apiRoutes(app: FastifyInstance, services: Services): void {
  const document = baseOpenApiDocument();
  app.get('/openapi.json', { config: { access: 'public' } }, () => Promise.resolve(document));

  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/me',
      access: 'api:use',
      operationId: 'getMe',
      summary: 'The person the token belongs to',
      responses: { '200': { description: 'The token owner', schema: meResponse } },
      handler: ({ user }) =>
        Promise.resolve({
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          roles: user.roles,
          agencyId: user.agencyId,
          partnershipId: user.partnershipId,
        }),
    }),
  ]);
  registerAuditApi(app, services, document);
  registerTemplateApi(app, services, document);
  registerCaseApi(app, services, document);
  registerInvolvementApi(app, services, document);
  registerReturnApi(app, services, document);
  registerChronologyApi(app, services, document);
  registerMeetingApi(app, services, document);
  registerBriefingApi(app, services, document);
  registerExchangeApi(app, services, document);
  registerReportApi(app, services, document);
}
