import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { readDateParts } from '../../domain/calendar-date.ts';
import { neutraliseCell } from '../../domain/csv-safety.ts';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog, distinctActions, searchAuditLog, type AuditLogFilter } from './audit-log-repository.ts';

type Query = { Querystring: Record<string, string | undefined> };
const PAGE = 50;

/** The audit log for administrators: filtered, paged, exported; viewing it is itself logged. */
export async function auditLogRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'audit-log:read' as const } };

  function readFilter(request: FastifyRequest<Query>) {
    const q = request.query;
    const errors: Record<string, { text: string }> = {};
    const from = readDateParts(
      { day: q['from-day'], month: q['from-month'], year: q['from-year'] },
      'the from date',
      false,
    );
    const to = readDateParts({ day: q['to-day'], month: q['to-month'], year: q['to-year'] }, 'the to date', false);
    if (!from.ok) errors[`from-${from.part}`] = { text: from.message };
    if (!to.ok) errors[`to-${to.part}`] = { text: to.message };
    if (from.ok && to.ok && from.value && to.value && from.value > to.value)
      errors['to-day'] = { text: 'The to date must be the same as or after the from date' };
    const uuid = (v?: string) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);
    const filter: AuditLogFilter = {
      partnershipId: request.user!.partnershipId,
      userId: uuid(q.user),
      action: q.action || undefined,
      recordType: q.recordType?.trim() || undefined,
      recordId: q.recordId?.trim() || undefined,
      from: from.ok ? (from.value ?? undefined) : undefined,
      to: to.ok ? (to.value ?? undefined) : undefined,
    };
    return { filter, errors };
  }

  app.get<Query>('/admin/audit-log', access, async (request, reply) => {
    const { filter, errors } = readFilter(request);
    const page = Math.max(1, Number(request.query.page) || 1);
    const { rows, total } = await searchAuditLog(db, filter, PAGE, (page - 1) * PAGE);
    const [actions, users] = await Promise.all([
      distinctActions(db, filter.partnershipId),
      db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'email'])
        .where('partnership_id', '=', filter.partnershipId)
        .orderBy('display_name')
        .execute(),
    ]);
    await appendAuditLog(db, actorOf(request), {
      action: 'audit-log.viewed',
      detail: { ...filter, partnershipId: undefined },
    });
    const search = new URL(request.url, 'http://x').searchParams;
    search.delete('page');
    const link = (n: number) => `/admin/audit-log?${new URLSearchParams([...search, ['page', String(n)]]).toString()}`;
    const pages = Math.max(1, Math.ceil(total / PAGE));
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
      errors: Object.keys(errors).length
        ? { list: Object.entries(errors).map(([k, v]) => ({ text: v.text, href: `#${k}` })), fields: errors }
        : undefined,
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
  });

  app.get<Query>('/admin/audit-log.csv', access, async (request, reply) => {
    const { filter } = readFilter(request);
    const { rows } = await searchAuditLog(db, filter, 100_000, 0);
    await appendAuditLog(db, actorOf(request), {
      action: 'audit-log.exported',
      detail: { ...filter, partnershipId: undefined, rows: rows.length },
    });
    const csv = stringify(
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
      .send(csv);
  });
}
