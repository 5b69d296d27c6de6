import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../../../domain/csv-safety.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** The involvement recorded says what is expected; only the returns received say what was audited. */
const HEADINGS = [
  'Agency',
  'Involvement recorded (not all cases were known or within the scope for all agencies)',
  'Audited: returns received (submitted or signed off)',
] as const;

/** How many cases each agency audited: a page, and the same table as CSV and as a workbook. */
export function participationController({ involvement: inv }: Services) {
  const table = async (request: Parameters<Controller<Params>>[0]) => {
    const audit = await inv.auditFor(request.user, request.params.auditId, 'audit:read');
    return { audit, ...(await inv.participation(audit.id)) };
  };
  const tableRows = (rows: Awaited<ReturnType<typeof table>>['rows']) => [
    [...HEADINGS],
    ...rows.map((r) => [r.agencyName, r.text, r.receivedText].map(neutraliseCell)),
  ];

  const get: Controller<Params> = async (request, reply) => {
    const { audit, rows, basis } = await table(request);
    return reply.view('involvement/pages/participation/view.njk', {
      pageTitle: 'Participation',
      audit,
      rows,
      basis,
      headings: HEADINGS,
      backLink: `/audits/${audit.id}`,
    });
  };

  const csv: Controller<Params> = async (request, reply) => {
    const { rows } = await table(request);
    return reply
      .header('content-disposition', 'attachment; filename="participation.csv"')
      .type('text/csv; charset=utf-8')
      .send(stringify(tableRows(rows), { bom: true }));
  };

  const xlsx: Controller<Params> = async (request, reply) => {
    const { rows } = await table(request);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Participation');
    for (const row of tableRows(rows)) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 60));
    return reply
      .header('content-disposition', 'attachment; filename="participation.xlsx"')
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(Buffer.from(await workbook.xlsx.writeBuffer()));
  };

  return { get, csv, xlsx };
}
