import type { Environment } from 'nunjucks';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { today } from '../actions/action-service.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from '../audits/audit-access.ts';
import type { AuditService } from '../audits/audit-service.ts';
import type { RedactionTermService } from '../briefings/redaction-term-service.ts';
import { reportFrom } from './report-build.ts';
import { hitsForViewer, screenReport } from './report-guard.ts';
import type { ReportModel } from './report-model.ts';
import { renderReport, type ReportDocument, type ReportFile } from './report-render.ts';
import * as repo from './report-repository.ts';
import { csvTableKeys } from './report-sheets.ts';
import { readReportSources } from './report-sources.ts';
import { reportViewContext } from './report-view.ts';

/** What the report is released as: the page, its model as data (the API's json), or a file. */
export type ReportRelease = 'page' | 'json' | ReportFile;

type ShownHits = ReturnType<typeof hitsForViewer>;
type ReleasedAudit = { id: string; reference: string; title: string };

export type ReleasedReport =
  | { kind: 'page'; audit: ReleasedAudit; view: Awaited<ReturnType<typeof reportViewContext>>; hits: ShownHits }
  | { kind: 'data'; audit: ReleasedAudit; model: ReportModel }
  | { kind: 'document'; audit: ReleasedAudit; document: ReportDocument }
  | { kind: 'blocked'; audit: ReleasedAudit; hits: ShownHits };

/** Builds the report from the audit's records. Never reads case_identity. */
export async function buildReport(db: Executor, partnershipId: string, auditId: string, on = today()) {
  return reportFrom(await readReportSources(db, partnershipId, auditId), on);
}

const formatName = (format: ReportRelease) => (typeof format === 'string' ? format : 'csv');

export function createReportService(
  db: Executor,
  deps: { audits: AuditService; terms: RedactionTermService; views: Environment },
) {
  const log = (actor: Actor, auditId: string, action: string, detail: Record<string, unknown>) =>
    appendAuditLog(db, actor, { action, recordType: 'audit', recordId: auditId, detail });

  /** A person allowed to read the report, or (no user) the operator at the command line. */
  async function auditFor(user: CurrentUser | null, auditId: string, actor: Actor) {
    if (!isUuid(auditId)) throw new NotFound();
    if (!user) {
      if (!actor.partnershipId) throw new NotFound();
      return { audit: undefined, partnershipId: actor.partnershipId };
    }
    const audit = await deps.audits.forUser(user, auditId, 'report:read');
    return { audit, partnershipId: audit.partnershipId };
  }

  return {
    /**
     * The one way the report leaves the service, for the page, the API and the command line: the
     * model built once, the redaction guard over it (from the rows it was built from), the audit
     * log, then the document. The page shows the guard's hits; any other format with hits is
     * refused with them. The command line's `deliver` writes the file before its export is logged.
     */
    async release(
      user: CurrentUser | null,
      auditId: string,
      format: ReportRelease,
      actor: Actor,
      deliver?: (document: ReportDocument) => void | Promise<void>,
    ): Promise<ReleasedReport> {
      const { audit, partnershipId } = await auditFor(user, auditId, actor);
      const sources = await readReportSources(db, partnershipId, auditId);
      const model = reportFrom(sources, today());
      const released = { id: sources.audit.id, reference: sources.audit.reference, title: sources.audit.title };
      const guarded = { id: released.id, partnershipId };
      const overrides = await repo.overrideKeys(db, released.id);
      const hits = await screenReport(deps.terms, guarded, model, sources, actor, overrides);
      const shown = hitsForViewer(user && audit ? { user, audit } : null, released.id, hits);
      if (format === 'page') {
        await log(actor, released.id, 'report.viewed', { format });
        return { kind: 'page', audit: released, view: await reportViewContext(model), hits: shown };
      }
      if (hits.length) {
        await log(actor, released.id, 'report.download-blocked', { format: formatName(format), hits: hits.length });
        if (typeof format === 'object' && !csvTableKeys(model).includes(format.csv)) throw new NotFound();
        return { kind: 'blocked', audit: released, hits: shown };
      }
      if (user) await log(actor, released.id, 'report.downloaded', { format: formatName(format) });
      if (format === 'json') return { kind: 'data', audit: released, model };
      const document = await renderReport(model, format, deps.views);
      if (!user) {
        await deliver?.(document);
        await log(actor, released.id, 'report.exported-by-cli', { format: formatName(format) });
      }
      return { kind: 'document', audit: released, document };
    },

    /**
     * Marks one hit "not identifying here" (a coordinator's own word, or one part of a name alone),
     * for the words it was found in: false when there is no such hit to mark now.
     */
    async markNotIdentifying(user: CurrentUser, auditId: string, key: string, reason: string, actor: Actor) {
      const audit = await deps.audits.forUser(user, auditId, 'audit:manage');
      const sources = await readReportSources(db, audit.partnershipId, audit.id);
      const model = reportFrom(sources, today());
      const overrides = await repo.overrideKeys(db, audit.id);
      const hits = await screenReport(deps.terms, audit, model, sources, actor, overrides);
      const hit = hits.find((h) => h.key === key && h.overridable);
      if (!hit) return false;
      await inTransaction(db, async (trx) => {
        const mark = { recordKind: hit.record.kind, kind: hit.hit.kind };
        await repo.insertOverride(trx, { auditId: audit.id, key, reason, by: user.id, ...mark });
        await appendAuditLog(trx, actor, {
          action: 'report.hit-not-identifying',
          recordType: 'audit',
          recordId: audit.id,
          detail: { ...mark, record: hit.record, rule: hit.hit.rule, reason },
        });
      });
      return true;
    },

    /** The marks made on the report, for its page. */
    marks: (auditId: string) => repo.overridesOf(db, auditId),

    /** Audits named on the command line by id or reference, in any partnership (at most two). */
    async named(wanted: string) {
      const rows = await repo.auditsByIdOrReference(db, wanted);
      return rows.map((r) => ({ id: r.id, partnershipId: r.partnership_id, reference: r.reference }));
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
