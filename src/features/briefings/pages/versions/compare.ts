import { diffWords } from 'diff';
import type { BriefingSection } from '../../../../domain/briefing-template.ts';

/** Two versions side by side, section by section, as word-level changes. */
export function compareVersions(a: { sections: BriefingSection[] }, b: { sections: BriefingSection[] }) {
  const count = Math.max(a.sections.length, b.sections.length);
  return Array.from({ length: count }, (_, i) => {
    const before = a.sections[i],
      after = b.sections[i];
    const parts = diffWords(
      `${before?.heading ?? ''}\n${before?.text ?? ''}`,
      `${after?.heading ?? ''}\n${after?.text ?? ''}`,
    );
    return {
      number: i + 1,
      heading: after?.heading ?? before?.heading ?? '',
      parts,
      added: parts.filter((p) => p.added).length,
      removed: parts.filter((p) => p.removed).length,
    };
  });
}
