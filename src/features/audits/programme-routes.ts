import type { FastifyInstance } from 'fastify';
import { AUDIT_STATUS_LABELS, isAuditStatus } from '../../domain/audit-lifecycle.ts';
import { scopeInWords, STANDARD_MILESTONES } from '../../domain/audit-plan.ts';
import { can } from '../../domain/authorisation.ts';
import { dateInWords, todayInLondon } from '../../domain/calendar-date.ts';
import type { Services } from '../../services.ts';
import { isUuid } from './audit-access.ts';
import type { AuditListRow } from './audit-list-repository.ts';
import { STATUS_TAG_CLASSES } from './audit-tasks.ts';
import { listThemes } from './theme-repository.ts';

type ProgrammeQuery = { Querystring: { status?: string; theme?: string } };

/** The audit programme: the audits this person may see, by year, filtered by status and theme. */
export async function programmeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { audits, db } = services;

  app.get<ProgrammeQuery>('/audits', { config: { access: 'audit:read' } }, async (request, reply) => {
    const user = request.user!;
    const themes = await listThemes(db, user.partnershipId);
    const asked = request.query.status ?? '';
    const status = isAuditStatus(asked) ? asked : undefined;
    const theme =
      request.query.theme === 'other' ||
      (isUuid(request.query.theme ?? '') && themes.some((t) => t.id === request.query.theme))
        ? request.query.theme
        : undefined;
    const rows = await audits.list(user, {
      status,
      themeId: theme && theme !== 'other' ? theme : undefined,
      otherTheme: theme === 'other',
    });
    const today = todayInLondon();
    const years: { year: number; audits: ReturnType<typeof present>[] }[] = [];
    for (const row of rows) {
      let group = years.find((y) => y.year === row.year);
      if (!group) years.push((group = { year: row.year, audits: [] }));
      group.audits.push(present(row, today));
    }
    return reply.view('audits/pages/programme/view.njk', {
      pageTitle: 'Audits',
      years,
      filters: { status: status ?? '', theme: theme ?? '' },
      filtered: !!(status || theme),
      statusOptions: Object.entries(AUDIT_STATUS_LABELS).map(([value, text]) => ({ value, text })),
      themeOptions: themes.map((t) => ({ value: t.id, text: t.active ? t.label : `${t.label} (no longer used)` })),
      canCreate: can(user, 'audit:manage'),
      canManageThemes: can(user, 'audit-theme:manage'),
      canImport: can(user, 'exchange:manage'),
    });
  });
}

function present(row: AuditListRow, today: string) {
  const next = row.nextMilestone;
  return {
    ...row,
    statusLabel: AUDIT_STATUS_LABELS[row.status],
    statusClass: STATUS_TAG_CLASSES[row.status],
    scopeText: scopeInWords(row.scope),
    next: next
      ? {
          label: STANDARD_MILESTONES.find((s) => s.kind === next.kind)?.label ?? next.label,
          date: dateInWords(next.due),
          overdue: next.due < today,
        }
      : null,
  };
}
