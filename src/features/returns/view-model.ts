import type { Section } from '../../domain/audit-tool.ts';
import { RETURN_STATUS_LABELS } from '../../domain/return-lifecycle.ts';
import type { ReturnContext } from './return-service.ts';
import type { Answer, SectionState } from './return-repository.ts';

/** What the return's pages show, computed once from the stored state. */
export function taskListItems(ctx: ReturnContext, states: SectionState[], base: string) {
  return ctx.sections.map(({ tool, section }) => {
    const state = states.find((s) => s.templateVersionId === tool.id && s.sectionKey === section.key);
    const status = !state ? 'Not started' : state.status === 'completed' ? 'Completed' : 'In progress';
    return {
      title: { text: section.title },
      hint: ctx.tools.length > 1 ? { text: tool.content.name } : undefined,
      href: `${base}/sections/${tool.id}/${section.key}`,
      status:
        status === 'Completed'
          ? { text: status }
          : { tag: { text: status, classes: status === 'Not started' ? 'govuk-tag--blue' : 'govuk-tag--light-blue' } },
    };
  });
}

export function statusTag(status: keyof typeof RETURN_STATUS_LABELS) {
  const colours: Record<string, string> = {
    not_started: 'govuk-tag--grey',
    in_progress: 'govuk-tag--light-blue',
    submitted: 'govuk-tag--blue',
    returned: 'govuk-tag--orange',
    signed_off: 'govuk-tag--green',
  };
  return { text: RETURN_STATUS_LABELS[status], classes: colours[status] };
}

/** Field values for a section form: what was posted (after an error) or what is stored. */
export function sectionValues(section: Section, stored: Answer[], posted?: Record<string, string | string[]>) {
  const values: Record<string, string> = {};
  for (const q of section.questions) {
    const saved = stored.find((a) => a.questionKey === q.key);
    values[`a_${q.key}`] = posted ? String(posted[`a_${q.key}`] ?? '') : (saved?.answer ?? '');
    values[`e_${q.key}`] = posted ? String(posted[`e_${q.key}`] ?? '') : (saved?.evidence ?? '');
  }
  return values;
}
