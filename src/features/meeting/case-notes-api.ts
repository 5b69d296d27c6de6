import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CASE_NOTES_MAX, RATIONALE_MAX, readCaseNotes, type AgreedDomain } from '../../domain/meeting-domains.ts';
import type { Services } from '../../services.ts';
import { apiRoute } from '../api/api-route.ts';

const judgement = z.object({
  toolVersionId: z.string().describe('The template version of the domain’s tool'),
  sectionKey: z.string(),
  value: z.string().describe('a value of the domain’s scale'),
  rationale: z.string().meta({ maxLength: RATIONALE_MAX }).optional(),
});

const caseNotesBody = z.object({
  notes: z.string({ error: 'text (may be empty)' }).meta({ maxLength: CASE_NOTES_MAX }),
  judgements: z.array(judgement, { error: 'a list of { toolVersionId, sectionKey, value, rationale }' }).optional(),
  version: z.number({ error: 'the version you started from (0 before the first save)' }).int(),
});

const caseNotes = z.object({
  domains: z.array(
    z.object({
      toolVersionId: z.string(),
      sectionKey: z.string(),
      title: z.string(),
      scale: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  ),
  cases: z.array(
    z.object({
      caseId: z.guid(),
      reference: z.string(),
      notes: z.string(),
      judgements: z.array(judgement.required()),
      version: z.number().int(),
    }),
  ),
});

/** The posted judgements as the case form's fields, or the problems of those naming no domain. */
function asForm(body: z.output<typeof caseNotesBody>, domains: AgreedDomain[]) {
  const problems: string[] = [];
  const form: Record<string, string> = { notes: body.notes, version: String(body.version) };
  for (const j of body.judgements ?? []) {
    const d = domains.find((x) => x.toolVersionId === j.toolVersionId && x.sectionKey === j.sectionKey);
    if (!d) problems.push(`judgements: no domain ${j.sectionKey} in this audit's tools`);
    else {
      form[d.field] = j.value;
      form[`${d.field}-rationale`] = j.rationale ?? '';
    }
  }
  return { form, problems };
}

const refuse = (reply: FastifyReply, request: FastifyRequest, status: number, body: Record<string, unknown>) =>
  reply.code(status).send({ ...body, correlationId: request.id });

/** The panel's notes and agreed judgements per case, read by anyone on the audit, saved by the panel. */
export function caseNotesApi(services: Services, auditParams: z.ZodObject<{ auditId: z.ZodGUID }>) {
  return [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/meeting/cases',
      access: 'audit:read',
      operationId: 'listMeetingCaseNotes',
      summary: 'The panel’s notes and agreed judgements per case, with the domains and their scales',
      params: auditParams,
      responses: { '200': { description: 'Domains and cases', schema: caseNotes } },
      handler: async ({ user, actor, params }) => {
        const view = await services.caseNotes.overview(user, params.auditId, actor);
        return {
          domains: view.domains.map((d) => ({
            toolVersionId: d.toolVersionId,
            sectionKey: d.sectionKey,
            title: d.title,
            scale: d.scale.values.map((v) => ({ value: v.value, label: v.label })),
          })),
          cases: view.notes.map((n) => ({
            caseId: n.caseId,
            reference: n.reference,
            notes: n.notes,
            judgements: n.judgements,
            version: n.version,
          })),
        };
      },
    }),
    apiRoute({
      method: 'PUT',
      url: '/audits/:auditId/meeting/cases/:caseId',
      access: 'meeting:record',
      operationId: 'saveMeetingCaseNotes',
      summary:
        'Save the panel’s notes and agreed judgements for one case: the coordinator or panel ' +
        '(409 if saved since `version`; 0 before the first save)',
      params: auditParams.extend({ caseId: z.guid().describe('The case') }),
      body: caseNotesBody,
      responses: {
        '200': { description: 'Saved; the new version', schema: z.object({ version: z.number().int() }) },
        '409': { description: 'Saved by someone else first; the current notes' },
      },
      handler: async ({ user, actor, params, body, request, reply }) => {
        const { caseNotes } = services;
        const { audit, kase, domains } = await caseNotes.forCase(
          user,
          params.auditId,
          params.caseId,
          'meeting:record',
          actor,
        );
        const { form, problems } = asForm(body, domains);
        const read = readCaseNotes(form, domains);
        if (!read.ok) problems.push(...Object.values(read.errors).map((e) => e.text));
        if (problems.length || !read.ok)
          return refuse(reply, request, 400, { error: { code: 'invalid', message: problems.join('; ') } });
        const outcome = await caseNotes.save(user, audit.id, kase.id, read.value, actor);
        if (outcome.kind === 'conflict')
          return refuse(reply, request, 409, {
            error: { code: 'conflict', message: 'Someone else saved this case’s notes since that version' },
            current: {
              notes: outcome.theirs.notes,
              judgements: outcome.theirs.judgements,
              version: outcome.theirs.version,
            },
          });
        return { version: read.value.version + 1 };
      },
    }),
  ];
}
