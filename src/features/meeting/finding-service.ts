import { inTransaction, type Executor } from '../../db/transaction.ts';
import { suggestThemes } from '../../domain/theme-suggester.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import { carryIntoFinding, pointForFinding } from '../chronology/discussion-point-service.ts';
import { auditTools } from './audit-parts-repository.ts';
import { auditCases, invitedAgencies } from '../audits/audit-parts.ts';
import { listThemes } from './learning-theme-repository.ts';
import * as repo from './meeting-repository.ts';

/** A finding as the panel records it, its links already checked against the audit. */
export type FindingInput = {
  kind: 'strength' | 'development';
  acrossCases: boolean;
  text: string;
  domain: string;
  caseIds: string[];
  agencyIds: string[];
  themeIds: string[];
  suggestedIds: string[];
  version: number;
  /** The point to discuss the finding was started from, if any: saving carries the point into it. */
  pointId?: string;
};
export type FindingChoices = { caseIds: string[]; agencyIds: string[]; themeIds: string[] };

const fields = (input: FindingInput) => ({
  kind: input.kind,
  acrossCases: input.acrossCases,
  text: input.text,
  domain: input.domain,
});
const links = (input: FindingInput, user: CurrentUser) => ({
  caseIds: input.caseIds,
  agencyIds: input.agencyIds,
  themes: input.themeIds.map((id) => ({ id, suggested: input.suggestedIds.includes(id) })),
  userId: user.id,
});

export function createFindingService(db: Executor) {
  async function choicesFor(audit: AuditInContext) {
    const [cases, agencies, themes, sections] = await Promise.all([
      auditCases(db, audit.id),
      invitedAgencies(db, audit.id),
      listThemes(db, audit.partnershipId),
      auditTools(db, audit.id),
    ]);
    const domains = [
      ...new Set(
        sections.flatMap((s) => ((s.content as { sections?: { title: string }[] }).sections ?? []).map((x) => x.title)),
      ),
    ];
    return { cases, agencies, themes: themes.filter((t) => t.active), allThemes: themes, domains };
  }

  return {
    async overview(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const [findings, choices] = await Promise.all([repo.listFindings(db, audit.id), choicesFor(audit)]);
      return { audit, findings, ...choices };
    },

    async forEditing(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const choices = await choicesFor(audit);
      const ids: FindingChoices = {
        caseIds: choices.cases.map((c) => c.id),
        agencyIds: choices.agencies.map((a) => a.id),
        themeIds: choices.themes.map((t) => t.id),
      };
      return { audit, choices, ids };
    },

    /**
     * What the finding form starts from when the panel carries a point to discuss into a finding:
     * the point's question, case, agencies (those invited to the audit) and entries. 404 when the
     * audit has no such point.
     */
    async fromPoint(audit: AuditInContext, pointId: string) {
      const point = /^[0-9a-f-]{36}$/i.test(pointId) ? await pointForFinding(db, audit, pointId) : undefined;
      if (!point) throw new NotFound();
      const invited = new Set((await invitedAgencies(db, audit.id)).map((a) => a.id));
      return { ...point, agencyIds: point.agencyIds.filter((id) => invited.has(id)) };
    },

    /** Themes suggested for the text, as ids of the partnership's themes, with why. */
    suggest(text: string, themes: { id: string; code: string }[]) {
      return suggestThemes(text).flatMap((s) => {
        const theme = themes.find((t) => t.code === s.code);
        return theme ? [{ id: theme.id, because: s.because }] : [];
      });
    },

    async create(user: CurrentUser, audit: AuditInContext, input: FindingInput, actor: Actor): Promise<string> {
      return inTransaction(db, async (trx) => {
        const id = await repo.insertFinding(trx, {
          ...fields(input),
          auditId: audit.id,
          createdBy: user.id,
          discussionPointId: input.pointId,
        });
        await repo.replaceLinks(trx, id, links(input, user));
        const carry = { auditId: audit.id, pointId: input.pointId ?? '', findingId: id, userId: user.id };
        // A point from another audit is refused with the whole finding, never linked.
        if (input.pointId && !(await carryIntoFinding(trx, carry, actor))) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'finding.created',
          recordType: 'finding',
          recordId: id,
          detail: { auditId: audit.id },
        });
        return id;
      });
    },

    async update(
      user: CurrentUser,
      audit: AuditInContext,
      findingId: string,
      input: FindingInput,
      actor: Actor,
    ): Promise<'updated' | 'stale'> {
      return inTransaction(db, async (trx) => {
        const fieldsAt = { ...fields(input), id: findingId, auditId: audit.id, version: input.version };
        const updated = await repo.updateFinding(trx, fieldsAt);
        if (!updated) return 'stale';
        await repo.replaceLinks(trx, findingId, links(input, user));
        await appendAuditLog(trx, actor, { action: 'finding.changed', recordType: 'finding', recordId: findingId });
        return 'updated';
      });
    },

    async find(audit: AuditInContext, findingId: string) {
      if (!/^[0-9a-f-]{36}$/i.test(findingId)) throw new NotFound();
      const finding = (await repo.listFindings(db, audit.id)).find((f) => f.id === findingId);
      if (!finding) throw new NotFound();
      return finding;
    },

    async remove(audit: AuditInContext, findingId: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        if (!(await repo.deleteFinding(trx, findingId, audit.id))) throw new NotFound();
        await appendAuditLog(trx, actor, { action: 'finding.deleted', recordType: 'finding', recordId: findingId });
      });
    },
  };
}

export type FindingService = ReturnType<typeof createFindingService>;
