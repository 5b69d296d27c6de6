import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { InvolvementStatus } from '../../db/schema.ts';
import { participationTable } from '../../domain/participation.ts';
import { participationFromReturns, returnsBasis } from '../../domain/participation-returns.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { createInvitations } from './invitation-service.ts';
import * as cellRepo from './involvement-cell-repository.ts';
import { auditCases } from '../audits/audit-parts.ts';
import * as repo from './involvement-repository.ts';
import * as waiverRepo from './return-waiver-repository.ts';
import { cellKey } from './involvement-rules.ts';

export { cellKey, checkInvolvement, INVOLVEMENT_LABELS, NEEDS_REASON } from './involvement-rules.ts';

const SHARED_FROM = ['discussion', 'reporting', 'monitoring', 'closed'];
type AuditAction = 'audit:read' | 'audit:manage' | 'audit:progress' | 'involvement:record' | 'audit:assign';
type CellRow = { caseId: string; status: InvolvementStatus; reason: string; version: number };

export function createInvolvementService(
  db: Executor,
  config: Config,
  mail: MailService,
  returns: Pick<ReturnService, 'leadAddresses'>,
) {
  const invited = (auditId: string) => repo.invitedAgencies(db, auditId);
  const cases = (auditId: string) => auditCases(db, auditId);
  const cells = (auditId: string) => repo.involvementCells(db, auditId);
  /** The recorded cells by `cellKey(caseId, agencyId)`. */
  const cellMap = async (auditId: string) =>
    new Map((await cells(auditId)).map((c) => [cellKey(c.case_id, c.agency_id), c]));
  const auditFor = (user: CurrentUser, auditId: string, action: AuditAction, agencyId?: string) =>
    auditForUser(db, user, auditId, action, agencyId);

  /** One cell: answers whether it was recorded, is stale, or is locked by a started return. */
  async function recordCell(trx: Executor, agencyId: string, row: CellRow, actor: Actor) {
    const current = await cellRepo.lockCell(trx, row.caseId, agencyId);
    if ((current?.version ?? 0) !== row.version) return 'stale';
    if (current?.status === row.status && row.status !== 'involved') {
      await cellRepo.setCellReason(trx, row.caseId, agencyId, row.reason);
      return 'recorded';
    }
    if (current?.status === 'involved' && row.status !== 'involved') {
      if (await cellRepo.returnStarted(trx, row.caseId, agencyId)) return 'locked';
      await cellRepo.dropReturn(trx, row.caseId, agencyId);
    }
    await cellRepo.upsertCell(trx, { ...row, agencyId, userId: actor.userId });
    if (row.status === 'involved') await cellRepo.ensureReturn(trx, row.caseId, agencyId);
    return 'recorded';
  }

  return {
    invited,
    cases,
    cells,
    cellMap,
    auditFor,
    ...createInvitations(db, config, mail, returns),

    /** The agencies page: the audit, who is invited, who else could be, and the agencies' audit leads. */
    async agencies(user: CurrentUser, auditId: string) {
      const audit = await auditFor(user, auditId, 'audit:read');
      const [agencies, others, leads] = await Promise.all([
        invited(audit.id),
        repo.activeAgencies(db, audit.partnershipId),
        repo.auditLeads(db, audit.partnershipId),
      ]);
      return { audit, invited: agencies, others, leads };
    },

    /** One invited agency's column of the matrix, for recording; 404 unless the agency is invited. */
    async agencyColumn(user: CurrentUser, auditId: string, agencyId: string) {
      const audit = await auditFor(user, auditId, 'involvement:record', agencyId);
      const agency = (await invited(audit.id)).find((a) => a.id === agencyId);
      if (!agency) throw new NotFound();
      const [caseRows, recorded] = await Promise.all([cases(audit.id), cellMap(audit.id)]);
      return { audit, agency, cases: caseRows, cells: recorded };
    },

    /** Records an agency's involvement in several cases at once; each row checked against its version. */
    async record(
      audit: AuditInContext,
      agencyId: string,
      rows: CellRow[],
      actor: Actor,
    ): Promise<{ stale: string[]; locked: string[] }> {
      return inTransaction(db, async (trx) => {
        const stale: string[] = [];
        const locked: string[] = [];
        for (const row of rows) {
          const outcome = await recordCell(trx, agencyId, row, actor);
          if (outcome === 'stale') stale.push(row.caseId);
          if (outcome === 'locked') locked.push(row.caseId);
        }
        await appendAuditLog(trx, actor, {
          action: 'involvement.recorded',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyId, rows: rows.length, stale: stale.length, locked: locked.length },
        });
        return { stale, locked };
      });
    },

    /**
     * Per agency: the involvement recorded (the cases it is expected to audit) beside the returns
     * received (what it did audit, the figure the report gives), with the basis of the second.
     */
    async participation(auditId: string) {
      const [agencies, caseRows, recorded, returnRows, waivers] = await Promise.all([
        invited(auditId),
        cases(auditId),
        cells(auditId),
        cellRepo.returnStatuses(db, auditId),
        waiverRepo.waiversOf(db, auditId),
      ]);
      const caseIds = caseRows.map((c) => c.id);
      const cellList = recorded.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status }));
      const expected = participationTable(agencies, caseIds, cellList);
      const received = participationFromReturns(
        agencies,
        caseIds,
        cellList,
        returnRows
          .filter((r) => r.status === 'submitted' || r.status === 'signed_off')
          .map((r) => ({ agencyId: r.agency_id, caseId: r.case_id })),
        waivers.map((w) => ({ agencyId: w.agency_id, caseId: w.case_id })),
      );
      return {
        rows: expected.map((row, i) => ({ ...row, receivedText: received.rows[i]!.text })),
        basis: returnsBasis(received),
      };
    },

    /** The progress page: every agency's cells with their returns, the deadline and open concerns. */
    async progress(user: CurrentUser, auditId: string) {
      const audit = await auditFor(user, auditId, 'audit:progress');
      const [agencies, caseRows, recorded, returnRows, deadline, openConcerns, waivers] = await Promise.all([
        invited(audit.id),
        cases(audit.id),
        cellMap(audit.id),
        cellRepo.returnStatuses(db, audit.id),
        repo.returnsDeadline(db, audit.id),
        cellRepo.openConcernCount(db, audit.id),
        waiverRepo.waiversOf(db, audit.id),
      ]);
      const returnOf = new Map(returnRows.map((r) => [cellKey(r.case_id, r.agency_id), r]));
      const waived = new Set(waivers.map((w) => cellKey(w.case_id, w.agency_id)));
      return { audit, agencies, cases: caseRows, cells: recorded, returnOf, waived, deadline, openConcerns };
    },

    /** Which agencies' columns a person sees: all for coordinator and panel, or from discussion. */
    visibleAgencies<T extends { id: string }>(user: CurrentUser, audit: AuditInContext, agencies: T[]): T[] {
      const all =
        user.roles.includes('coordinator') || user.roles.includes('panel_member') || SHARED_FROM.includes(audit.status);
      return all ? agencies : agencies.filter((a) => a.id === user.agencyId);
    },
  };
}

export type InvolvementService = ReturnType<typeof createInvolvementService>;
