import fs from 'node:fs';
import type { Db } from '../../db/database.ts';
import { REDACTION_KIND_LABELS } from '../../domain/redaction-guard.ts';
import { appendAuditLog } from '../../features/audit-log/audit-log-repository.ts';
import {
  BRIEFING_FILE_FORMATS,
  isBriefingFileFormat,
  renderBriefingFile,
} from '../../features/briefings/briefing-documents.ts';
import { kindLabel, type BriefingService } from '../../features/briefings/briefing-service.ts';
import type { ReportService } from '../../features/report/report-service.ts';
import { cliActor, findAuditForExport, refuseHits } from './export-report.ts';
import { CliError } from './users.ts';

/**
 * `maca export-audit <audit> --briefing <template> --format docx|pdf|html --out <file>`: the
 * audit's briefing made from that template (by the template's name, shipped key or kind, in any
 * case), its published version if it has one, else its latest. The redaction guard runs first,
 * as for publishing; the export, or its refusal, is in the audit log.
 */
export type ExportBriefingOptions = { template: string; format: string; out: string };

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export async function exportBriefingCommand(
  db: Db,
  report: ReportService,
  briefings: BriefingService,
  auditArg: string,
  options: ExportBriefingOptions,
): Promise<{ path: string; bytes: number; version: number; published: boolean }> {
  if (!isBriefingFileFormat(options.format))
    throw new CliError(`--format for a briefing must be one of: ${Object.keys(BRIEFING_FILE_FORMATS).join(', ')}.`);
  const audit = await findAuditForExport(report, auditArg);
  const rows = await db
    .selectFrom('briefing as b')
    .leftJoin('briefing_template as t', 't.id', 'b.template_id')
    .innerJoin('briefing_version as v', (j) =>
      j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.current_version'),
    )
    .select([
      'b.id',
      'b.kind',
      'b.current_version',
      'b.published_version',
      't.name as template_name',
      't.shipped_key',
      'v.title',
    ])
    .where('b.audit_id', '=', audit.id)
    .orderBy('b.created_at', 'desc')
    .execute();
  const wanted = options.template.trim().toLowerCase();
  const matching = rows.filter((r) =>
    [r.template_name, r.shipped_key, r.kind, kindLabel(r.kind)].some((n) => n?.toLowerCase() === wanted),
  );
  // Several briefings from one template: the published one, else the newest.
  const chosen = matching.find((r) => r.published_version !== null) ?? matching[0];
  if (!chosen) {
    const list = rows.map(
      (r) =>
        `  - ${clean(r.title)} (template "${clean(r.template_name ?? kindLabel(r.kind))}", ${r.published_version !== null ? `published version ${r.published_version}` : `draft, version ${r.current_version}`})`,
    );
    throw new CliError(
      `Audit ${audit.reference} has no briefing from the template "${clean(options.template)}". ${rows.length ? `Its briefings:\n${list.join('\n')}` : 'It has no briefings yet.'}`,
    );
  }
  const number = chosen.published_version ?? chosen.current_version;
  const actor = cliActor(audit.partnershipId);
  const hits = await briefings.check(audit, chosen.id, actor, number);
  if (hits.length) {
    await appendAuditLog(db, actor, {
      action: 'briefing.export-blocked',
      recordType: 'briefing',
      recordId: chosen.id,
      detail: { auditId: audit.id, version: number, format: options.format, hits: hits.length },
    });
    refuseHits(
      'The briefing',
      hits.map((h) => ({ kindLabel: REDACTION_KIND_LABELS[h.hit.kind], where: `section ${h.sectionIndex + 1}` })),
    );
  }
  const version = await briefings.version(audit, chosen.id, number);
  const published = chosen.published_version === number;
  const file = await renderBriefingFile(
    {
      title: version.title,
      sections: version.sections,
      footer: `${published ? 'Published' : 'Draft'} version ${number}.`,
    },
    options.format,
  );
  try {
    fs.writeFileSync(options.out, file, { mode: 0o600 });
  } catch (error) {
    throw new CliError(
      `Could not write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  await appendAuditLog(db, actor, {
    action: 'briefing.exported-by-cli',
    recordType: 'briefing',
    recordId: chosen.id,
    detail: { auditId: audit.id, version: number, format: options.format },
  });
  return { path: options.out, bytes: file.length, version: number, published };
}
