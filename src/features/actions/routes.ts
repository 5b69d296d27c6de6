import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ACTION_STATUSES, type ActionStatus } from '../../domain/action-rag.ts';
import { isIsoDate } from '../../domain/calendar-date.ts';
import { neutraliseCell } from '../../domain/csv-safety.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { readAction } from './action-form.ts';
import { withRag } from './action-service.ts';
import { evidenceRoutes } from './evidence-routes.ts';
import { EVIDENCE_KINDS } from './evidence-service.ts';

type AuditParams = { Params: { auditId: string }; Querystring: { from?: string } };
const RAG_TAGS = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  complete: 'govuk-tag--grey',
} as const;
const tagFor = (a: ReturnType<typeof withRag>) => ({
  text: `${a.rag === 'complete' ? 'Complete' : a.rag.charAt(0).toUpperCase() + a.rag.slice(1)}: ${a.statusLabel}`,
  classes: RAG_TAGS[a.rag],
});

export async function actionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { actions } = services;

  app.get<AuditParams>('/audits/:auditId/actions', { config: { access: 'audit:read' } }, async (request, reply) => {
    const { audit, actions: rows } = await actions.plan(request.user!, request.params.auditId);
    const canRecord = request.user!.roles.includes('coordinator') || request.user!.roles.includes('panel_member');
    const singleAgency = canRecord ? (await actions.choices(audit)).singleAgency : [];
    return reply.view('actions/pages/plan/view.njk', {
      pageTitle: 'Action plan',
      audit,
      rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
      canRecord,
      singleAgency,
      backLink: `/audits/${audit.id}`,
    });
  });

  async function renderForm(
    request: FastifyRequest<AuditParams>,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const audit = await actions.load(request.user!, request.params.auditId);
    const c = await actions.choices(audit);
    return reply.code(status).view('actions/pages/form/view.njk', {
      pageTitle: 'Add an action',
      audit,
      values,
      agencyItems: [
        { value: '', text: 'Select an agency' },
        ...c.agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
      ],
      leadItems: [
        { value: '', text: 'Select a person' },
        ...c.leads.map((u) => ({
          value: u.id,
          text: u.agency_name ? `${u.display_name} (${u.agency_name})` : u.display_name,
          selected: values.leadUserId === u.id,
        })),
      ],
      recommendationItems: [
        { value: '', text: 'Not from a recommendation' },
        ...c.recommendations.map((r) => ({
          value: r.id,
          text: r.text.length > 90 ? `${r.text.slice(0, 89)}…` : r.text,
          selected: values.recommendationId === r.id,
        })),
      ],
      errors,
      backLink: `/audits/${audit.id}/actions`,
    });
  }

  app.get<AuditParams>(
    '/audits/:auditId/actions/new',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const audit = await actions.load(request.user!, request.params.auditId);
      const from = (await actions.choices(audit)).singleAgency.find((s) => s.id === request.query.from);
      const [y, m, d] = (from?.due_on ?? '').split('-');
      return renderForm(
        request,
        reply,
        from
          ? {
              text: from.action,
              agencyId: from.agency_id,
              singleAgencyActionId: from.id,
              'dueOn-day': d ? String(Number(d)) : '',
              'dueOn-month': m ? String(Number(m)) : '',
              'dueOn-year': y ?? '',
            }
          : {},
      );
    },
  );

  app.post<AuditParams>(
    '/audits/:auditId/actions',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const body = formValues(request.body);
      const audit = await actions.load(request.user!, request.params.auditId);
      const c = await actions.choices(audit);
      const read = readAction(body, {
        agencyIds: c.agencies.map((a) => a.id),
        leadIds: c.leads.map((u) => u.id),
        recommendationIds: c.recommendations.map((r) => r.id),
        singleAgencyActionIds: c.singleAgency.map((s) => s.id),
      });
      if (!read.ok) return renderForm(request, reply, body, errorsFrom(read.errors), 400);
      const id = await actions.create(request.user!, audit, read.value, actorOf(request));
      return reply.redirect(`/actions/${id}`, 303);
    },
  );

  async function renderAction(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: unknown,
    status = 200,
    evidenceKind?: string,
  ) {
    const view = await actions.find(request.user!, request.params.id);
    const a = view.action;
    const evidence = await services.actionEvidence.list(a.id);
    return reply.code(status).view('actions/pages/action/view.njk', {
      evidence,
      evidenceKindItems: Object.entries(EVIDENCE_KINDS).map(([value, text]) => ({
        value,
        text,
        checked: evidenceKind === value,
      })),
      evidenceMaxMegabytes: services.actionEvidence.maxBytes / 1024 / 1024,
      pageTitle: 'Action',
      a: { ...a, tag: tagFor(a) },
      updates: view.updates,
      canUpdate: view.canUpdate,
      statusItems: Object.entries(ACTION_STATUSES).map(([value, text]) => ({
        value,
        text,
        checked: (values?.status ?? a.status) === value,
      })),
      values: values ?? {
        evidenceCompletion: a.evidence_completion,
        evidenceImpact: a.evidence_impact,
        version: String(a.version),
      },
      errors,
    });
  }

  app.get<{ Params: { id: string } }>('/actions/:id', { config: { access: 'action:read' } }, async (request, reply) =>
    renderAction(request, reply),
  );
  await app.register(async (scope) => evidenceRoutes(scope, services, renderAction));

  app.post<{ Params: { id: string } }>(
    '/actions/:id',
    { config: { access: 'action:update' } },
    async (request, reply) => {
      const body = formValues(request.body);
      const errors: Record<string, { text: string }> = {};
      const status = String(body.status ?? '');
      if (!Object.hasOwn(ACTION_STATUSES, status)) errors.status = { text: 'Select the action’s status' };
      const text = String(body.text ?? '').trim();
      if (!text) errors.text = { text: 'Enter what has happened since the last update' };
      for (const field of ['text', 'evidenceCompletion', 'evidenceImpact'] as const)
        if (String(body[field] ?? '').length > 4000) errors[field] = { text: 'Use 4000 characters or fewer' };
      if (status === 'complete' && !String(body.evidenceCompletion ?? '').trim())
        errors.evidenceCompletion = { text: 'Enter the evidence that the action is complete' };
      if (Object.keys(errors).length) return renderAction(request, reply, body, errorsFrom(errors), 400);
      const result = await actions.update(
        request.user!,
        request.params.id,
        {
          status: status as ActionStatus,
          text,
          evidenceCompletion: String(body.evidenceCompletion ?? '').trim(),
          evidenceImpact: String(body.evidenceImpact ?? '').trim(),
          version: Number(body.version),
        },
        actorOf(request),
      );
      if (result === 'stale')
        return renderAction(
          request,
          reply,
          { ...body, version: String((await actions.find(request.user!, request.params.id)).action.version) },
          errorsFrom({
            text: {
              text: 'Someone else updated this action while you were typing. Their update is in the history below; your text is kept here: check it and save again',
            },
          }),
          409,
        );
      return reply.redirect(`/actions/${request.params.id}`, 303);
    },
  );

  app.get<{ Querystring: { agency?: string; since?: string; format?: string } }>(
    '/actions',
    { config: { access: 'tracker:read' } },
    async (request, reply) => {
      const since = request.query.since && isIsoDate(request.query.since) ? request.query.since : undefined;
      const agencyId = /^[0-9a-f-]{36}$/i.test(request.query.agency ?? '') ? request.query.agency : undefined;
      const { rows, changed } = await actions.tracker(request.user!, { agencyId, since });
      const agencies = await services.db
        .selectFrom('agency')
        .select(['id', 'name'])
        .where('partnership_id', '=', request.user!.partnershipId)
        .orderBy('name')
        .execute();
      return reply.view('actions/pages/tracker/view.njk', {
        pageTitle: 'Open actions across all audits',
        rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
        changed,
        changedIds: changed.map((c) => c.action_id),
        overdue: rows.filter((a) => a.rag === 'red'),
        since: since ?? '',
        sinceProblem: request.query.since && !since ? 'Enter the date of the last review as YYYY-MM-DD' : '',
        agencyItems: [
          { value: '', text: 'All agencies' },
          ...agencies.map((g) => ({ value: g.id, text: g.name, selected: g.id === agencyId })),
        ],
        query: new URL(request.url, 'http://x').search,
      });
    },
  );

  app.get<{ Querystring: { agency?: string } }>(
    '/actions.csv',
    { config: { access: 'tracker:read' } },
    async (request, reply) =>
      reply
        .header('content-disposition', 'attachment; filename="actions.csv"')
        .type('text/csv; charset=utf-8')
        .send(stringify([HEADERS, ...(await exportRows(request))], { bom: true })),
  );

  app.get<{ Querystring: { agency?: string } }>(
    '/actions.xlsx',
    { config: { access: 'tracker:read' } },
    async (request, reply) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(HEADERS).font = { bold: true };
      for (const row of await exportRows(request)) sheet.addRow(row);
      sheet.columns.forEach((column) => (column.width = 24));
      return reply
        .header('content-disposition', 'attachment; filename="actions.xlsx"')
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  );

  app.get('/my-actions', { config: { access: 'action:update' } }, async (request, reply) => {
    const { rows } = await actions.tracker(request.user!, { mine: true });
    return reply.view('actions/pages/tracker/view.njk', {
      pageTitle: 'Your actions',
      mine: true,
      rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
      changed: [],
      changedIds: [],
      overdue: [],
    });
  });

  const HEADERS = [
    'Audit',
    'Action',
    'Agency',
    'Lead',
    'Start',
    'Due',
    'Status',
    'RAG',
    'Evidence of completion',
    'Evidence of impact',
    'Re-audit',
  ];
  async function exportRows(request: FastifyRequest<{ Querystring: { agency?: string } }>) {
    const agencyId = /^[0-9a-f-]{36}$/i.test(request.query.agency ?? '') ? request.query.agency : undefined;
    const { rows } = await actions.tracker(request.user!, { agencyId });
    return rows.map((a) =>
      [
        a.audit_title,
        a.text,
        a.agency_name,
        a.lead_name,
        a.start_on ?? '',
        a.due_on,
        a.statusLabel,
        a.rag,
        a.evidence_completion,
        a.evidence_impact,
        a.reaudit_on ?? '',
      ].map(neutraliseCell),
    );
  }
}
