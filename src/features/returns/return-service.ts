import type { Config } from '../../config.ts';
import type { Executor } from '../../db/transaction.ts';
import { OVERALL_GRADE_SCALE } from '../../domain/overall-grades.ts';
import { isEditable } from '../../domain/return-lifecycle.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { MailService } from '../mail/mail-service.ts';
import { createReturnAccess, logReturnEvent } from './return-access-service.ts';
import { createReturnEditing } from './return-editing-service.ts';
import { actionsFor, returnHistory } from './return-history-repository.ts';
import { agencyAssignments, agencyReturns } from './return-list-repository.ts';
import { leadAddresses } from './return-recipient-repository.ts';
import * as repo from './return-repository.ts';
import { createReturnWorkflow } from './return-workflow-service.ts';

export type { ReturnContext } from './return-access-service.ts';
export type { SaveOutcome } from './return-editing-service.ts';

export const OVERALL_SCALE = OVERALL_GRADE_SCALE;
// No agency: a person outside every agency matches no return.
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

export function createReturnService(db: Executor, config: Config, mail: MailService) {
  const access = createReturnAccess(db);
  const { authorised, actorsFor } = access;

  return {
    authorised,
    actorsFor,
    ...createReturnEditing(db, access),
    ...createReturnWorkflow(db, config, mail, access),

    /** The return for reading, with the read written to the audit log. */
    async view(user: CurrentUser, returnId: string, actor: Actor) {
      const ctx = await authorised(user, returnId, 'return:read', actor);
      await logReturnEvent(db, actor, 'return.viewed', returnId);
      const [states, answers, actions, history] = await Promise.all([
        repo.sectionStates(db, returnId),
        repo.answersFor(db, returnId),
        actionsFor(db, returnId),
        returnHistory(db, returnId),
      ]);
      return { ...ctx, states, answers, actions, history, actors: actorsFor(user, ctx) };
    },

    /** The agency's returns in open audits, each with the agency's people assigned to its case. */
    async agencyList(user: CurrentUser) {
      const agencyId = user.agencyId ?? NO_AGENCY;
      const [rows, assigned] = await Promise.all([
        agencyReturns(db, agencyId, user.partnershipId),
        agencyAssignments(db, agencyId, user.partnershipId),
      ]);
      return rows.map((r) => ({ ...r, auditors: assigned.filter((s) => s.case_id === r.case_id) }));
    },

    /** One section's form: the section, what is stored, and whether this person may change it. */
    async section(user: CurrentUser, returnId: string, versionId: string, sectionKey: string, actor: Actor) {
      const ctx = await authorised(user, returnId, 'return:read', actor);
      const index = ctx.sections.findIndex((s) => s.tool.id === versionId && s.section.key === sectionKey);
      const found = ctx.sections[index];
      if (!found) throw new NotFound();
      const [states, stored] = await Promise.all([
        repo.sectionStates(db, returnId),
        repo.answersFor(db, returnId, versionId),
      ]);
      return {
        ctx,
        ...found,
        index,
        state: states.find((s) => s.templateVersionId === versionId && s.sectionKey === sectionKey),
        stored,
        editable: isEditable(ctx.row.status) && actorsFor(user, ctx).includes('auditor'),
      };
    },

    /** The return with its single-agency actions, for the auditor. */
    async actions(user: CurrentUser, returnId: string, actor: Actor) {
      const ctx = await authorised(user, returnId, 'return:edit', actor);
      return { row: ctx.row, actions: await actionsFor(db, ctx.row.id) };
    },

    /** The agency's audit leads' addresses, for other features' e-mails in their transaction. */
    leadAddresses: (executor: Executor, auditId: string, agencyId: string) =>
      leadAddresses(executor, auditId, agencyId),
  };
}

export type ReturnService = ReturnType<typeof createReturnService>;
