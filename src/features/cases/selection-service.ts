import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import {
  ethnicGroupOf,
  nextCaseReference,
  nextChildPseudonym,
  type LegalStatusCode,
} from '../../domain/case-attributes.ts';
import type { CaseIdentity } from '../../domain/case-identity.ts';
import { decrypt } from '../../domain/encryption.ts';
import { balance, drawSample, type Dimension, type SamplingCandidate } from '../../domain/sampling.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import * as repo from './candidate-repository.ts';
import * as cases from './case-repository.ts';
import { storeIdentity } from './identity-repository.ts';

/**
 * Picking cases from a candidate list, by hand or by a recorded stratified draw, and turning the
 * chosen candidates into cases: "Case N" with one child carrying the candidate's attributes, and
 * the candidate's identifying details copied, still encrypted, into the case's identity.
 */
const CRITERIA_FOR: Partial<Record<string, string>> = {
  early_help: 'early_help',
  child_in_need: 'child_in_need',
  child_protection: 'child_protection',
  looked_after: 'looked_after',
};
export const MAX_CASES_AT_ONCE = 100;

export function createSelectionService(db: Executor, config: Config) {
  const key = config.encryptionKey;

  /** Sampling works on ethnic groups (six), not the twenty categories, so strata stay big enough to mean something. */
  async function samplingCandidates(listId: string): Promise<(SamplingCandidate & { row: repo.CandidateListRow })[]> {
    const rows = await repo.samplingRows(db, listId);
    return rows.map((r) => ({
      id: r.id,
      row: r,
      legalStatus: r.legal_status,
      ageBand: r.age_band,
      sex: r.sex,
      ethnicity: ethnicGroupOf(r.ethnicity),
    }));
  }

  async function list(audit: AuditInContext, listId: string) {
    if (!isUuid(listId)) throw new NotFound();
    const found = await repo.findList(db, audit.id, listId);
    if (!found) throw new NotFound();
    return found;
  }

  async function balanceOfCases(audit: AuditInContext, listId: string) {
    const [candidates, made] = await Promise.all([
      samplingCandidates(listId),
      repo.casesFromList(db, audit.id, listId),
    ]);
    return {
      made,
      balance: balance(
        candidates,
        made.map((m) => m.candidate_id!),
      ),
    };
  }

  return {
    samplingCandidates,
    list,
    balanceOfCases,

    /** A page of the list's candidates as filtered, the cases already made from it, and its draws. */
    async listPage(audit: AuditInContext, listId: string, filter: repo.CandidateFilter, offset: number, limit: number) {
      const found = await list(audit, listId);
      const [{ rows, total }, made, draws] = await Promise.all([
        repo.candidatePage(db, found.id, filter, offset, limit),
        balanceOfCases(audit, found.id),
        repo.drawsOf(db, found.id),
      ]);
      return { list: found, rows, total, made, draws };
    },

    async draw(
      user: CurrentUser,
      audit: AuditInContext,
      listId: string,
      options: { dimensions: Dimension[]; size: number; seed: string },
      actor: Actor,
    ): Promise<string> {
      const candidates = await samplingCandidates(listId);
      const drawn = drawSample(candidates, options);
      return inTransaction(db, async (trx) => {
        const drawId = await repo.insertDraw(trx, {
          auditId: audit.id,
          listId,
          seed: options.seed,
          size: options.size,
          strata: options.dimensions,
          candidateIds: drawn.ids,
          createdBy: user.id,
        });
        await appendAuditLog(trx, actor, {
          action: 'sampling.drawn',
          recordType: 'sampling_draw',
          recordId: drawId,
          detail: {
            auditId: audit.id,
            candidateListId: listId,
            seed: options.seed,
            size: options.size,
            strata: options.dimensions,
            drawn: drawn.drawn,
          },
        });
        return drawId;
      });
    },

    /** A recorded draw, drawn again from its seed to show that it reproduces. */
    async drawDetail(audit: AuditInContext, listId: string, drawId: string) {
      if (!isUuid(drawId)) throw new NotFound();
      const draw = await repo.findDraw(db, audit.id, listId, drawId);
      if (!draw) throw new NotFound();
      const candidates = await samplingCandidates(listId);
      const again = drawSample(candidates, {
        dimensions: draw.strata as Dimension[],
        size: draw.sample_size,
        seed: draw.seed,
      });
      const recorded = new Set(draw.candidate_ids);
      const reproduces = again.ids.length === recorded.size && again.ids.every((id) => recorded.has(id));
      return {
        draw,
        chosen: candidates.filter((c) => recorded.has(c.id)).map((c) => c.row),
        strata: again.strata,
        reproduces,
        balance: balance(candidates, recorded),
      };
    },

    async createCases(
      user: CurrentUser,
      audit: AuditInContext,
      listId: string,
      candidateIds: string[],
      selection: { reason: string; drawId?: string },
      actor: Actor,
    ) {
      return inTransaction(db, async (trx) => {
        const list = await repo.findList(trx, audit.id, listId);
        if (!list) throw new NotFound();
        await repo.lockAudit(trx, audit.id);
        const already = new Set((await repo.casesFromList(trx, audit.id, listId)).map((c) => c.candidate_id));
        const chosen = (await repo.candidatesByIds(trx, listId, candidateIds)).filter((c) => !already.has(c.id));
        const references = (await cases.casesOf(trx, audit.id)).map((c) => c.reference);
        const created: { id: string; reference: string }[] = [];
        for (const candidate of chosen) {
          const reference = nextCaseReference(references);
          references.push(reference);
          const criteria = [
            CRITERIA_FOR[candidate.legal_status],
            candidate.age_band === 'unborn' ? 'unborn' : undefined,
          ].filter((c): c is string => !!c);
          const caseId = await cases.insertCase(
            trx,
            audit.id,
            {
              reference,
              selectionReason: `${selection.reason} (row ${candidate.row_number})`,
              selectedBy: user.displayName,
              sourceAgencyId: list.source_agency_id,
              criteria,
              candidateId: candidate.id,
            },
            user.id,
          );
          const ageYears = candidate.attributes.ageYears === undefined ? null : Number(candidate.attributes.ageYears);
          const unborn = candidate.age_band === 'unborn';
          const childId = await cases.insertChild(trx, caseId, {
            pseudonym: nextChildPseudonym([]),
            ageYears: unborn ? null : ageYears,
            ageBand: unborn || ageYears !== null ? null : candidate.age_band,
            unborn,
            expectedMonth: null,
            sex: candidate.sex,
            ethnicity: candidate.ethnicity,
            senDisability: null,
            legalStatus: candidate.legal_status as LegalStatusCode,
            cpCategory: null,
          });
          await appendAuditLog(trx, actor, {
            action: 'case.created',
            recordType: 'audit_case',
            recordId: caseId,
            detail: {
              auditId: audit.id,
              reference,
              candidateListId: listId,
              candidateId: candidate.id,
              drawId: selection.drawId ?? null,
            },
          });
          await appendAuditLog(trx, actor, {
            action: 'case.child-added',
            recordType: 'audit_case',
            recordId: caseId,
            detail: { childId, pseudonym: 'Child A' },
          });
          if (candidate.identity_encrypted) {
            const found = JSON.parse(decrypt(key, candidate.identity_encrypted)) as {
              name?: string;
              dateOfBirth?: string;
              recordNumber?: string;
              recordLabel?: string;
              address?: string;
            };
            const identity: CaseIdentity = {
              children:
                found.name || found.dateOfBirth
                  ? [{ childId, name: found.name ?? '', dateOfBirth: found.dateOfBirth ?? null }]
                  : [],
              adults: [],
              addresses: found.address ? [found.address] : [],
              records: found.recordNumber
                ? [
                    {
                      agencyId: list.source_agency_id,
                      label: found.recordLabel ?? 'Record number',
                      value: found.recordNumber,
                    },
                  ]
                : [],
            };
            await storeIdentity(trx, key, caseId, identity, 0, user.id);
            await appendAuditLog(trx, actor, {
              action: 'case-identity.changed',
              recordType: 'audit_case',
              recordId: caseId,
              detail: { auditId: audit.id, source: 'candidate list' },
            });
          }
          created.push({ id: caseId, reference });
        }
        return { created, skipped: candidateIds.length - chosen.length };
      });
    },
  };
}

export type SelectionService = ReturnType<typeof createSelectionService>;
