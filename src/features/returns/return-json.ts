import { z } from 'zod';
import type { ReturnService } from './return-service.ts';

type ReturnView = Awaited<ReturnType<ReturnService['view']>>;

export const returnResponse = z.object({
  id: z.uuid(),
  auditId: z.uuid(),
  caseReference: z.string(),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  status: z.string(),
  version: z.number().int(),
  overall: z.object({ grade: z.string().nullable(), rationale: z.string() }),
  auditor: z.object({ name: z.string(), role: z.string() }),
  sections: z.array(
    z.object({
      templateVersionId: z.uuid(),
      key: z.string(),
      title: z.string(),
      status: z.enum(['not_started', 'in_progress', 'completed']),
      version: z.number().int(),
      workedWell: z.string(),
      areasForDevelopment: z.string(),
      answers: z.array(z.object({ question: z.string(), answer: z.string(), evidence: z.string() })),
    }),
  ),
  actions: z.array(z.object({ action: z.string(), owner: z.string(), dueOn: z.string().nullable() })),
});

/** A return as the API answers it: its sections with their answers, and its actions. */
export function returnJson(view: ReturnView): z.output<typeof returnResponse> {
  return {
    id: view.row.id,
    auditId: view.row.auditId,
    caseReference: view.row.caseReference,
    agency: { id: view.row.agencyId, name: view.row.agencyName },
    status: view.row.status,
    version: view.row.version,
    overall: { grade: view.row.overallGrade, rationale: view.row.overallRationale },
    auditor: { name: view.row.auditorName, role: view.row.auditorRole },
    sections: view.sections.map(({ tool, section }) => {
      const state = view.states.find((s) => s.templateVersionId === tool.id && s.sectionKey === section.key);
      return {
        templateVersionId: tool.id,
        key: section.key,
        title: section.title,
        status: state?.status ?? 'not_started',
        version: state?.version ?? 0,
        workedWell: state?.workedWell ?? '',
        areasForDevelopment: state?.areasForDevelopment ?? '',
        answers: view.answers
          .filter((a) => a.templateVersionId === tool.id && section.questions.some((q) => q.key === a.questionKey))
          .map((a) => ({ question: a.questionKey, answer: a.answer, evidence: a.evidence })),
      };
    }),
    actions: view.actions.map((a) => ({ action: a.action, owner: a.owner, dueOn: a.due_on })),
  };
}
