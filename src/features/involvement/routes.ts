import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { InvolvementStatus } from '../../db/schema.ts';
import { can } from '../../domain/authorisation.ts';
import { neutraliseCell } from '../../domain/csv-safety.ts';
import { RETURN_STATUS_LABELS } from '../../domain/return-lifecycle.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { assignmentRoutes } from './assignment-routes.ts';
import { cellKey, checkInvolvement, INVOLVEMENT_LABELS } from './involvement-service.ts';

type AuditParams = { Params: { auditId: string } };
type AgencyParams = { Params: { auditId: string; agencyId: string } };
const TAGS: Record<string, string> = {
  involved: 'govuk-tag--green',
  not_known: 'govuk-tag--grey',
  out_of_scope: 'govuk-tag--yellow',
  partly_in_scope: 'govuk-tag--orange',
  declined: 'govuk-tag--red',
  awaiting: 'govuk-tag--blue',
};

export async function involvementRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { involvement: inv, db } = services;

  async function renderAgencies(
    request: FastifyRequest<AuditParams>,
    reply: FastifyReply,
    errors?: unknown,
    status = 200,
  ) {
    const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
    const invited = await inv.invited(audit.id);
    const [others, leads] = await Promise.all([
      db
        .selectFrom('agency')
        .select(['id', 'name'])
        .where('partnership_id', '=', audit.partnershipId)
        .where('active', '=', true)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('app_user as u')
        .innerJoin('user_role as r', 'r.user_id', 'u.id')
        .select(['u.id', 'u.display_name', 'u.agency_id'])
        .where('u.partnership_id', '=', audit.partnershipId)
        .where('r.role', '=', 'audit_lead')
        .where('u.active', '=', true)
        .orderBy('u.display_name')
        .execute(),
    ]);
    return reply.code(status).view('involvement/pages/agencies/view.njk', {
      pageTitle: 'Agencies in this audit',
      audit,
      invited: invited.map((a) => ({
        ...a,
        mayRecord: can(request.user, 'involvement:record', { ...audit.resource, agencyId: a.id }),
        mayAssign: can(request.user, 'audit:assign', { ...audit.resource, agencyId: a.id }),
        leadItems: [
          { value: '', text: 'Select the audit lead' },
          ...leads
            .filter((l) => l.agency_id === a.id)
            .map((l) => ({ value: l.id, text: l.display_name, selected: l.id === a.lead_user_id })),
        ],
      })),
      uninvited: others.filter((o) => !invited.some((i) => i.id === o.id)).map((o) => ({ value: o.id, text: o.name })),
      canManage: request.user!.roles.includes('coordinator'),
      errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  app.get<AuditParams>('/audits/:auditId/agencies', { config: { access: 'audit:read' } }, async (request, reply) =>
    renderAgencies(request, reply),
  );

  app.post<AuditParams>('/audits/:auditId/agencies', { config: { access: 'audit:manage' } }, async (request, reply) => {
    const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:manage');
    const chosen = asArray(formValues(request.body).agencies);
    const valid = await db
      .selectFrom('agency')
      .select('id')
      .where('partnership_id', '=', audit.partnershipId)
      .where('active', '=', true)
      .execute();
    if (chosen.length === 0 || chosen.some((id) => !valid.some((v) => v.id === id)))
      return renderAgencies(
        request,
        reply,
        errorsFrom({ agencies: { text: 'Select one or more agencies to invite' } }),
        400,
      );
    await inv.invite(audit, chosen, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/agencies`, 303);
  });

  app.post<AgencyParams>(
    '/audits/:auditId/agencies/:agencyId/lead',
    { config: { access: 'audit:assign' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:assign', request.params.agencyId);
      const ok = await inv.nameLead(
        audit,
        request.params.agencyId,
        String(formValues(request.body).leadUserId ?? ''),
        actorOf(request),
      );
      if (!ok)
        return renderAgencies(
          request,
          reply,
          errorsFrom({ [`lead-${request.params.agencyId}`]: { text: 'Select an audit lead from this agency' } }),
          400,
        );
      return reply.redirect(`/audits/${audit.id}/agencies`, 303);
    },
  );

  app.post<AgencyParams>(
    '/audits/:auditId/agencies/:agencyId/withdraw',
    { config: { access: 'audit:manage' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:manage');
      if ((await inv.withdraw(audit, request.params.agencyId, actorOf(request))) === 'in-use') {
        return renderAgencies(
          request,
          reply,
          errorsFrom({
            [`lead-${request.params.agencyId}`]: {
              text: 'This agency has recorded its involvement, so its invitation cannot be withdrawn',
            },
          }),
          400,
        );
      }
      return reply.redirect(`/audits/${audit.id}/agencies`, 303);
    },
  );

  async function renderRecord(
    request: FastifyRequest<AgencyParams>,
    reply: FastifyReply,
    posted?: Record<string, string | string[]>,
    errors?: unknown,
    status = 200,
  ) {
    const audit = await inv.auditFor(
      request.user!,
      request.params.auditId,
      'involvement:record',
      request.params.agencyId,
    );
    const agency = (await inv.invited(audit.id)).find((a) => a.id === request.params.agencyId);
    if (!agency) throw new NotFound();
    const [cases, cells] = await Promise.all([inv.cases(audit.id), inv.cellMap(audit.id)]);
    const rows = cases.map((c) => {
      const cell = cells.get(cellKey(c.id, agency.id));
      const chosen = posted ? String(posted[`status-${c.id}`] ?? '') : (cell?.status ?? '');
      return {
        ...c,
        version: posted ? String(posted[`version-${c.id}`] ?? '0') : String(cell?.version ?? 0),
        reason: posted ? String(posted[`reason-${c.id}`] ?? '') : (cell?.reason ?? ''),
        items: Object.entries(INVOLVEMENT_LABELS).map(([value, text]) => ({ value, text, checked: chosen === value })),
      };
    });
    return reply.code(status).view('involvement/pages/record/view.njk', {
      pageTitle: `${agency.name}: involvement`,
      audit,
      agency,
      rows,
      errors,
      mayAssign: can(request.user, 'audit:assign', { ...audit.resource, agencyId: agency.id }),
      backLink: `/audits/${audit.id}/involvement`,
    });
  }

  app.get<AgencyParams>(
    '/audits/:auditId/involvement/:agencyId',
    { config: { access: 'involvement:record' } },
    async (request, reply) => renderRecord(request, reply),
  );

  app.post<AgencyParams>(
    '/audits/:auditId/involvement/:agencyId',
    { config: { access: 'involvement:record' } },
    async (request, reply) => {
      const audit = await inv.auditFor(
        request.user!,
        request.params.auditId,
        'involvement:record',
        request.params.agencyId,
      );
      if (!(await inv.invited(audit.id)).some((a) => a.id === request.params.agencyId)) throw new NotFound();
      const body = formValues(request.body);
      const cases = await inv.cases(audit.id);
      const fields: Record<string, { text: string }> = {};
      const rows = cases.flatMap((c) => {
        const status = String(body[`status-${c.id}`] ?? '');
        if (!status) return [];
        const checked = checkInvolvement(status, String(body[`reason-${c.id}`] ?? ''), c.reference);
        if (!checked.ok) {
          fields[`${checked.field}-${c.id}`] = { text: checked.text };
          return [];
        }
        return [
          {
            caseId: c.id,
            status: checked.status,
            reason: checked.reason,
            version: Number(body[`version-${c.id}`]) || 0,
          },
        ];
      });
      if (Object.keys(fields).length) return renderRecord(request, reply, body, errorsFrom(fields), 400);
      const { stale, locked } = await inv.record(audit, request.params.agencyId, rows, actorOf(request));
      if (stale.length || locked.length) {
        const ref = (id: string) => cases.find((c) => c.id === id)?.reference ?? id;
        const problems = Object.fromEntries([
          ...stale.map((id) => [
            `status-${id}`,
            { text: `Someone else recorded ${ref(id)} while you were working: check it and save again` },
          ]),
          ...locked.map((id) => [
            `status-${id}`,
            { text: `${ref(id)}: your agency’s return has started, so it stays “involved”` },
          ]),
        ]);
        return renderRecord(request, reply, undefined, errorsFrom(problems), 409);
      }
      request.session!.data.flash = { kind: 'success', heading: 'Involvement saved' };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}/involvement`, 303);
    },
  );

  app.get<AuditParams & { Querystring: { status?: string } }>(
    '/audits/:auditId/involvement',
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
      const [agencies, cases, cells] = await Promise.all([
        inv.invited(audit.id),
        inv.cases(audit.id),
        inv.cellMap(audit.id),
      ]);
      const visible = inv.visibleAgencies(request.user!, audit, agencies);
      const filter = String(request.query.status ?? '');
      const cell = (caseId: string, agencyId: string) => cells.get(cellKey(caseId, agencyId))?.status ?? 'awaiting';
      const counts: Record<string, number> = {};
      for (const c of cases) for (const a of visible) counts[cell(c.id, a.id)] = (counts[cell(c.id, a.id)] ?? 0) + 1;
      return reply.view('involvement/pages/matrix/view.njk', {
        pageTitle: 'Who knew each family',
        audit,
        agencies: visible.map((a) => ({
          ...a,
          canRecord: request.user!.roles.includes('coordinator') || a.id === request.user!.agencyId,
        })),
        rows: cases.map((c) => ({
          ...c,
          cells: visible.map((a) => {
            const s = cell(c.id, a.id);
            return {
              status: s,
              label: s === 'awaiting' ? 'Awaiting' : INVOLVEMENT_LABELS[s as InvolvementStatus],
              classes: TAGS[s],
              shown: !filter || filter === s,
            };
          }),
        })),
        counts: Object.entries({ awaiting: 'Awaiting', ...INVOLVEMENT_LABELS }).map(([value, text]) => ({
          value,
          text,
          n: counts[value] ?? 0,
          selected: value === filter,
        })),
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  app.get<AuditParams>(
    '/audits/:auditId/participation',
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
      return reply.view('involvement/pages/participation/view.njk', {
        pageTitle: 'Participation',
        audit,
        rows: await inv.participation(audit.id),
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  const tableRows = async (auditId: string) => [
    ['Agency', 'Number of cases audited (not all cases were known or within the scope for all agencies)'],
    ...(await inv.participation(auditId)).map((r) => [r.agencyName, r.text].map(neutraliseCell)),
  ];

  app.get<AuditParams>(
    '/audits/:auditId/participation.csv',
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
      return reply
        .header('content-disposition', 'attachment; filename="participation.csv"')
        .type('text/csv; charset=utf-8')
        .send(stringify(await tableRows(audit.id), { bom: true }));
    },
  );

  app.get<AuditParams>(
    '/audits/:auditId/participation.xlsx',
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Participation');
      for (const row of await tableRows(audit.id)) sheet.addRow(row);
      sheet.getRow(1).font = { bold: true };
      sheet.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 80));
      return reply
        .header('content-disposition', 'attachment; filename="participation.xlsx"')
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  );

  app.get<AuditParams>(
    '/audits/:auditId/progress',
    { config: { access: 'audit:progress' } },
    async (request, reply) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:progress');
      const [agencies, cases, cells, returns, deadline, concerns] = await Promise.all([
        inv.invited(audit.id),
        inv.cases(audit.id),
        inv.cellMap(audit.id),
        db
          .selectFrom('agency_return as r')
          .innerJoin('audit_case as c', 'c.id', 'r.case_id')
          .select(['r.case_id', 'r.agency_id', 'r.status'])
          .where('c.audit_id', '=', audit.id)
          .execute(),
        db
          .selectFrom('audit_milestone')
          .select('due_on')
          .where('audit_id', '=', audit.id)
          .where('kind', '=', 'returns_deadline')
          .executeTakeFirst(),
        db
          .selectFrom('immediate_concern')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('audit_id', '=', audit.id)
          .where('outcome_recorded_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      const returnOf = new Map(returns.map((r) => [cellKey(r.case_id, r.agency_id), r]));
      const state = (caseId: string, agencyId: string) => {
        const cell = cells.get(cellKey(caseId, agencyId));
        if (!cell) return { text: 'Awaiting involvement', classes: 'govuk-tag--blue' };
        if (cell.status !== 'involved') return { text: 'Not involved', classes: 'govuk-tag--grey' };
        const r = returnOf.get(cellKey(caseId, agencyId));
        const s = r?.status ?? 'not_started';
        return {
          text: RETURN_STATUS_LABELS[s],
          classes: {
            not_started: 'govuk-tag--red',
            in_progress: 'govuk-tag--light-blue',
            submitted: 'govuk-tag--blue',
            returned: 'govuk-tag--orange',
            signed_off: 'govuk-tag--green',
          }[s],
        };
      };
      const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      const daysLeft = deadline?.due_on
        ? Math.round((Date.parse(deadline.due_on) - Date.parse(today)) / 86_400_000)
        : null;
      return reply.view('involvement/pages/progress/view.njk', {
        pageTitle: 'Returns progress',
        audit,
        deadline: deadline?.due_on ?? null,
        daysLeft,
        withoutLead: agencies.filter((a) => !a.lead_user_id),
        unresolvedConcerns: Number(concerns.n),
        concernsHref: can(request.user, 'audit:manage', audit.resource) ? `/audits/${audit.id}/concerns` : undefined,
        agencies: agencies.map((a) => ({
          ...a,
          cells: cases.map((c) => ({ reference: c.reference, ...state(c.id, a.id) })),
        })),
        cases,
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  await assignmentRoutes(app, services);
}
