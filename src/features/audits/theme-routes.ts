import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { formErrors, formValues, singleError, type FormErrors } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from './audit-access.ts';
import { findTheme, insertTheme, listThemes, renameTheme, setThemeActive, themeUsage } from './theme-repository.ts';

type ThemeParams = { Params: { themeId: string } };

const labelSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'Enter the name of the theme')
    .max(100, 'The name of the theme must be 100 characters or fewer'),
});
const taken = (label: string) => singleError('label', `There is already a theme called ‘${label}’`);

/** The partnership's managed list of audit themes: add, rename, stop and start using. */
export async function themeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'audit-theme:manage' as const } };

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { label?: string; errors?: FormErrors } = {},
  ) {
    const partnershipId = request.user!.partnershipId;
    const [themes, usage] = await Promise.all([listThemes(db, partnershipId), themeUsage(db, partnershipId)]);
    return reply.code(options.errors ? 400 : 200).view('audits/pages/themes/view.njk', {
      pageTitle: 'Audit themes',
      themes: themes.map((t) => ({ ...t, audits: usage.get(t.id) ?? 0 })),
      label: options.label ?? '',
      errors: options.errors,
      backLink: '/audits',
    });
  }

  async function themeFor(request: FastifyRequest<ThemeParams>) {
    if (!isUuid(request.params.themeId)) throw new NotFound();
    const theme = await findTheme(db, request.user!.partnershipId, request.params.themeId);
    if (!theme) throw new NotFound();
    return theme;
  }

  const done = async (request: FastifyRequest, reply: FastifyReply, heading: string) => {
    request.session!.data.flash = { kind: 'success', heading };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect('/audits/themes', 303);
  };

  app.get('/audits/themes', access, async (request, reply) => renderList(request, reply));

  app.post('/audits/themes', access, async (request, reply) => {
    const values = formValues(request.body);
    const parsed = labelSchema.safeParse(values);
    if (!parsed.success)
      return renderList(request, reply, { label: String(values.label ?? ''), errors: formErrors(parsed.error) });
    const { label } = parsed.data;
    const added = await db.transaction().execute(async (trx) => {
      const id = await insertTheme(trx, request.user!.partnershipId, label, request.user!.id);
      if (id)
        await appendAuditLog(trx, actorOf(request), {
          action: 'audit-theme.added',
          recordType: 'audit_theme',
          recordId: id,
          detail: { label },
        });
      return id;
    });
    if (!added) return renderList(request, reply, { label, errors: taken(label) });
    return done(request, reply, `Theme ‘${label}’ added`);
  });

  app.get<ThemeParams>('/audits/themes/:themeId/edit', access, async (request, reply) => {
    const theme = await themeFor(request);
    return reply.view('audits/pages/theme-edit/view.njk', {
      pageTitle: `Rename ${theme.label}`,
      theme,
      label: theme.label,
      backLink: '/audits/themes',
    });
  });

  app.post<ThemeParams>('/audits/themes/:themeId/edit', access, async (request, reply) => {
    const theme = await themeFor(request);
    const values = formValues(request.body);
    const parsed = labelSchema.safeParse(values);
    const show = (label: string, errors: FormErrors) =>
      reply.code(400).view('audits/pages/theme-edit/view.njk', {
        pageTitle: `Rename ${theme.label}`,
        theme,
        label,
        errors,
        backLink: '/audits/themes',
      });
    if (!parsed.success) return show(String(values.label ?? ''), formErrors(parsed.error));
    const { label } = parsed.data;
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        const result = await renameTheme(trx, request.user!.partnershipId, theme.id, label);
        if (result === 'renamed') {
          await appendAuditLog(trx, actorOf(request), {
            action: 'audit-theme.renamed',
            recordType: 'audit_theme',
            recordId: theme.id,
            detail: { from: theme.label, to: label },
          });
        }
        return result;
      })
      // Two people giving two themes the same name at once: the unique index refuses the second.
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') return 'taken' as const;
        throw error;
      });
    if (outcome === 'missing') throw new NotFound();
    if (outcome === 'taken') return show(label, taken(label));
    return done(request, reply, `Theme renamed to ‘${label}’`);
  });

  app.post<ThemeParams>('/audits/themes/:themeId/active', access, async (request, reply) => {
    const theme = await themeFor(request);
    const active = formValues(request.body).active === 'true';
    await db.transaction().execute(async (trx) => {
      await setThemeActive(trx, request.user!.partnershipId, theme.id, active);
      await appendAuditLog(trx, actorOf(request), {
        action: active ? 'audit-theme.activated' : 'audit-theme.deactivated',
        recordType: 'audit_theme',
        recordId: theme.id,
        detail: { label: theme.label },
      });
    });
    return done(
      request,
      reply,
      active ? `‘${theme.label}’ can be chosen again` : `‘${theme.label}’ will no longer be offered for new audits`,
    );
  });
}
