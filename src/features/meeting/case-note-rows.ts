import type { AgreedDomain } from '../../domain/meeting-domains.ts';
import type { CaseNote } from './case-notes-service.ts';

const labelOf = (d: AgreedDomain, value: string) => d.scale.values.find((v) => v.value === value)?.label ?? '';

/** The form values of a saved case note: what the page shows before anyone types. */
export function caseNoteValues(note: CaseNote, domains: AgreedDomain[]): Record<string, string> {
  const values: Record<string, string> = { notes: note.notes, version: String(note.version) };
  for (const d of domains) {
    const j = note.judgements.find((x) => x.toolVersionId === d.toolVersionId && x.sectionKey === d.sectionKey);
    values[d.field] = j?.value ?? '';
    values[`${d.field}-rationale`] = j?.rationale ?? '';
  }
  return values;
}

/** Each domain with its agreed judgement (label and rationale) from a note, for reading. */
export function agreedRows(note: Pick<CaseNote, 'judgements'>, domains: AgreedDomain[]) {
  return domains.flatMap((d) => {
    const j = note.judgements.find((x) => x.toolVersionId === d.toolVersionId && x.sectionKey === d.sectionKey);
    return j ? [{ domain: d.title, label: labelOf(d, j.value), rationale: j.rationale }] : [];
  });
}
