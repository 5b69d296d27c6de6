import { AUDIT_STATUS_LABELS } from '../../../../domain/audit-lifecycle.ts';
import { scopeInWords, STANDARD_MILESTONES } from '../../../../domain/audit-plan.ts';
import { can } from '../../../../domain/authorisation.ts';
import { dateInWords, todayInLondon } from '../../../../domain/calendar-date.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AuditListRow } from '../../audit-list-repository.ts';
import { STATUS_TAG_CLASSES } from '../../audit-tasks.ts';
import { programmeQuery } from './schema.ts';

type Query = { Querystring: Record<string, unknown> };

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

/** The audit programme: the audits this person may see, by year, filtered by status and theme. */
export function programmeController({ audits }: Services) {
  const get: Controller<Query> = async (request, reply) => {
    const user = request.user;
    const { status, theme: asked } = programmeQuery.parse(request.query ?? {});
    const { themes, theme, rows } = await audits.programme(user, { status, theme: asked });
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
  };
  return { get };
}
