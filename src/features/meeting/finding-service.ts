import type { Db } from '../../db/database.ts';
import { suggestThemes } from '../../domain/theme-suggester.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import type { FindingChoices, FindingInput } from './finding-form.ts';
import { listFindings, listThemes, replaceLinks } from './meeting-repository.ts';

export function createFindingService(db: Db) {
  async function choicesFor(audit: AuditInContext) {
    const [cases, agencies, themes, sections] = await Promise.all([
      db
        .selectFrom('audit_case')
        .select(['id', 'reference'])
        .where('audit_id', '=', audit.id)
        .orderBy('position')
        .orderBy('reference')
        .execute(),
      db
        .selectFrom('agency as g')
        .innerJoin('audit_agency as aa', 'aa.agency_id', 'g.id')
        .select(['g.id', 'g.name'])
        .where('aa.audit_id', '=', audit.id)
        .orderBy('g.name')
        .execute(),
      listThemes(db, audit.partnershipId),
      db
        .selectFrom('audit_tool as t')
        .innerJoin('template_version as v', 'v.id', 't.template_version_id')
        .select('v.content')
        .where('t.audit_id', '=', audit.id)
        .orderBy('t.position')
        .execute(),
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
      const [findings, choices] = await Promise.all([listFindings(db, audit.id), choicesFor(audit)]);
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

    /** Themes suggested for the text, as ids of the partnership's themes, with why. */
    suggest(text: string, themes: { id: string; code: string }[]) {
      return suggestThemes(text).flatMap((s) => {
        const theme = themes.find((t) => t.code === s.code);
        return theme ? [{ id: theme.id, because: s.because }] : [];
      });
    },

    async create(user: CurrentUser, audit: AuditInContext, input: FindingInput, actor: Actor): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('finding')
          .values({
            audit_id: audit.id,
            kind: input.kind,
            across_cases: input.acrossCases,
            text: input.text,
            domain: input.domain,
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await replaceLinks(trx, row.id, {
          caseIds: input.caseIds,
          agencyIds: input.agencyIds,
          themes: input.themeIds.map((id) => ({ id, suggested: input.suggestedIds.includes(id) })),
          userId: user.id,
        });
        await appendAuditLog(trx, actor, {
          action: 'finding.created',
          recordType: 'finding',
          recordId: row.id,
          detail: { auditId: audit.id },
        });
        return row.id;
      });
    },

    async update(
      user: CurrentUser,
      audit: AuditInContext,
      findingId: string,
      input: FindingInput,
      actor: Actor,
    ): Promise<'updated' | 'stale'> {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('finding')
          .set((eb) => ({
            kind: input.kind,
            across_cases: input.acrossCases,
            text: input.text,
            domain: input.domain,
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', findingId)
          .where('audit_id', '=', audit.id)
          .where('version', '=', input.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return 'stale';
        await replaceLinks(trx, findingId, {
          caseIds: input.caseIds,
          agencyIds: input.agencyIds,
          themes: input.themeIds.map((id) => ({ id, suggested: input.suggestedIds.includes(id) })),
          userId: user.id,
        });
        await appendAuditLog(trx, actor, { action: 'finding.changed', recordType: 'finding', recordId: findingId });
        return 'updated';
      });
    },

    async find(audit: AuditInContext, findingId: string) {
      if (!/^[0-9a-f-]{36}$/i.test(findingId)) throw new NotFound();
      const finding = (await listFindings(db, audit.id)).find((f) => f.id === findingId);
      if (!finding) throw new NotFound();
      return finding;
    },

    async remove(audit: AuditInContext, findingId: string, actor: Actor): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('finding')
          .where('id', '=', findingId)
          .where('audit_id', '=', audit.id)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw new NotFound();
        await appendAuditLog(trx, actor, { action: 'finding.deleted', recordType: 'finding', recordId: findingId });
      });
    },
  };
}

export type FindingService = ReturnType<typeof createFindingService>;
