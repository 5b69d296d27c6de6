import type { Executor } from '../../db/transaction.ts';
import { NotFound } from '../../web/errors.ts';
import { auditCases, invitedAgencies } from '../audits/audit-parts.ts';
import * as repo from './report-repository.ts';

/**
 * Every row the report is made from, read once: the model is built from them, and the redaction
 * guard names the record behind each hit from the same rows.
 */
export async function readReportSources(db: Executor, partnershipId: string, auditId: string) {
  const audit = await repo.reportAudit(db, partnershipId, auditId);
  if (!audit) throw new NotFound();
  const [
    milestones,
    agencies,
    cases,
    children,
    cells,
    tools,
    returns,
    concerns,
    findings,
    recommendations,
    actions,
    chronologyEntries,
    waivers,
  ] = await Promise.all([
    repo.milestones(db, audit.id),
    invitedAgencies(db, audit.id),
    auditCases(db, audit.id),
    repo.children(db, audit.id),
    repo.involvementCells(db, audit.id),
    repo.auditTools(db, audit.id),
    repo.countedReturns(db, audit.id),
    repo.concerns(db, audit.id),
    repo.findings(db, audit.id),
    repo.recommendations(db, audit.id),
    repo.actions(db, audit.id),
    repo.chronologyEntryCount(db, audit.id),
    repo.waivers(db, audit.id),
  ]);
  const [answers, recommendationAgencies] = await Promise.all([
    tools.length
      ? repo.answersOf(
          db,
          returns.map((r) => r.id),
        )
      : Promise.resolve([]),
    repo.recommendationAgencies(
      db,
      recommendations.map((r) => r.id),
    ),
  ]);
  return {
    audit,
    milestones,
    agencies,
    cases,
    children,
    cells,
    tools,
    returns,
    answers,
    concerns,
    findings,
    recommendations,
    recommendationAgencies,
    actions,
    chronologyEntries,
    waivers,
  };
}

export type ReportSources = Awaited<ReturnType<typeof readReportSources>>;
