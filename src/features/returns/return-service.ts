import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { STANDARD_SCALES, sectionsFor, type Section } from '../../domain/audit-tool.ts';
import { can, type Action, type Resource } from '../../domain/authorisation.ts';
import { checkReturnMove, isEditable, type ReturnActor } from '../../domain/return-lifecycle.ts';
import { checkSection, type PostedSection } from '../../domain/return-answers.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import { auditorAddresses, leadAddresses, returnSentBackEmail, returnSubmittedEmail } from './return-emails.ts';
import * as repo from './return-repository.ts';

export const OVERALL_SCALE = STANDARD_SCALES[0]!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReturnContext = {
  row: repo.ReturnRow;
  resource: Resource;
  tools: repo.ToolVersion[];
  sections: { tool: repo.ToolVersion; section: Section }[];
};

export type SaveOutcome =
  | { kind: 'saved'; version: number; complete: boolean }
  | { kind: 'invalid'; errors: Record<string, { text: string }> }
  | {
      kind: 'conflict';
      theirs: { answers: repo.Answer[]; workedWell: string; areasForDevelopment: string; version: number };
    }
  | { kind: 'locked' };

export function createReturnService(db: Db, config: Config, mail: MailService) {
  async function context(trx: Db, returnId: string, forUpdate = false): Promise<ReturnContext | undefined> {
    if (!UUID.test(returnId)) return undefined;
    const row = await repo.findReturn(trx, returnId, { forUpdate });
    if (!row) return undefined;
    const invited = await trx
      .selectFrom('audit_agency')
      .select('agency_id')
      .where('audit_id', '=', row.auditId)
      .execute();
    const resource: Resource = {
      partnershipId: row.partnershipId,
      agencyId: row.agencyId,
      invitedAgencyIds: invited.map((r) => r.agency_id),
      auditStatus: row.auditStatus,
      returnStatus: row.status,
      shareReturnsEarly: row.auditSettings.shareReturnsEarly === true,
    };
    const tools = await repo.auditToolVersions(trx, row.auditId);
    const sections = tools.flatMap((tool) =>
      sectionsFor(tool.content, row.agencyType).map((section) => ({ tool, section })),
    );
    return { row, resource, tools, sections };
  }

  /** Loads a return for a person and an action; a refusal is logged, then answers 404. */
  async function authorised(
    user: CurrentUser,
    returnId: string,
    action: Action,
    actor: Actor,
    trx: Db = db,
    forUpdate = false,
  ): Promise<ReturnContext> {
    const ctx = await context(trx, returnId, forUpdate);
    if (!ctx || ctx.row.partnershipId !== user.partnershipId) throw new NotFound();
    if (!can(user, action, ctx.resource)) {
      await appendAuditLog(db, actor, {
        action: 'return.refused',
        recordType: 'agency_return',
        recordId: returnId,
        detail: { attempted: action },
      });
      throw new NotFound();
    }
    return ctx;
  }

  function actorsFor(user: CurrentUser, ctx: ReturnContext): ReturnActor[] {
    const actors: ReturnActor[] = [];
    if (can(user, 'return:edit', ctx.resource)) actors.push('auditor');
    if (can(user, 'return:review', ctx.resource)) actors.push('lead');
    if (can(user, 'return:reopen', ctx.resource)) actors.push('coordinator');
    return actors;
  }

  return {
    authorised,
    actorsFor,

    /** The return for reading, with the read written to the audit log. */
    async view(user: CurrentUser, returnId: string, actor: Actor) {
      const ctx = await authorised(user, returnId, 'return:read', actor);
      await appendAuditLog(db, actor, { action: 'return.viewed', recordType: 'agency_return', recordId: returnId });
      const [states, answers, actions, history] = await Promise.all([
        repo.sectionStates(db, returnId),
        repo.answersFor(db, returnId),
        repo.actionsFor(db, returnId),
        repo.returnHistory(db, returnId),
      ]);
      return { ...ctx, states, answers, actions, history, actors: actorsFor(user, ctx) };
    },

    async saveSection(
      user: CurrentUser,
      input: {
        returnId: string;
        templateVersionId: string;
        sectionKey: string;
        expectedVersion: number;
        posted: PostedSection;
        mode: 'complete' | 'draft';
      },
      actor: Actor,
    ): Promise<SaveOutcome> {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, input.returnId, 'return:edit', actor, trx, true);
        const found = ctx.sections.find(
          (s) => s.tool.id === input.templateVersionId && s.section.key === input.sectionKey,
        );
        if (!found) throw new NotFound();
        if (!isEditable(ctx.row.status)) return { kind: 'locked' };
        const check = checkSection(found.tool.content, found.section, input.posted, input.mode);
        if (Object.keys(check.errors).length > 0) return { kind: 'invalid', errors: check.errors };
        const version = await repo.saveSectionIfCurrent(trx, {
          returnId: input.returnId,
          templateVersionId: input.templateVersionId,
          sectionKey: input.sectionKey,
          expectedVersion: input.expectedVersion,
          status: input.mode === 'complete' && check.complete ? 'completed' : 'in_progress',
          workedWell: input.posted.workedWell,
          areasForDevelopment: input.posted.areasForDevelopment,
          answers: check.answers,
          userId: user.id,
        });
        if (version === undefined) {
          const state = (await repo.sectionStates(trx, input.returnId)).find(
            (s) => s.templateVersionId === input.templateVersionId && s.sectionKey === input.sectionKey,
          );
          const theirs = await repo.answersFor(trx, input.returnId, input.templateVersionId);
          return {
            kind: 'conflict',
            theirs: {
              answers: theirs,
              workedWell: state?.workedWell ?? '',
              areasForDevelopment: state?.areasForDevelopment ?? '',
              version: state?.version ?? 0,
            },
          };
        }
        if (ctx.row.status !== 'in_progress') {
          const next = checkReturnMove('save', ctx.row.status, ['auditor']);
          if (next.ok) {
            await repo.setReturnStatus(trx, input.returnId, next.to);
            await repo.recordEvent(trx, input.returnId, 'started', ctx.row.status, next.to, '', user.id);
          }
        }
        await appendAuditLog(trx, actor, {
          action: 'return.section-saved',
          recordType: 'agency_return',
          recordId: input.returnId,
          detail: { section: input.sectionKey, mode: input.mode },
        });
        return { kind: 'saved', version, complete: check.complete };
      });
    },

    async saveOverall(
      user: CurrentUser,
      returnId: string,
      input: { grade: string; rationale: string; auditorName: string; auditorRole: string; version: number },
      actor: Actor,
    ) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status)) return { ok: false as const, problem: 'locked' as const };
        if (ctx.row.version !== input.version)
          return { ok: false as const, problem: 'stale' as const, current: ctx.row };
        await trx
          .updateTable('agency_return')
          .set((eb) => ({
            overall_grade: input.grade || null,
            overall_rationale: input.rationale,
            auditor_name: input.auditorName,
            auditor_role: input.auditorRole,
            auditor_user_id: user.id,
            version: eb('version', '+', 1),
            updated_at: new Date(),
            status: ctx.row.status === 'not_started' || ctx.row.status === 'returned' ? 'in_progress' : ctx.row.status,
          }))
          .where('id', '=', returnId)
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'return.overall-saved',
          recordType: 'agency_return',
          recordId: returnId,
        });
        return { ok: true as const };
      });
    },

    async addAction(
      user: CurrentUser,
      returnId: string,
      input: { action: string; owner: string; dueOn: string | null },
      actor: Actor,
    ) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status)) return { ok: false as const };
        await trx
          .insertInto('single_agency_action')
          .values({
            return_id: returnId,
            action: input.action,
            owner: input.owner,
            due_on: input.dueOn,
            created_by: user.id,
          })
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'return.action-added',
          recordType: 'agency_return',
          recordId: returnId,
        });
        return { ok: true as const };
      });
    },

    async removeAction(user: CurrentUser, returnId: string, actionId: string, actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status) || !UUID.test(actionId)) return { ok: false as const };
        const removed = await trx
          .deleteFrom('single_agency_action')
          .where('id', '=', actionId)
          .where('return_id', '=', returnId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return { ok: false as const };
        await appendAuditLog(trx, actor, {
          action: 'return.action-removed',
          recordType: 'agency_return',
          recordId: returnId,
        });
        return { ok: true as const };
      });
    },

    /** What still stops submission: unfinished sections, no overall grade, no auditor named. */
    async missingForSubmit(returnId: string, ctx: ReturnContext): Promise<string[]> {
      const states = await repo.sectionStates(db, returnId);
      const missing = ctx.sections
        .filter(
          ({ tool, section }) =>
            states.find((s) => s.templateVersionId === tool.id && s.sectionKey === section.key)?.status !== 'completed',
        )
        .map(({ section }) => `Complete the section “${section.title}”`);
      if (ctx.sections.length === 0) missing.push('The coordinator has not chosen the audit tools yet');
      if (!ctx.row.overallGrade) missing.push('Give the overall single-agency grade');
      if (!ctx.row.overallRationale.trim()) missing.push('Give the rationale for the overall grade');
      if (!ctx.row.auditorName.trim()) missing.push('Enter the auditor’s name and role');
      return missing;
    },

    async submit(user: CurrentUser, returnId: string, actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        const check = checkReturnMove('submit', ctx.row.status, actorsFor(user, ctx));
        if (!check.ok)
          return {
            ok: false as const,
            missing: [
              check.problem === 'locked'
                ? 'This return has already been submitted'
                : 'This return cannot be submitted now',
            ],
          };
        const missing = await this.missingForSubmit(returnId, ctx);
        if (missing.length) return { ok: false as const, missing };
        await repo.setReturnStatus(trx, returnId, 'submitted', { submitted_at: new Date(), submitted_by: user.id });
        await repo.recordEvent(trx, returnId, 'submit', ctx.row.status, 'submitted', '', user.id);
        for (const to of await leadAddresses(trx, ctx.row.auditId, ctx.row.agencyId)) {
          await mail.queue(trx, {
            partnershipId: ctx.row.partnershipId,
            to,
            email: returnSubmittedEmail({
              auditTitle: ctx.row.auditTitle,
              caseReference: ctx.row.caseReference,
              agencyName: ctx.row.agencyName,
              link: `${config.baseUrl}/returns/${returnId}`,
            }),
          });
        }
        await appendAuditLog(trx, actor, {
          action: 'return.submitted',
          recordType: 'agency_return',
          recordId: returnId,
        });
        return { ok: true as const };
      });
    },

    async review(
      user: CurrentUser,
      returnId: string,
      decision: 'sign_off' | 'send_back',
      comments: string,
      actor: Actor,
    ) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:review', actor, trx, true);
        const check = checkReturnMove(decision, ctx.row.status, actorsFor(user, ctx), comments);
        if (!check.ok) return { ok: false as const, problem: check.problem };
        const extra =
          decision === 'sign_off' ? { signed_off_at: new Date(), signed_off_by: user.id } : { lead_comments: comments };
        await repo.setReturnStatus(trx, returnId, check.to, extra);
        await repo.recordEvent(trx, returnId, decision, ctx.row.status, check.to, comments, user.id);
        if (decision === 'send_back') {
          for (const to of await auditorAddresses(trx, ctx.row.caseId, ctx.row.agencyId, returnId)) {
            await mail.queue(trx, {
              partnershipId: ctx.row.partnershipId,
              to,
              email: returnSentBackEmail({
                auditTitle: ctx.row.auditTitle,
                caseReference: ctx.row.caseReference,
                link: `${config.baseUrl}/returns/${returnId}`,
              }),
            });
          }
        }
        await appendAuditLog(trx, actor, {
          action: decision === 'sign_off' ? 'return.signed-off' : 'return.sent-back',
          recordType: 'agency_return',
          recordId: returnId,
        });
        return { ok: true as const };
      });
    },

    async reopen(user: CurrentUser, returnId: string, reason: string, actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const ctx = await authorised(user, returnId, 'return:reopen', actor, trx, true);
        const check = checkReturnMove('reopen', ctx.row.status, actorsFor(user, ctx), reason);
        if (!check.ok) return { ok: false as const, problem: check.problem };
        await repo.setReturnStatus(trx, returnId, check.to, { signed_off_at: null, signed_off_by: null });
        await repo.recordEvent(trx, returnId, 'reopen', ctx.row.status, check.to, reason, user.id);
        await appendAuditLog(trx, actor, {
          action: 'return.reopened',
          recordType: 'agency_return',
          recordId: returnId,
          detail: { reason },
        });
        return { ok: true as const };
      });
    },
  };
}

export type ReturnService = ReturnType<typeof createReturnService>;
