import { inTransaction, type Executor } from '../../db/transaction.ts';
import { checkReturnMove, isEditable } from '../../domain/return-lifecycle.ts';
import { checkSection, type PostedSection } from '../../domain/return-answers.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { logReturnEvent, UUID, type ReturnAccess } from './return-access-service.ts';
import { deleteAction, insertAction } from './return-history-repository.ts';
import * as repo from './return-repository.ts';

export type SaveOutcome =
  | { kind: 'saved'; version: number; complete: boolean }
  | { kind: 'invalid'; errors: Record<string, { text: string }> }
  | {
      kind: 'conflict';
      theirs: { answers: repo.Answer[]; workedWell: string; areasForDevelopment: string; version: number };
    }
  | { kind: 'locked' };

export type SectionInput = {
  returnId: string;
  templateVersionId: string;
  sectionKey: string;
  expectedVersion: number;
  posted: PostedSection;
  mode: 'complete' | 'draft';
};

/** The auditor's changes to a draft return: sections, overall grade and actions, each in a transaction. */
export function createReturnEditing(db: Executor, { authorised }: ReturnAccess) {
  /** What someone else saved, for the comparison page. */
  async function theirs(trx: Executor, input: SectionInput) {
    const state = (await repo.sectionStates(trx, input.returnId)).find(
      (s) => s.templateVersionId === input.templateVersionId && s.sectionKey === input.sectionKey,
    );
    const answers = await repo.answersFor(trx, input.returnId, input.templateVersionId);
    return {
      answers,
      workedWell: state?.workedWell ?? '',
      areasForDevelopment: state?.areasForDevelopment ?? '',
      version: state?.version ?? 0,
    };
  }

  return {
    async saveSection(user: CurrentUser, input: SectionInput, actor: Actor): Promise<SaveOutcome> {
      return inTransaction(db, async (trx) => {
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
        if (version === undefined) return { kind: 'conflict', theirs: await theirs(trx, input) };
        if (ctx.row.status !== 'in_progress') {
          const next = checkReturnMove('save', ctx.row.status, ['auditor']);
          if (next.ok) {
            await repo.setReturnStatus(trx, input.returnId, next.to);
            await repo.recordEvent(trx, input.returnId, 'started', ctx.row.status, next.to, '', user.id);
          }
        }
        await logReturnEvent(trx, actor, 'return.section-saved', input.returnId, {
          section: input.sectionKey,
          mode: input.mode,
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
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status)) return { ok: false as const, problem: 'locked' as const };
        if (ctx.row.version !== input.version)
          return { ok: false as const, problem: 'stale' as const, current: ctx.row };
        const started = ctx.row.status === 'not_started' || ctx.row.status === 'returned';
        await repo.saveOverall(trx, returnId, input, user.id, started ? 'in_progress' : ctx.row.status);
        await logReturnEvent(trx, actor, 'return.overall-saved', returnId);
        return { ok: true as const };
      });
    },

    async addAction(
      user: CurrentUser,
      returnId: string,
      input: { action: string; owner: string; dueOn: string | null },
      actor: Actor,
    ) {
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status)) return { ok: false as const };
        await insertAction(trx, { returnId, ...input, userId: user.id });
        await logReturnEvent(trx, actor, 'return.action-added', returnId);
        return { ok: true as const };
      });
    },

    async removeAction(user: CurrentUser, returnId: string, actionId: string, actor: Actor) {
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        if (!isEditable(ctx.row.status) || !UUID.test(actionId)) return { ok: false as const };
        if (!(await deleteAction(trx, returnId, actionId))) return { ok: false as const };
        await logReturnEvent(trx, actor, 'return.action-removed', returnId);
        return { ok: true as const };
      });
    },
  };
}
