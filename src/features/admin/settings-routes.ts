import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { pointSettings } from '../chronology/chronology-service.ts';
import { REMINDER_LIMITS, reminderSettings } from '../../domain/deadline-reminder.ts';

/** The rules that propose points to discuss: field, label, and the range allowed. */
const POINT_FIELDS: [string, string, number, number][] = [
  ['sharingDays', 'Days for another agency to show it knew of an event', 1, 365],
  ['closedDays', 'Days after a closure in which incidents are counted', 1, 730],
  ['missedCount', 'Missed appointments before a point is raised', 2, 50],
  ['driftDays', 'Days between conference and core groups before drift is raised', 7, 365],
];

/** When audit leads are reminded of the returns deadline. */
const REMINDER_FIELDS: [keyof typeof REMINDER_LIMITS, string][] = [
  ['daysBefore', 'Days before the returns deadline to remind audit leads'],
  ['overdueEveryDays', 'Days between reminders once returns are overdue'],
];

/** The partnership's name (shown in every page's header) and whether briefings may be public. */
export async function settingsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'admin:settings' as const } };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const p = await db
      .selectFrom('partnership')
      .select(['name', 'public_library', 'settings'])
      .where('id', '=', request.user!.partnershipId)
      .executeTakeFirstOrThrow();
    const points = await pointSettings(db, request.user!.partnershipId);
    const reminders = reminderSettings(p.settings.returnsReminders);
    return reply.code(status).view('admin/pages/settings/view.njk', {
      pageTitle: 'Partnership settings',
      values: values ?? {
        name: p.name,
        publicLibrary: p.public_library ? 'yes' : 'no',
        sharingDays: String(points.sharingDays),
        closedDays: String(points.closedDays),
        missedCount: String(points.missedCount),
        driftDays: String(points.driftDays),
        daysBefore: String(reminders.daysBefore),
        overdueEveryDays: String(reminders.overdueEveryDays),
      },
      errors,
      backLink: '/admin',
    });
  }

  app.get('/admin/settings', access, async (request, reply) => render(request, reply));

  app.post('/admin/settings', access, async (request, reply) => {
    const body = formValues(request.body);
    const name = String(body.name ?? '').trim();
    const errors: Record<string, { text: string }> = {};
    if (!name) errors.name = { text: 'Enter the partnership’s name' };
    else if (name.length > 150) errors.name = { text: 'The name must be 150 characters or fewer' };
    if (body.publicLibrary !== 'yes' && body.publicLibrary !== 'no')
      errors.publicLibrary = { text: 'Select whether published briefings may have a public page' };
    const numbers: Record<string, number> = {};
    for (const [field, label, min, max] of POINT_FIELDS) {
      const value = Number(String(body[field] ?? '').trim());
      if (!Number.isInteger(value) || value < min || value > max)
        errors[field] = { text: `${label} must be a whole number from ${min} to ${max}` };
      else numbers[field] = value;
    }
    const returnsReminders: Record<string, number> = {};
    for (const [field, label] of REMINDER_FIELDS) {
      const [min, max] = REMINDER_LIMITS[field];
      const value = Number(String(body[field] ?? '').trim());
      if (!Number.isInteger(value) || value < min || value > max)
        errors[field] = { text: `${label} must be a whole number from ${min} to ${max}` };
      else returnsReminders[field] = value;
    }
    if (Object.keys(errors).length) return render(request, reply, body, errorsFrom(errors), 400);
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('partnership')
        .select('settings')
        .where('id', '=', request.user!.partnershipId)
        .executeTakeFirstOrThrow();
      const settings = JSON.stringify({ ...current.settings, discussionPoints: numbers, returnsReminders });
      await trx
        .updateTable('partnership')
        .set({ name, public_library: body.publicLibrary === 'yes', settings, updated_at: new Date() })
        .where('id', '=', request.user!.partnershipId)
        .execute();
      await appendAuditLog(trx, actorOf(request), {
        action: 'partnership.settings-changed',
        recordType: 'partnership',
        recordId: request.user!.partnershipId,
        detail: { name, publicLibrary: body.publicLibrary === 'yes', discussionPoints: numbers, returnsReminders },
      });
    });
    await services.refreshPublicName();
    request.session!.data.flash = { kind: 'success', heading: 'Settings saved' };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect('/admin/settings', 303);
  });
}
