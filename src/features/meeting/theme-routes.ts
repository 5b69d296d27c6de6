import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { listThemes } from './meeting-repository.ts';

/** The partnership's learning themes: add one, rename one, or stop offering one. */
export async function learningThemeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'learning-theme:manage' as const } };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: unknown,
    status = 200,
  ) {
    const themes = await listThemes(db, request.user!.partnershipId);
    return reply
      .code(status)
      .view('meeting/pages/themes/view.njk', { pageTitle: 'Learning themes', themes, values, errors });
  }

  app.get('/learning-themes', access, async (request, reply) => render(request, reply));

  app.post('/learning-themes', access, async (request, reply) => {
    const body = formValues(request.body);
    const label = String(body.label ?? '').trim();
    if (!label || label.length > 120)
      return render(
        request,
        reply,
        body,
        errorsFrom({
          label: { text: label ? 'The theme must be 120 characters or fewer' : 'Enter the name of the theme' },
        }),
        400,
      );
    const code = `custom_${label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 60)}`;
    const themes = await listThemes(db, request.user!.partnershipId);
    if (themes.some((t) => t.label.toLowerCase() === label.toLowerCase() || t.code === code))
      return render(
        request,
        reply,
        body,
        errorsFrom({ label: { text: 'There is already a theme with this name' } }),
        400,
      );
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('learning_theme')
        .values({ partnership_id: request.user!.partnershipId, code, label })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAuditLog(trx, actorOf(request), {
        action: 'learning-theme.created',
        recordType: 'learning_theme',
        recordId: row.id,
        detail: { label },
      });
    });
    return reply.redirect('/learning-themes', 303);
  });

  app.post<{ Params: { id: string } }>('/learning-themes/:id', access, async (request, reply) => {
    const body = formValues(request.body);
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) throw new NotFound();
    const label = String(body.label ?? '').trim();
    if (!label || label.length > 120)
      return render(
        request,
        reply,
        {},
        errorsFrom({
          [`label-${request.params.id}`]: { text: 'Enter the name of the theme, 120 characters or fewer' },
        }),
        400,
      );
    const updated = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('learning_theme')
        .set({ label, active: body.active === 'yes', updated_at: new Date() })
        .where('id', '=', request.params.id)
        .where('partnership_id', '=', request.user!.partnershipId)
        .returning('id')
        .executeTakeFirst();
      if (row)
        await appendAuditLog(trx, actorOf(request), {
          action: 'learning-theme.changed',
          recordType: 'learning_theme',
          recordId: row.id,
          detail: { label, active: body.active === 'yes' },
        });
      return !!row;
    });
    if (!updated) throw new NotFound();
    return reply.redirect('/learning-themes', 303);
  });
}
