import { can } from '../../../../domain/authorisation.ts';
import { ROLE_LABELS } from '../../../../domain/roles.ts';
import type { CurrentUser } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

/** The places this person's roles let them go, each with what is done there. */
function tasksFor(user: CurrentUser) {
  return [
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
}

/** The signed-in home page. */
export function homeController() {
  const get: Controller = async (request, reply) =>
    reply.view('home/pages/home/view.njk', {
      pageTitle: 'Home',
      tasks: tasksFor(request.user),
      roleLabels: request.user.roles.map((role) => ROLE_LABELS[role]),
    });
  return { get };
}
