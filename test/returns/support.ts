import type { Section } from '../../src/domain/audit-tool.ts';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';

/** A fully answered section form, as an auditor would post it. */
export function answeredSection(
  section: Section,
  evidence = 'Record entry dated 3 March shows this.',
): Record<string, string> {
  const form: Record<string, string> = { workedWell: 'Timely joint working.', areasForDevelopment: '' };
  for (const q of section.questions) {
    const scale = GENERAL_TOOL.scales.find((s) => s.key === q.scale);
    form[`a_${q.key}`] = scale?.values[1]?.value ?? 'Answer';
    if (q.evidence !== 'none') form[`e_${q.key}`] = evidence;
  }
  return form;
}
