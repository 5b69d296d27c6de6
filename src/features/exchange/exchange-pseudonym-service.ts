import crypto from 'node:crypto';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { replaceWithPseudonyms, type PseudonymChange } from '../../domain/pseudonyms.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditService } from '../audits/audit-service.ts';
import { readDocument, type ExportDependencies } from './exchange-export-service.ts';
import * as repo from './exchange-pseudonym-repository.ts';
import { screenExchange, type ExchangeHit } from './exchange-screen.ts';

/** A finding, recommendation or action whose text the replacement rewrites. */
export type RecordChange = {
  pointer: string;
  where: string;
  table: repo.OutcomeTable;
  id: string;
  before: string;
  after: string;
  changes: PseudonymChange[];
};
export type ExchangePseudonymPlan = { changes: RecordChange[]; manual: ExchangeHit[]; fingerprint: string };

const REPLACEABLE: Record<string, repo.OutcomeTable> = {
  findings: 'finding',
  recommendations: 'recommendation',
  actions: 'action',
};

/**
 * "Replace with pseudonyms" for an exchange file stopped by the guard: the findings,
 * recommendations and actions it names a family in are rewritten in the case's own words, after a
 * preview, in the records themselves (so the report and briefings gain too). Other places (a
 * return, a chronology entry) are listed for their agency to correct. Coordinators only.
 */
export function createExchangePseudonymService(db: Executor, deps: ExportDependencies & { audits: AuditService }) {
  async function plan(user: CurrentUser, auditId: string, actor: Actor): Promise<ExchangePseudonymPlan> {
    const audit = await deps.audits.forUser(user, auditId, 'audit:manage');
    const document = await readDocument(db, deps, audit.id, false);
    const terms = await deps.terms({ id: audit.id }, actor);
    const knownWords = [document.source.partnership, ...document.agencies.map((a) => a.name)];
    const hits = screenExchange(document, terms, knownWords);
    const ids = await repo.outcomeIds(db, audit.id);
    const byPointer = new Map<string, ExchangeHit[]>();
    for (const h of hits) byPointer.set(h.pointer, [...(byPointer.get(h.pointer) ?? []), h]);
    const changes: RecordChange[] = [];
    const manual: ExchangeHit[] = [];
    for (const [pointer, own] of byPointer) {
      const m = /^\/(findings|recommendations|actions)\/(\d+)\/text$/.exec(pointer);
      const table = m ? REPLACEABLE[m[1]!] : undefined;
      const index = Number(m?.[2]);
      const record = m ? (document[m[1] as 'findings'] as { text: string }[])[index] : undefined;
      const id = table ? ids[table][index] : undefined;
      if (!table || !record || !id) {
        manual.push(...own);
        continue;
      }
      const replaced = replaceWithPseudonyms(
        record.text,
        own.map((h) => h.hit),
        (termIndex) => terms[termIndex]?.standsFor ?? '[removed]',
      );
      changes.push({
        pointer,
        where: own[0]!.where,
        table,
        id,
        before: record.text,
        after: replaced.text,
        changes: replaced.changes,
      });
    }
    const fingerprint = crypto
      .createHash('sha256')
      .update(JSON.stringify(changes.map((c) => [c.id, c.before, c.after])))
      .digest('hex')
      .slice(0, 32);
    return { changes, manual, fingerprint };
  }

  return {
    previewExchangePseudonyms: plan,

    /** Applies the preview, only if nothing changed since it was shown; all or nothing. */
    async applyExchangePseudonyms(
      user: CurrentUser,
      auditId: string,
      fingerprint: string,
      actor: Actor,
    ): Promise<{ kind: 'applied'; records: number; manual: number } | { kind: 'stale' }> {
      const planned = await plan(user, auditId, actor);
      if (planned.fingerprint !== fingerprint || planned.changes.length === 0) return { kind: 'stale' };
      return inTransaction(db, async (trx) => {
        for (const c of planned.changes) if (!(await repo.replaceText(trx, { ...c, auditId }))) throw new StaleRecord();
        await appendAuditLog(trx, actor, {
          action: 'audit.pseudonyms-applied',
          recordType: 'audit',
          recordId: auditId,
          detail: {
            records: planned.changes.map((c) => ({ type: c.table, id: c.id })),
            changes: planned.changes.reduce((n, c) => n + c.changes.length, 0),
          },
        });
        return { kind: 'applied' as const, records: planned.changes.length, manual: planned.manual.length };
      }).catch((error: unknown) => {
        if (error instanceof StaleRecord) return { kind: 'stale' as const };
        throw error;
      });
    },
  };
}

class StaleRecord extends Error {}

export type ExchangePseudonymService = ReturnType<typeof createExchangePseudonymService>;
