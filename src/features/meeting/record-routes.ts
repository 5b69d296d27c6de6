import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorisation.ts';
import { readDateParts } from '../../domain/calendar-date.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser } from '../audits/audit-access.ts';
import { agreedRows } from './case-notes-routes.ts';

type Params = { Params: { auditId: string } };

/** The meeting record: when it was held, who came (and who sent apologies), and the notes. */
export async function recordRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  async function meetingFor(auditId: string) {
    await db
      .insertInto('meeting')
      .values({ audit_id: auditId })
      .onConflict((oc) => oc.column('audit_id').doNothing())
      .execute();
    return db.selectFrom('meeting').selectAll().where('audit_id', '=', auditId).executeTakeFirstOrThrow();
  }

  async function render(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
    const meeting = await meetingFor(audit.id);
    const [attendees, agencies] = await Promise.all([
      db
        .selectFrom('meeting_attendee as m')
        .leftJoin('agency as g', 'g.id', 'm.agency_id')
        .select(['m.id', 'm.name', 'm.role', 'm.apologies', 'g.name as agency_name'])
        .where('m.meeting_id', '=', meeting.id)
        .orderBy('m.apologies')
        .orderBy('m.name')
        .execute(),
      db
        .selectFrom('agency as g')
        .innerJoin('audit_agency as aa', 'aa.agency_id', 'g.id')
        .select(['g.id', 'g.name'])
        .where('aa.audit_id', '=', audit.id)
        .orderBy('g.name')
        .execute(),
    ]);
    const caseView = await services.caseNotes.overview(request.user!, audit.id, actorOf(request));
    const cases = caseView.notes.map((n) => ({ ...n, agreed: agreedRows(n, caseView.domains) }));
    const [y, m, d] = (meeting.held_on ?? '').split('-');
    return reply.code(status).view('meeting/pages/record/view.njk', {
      pageTitle: 'Discussion meeting',
      audit,
      meeting,
      attendees,
      cases,
      agencyItems: [
        { value: '', text: 'Not from an agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values?.agencyId === a.id })),
      ],
      values: values ?? {
        notes: meeting.notes,
        version: String(meeting.version),
        'heldOn-day': d ? String(Number(d)) : '',
        'heldOn-month': m ? String(Number(m)) : '',
        'heldOn-year': y ?? '',
      },
      canRecord: request.user!.roles.includes('coordinator') || request.user!.roles.includes('panel_member'),
      canReadReport: can(request.user, 'report:read', audit.resource),
      errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  app.get<Params>('/audits/:auditId/meeting', { config: { access: 'audit:read' } }, async (request, reply) =>
    render(request, reply),
  );

  app.post<Params>('/audits/:auditId/meeting', { config: { access: 'meeting:record' } }, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'meeting:record');
    const meeting = await meetingFor(audit.id);
    const body = formValues(request.body);
    const held = readDateParts(
      {
        day: String(body['heldOn-day'] ?? ''),
        month: String(body['heldOn-month'] ?? ''),
        year: String(body['heldOn-year'] ?? ''),
      },
      'the date of the meeting',
      false,
    );
    const notes = String(body.notes ?? '').trim();
    const errors: Record<string, { text: string }> = {};
    if (!held.ok) errors[`heldOn-${held.part}`] = { text: held.message };
    if (notes.length > 20000) errors.notes = { text: 'The notes must be 20,000 characters or fewer' };
    if (Object.keys(errors).length) return render(request, reply, body, errorsFrom(errors), 400);
    const updated = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('meeting')
        .set((eb) => ({
          held_on: held.ok ? held.value : null,
          notes,
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', meeting.id)
        .where('version', '=', Number(body.version))
        .returning('id')
        .executeTakeFirst();
      if (row)
        await appendAuditLog(trx, actorOf(request), {
          action: 'meeting.recorded',
          recordType: 'meeting',
          recordId: meeting.id,
        });
      return !!row;
    });
    if (!updated)
      return render(
        request,
        reply,
        { ...body, version: String(meeting.version) },
        errorsFrom({
          notes: {
            text: `Someone else saved the meeting record while you were typing. Their notes begin: “${meeting.notes.slice(0, 200)}”. Your text is below: merge it and save again`,
          },
        }),
        409,
      );
    return reply.redirect(`/audits/${audit.id}/meeting`, 303);
  });

  app.post<Params>(
    '/audits/:auditId/meeting/attendees',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const audit = await auditForUser(db, request.user!, request.params.auditId, 'meeting:record');
      const meeting = await meetingFor(audit.id);
      const body = formValues(request.body);
      const name = String(body.name ?? '').trim();
      const agencyId = String(body.agencyId ?? '') || null;
      const agencies = await db
        .selectFrom('audit_agency')
        .select('agency_id')
        .where('audit_id', '=', audit.id)
        .execute();
      const errors: Record<string, { text: string }> = {};
      if (!name) errors.name = { text: 'Enter the attendee’s name' };
      else if (name.length > 200) errors.name = { text: 'The name must be 200 characters or fewer' };
      if (agencyId && !agencies.some((a) => a.agency_id === agencyId))
        errors.agencyId = { text: 'Select an agency invited to this audit' };
      if (Object.keys(errors).length) return render(request, reply, body, errorsFrom(errors), 400);
      await db
        .insertInto('meeting_attendee')
        .values({
          meeting_id: meeting.id,
          name,
          agency_id: agencyId,
          role: String(body.role ?? '')
            .trim()
            .slice(0, 200),
          apologies: body.apologies === 'yes',
        })
        .execute();
      return reply.redirect(`/audits/${audit.id}/meeting#attendees`, 303);
    },
  );

  app.post<{ Params: { auditId: string; attendeeId: string } }>(
    '/audits/:auditId/meeting/attendees/:attendeeId/remove',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const audit = await auditForUser(db, request.user!, request.params.auditId, 'meeting:record');
      const meeting = await meetingFor(audit.id);
      if (/^[0-9a-f-]{36}$/i.test(request.params.attendeeId))
        await db
          .deleteFrom('meeting_attendee')
          .where('id', '=', request.params.attendeeId)
          .where('meeting_id', '=', meeting.id)
          .execute();
      return reply.redirect(`/audits/${audit.id}/meeting#attendees`, 303);
    },
  );
}
