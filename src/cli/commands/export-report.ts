import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { appendAuditLog } from '../../features/audit-log/audit-log-repository.ts';
import { isUuid } from '../../features/audits/audit-access.ts';
import type { RedactionTermService } from '../../features/briefings/redaction-terms.ts';
import { REDACTION_KIND_LABELS } from '../../domain/redaction-guard.ts';
import { guardReport, RECORD_LABELS, type ReportHit } from '../../features/report/report-guard.ts';
import { buildReport } from '../../features/report/report-service.ts';
import { isReportFileFormat, REPORT_FILE_FORMATS, renderReport } from '../../features/report/report-render.ts';
import { CliError } from './users.ts';

/**
 * `maca export-audit <audit> --report --format docx|pdf|html|xlsx --out <file>`: the report to the
 * subgroup, written to a file, for operators (for instance to attach to the subgroup's papers).
 * The redaction guard runs first: with hits it writes nothing and lists them, without the words
 * found (an operator's terminal is no place for them). The export, or its refusal, is in the audit log.
 */
export type ExportReportOptions = { format: string; out: string };

export async function findAuditForExport(
  db: Db,
  wanted: string,
): Promise<{ id: string; partnershipId: string; reference: string }> {
  let query = db.selectFrom('audit').select(['id', 'partnership_id', 'reference']);
  query = isUuid(wanted)
    ? query.where('id', '=', wanted)
    : query.where((eb) => eb(eb.fn('lower', ['reference']), '=', wanted.trim().toLowerCase()));
  const found = await query.limit(2).execute();
  if (found.length === 0)
    throw new CliError(`No audit with the id or reference "${wanted.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}".`);
  if (found.length > 1)
    throw new CliError(
      `More than one partnership has an audit with the reference "${wanted}": give its id instead (maca list-audits).`,
    );
  return { id: found[0]!.id, partnershipId: found[0]!.partnership_id, reference: found[0]!.reference };
}

export const cliActor = (partnershipId: string) => ({ userId: null, partnershipId, correlationId: 'cli', ip: null });

/** Refuses with every hit: its kind, where it is and the record to correct, never the words found. */
export function refuseHits(what: string, hits: { kindLabel: string; where: string }[]): never {
  const lines = hits.map((h, i) => `  ${i + 1}. ${h.kindLabel} in ${h.where}`);
  throw new CliError(
    `${what} may identify someone, so it was not written. Correct these in the service, then export again:\n${lines.join('\n')}`,
  );
}

export const reportHitsForCli = (hits: ReportHit[]) =>
  hits.map((h) => ({
    kindLabel: REDACTION_KIND_LABELS[h.hit.kind],
    where: `${RECORD_LABELS[h.record.kind]}${h.record.id ? ` (${h.record.id})` : ''}`,
  }));

export async function exportReportCommand(
  db: Db,
  terms: RedactionTermService,
  auditArg: string,
  options: ExportReportOptions,
): Promise<{ path: string; bytes: number }> {
  if (!isReportFileFormat(options.format))
    throw new CliError(`--format for the report must be one of: ${Object.keys(REPORT_FILE_FORMATS).join(', ')}.`);
  const audit = await findAuditForExport(db, auditArg);
  const model = await buildReport(db, audit.partnershipId, audit.id);
  const hits = await guardReport(db, terms, audit, model, cliActor(audit.partnershipId));
  if (hits.length) {
    await appendAuditLog(db, cliActor(audit.partnershipId), {
      action: 'report.export-blocked',
      recordType: 'audit',
      recordId: audit.id,
      detail: { format: options.format, hits: hits.length },
    });
    refuseHits('The report', reportHitsForCli(hits));
  }
  const file = await renderReport(model, options.format);
  try {
    fs.writeFileSync(options.out, file, { mode: 0o600 });
  } catch (error) {
    throw new CliError(
      `Could not write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  await appendAuditLog(db, cliActor(audit.partnershipId), {
    action: 'report.exported-by-cli',
    recordType: 'audit',
    recordId: audit.id,
    detail: { format: options.format },
  });
  return { path: options.out, bytes: file.length };
}
