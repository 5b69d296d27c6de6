import { AUDIT_STATUS_LABELS, AUDIT_STATUSES, isAuditStatus } from '../../domain/audit-lifecycle.ts';
import { scopeInWords, scopePeriod } from '../../domain/audit-plan.ts';
import { isUuid } from '../../features/audits/audit-access.ts';
import type { AuditService } from '../../features/audits/audit-service.ts';

/**
 * `maca list-audits [--json] [--partnership <name or id>] [--status <status>]`: every audit, for
 * operators. Titles are typed by people, so control characters are removed before they reach a terminal.
 */
export type ListAuditsOptions = { json?: boolean; partnership?: string; status?: string };

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they must not reach a terminal
const printable = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export async function listAuditsCommand(
  auditService: AuditService,
  options: ListAuditsOptions,
  write: (text: string) => void,
): Promise<number> {
  const status = options.status !== undefined && isAuditStatus(options.status) ? options.status : undefined;
  if (options.status !== undefined && !status) {
    write(`--status must be one of: ${AUDIT_STATUSES.join(', ')}\n`);
    return 2;
  }
  const wanted = options.partnership;
  const { partnerships, audits } = await auditService.everyAudit({
    status,
    ...(wanted ? { partnership: isUuid(wanted) ? { id: wanted } : { name: wanted } } : {}),
  });
  if (wanted && partnerships.length === 0) {
    write(`No partnership called or numbered "${printable(wanted)}".\n`);
    return 1;
  }
  if (options.json) {
    const rows = audits.map((a) => ({
      id: a.id,
      partnershipId: a.partnershipId,
      partnership: a.partnership,
      reference: a.reference,
      title: a.title,
      theme: a.theme,
      status: a.status,
      year: a.year,
      scope: {
        ...scopePeriod(a.scope),
        kind: a.scope.kind,
        months: a.scope.months,
        referenceDate: a.scope.referenceDate,
        text: scopeInWords(a.scope),
      },
      caseCount: a.caseCount,
      invitedAgencyCount: a.invitedAgencyCount,
      nextMilestone: a.nextMilestone,
    }));
    write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (audits.length === 0) {
    write('No audits.\n');
    return 0;
  }
  const header = ['Partnership', 'Reference', 'Title', 'Theme', 'Status', 'Cases', 'Agencies', 'Next milestone'];
  const table = audits.map((a) =>
    [
      a.partnership,
      a.reference,
      a.title,
      a.theme,
      AUDIT_STATUS_LABELS[a.status],
      String(a.caseCount),
      String(a.invitedAgencyCount),
      a.nextMilestone ? `${a.nextMilestone.label} ${a.nextMilestone.due}` : '',
    ].map(printable),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => Math.min(40, row[i]?.length ?? 0))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  write(`${[line(header), ...table.map(line)].join('\n')}\n`);
  return 0;
}
