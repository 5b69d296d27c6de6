import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../../../domain/csv-safety.ts';
import type { Services } from '../../../../services.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { tagFor } from '../../action-tags.ts';
import { trackerQuery } from './schema.ts';

const HEADERS = [
  'Audit',
  'Action',
  'Agency',
  'Lead',
  'Start',
  'Due',
  'Status',
  'RAG',
  'Evidence of completion',
  'Evidence of impact',
  'Re-audit',
];

/** Open actions across all audits, by agency, as a page, CSV and Excel; and a lead's own actions. */
export function trackerController({ actions }: Services) {
  const get: Controller = async (request, reply) => {
    const { agencyId, since, sinceProblem } = trackerQuery.parse(request.query ?? {});
    const [{ rows, changed }, agencies] = await Promise.all([
      actions.tracker(request.user, { agencyId, since }),
      actions.agencies(request.user),
    ]);
    return reply.view('actions/pages/tracker/view.njk', {
      pageTitle: 'Open actions across all audits',
      rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
      changed,
      changedIds: changed.map((c) => c.action_id),
      overdue: rows.filter((a) => a.rag === 'red'),
      since: since ?? '',
      sinceProblem,
      agencyItems: [
        { value: '', text: 'All agencies' },
        ...agencies.map((g) => ({ value: g.id, text: g.name, selected: g.id === agencyId })),
      ],
      query: new URL(request.url, 'http://x').search,
    });
  };

  const mine: Controller = async (request, reply) => {
    const { rows } = await actions.tracker(request.user, { mine: true });
    return reply.view('actions/pages/tracker/view.njk', {
      pageTitle: 'Your actions',
      mine: true,
      rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
      changed: [],
      changedIds: [],
      overdue: [],
    });
  };

  async function exportRows(request: SignedInRequest) {
    const { agencyId } = trackerQuery.parse(request.query ?? {});
    const { rows } = await actions.tracker(request.user, { agencyId });
    return rows.map((a) =>
      [
        a.audit_title,
        a.text,
        a.agency_name,
        a.lead_name,
        a.start_on ?? '',
        a.due_on,
        a.statusLabel,
        a.rag,
        a.evidence_completion,
        a.evidence_impact,
        a.reaudit_on ?? '',
      ].map(neutraliseCell),
    );
  }

  const csv: Controller = async (request, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="actions.csv"')
      .type('text/csv; charset=utf-8')
      .send(stringify([HEADERS, ...(await exportRows(request))], { bom: true }));

  const xlsx: Controller = async (request, reply) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(HEADERS).font = { bold: true };
    for (const row of await exportRows(request)) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 24));
    return reply
      .header('content-disposition', 'attachment; filename="actions.xlsx"')
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(Buffer.from(await workbook.xlsx.writeBuffer()));
  };

  return { get, mine, csv, xlsx };
}
