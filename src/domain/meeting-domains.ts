import type { AuditTool, Scale } from './audit-tool.ts';

/**
 * The domains on which the panel may record an agreed multi-agency judgement: every section of
 * the audit's tools that asks at least one judgement question, judged on the scale its judgement
 * questions use (the first one, when a section mixes scales). A section without a judgement
 * question has no scale to agree on and is left out.
 */
export type AgreedDomain = { toolVersionId: string; sectionKey: string; title: string; scale: Scale; field: string };

export function agreedDomains(tools: { id: string; content: AuditTool }[]): AgreedDomain[] {
  const domains: AgreedDomain[] = [];
  for (const tool of tools) {
    for (const section of tool.content.sections) {
      const scaleKey = section.questions.find((q) => q.type === 'judgement' && q.scale)?.scale;
      const scale = tool.content.scales.find((s) => s.key === scaleKey);
      if (!scale) continue;
      domains.push({
        toolVersionId: tool.id,
        sectionKey: section.key,
        title: section.title,
        scale,
        field: domainField(tool.id, section.key),
      });
    }
  }
  return domains;
}

/** The form field of a domain's judgement (its rationale adds `-rationale`): ids only, never text. */
export function domainField(toolVersionId: string, sectionKey: string): string {
  return `j-${toolVersionId}-${sectionKey}`;
}

export type AgreedJudgementInput = { toolVersionId: string; sectionKey: string; value: string; rationale: string };

export const RATIONALE_MAX = 1000;
export const CASE_NOTES_MAX = 20000;

/** Reads the case form: notes, and per domain an optional judgement on its scale with a rationale. */
export function readCaseNotes(body: Record<string, string | string[]>, domains: AgreedDomain[]) {
  const errors: Record<string, { text: string }> = {};
  const notes = String(body.notes ?? '').trim();
  if (notes.length > CASE_NOTES_MAX) errors.notes = { text: 'The notes must be 20,000 characters or fewer' };
  const judgements: AgreedJudgementInput[] = [];
  for (const d of domains) {
    const value = String(body[d.field] ?? '');
    const rationale = String(body[`${d.field}-rationale`] ?? '').trim();
    if (value && !d.scale.values.some((v) => v.value === value))
      errors[d.field] = { text: `Select a judgement for ${d.title} from its scale` };
    else if (!value && rationale)
      errors[d.field] = { text: `Select the agreed judgement for ${d.title}, or remove its rationale` };
    if (rationale.length > RATIONALE_MAX)
      errors[`${d.field}-rationale`] = {
        text: `The rationale for ${d.title} must be ${RATIONALE_MAX} characters or fewer`,
      };
    if (value) judgements.push({ toolVersionId: d.toolVersionId, sectionKey: d.sectionKey, value, rationale });
  }
  const version = Number(body.version);
  if (!Number.isInteger(version)) errors.notes ??= { text: 'Reload the page and try again' };
  if (Object.keys(errors).length) return { ok: false as const, errors };
  return { ok: true as const, value: { notes, judgements, version } };
}
