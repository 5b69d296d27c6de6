import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../../../../domain/csv-safety.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { AUDIT_LOG_PAGE } from '../../audit-log-service.ts';
import { readAuditLogFilter, type AuditLogQuery } from './schema.ts';

type Query = { Querystring: AuditLogQuery };

/** The audit log, filtered and paged, and the same filter as a CSV file. */
export function auditLogController({ auditLog }: Services) {
  const get: Controller<Query> = async (request, reply) => {
    const { filter, page, errors } = readAuditLogFilter(request.query, request.user.partnershipId);
    const { rows, total, actions, users } = await auditLog.browse(filter, page, actorOf(request));
    const search = new URL(request.url, 'http://x').searchParams;
    search.delete('page');
    const link = (n: number) => `/admin/audit-log?${new URLSearchParams([...search, ['page', String(n)]]).toString()}`;
    const pages = Math.max(1, Math.ceil(total / AUDIT_LOG_PAGE));
    return reply.view('audit-log/pages/list/view.njk', {
      pageTitle: 'Audit log',
      rows,
      total,
      q: request.query,
      userItems: [
        { value: '', text: 'Anyone' },
        ...users.map((u) => ({
          value: u.id,
          text: `${u.display_name} (${u.email})`,
          selected: u.id === filter.userId,
        })),
      ],
      actionItems: [
        { value: '', text: 'Any action' },
        ...actions.map((a) => ({ value: a, text: a, selected: a === filter.action })),
      ],
      errors,
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: link(page - 1) } : undefined,
              next: page < pages ? { href: link(page + 1) } : undefined,
              items: Array.from({ length: Math.min(pages, 10) }, (_, i) => ({
                number: i + 1,
                href: link(i + 1),
                current: i + 1 === page,
              })),
            }
          : undefined,
      exportLink: `/admin/audit-log.csv${search.toString() ? `?${search.toString()}` : ''}`,
      backLink: '/admin',
    });
  };

  const csv: Controller<Query> = async (request, reply) => {
    const { filter } = readAuditLogFilter(request.query, request.user.partnershipId);
    const rows = await auditLog.export(filter, actorOf(request));
    const body = stringify(
      [
        ['When (UTC)', 'Person', 'Email', 'Action', 'Record type', 'Record', 'Detail', 'Correlation id', 'Address'],
        ...rows.map((r) =>
          [
            r.at.toISOString(),
            r.userName ?? '',
            r.userEmail ?? '',
            r.action,
            r.recordType ?? '',
            r.recordId ?? '',
            JSON.stringify(r.detail),
            r.correlationId ?? '',
            r.ip ?? '',
          ].map(neutraliseCell),
        ),
      ],
      { bom: true },
    );
    return reply
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .type('text/csv; charset=utf-8')
      .send(body);
  };

  return { get, csv };
}
