import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { settingsSchema } from './schema.ts';

/** The partnership's settings: its name, public briefings, discussion points and reminders. */
export function settingsController(services: Services) {
  const { partnershipSettings: settings } = services;

  async function render(
    request: SignedInRequest,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) {
    const current = await settings.current(request.user);
    return reply.code(form.errors ? 400 : 200).view('admin/pages/settings/view.njk', {
      pageTitle: 'Partnership settings',
      values: form.values ?? {
        name: current.name,
        publicLibrary: current.publicLibrary ? 'yes' : 'no',
        sharingDays: String(current.points.sharingDays),
        closedDays: String(current.points.closedDays),
        missedCount: String(current.points.missedCount),
        driftDays: String(current.points.driftDays),
        daysBefore: String(current.reminders.daysBefore),
        overdueEveryDays: String(current.reminders.overdueEveryDays),
      },
      errors: form.errors,
      backLink: '/admin',
    });
  }

  const get: Controller = (request, reply) => render(request, reply);

  const post: Controller = async (request, reply) => {
    const form = parseForm(settingsSchema, request.body);
    if (!form.ok) return render(request, reply, form);
    await settings.save(request.user, form.value, actorOf(request));
    await services.refreshPublicName();
    await reply.flash({ kind: 'success', heading: 'Settings saved' });
    return reply.redirect('/admin/settings', 303);
  };

  return { get, post };
}
