import { z } from 'zod';
import { checkInvolvement } from '../../involvement-rules.ts';

type Case = { id: string; reference: string };

/**
 * One agency's column: a status (and, for some, a reason) per case, each with the version it was
 * read at. A case left blank is not recorded; each wrong answer is shown against its case.
 */
export function recordSchema(cases: Case[]) {
  return z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((values, ctx) => {
    // Read as the form was always read: a repeated field becomes its values joined.
    const text = (name: string) => String(values[name] ?? '');
    return cases.flatMap((c) => {
      const status = text(`status-${c.id}`);
      if (!status) return [];
      const checked = checkInvolvement(status, text(`reason-${c.id}`), c.reference);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', path: [`${checked.field}-${c.id}`], message: checked.text });
        return [];
      }
      const version = Number(text(`version-${c.id}`)) || 0;
      return [{ caseId: c.id, status: checked.status, reason: checked.reason, version }];
    });
  });
}
