import { REDACTION_KIND_LABELS } from '../../domain/redaction-guard.ts';
import {
  BRIEFING_FILE_FORMATS,
  isBriefingFileFormat,
  type BriefingDocument,
} from '../../features/briefings/briefing-documents.ts';
import { kindLabel } from '../../features/briefings/briefing-service.ts';
import type { Services } from '../../services.ts';
import { cliActor, findAuditForExport, printable, refuseHits, writeExport } from './export-report.ts';
import { CliError } from './users.ts';

/**
 * `maca export-audit <audit> --briefing <template> --format docx|pdf|html --out <file>`: the
 * audit's briefing made from that template (by the template's name, shipped key or kind, in any
 * case), its published version if it has one, else its latest. The redaction guard runs first,
 * as for publishing; the export, or its refusal, is in the audit log.
 */
export type ExportBriefingOptions = { template: string; format: string; out: string };

type Exportable = Awaited<ReturnType<Services['briefings']['exportable']>>[number];

const described = (r: Exportable) => {
  const state =
    r.published_version !== null ? `published version ${r.published_version}` : `draft, version ${r.current_version}`;
  return `  - ${printable(r.title)} (template "${printable(r.template_name ?? kindLabel(r.kind))}", ${state})`;
};

export async function exportBriefingCommand(
  { report, briefings }: Pick<Services, 'report' | 'briefings'>,
  auditArg: string,
  options: ExportBriefingOptions,
): Promise<{ path: string; bytes: number; version: number; published: boolean }> {
  if (!isBriefingFileFormat(options.format))
    throw new CliError(`--format for a briefing must be one of: ${Object.keys(BRIEFING_FILE_FORMATS).join(', ')}.`);
  const audit = await findAuditForExport(report, auditArg);
  const rows = await briefings.exportable(audit.id);
  const wanted = options.template.trim().toLowerCase();
  const matching = rows.filter((r) =>
    [r.template_name, r.shipped_key, r.kind, kindLabel(r.kind)].some((n) => n?.toLowerCase() === wanted),
  );
  // Several briefings from one template: the published one, else the newest.
  const chosen = matching.find((r) => r.published_version !== null) ?? matching[0];
  if (!chosen)
    throw new CliError(
      `Audit ${audit.reference} has no briefing from the template "${printable(options.template)}". ` +
        (rows.length ? `Its briefings:\n${rows.map(described).join('\n')}` : 'It has no briefings yet.'),
    );
  const write = (document: BriefingDocument) => writeExport(options.out, document.body);
  const released = await briefings.release(
    { user: null, via: 'cli' },
    {
      auditId: audit.id,
      briefingId: chosen.id,
      format: options.format,
      version: chosen.published_version ?? chosen.current_version,
    },
    cliActor(audit.partnershipId),
    write,
  );
  if (released.kind === 'blocked')
    refuseHits(
      'The briefing',
      released.hits.map((h) => ({
        kindLabel: REDACTION_KIND_LABELS[h.hit.kind],
        where: `section ${h.sectionIndex + 1}`,
      })),
    );
  return {
    path: options.out,
    bytes: released.document.body.length,
    version: released.version,
    published: released.published,
  };
}
