import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateInWords } from '../../domain/calendar-date.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import type { StoredIdentity } from './identity-repository.ts';
import { applyIntent, identityFormValues, readIdentityForm, type IdentityFormValues } from './identity-form.ts';
import { agencyItems, memberView } from './case-view-model.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
const identityAccess = { config: { access: 'case:identity' as const } };

/**
 * A case's identifying details. Every view and change is logged; so is every refused attempt,
 * whether the route's rule refused it before the handler or the audit's own rule did: both end
 * here as a 404, and the onError hook writes the refusal before the 404 page is sent.
 */
export async function identityRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, cases, identity } = services;

  app.addHook('onError', async (request, _reply, error) => {
    if ((error as { statusCode?: number }).statusCode !== 404 || !request.user) return;
    const params = request.params as { auditId?: string; caseId?: string };
    await identity.logRefusal(actorOf(request), params.auditId ?? '', params.caseId, 'page');
  });

  async function load(request: FastifyRequest<CaseParams>) {
    const { audit, kase } = await identity.authorise(request.user!, request.params.auditId, request.params.caseId);
    const { children, members } = await cases.detail(audit, kase!.id);
    return { audit, kase: kase!, children, members };
  }

  function displayed(
    stored: StoredIdentity,
    children: { id: string; pseudonym: string }[],
    members: Parameters<typeof memberView>[0][],
    agencies: { id: string; name: string }[],
  ) {
    return {
      children: children.map((c) => {
        const found = stored.identity.children.find((i) => i.childId === c.id);
        return {
          pseudonym: c.pseudonym,
          name: found?.name ?? '',
          dateOfBirth: found?.dateOfBirth ? dateInWords(found.dateOfBirth) : '',
        };
      }),
      adults: members.map((m) => ({
        ...memberView(m),
        name: stored.identity.adults.find((a) => a.memberId === m.id)?.name ?? '',
      })),
      addresses: stored.identity.addresses,
      records: stored.identity.records.map((r) => ({
        ...r,
        agencyName: agencies.find((a) => a.id === r.agencyId)?.name ?? '',
      })),
    };
  }

  app.get<CaseParams>('/audits/:auditId/cases/:caseId/identifying-details', identityAccess, async (request, reply) => {
    const { audit, kase, children, members } = await load(request);
    const stored = await identity.view(audit, kase.id, actorOf(request));
    const agencies = await cases.agencies(audit.partnershipId);
    return reply.view('cases/pages/identity/view.njk', {
      pageTitle: `Identifying details for ${kase.reference}`,
      audit,
      kase,
      shown: displayed(stored, children, members, agencies),
      updatedAt: stored.updatedAt,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  });

  async function renderForm(
    reply: FastifyReply,
    audit: AuditInContext,
    kase: { id: string; reference: string },
    options: {
      values: IdentityFormValues;
      version: number;
      children: { id: string; pseudonym: string }[];
      members: Parameters<typeof memberView>[0][];
      errors?: unknown;
      theirs?: StoredIdentity;
      status?: number;
    },
  ) {
    const agencies = await cases.agencies(audit.partnershipId);
    return reply.code(options.status ?? 200).view('cases/pages/identity-form/view.njk', {
      pageTitle: `Change the identifying details for ${kase.reference}`,
      audit,
      kase,
      values: options.values,
      version: options.version,
      children: options.children.map((c, i) => ({ ...c, value: options.values.children[i]! })),
      adults: options.members.map((m, i) => ({ ...memberView(m), value: options.values.adults[i]! })),
      records: options.values.records.map((r) => ({
        ...r,
        agencyItems: agencyItems(agencies, r.agencyId, 'Select an agency'),
      })),
      theirs: options.theirs && displayed(options.theirs, options.children, options.members, agencies),
      errors: options.errors,
      action: `/audits/${audit.id}/cases/${kase.id}/identifying-details`,
      backLink: `/audits/${audit.id}/cases/${kase.id}/identifying-details`,
    });
  }

  app.get<CaseParams>(
    '/audits/:auditId/cases/:caseId/identifying-details/edit',
    identityAccess,
    async (request, reply) => {
      const { audit, kase, children, members } = await load(request);
      const stored = await identity.view(audit, kase.id, actorOf(request), 'edit');
      return renderForm(reply, audit, kase, {
        values: identityFormValues(stored.identity, children, members),
        version: stored.version,
        children,
        members,
      });
    },
  );

  app.post<CaseParams>('/audits/:auditId/cases/:caseId/identifying-details', identityAccess, async (request, reply) => {
    const { audit, kase, children, members } = await load(request);
    const body = formValues(request.body);
    const agencies = await cases.agencies(audit.partnershipId);
    const read = readIdentityForm(
      body,
      children,
      members,
      agencies.map((a) => a.id),
    );
    const version = Number(body.version) || 0;
    if (read.intent.kind !== 'save')
      return renderForm(reply, audit, kase, {
        values: applyIntent(read.values, read.intent),
        version,
        children,
        members,
      });
    if (Object.keys(read.errors).length > 0)
      return renderForm(reply, audit, kase, {
        values: read.values,
        version,
        children,
        members,
        errors: errorsFrom(read.errors),
        status: 400,
      });
    const result = await identity.save(audit, kase.id, read.identity, version, actorOf(request));
    if (result.kind === 'conflict') {
      const errors = errorsFrom({
        form: {
          text: 'Someone else changed these details while you were editing. Their details are shown first; the form still holds yours. Check both, then save again',
        },
      });
      return renderForm(reply, audit, kase, {
        values: read.values,
        version: result.theirs.version,
        children,
        members,
        errors,
        theirs: result.theirs,
        status: 409,
      });
    }
    request.session!.data.flash = { kind: 'success', heading: `Identifying details for ${kase.reference} saved` };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}/identifying-details`, 303);
  });
}
