import type { FastifyInstance } from 'fastify';
import { checkDatabase } from '../../db/database.ts';
import { can } from '../../domain/authorisation.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';

export async function homeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/health', { config: { access: 'public' } }, async (_request, reply) => {
    const database = await checkDatabase(services.db);
    if (!database.ok)
      return reply.code(503).send({ status: 'error', database: 'unavailable', reason: database.reason });
    return { status: 'ok', database: 'ok' };
  });

  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = request.user!;
    const tasks = [
      can(user, 'audit:read') && {
        href: '/audits',
        text: 'Audits',
        hint: can(user, 'audit:manage')
          ? 'Plan audits, follow each one through its stages, and see what is missing to move on.'
          : 'The audits you take part in, their milestones and where each one is.',
      },
      can(user, 'return:edit') && {
        href: '/my-returns',
        text: 'Your agency’s returns',
        hint: 'Answer the audit tool, keep the chronology, submit, and sign off.',
      },
      can(user, 'tracker:read') && {
        href: '/actions',
        text: 'Action tracker',
        hint: 'Open actions across every audit, by agency, with what changed since the last review.',
      },
      !can(user, 'tracker:read') &&
        can(user, 'action:update') && {
          href: '/my-actions',
          text: 'Your actions',
          hint: 'Record progress, evidence of completion and evidence of impact.',
        },
      can(user, 'template:manage') && {
        href: '/templates',
        text: 'Audit tools',
        hint: 'The questions agencies answer, versioned.',
      },
      can(user, 'learning-theme:manage') && {
        href: '/learning-themes',
        text: 'Learning themes',
        hint: 'The themes findings are tagged with.',
      },
      can(user, 'admin:agencies') && {
        href: '/admin/agencies',
        text: 'Agencies',
        hint: 'Add agencies and mark those no longer active.',
      },
      can(user, 'admin:users') && {
        href: '/admin/users',
        text: 'People',
        hint: 'Invite people, set their roles and agency, deactivate accounts.',
      },
      can(user, 'admin:settings') && {
        href: '/admin/settings',
        text: 'Partnership settings',
        hint: 'The partnership’s name, and the rules that propose points to discuss from the chronologies.',
      },
      can(user, 'audit-log:read') && {
        href: '/admin/audit-log',
        text: 'Audit log',
        hint: 'Who viewed or changed what, and when.',
      },
      can(user, 'outbox:read') && {
        href: '/admin/outbox',
        text: 'Outbox',
        hint: 'E-mails the service has sent or would send.',
      },
      { href: '/account', text: 'Your account', hint: 'Two-step verification, recovery codes and API tokens.' },
    ].filter(Boolean);
    return reply.view('home/pages/home/view.njk', {
      pageTitle: 'Home',
      tasks,
      roleLabels: user.roles.map((role) => ROLE_LABELS[role]),
    });
  });

  app.get('/cookies', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('cookies.njk', { pageTitle: 'Cookies' }),
  );
  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
}
