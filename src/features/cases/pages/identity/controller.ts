import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { identityView } from '../../identity-view-model.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };

/** A case's identifying details, for those the audit lets see them; every view is logged. */
export function identityController({ identity }: Services) {
  const get: Controller<CaseParams> = async (request, reply) => {
    const { auditId, caseId } = request.params;
    const { audit, kase, children, members, agencies, stored } = await identity.open(
      request.user,
      auditId,
      caseId,
      actorOf(request),
      'view',
    );
    return reply.view('cases/pages/identity/view.njk', {
      pageTitle: `Identifying details for ${kase.reference}`,
      audit,
      kase,
      shown: identityView(stored, children, members, agencies),
      updatedAt: stored.updatedAt,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  };
  return { get };
}

/**
 * Every refused attempt at the identity pages is logged, whether the route's rule refused it
 * before the controller or the audit's own rule did: both end as a 404, written here before the
 * 404 page is sent.
 */
export function logIdentityRefusal({ identity }: Services) {
  return async (request: FastifyRequest, _reply: FastifyReply, error: Error) => {
    if ((error as { statusCode?: number }).statusCode !== 404 || !request.user) return;
    const params = request.params as { auditId?: string; caseId?: string };
    await identity.logRefusal(actorOf(request), params.auditId ?? '', params.caseId, 'page');
  };
}
