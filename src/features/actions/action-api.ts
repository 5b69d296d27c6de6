import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from '../../domain/action-rag.ts';
import type { Services } from '../../services.ts';
import { apiRoute } from '../api/api-route.ts';
import type { ActionService } from './action-service.ts';

const STATUSES = Object.keys(ACTION_STATUSES) as [ActionStatus, ...ActionStatus[]];

const action = z.object({
  id: z.guid(),
  auditId: z.guid(),
  text: z.string(),
  agencyId: z.guid(),
  leadUserId: z.guid(),
  startOn: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(STATUSES),
  rag: z.enum(['red', 'amber', 'green', 'complete']),
  evidenceOfCompletion: z.string(),
  evidenceOfImpact: z.string(),
  reauditOn: z.string().nullable(),
  version: z.number().int(),
});

const progress = z
  .object({
    status: z.enum(STATUSES, { error: `one of ${STATUSES.join(', ')}` }),
    update: z
      .string({ error: 'say what has happened since the last update' })
      .trim()
      .min(1, 'say what has happened since the last update'),
    evidenceOfCompletion: z.string().trim().optional(),
    evidenceOfImpact: z.string().trim().optional(),
    version: z.number({ error: 'the version you started from' }).int('the version you started from'),
  })
  .refine((value) => value.status !== 'complete' || !!value.evidenceOfCompletion, {
    path: ['evidenceOfCompletion'],
    message: 'required to complete an action',
  });

type PlannedAction = Awaited<ReturnType<ActionService['plan']>>['actions'][number];

const actionJson = (a: PlannedAction): z.input<typeof action> => ({
  id: a.id,
  auditId: a.audit_id,
  text: a.text,
  agencyId: a.agency_id,
  leadUserId: a.lead_user_id,
  startOn: a.start_on,
  dueOn: a.due_on,
  status: a.shownStatus,
  rag: a.rag,
  evidenceOfCompletion: a.evidence_completion,
  evidenceOfImpact: a.evidence_impact,
  reauditOn: a.reaudit_on,
  version: a.version,
});

/** An audit's action plan, and progress recorded on one action by its lead or the coordinator. */
export function actionApi({ actions }: Services, auditParams: z.ZodObject<{ auditId: z.ZodGUID }>) {
  return [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/actions',
      access: 'audit:read',
      operationId: 'listActions',
      summary: 'An audit’s action plan with RAG',
      params: auditParams,
      responses: { '200': { description: 'The action plan', schema: z.object({ actions: z.array(action) }) } },
      handler: async ({ user, params }) => ({
        actions: (await actions.plan(user, params.auditId)).actions.map(actionJson),
      }),
    }),
    apiRoute({
      method: 'PATCH',
      url: '/actions/:id',
      access: 'action:update',
      operationId: 'updateAction',
      summary: 'Record progress on an action: its lead or the coordinator (409 if updated since `version`)',
      params: z.object({ id: z.guid().describe('The action') }),
      body: progress,
      responses: {
        '200': { description: 'Updated', schema: z.object({ status: z.enum(STATUSES) }) },
        '409': { description: 'Updated by someone else first' },
      },
      handler: async ({ user, actor, params, body, request, reply }) => {
        const result = await actions.update(
          user,
          params.id,
          {
            status: body.status,
            text: body.update,
            evidenceCompletion: body.evidenceOfCompletion ?? '',
            evidenceImpact: body.evidenceOfImpact ?? '',
            version: body.version,
          },
          actor,
        );
        if (result === 'stale')
          return reply.code(409).send({
            error: { code: 'conflict', message: 'The action was updated since that version' },
            correlationId: request.id,
          });
        return { status: body.status };
      },
    }),
  ];
}
