import type { Environment } from 'nunjucks';
import type { Executor } from '../../db/transaction.ts';
import { can } from '../../domain/authorisation.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from '../audits/audit-access.ts';
import { renderBriefingFile, type BriefingDocument, type BriefingFileFormat } from './briefing-documents.ts';
import * as repo from './briefing-repository.ts';
import { kindLabel, type BriefingService, type SectionHit } from './briefing-service.ts';

/** Who asks for the document: a person on the page or through the API, or the operator at the command line. */
export type BriefingReader = { user: CurrentUser; via: 'page' | 'api' } | { user: null; via: 'cli' };

export type ReleasedBriefing =
  | { kind: 'document'; document: BriefingDocument; version: number; published: boolean }
  | { kind: 'blocked'; hits: SectionHit[]; maySeeIdentities: boolean; mayEdit: boolean };

/**
 * Briefings leaving the service: the one way an audit's briefing becomes a document (the page's
 * downloads, the API, the command line), and the library of published briefings.
 */
export function createBriefingReleaseService(db: Executor, briefings: BriefingService, views: Environment) {
  const log = (actor: Actor, action: string, id: string, detail: Record<string, unknown>) =>
    appendAuditLog(db, actor, { action, recordType: 'briefing', recordId: id, detail });

  async function auditFor(reader: BriefingReader, auditId: string, actor: Actor) {
    if (reader.user) return briefings.load(reader.user, auditId, 'briefing:read');
    if (!isUuid(auditId) || !actor.partnershipId) throw new NotFound();
    return { id: auditId, partnershipId: actor.partnershipId, resource: undefined };
  }

  async function libraryItem(partnershipId: string, briefingId: string) {
    if (!isUuid(briefingId)) throw new NotFound();
    const row = await repo.publishedBriefing(db, partnershipId, briefingId);
    if (!row) throw new NotFound();
    return row;
  }

  return {
    /**
     * The redaction guard over the version (the latest unless one is given), the audit log, then
     * the file; with hits, the hits instead. The API logs each download, the command line each
     * export (after `deliver` has written it); the page's downloads are logged only when refused.
     */
    async release(
      reader: BriefingReader,
      request: { auditId: string; briefingId: string; format: BriefingFileFormat; version?: number },
      actor: Actor,
      deliver?: (document: BriefingDocument) => void | Promise<void>,
    ): Promise<ReleasedBriefing> {
      const audit = await auditFor(reader, request.auditId, actor);
      const { briefing, current: latest } = await briefings.find(audit, request.briefingId);
      const number = request.version ?? latest.number;
      const current = number === latest.number ? latest : await briefings.version(audit, briefing.id, number);
      const detail = { auditId: audit.id, version: number, format: request.format };
      const hits = await briefings.check(audit, briefing.id, actor, number);
      if (hits.length) {
        const action = reader.via === 'cli' ? 'briefing.export-blocked' : 'briefing.download-blocked';
        await log(actor, action, briefing.id, { ...detail, hits: hits.length });
        const allowed = (action: 'case:identity' | 'briefing:edit') =>
          !!reader.user && !!audit.resource && can(reader.user, action, audit.resource);
        return { kind: 'blocked', hits, maySeeIdentities: allowed('case:identity'), mayEdit: allowed('briefing:edit') };
      }
      if (reader.via === 'api') await log(actor, 'briefing.downloaded', briefing.id, detail);
      const published = briefing.published_version === number;
      const footer = `${published ? 'Published' : 'Draft'} version ${number}.`;
      const document = await renderBriefingFile(
        { title: current.title, sections: current.sections, footer },
        request.format,
        views,
      );
      if (reader.via === 'cli') {
        await deliver?.(document);
        await log(actor, 'briefing.exported-by-cli', briefing.id, detail);
      }
      return { kind: 'document', document, version: number, published };
    },

    /** A published briefing of the library as a file; it was checked when it was published. */
    async libraryDocument(partnershipId: string, briefingId: string, format: 'docx' | 'pdf') {
      const b = await libraryItem(partnershipId, briefingId);
      const footer = `Published ${b.published_at?.toISOString().slice(0, 10) ?? ''}.`;
      return renderBriefingFile({ title: b.title, sections: b.sections, footer }, format, views);
    },

    libraryItem,

    /** Published briefings in the partnership, newest first, by words, theme and year. */
    async library(partnershipId: string, filter: { q?: string; theme?: string; year?: string }) {
      const [rows, all] = await Promise.all([
        repo.library(db, partnershipId, filter),
        repo.libraryFacets(db, partnershipId),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          kindLabel: kindLabel(r.kind),
          title: r.title,
          theme: r.theme,
          publishedAt: r.published_at,
          summary: (r.sections[1]?.text ?? r.sections[0]?.text ?? '').replace(/^[-#]+\s*/gm, '').slice(0, 240),
        })),
        themes: [...new Set(all.map((a) => a.theme).filter(Boolean))].sort(),
        years: [...new Set(all.map((a) => String(a.year)))].sort().reverse(),
      };
    },

    /** The partnership whose library is open to the public; otherwise not found. */
    async publicLibrary(partnershipId: string) {
      if (!isUuid(partnershipId)) throw new NotFound();
      const partnership = await repo.publicLibraryPartnership(db, partnershipId);
      if (!partnership) throw new NotFound();
      return partnership;
    },

    /** The audit's briefings newest first, for the command line to choose from by template. */
    exportable: (auditId: string) => repo.briefingsOfAudit(db, auditId, 'desc'),
  };
}
