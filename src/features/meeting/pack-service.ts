import type { Executor } from '../../db/transaction.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { heatmap, type Judgement } from '../../domain/moderation.ts';
import type { CurrentUser, Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser } from '../audits/audit-access.ts';
import type { ChronologyService } from '../chronology/chronology-service.ts';
import type { ConcernService } from '../concerns/concern-service.ts';
import { auditTools } from './audit-parts-repository.ts';
import { auditCases } from '../audits/audit-parts.ts';
import { agreedRows } from './case-note-rows.ts';
import type { CaseNotesService } from './case-notes-service.ts';
import * as repo from './pack-repository.ts';

/**
 * The meeting pack: for each case, every agency's submitted return side by side by domain, a
 * heatmap of judgements with the cells to moderate, the chronology's points to discuss, and the
 * concerns raised. Only submitted or signed-off returns are in it.
 */
export type PackCase = {
  id: string;
  reference: string;
  agencies: { id: string; name: string }[];
  domains: {
    title: string;
    questions: { key: string; text: string; answers: Record<string, { label: string; evidence: string }> }[];
  }[];
  heatmap: { domain: string; cells: Record<string, { labels: string[]; moderate: boolean }> }[];
  points: { question: string; status: string }[];
  notes: {
    agencyName: string;
    workedWell: string;
    areasForDevelopment: string;
    grade: string | null;
    rationale: string;
  }[];
};

export function createPackService(
  db: Executor,
  chronology: ChronologyService,
  concerns: ConcernService,
  caseNotes: CaseNotesService,
) {
  return {
    async pack(user: CurrentUser, auditId: string, actor: Actor) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const tools = await auditTools(db, audit.id);
      const cases = await auditCases(db, audit.id);
      const returns = await repo.submittedReturns(db, audit.id);
      const ids = returns.map((r) => r.id);
      const [answers, notes] = await Promise.all([repo.answersOf(db, ids), repo.sectionNotesOf(db, ids)]);
      const packCases: PackCase[] = [];
      for (const kase of cases) {
        const caseReturns = returns.filter((r) => r.case_id === kase.id);
        const agencies = caseReturns.map((r) => ({ id: r.agency_id, name: r.name }));
        const judgements: Judgement[] = [];
        const domains: PackCase['domains'] = [];
        for (const tool of tools) {
          const content = tool.content as unknown as AuditTool;
          for (const section of content.sections) {
            const questions = section.questions.map((q) => {
              const row: Record<string, { label: string; evidence: string }> = {};
              const scale = content.scales.find((s) => s.key === q.scale);
              for (const r of caseReturns) {
                const a = answers.find(
                  (x) => x.return_id === r.id && x.template_version_id === tool.id && x.question_key === q.key,
                );
                if (!a?.answer) continue;
                row[r.agency_id] = {
                  label: scale?.values.find((v) => v.value === a.answer)?.label ?? a.answer,
                  evidence: a.evidence,
                };
                if (scale && q.type === 'judgement')
                  judgements.push({
                    agencyId: r.agency_id,
                    domain: section.title,
                    questionKey: `${tool.id}:${q.key}`,
                    scale,
                    value: a.answer,
                  });
              }
              return { key: q.key, text: q.text, answers: row };
            });
            if (questions.some((q) => Object.keys(q.answers).length)) domains.push({ title: section.title, questions });
          }
        }
        const cells = heatmap(judgements);
        const points = (await chronology.points(kase.id, audit.partnershipId))
          .filter((p) => p.status !== 'dismissed')
          .map((p) => ({ question: p.question, status: p.status }));
        packCases.push({
          id: kase.id,
          reference: kase.reference,
          agencies,
          domains,
          heatmap: domains.map((d) => ({
            domain: d.title,
            cells: Object.fromEntries(
              agencies.map((a) => {
                const c = cells.find((x) => x.agencyId === a.id && x.domain === d.title);
                return [a.id, { labels: (c?.values ?? []).map((v) => v.label), moderate: c?.moderate ?? false }];
              }),
            ),
          })),
          points,
          notes: caseReturns.map((r) => ({
            agencyName: r.name,
            grade: r.overall_grade,
            rationale: r.overall_rationale,
            workedWell: notes
              .filter((n) => n.return_id === r.id)
              .map((n) => n.worked_well)
              .filter(Boolean)
              .join(' '),
            areasForDevelopment: notes
              .filter((n) => n.return_id === r.id)
              .map((n) => n.areas_for_development)
              .filter(Boolean)
              .join(' '),
          })),
        });
      }
      const concernList = await concerns.forAudit(audit.id);
      await appendAuditLog(db, actor, { action: 'meeting-pack.viewed', recordType: 'audit', recordId: audit.id });
      return { audit, cases: packCases, concerns: concernList };
    },

    /** The pack with the panel's notes and agreed judgements for each case, as recorded so far. */
    async withPanelNotes(user: CurrentUser, auditId: string, actor: Actor) {
      const view = await this.pack(user, auditId, actor);
      const [domains, notes] = await caseNotes.forPack(view.audit);
      return {
        ...view,
        cases: view.cases.map((c) => {
          const note = notes.find((n) => n.caseId === c.id);
          return { ...c, panelNotes: note?.notes ?? '', agreed: note ? agreedRows(note, domains) : [] };
        }),
      };
    },
  };
}

export type PackService = ReturnType<typeof createPackService>;
