import fs from 'node:fs';
import type { ReportService } from '../../features/report/report-service.ts';
import { isReportFileFormat, REPORT_FILE_FORMATS, type ReportDocument } from '../../features/report/report-render.ts';
import { CliError } from './users.ts';

/**
 * `maca export-audit <audit> --report --format docx|pdf|html|xlsx --out <file>`: the report to the
 * subgroup, written to a file, for operators (for instance to attach to the subgroup's papers).
 * The redaction guard runs first: with hits it writes nothing and lists them, without the words
 * found (an operator's terminal is no place for them). The export, or its refusal, is in the audit log.
 */
export type ExportReportOptions = { format: string; out: string };

/** Control characters (category Cc) shown as spaces, so a name typed on the command line cannot move the cursor. */
export const printable = (s: string) => s.replace(/\p{Cc}/gu, ' ');

export async function findAuditForExport(
  report: ReportService,
  wanted: string,
): Promise<{ id: string; partnershipId: string; reference: string }> {
  const found = await report.named(wanted);
  if (found.length > 1)
    throw new CliError(
      `More than one partnership has an audit with the reference "${wanted}": ` +
        'give its id instead (maca list-audits).',
    );
  if (!found[0]) throw new CliError(`No audit with the id or reference "${printable(wanted)}".`);
  return found[0];
}

export const cliActor = (partnershipId: string) => ({ userId: null, partnershipId, correlationId: 'cli', ip: null });

/** Refuses with every hit: its kind, where it is and the record to correct, never the words found. */
export function refuseHits(what: string, hits: { kindLabel: string; where: string }[]): never {
  const lines = hits.map((h, i) => `  ${i + 1}. ${h.kindLabel} in ${h.where}`);
  throw new CliError(
    `${what} may identify someone, so it was not written. ` +
      `Correct these in the service, then export again:\n${lines.join('\n')}`,
  );
}

/** Writes the file only readable by its owner; a file that cannot be written is not exported. */
export function writeExport(out: string, body: Buffer): void {
  try {
    fs.writeFileSync(out, body, { mode: 0o600 });
  } catch (error) {
    throw new CliError(`Could not write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

export async function exportReportCommand(
  report: ReportService,
  auditArg: string,
  options: ExportReportOptions,
): Promise<{ path: string; bytes: number }> {
  if (!isReportFileFormat(options.format))
    throw new CliError(`--format for the report must be one of: ${Object.keys(REPORT_FILE_FORMATS).join(', ')}.`);
  const audit = await findAuditForExport(report, auditArg);
  const write = (document: ReportDocument) => writeExport(options.out, document.body);
  const released = await report.release(null, audit.id, options.format, cliActor(audit.partnershipId), write);
  if (released.kind === 'blocked')
    refuseHits(
      'The report',
      released.hits.map((h) => ({
        kindLabel: h.kindLabel,
        where: `${h.recordLabel}${h.record.id ? ` (${h.record.id})` : ''}`,
      })),
    );
  if (released.kind !== 'document') throw new Error('A report file is released as a document or refused');
  return { path: options.out, bytes: released.document.body.length };
}
