import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { registerAuditApi } from '../audits/audit-api.ts';
import { registerChronologyApi } from '../chronology/chronology-api.ts';
import { registerMeetingApi } from '../meeting/meeting-api.ts';
import { registerReturnApi } from '../returns/return-api.ts';
import { registerTemplateApi } from '../templates/template-api.ts';
import { registerCaseApi } from '../cases/case-api.ts';
import { registerInvolvementApi } from '../involvement/involvement-api.ts';
import { registerExchangeApi } from '../exchange/exchange-api.ts';
import { baseOpenApiDocument } from './openapi.ts';
import { registerBriefingApi } from '../briefings/briefing-api.ts';
import { registerReportApi } from '../report/report-api.ts';

export async function apiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const document = baseOpenApiDocument();
  document.paths['/me'] = {
    get: {
      summary: 'The person the token belongs to',
      operationId: 'getMe',
      responses: {
        '200': {
          description: 'The token owner',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'email', 'displayName', 'roles', 'agencyId', 'partnershipId'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  email: { type: 'string' },
                  displayName: { type: 'string' },
                  roles: { type: 'array', items: { type: 'string' } },
                  agencyId: { type: ['string', 'null'], format: 'uuid' },
                  partnershipId: { type: 'string', format: 'uuid' },
                },
              },
            },
          },
        },
        '401': { $ref: '#/components/responses/Unauthorised' },
      },
    },
  };

  app.get('/openapi.json', { config: { access: 'public' } }, async () => document);

  app.get('/me', { config: { access: 'api:use', api: true } }, async (request) => {
    const user = request.user!;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      agencyId: user.agencyId,
      partnershipId: user.partnershipId,
    };
  });
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
