import { z } from 'zod';
import { checkEntry, type Scope } from '../../../../domain/chronology-entry.ts';

/**
 * The entry form, checked by the same rule as the API and the import (the audit's scope decides
 * which dates are allowed), so its messages are the rule's own.
 */
export function entrySchema(scope: Scope) {
  return z
    .looseObject({
      date: z.string().optional(),
      event: z.string().optional(),
      source: z.string().optional(),
      category: z.string().optional(),
      impact: z.string().optional(),
      actionTaken: z.string().optional(),
      significant: z.string().optional(),
      version: z.string().optional(),
      another: z.string().optional(),
    })
    .transform((values, ctx) => {
      const checked = checkEntry(
        { ...values, date: values.date ?? '', event: values.event ?? '', category: values.category ?? '' },
        scope,
      );
      if (!checked.ok) {
        for (const [field, message] of Object.entries(checked.errors))
          ctx.addIssue({ code: 'custom', path: [field], message });
        return z.NEVER;
      }
      return { entry: checked.entry, version: Number(values.version), another: values.another === 'yes' };
    });
}
