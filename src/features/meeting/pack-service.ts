import type { Db } from '../../db/database.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { heatmap, type Judgement } from '../../domain/moderation.ts';
import type { CurrentUser, Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser } from '../audits/audit-access.ts';
import type { ChronologyService } from '../chronology/chronology-service.ts';
import type { ConcernService } from '../concerns/concern-service.ts';

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

export function createPackService(db: Db, chronology: ChronologyService, concerns: ConcernService) {
  return {
    async pack(user: CurrentUser, auditId: string, actor: Actor) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const tools = await db
        .selectFrom('audit_tool as t')
        .innerJoin('template_version as v', 'v.id', 't.template_version_id')
        .select(['v.id', 'v.content'])
        .where('t.audit_id', '=', audit.id)
        .orderBy('t.position')
        .execute();
      const cases = await db
        .selectFrom('audit_case')
        .select(['id', 'reference'])
        .where('audit_id', '=', audit.id)
        .orderBy('position')
        .orderBy('reference')
        .execute();
      const returns = await db
        .selectFrom('agency_return as r')
        .innerJoin('audit_case as c', 'c.id', 'r.case_id')
        .innerJoin('agency as g', 'g.id', 'r.agency_id')
        .select(['r.id', 'r.case_id', 'r.agency_id', 'g.name', 'r.overall_grade', 'r.overall_rationale'])
        .where('c.audit_id', '=', audit.id)
        .where('r.status', 'in', ['submitted', 'signed_off'])
        .orderBy('g.name')
        .execute();
      const ids = returns.map((r) => r.id);
      const [answers, notes] = ids.length
        ? await Promise.all([
            db
              .selectFrom('return_answer')
              .select(['return_id', 'template_version_id', 'question_key', 'answer', 'evidence'])
              .where('return_id', 'in', ids)
              .execute(),
            db
              .selectFrom('return_section')
              .select(['return_id', 'worked_well', 'areas_for_development'])
              .where('return_id', 'in', ids)
              .execute(),
          ])
        : [[], []];
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
  };
}

export type PackService = ReturnType<typeof createPackService>;
