import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { attendeeSchema, meetingRecordSchema } from './schema.ts';

type Params = { Params: { auditId: string } };
type AttendeeParams = { Params: { auditId: string; attendeeId: string } };
type Form = { values?: Record<string, unknown>; errors?: FormErrors; status?: number };

/** The meeting record: when it was held, who came (and who sent apologies), and the notes. */
export function meetingRecordController({ meetingRecords }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form: Form = {}) {
    const { user } = request;
    const view = await meetingRecords.page(user, request.params.auditId, actorOf(request));
    const { audit, meeting } = view;
    const [y, m, d] = (meeting.held_on ?? '').split('-');
    return reply.code(form.status ?? 200).view('meeting/pages/record/view.njk', {
      pageTitle: 'Discussion meeting',
      audit,
      meeting,
      attendees: view.attendees,
      cases: view.cases,
      agencyItems: [
        { value: '', text: 'Not from an agency' },
        ...view.agencies.map((a) => ({ value: a.id, text: a.name, selected: form.values?.agencyId === a.id })),
      ],
      values: form.values ?? {
        notes: meeting.notes,
        version: String(meeting.version),
        'heldOn-day': d ? String(Number(d)) : '',
        'heldOn-month': m ? String(Number(m)) : '',
        'heldOn-year': y ?? '',
      },
      canRecord: user.roles.includes('coordinator') || user.roles.includes('panel_member'),
      canReadReport: can(user, 'report:read', audit.resource),
      errors: form.errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { audit, meeting } = await meetingRecords.forRecording(request.user, request.params.auditId);
    const form = parseForm(meetingRecordSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    if ((await meetingRecords.record(meeting, form.value, actorOf(request))) === 'stale') {
      const text =
        'Someone else saved the meeting record while you were typing. ' +
        `Their notes begin: “${meeting.notes.slice(0, 200)}”. Your text is below: merge it and save again`;
      const values = { ...form.values, version: String(meeting.version) };
      return render(request, reply, { values, errors: singleError('notes', text), status: 409 });
    }
    return reply.redirect(`/audits/${audit.id}/meeting`, 303);
  };

  const addAttendee: Controller<Params> = async (request, reply) => {
    const { audit, meeting, agencyIds } = await meetingRecords.forRecording(request.user, request.params.auditId);
    const form = parseForm(attendeeSchema(agencyIds), request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    await meetingRecords.addAttendee(meeting, form.value);
    return reply.redirect(`/audits/${audit.id}/meeting#attendees`, 303);
  };

  const removeAttendee: Controller<AttendeeParams> = async (request, reply) => {
    const { auditId, attendeeId } = request.params;
    const audit = await meetingRecords.removeAttendee(request.user, auditId, attendeeId);
    return reply.redirect(`/audits/${audit.id}/meeting#attendees`, 303);
  };

  return { get, post, addAttendee, removeAttendee };
}
