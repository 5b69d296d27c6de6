import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { checkReturnMove } from '../../domain/return-lifecycle.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { MailService } from '../mail/mail-service.ts';
import { logReturnEvent, type ReturnAccess, type ReturnContext } from './return-access-service.ts';
import { returnSentBackEmail, returnSubmittedEmail } from './return-emails.ts';
import { auditorAddresses, leadAddresses } from './return-recipient-repository.ts';
import * as repo from './return-repository.ts';

/** A return's moves between people: submit, sign off or send back, reopen; each e-mailed and logged. */
export function createReturnWorkflow(db: Executor, config: Config, mail: MailService, access: ReturnAccess) {
  const { authorised, actorsFor } = access;

  /** What still stops submission: unfinished sections, no overall grade, no auditor named. */
  async function missingForSubmit(returnId: string, ctx: ReturnContext): Promise<string[]> {
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
  }

  return {
    missingForSubmit,

    /** The check-and-submit page: the return and what still stops its submission. */
    async submission(user: CurrentUser, returnId: string, actor: Actor) {
      const ctx = await authorised(user, returnId, 'return:edit', actor);
      return { row: ctx.row, missing: await missingForSubmit(ctx.row.id, ctx) };
    },

    async submit(user: CurrentUser, returnId: string, actor: Actor) {
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:edit', actor, trx, true);
        const check = checkReturnMove('submit', ctx.row.status, actorsFor(user, ctx));
        if (!check.ok) {
          const problem =
            check.problem === 'locked'
              ? 'This return has already been submitted'
              : 'This return cannot be submitted now';
          return { ok: false as const, missing: [problem] };
        }
        const missing = await missingForSubmit(returnId, ctx);
        if (missing.length) return { ok: false as const, missing };
        await repo.setReturnStatus(trx, returnId, 'submitted', { submitted_at: new Date(), submitted_by: user.id });
        await repo.recordEvent(trx, returnId, 'submit', ctx.row.status, 'submitted', '', user.id);
        const email = returnSubmittedEmail({
          auditTitle: ctx.row.auditTitle,
          caseReference: ctx.row.caseReference,
          agencyName: ctx.row.agencyName,
          link: `${config.baseUrl}/returns/${returnId}`,
        });
        for (const to of await leadAddresses(trx, ctx.row.auditId, ctx.row.agencyId))
          await mail.queue(trx, { partnershipId: ctx.row.partnershipId, to, email });
        await logReturnEvent(trx, actor, 'return.submitted', returnId);
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
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:review', actor, trx, true);
        const check = checkReturnMove(decision, ctx.row.status, actorsFor(user, ctx), comments);
        if (!check.ok) return { ok: false as const, problem: check.problem };
        const extra =
          decision === 'sign_off' ? { signed_off_at: new Date(), signed_off_by: user.id } : { lead_comments: comments };
        await repo.setReturnStatus(trx, returnId, check.to, extra);
        await repo.recordEvent(trx, returnId, decision, ctx.row.status, check.to, comments, user.id);
        if (decision === 'send_back') {
          const email = returnSentBackEmail({
            auditTitle: ctx.row.auditTitle,
            caseReference: ctx.row.caseReference,
            link: `${config.baseUrl}/returns/${returnId}`,
          });
          for (const to of await auditorAddresses(trx, ctx.row.caseId, ctx.row.agencyId, returnId))
            await mail.queue(trx, { partnershipId: ctx.row.partnershipId, to, email });
        }
        await logReturnEvent(trx, actor, decision === 'sign_off' ? 'return.signed-off' : 'return.sent-back', returnId);
        return { ok: true as const };
      });
    },

    async reopen(user: CurrentUser, returnId: string, reason: string, actor: Actor) {
      return inTransaction(db, async (trx) => {
        const ctx = await authorised(user, returnId, 'return:reopen', actor, trx, true);
        const check = checkReturnMove('reopen', ctx.row.status, actorsFor(user, ctx), reason);
        if (!check.ok) return { ok: false as const, problem: check.problem };
        await repo.setReturnStatus(trx, returnId, check.to, { signed_off_at: null, signed_off_by: null });
        await repo.recordEvent(trx, returnId, 'reopen', ctx.row.status, check.to, reason, user.id);
        await logReturnEvent(trx, actor, 'return.reopened', returnId, { reason });
        return { ok: true as const };
      });
    },
  };
}
