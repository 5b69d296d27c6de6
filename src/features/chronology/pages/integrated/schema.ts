import { z } from 'zod';
import { readChronologyDate } from '../../../../domain/chronology-dates.ts';
import { IMPACTS } from '../../../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES } from '../../../../domain/discussion-points.ts';
import { asArray } from '../../../../web/forms.ts';
import type { EntryFilter } from '../../entry-row.ts';

const UUID = /^[0-9a-f-]{36}$/i;
const queryValue = z.union([z.string(), z.array(z.string())]).optional();

/**
 * The filter form (a GET form, so the query string): unknown values are dropped, and an unreadable
 * date is reported rather than silently ignored, while the page still shows.
 */
export const filterSchema = z
  .looseObject({
    agency: queryValue,
    category: queryValue,
    impact: queryValue,
    from: queryValue,
    to: queryValue,
    significant: queryValue,
  })
  .transform((query) => {
    const problems: string[] = [];
    const day = (name: 'from' | 'to', raw: string | string[] | undefined) => {
      const text = [raw ?? ''].flat().join(',').trim();
      if (!text) return undefined;
      const read = readChronologyDate(text);
      if (!read.ok) problems.push(`The ${name} date is not readable: ${read.reason}`);
      return read.ok ? read.value[name] : undefined;
    };
    const filter: EntryFilter = {
      agencyIds: asArray(query.agency).filter((a) => UUID.test(a)),
      categories: asArray(query.category).filter((c) => Object.hasOwn(CHRONOLOGY_CATEGORIES, c)),
      impacts: asArray(query.impact).filter((i) => Object.hasOwn(IMPACTS, i)),
      from: day('from', query.from),
      to: day('to', query.to),
      significantOnly: query.significant === 'yes',
    };
    return { filter, problems, fromText: query.from ?? '', toText: query.to ?? '' };
  });

/** The panel's decision on a point to discuss; a reason is needed only to dismiss one. */
export const decisionSchema = z
  .looseObject({
    decision: z.enum(['dismissed', 'carried', 'open']),
    reason: z.string().optional(),
  })
  .transform((v) => ({ decision: v.decision, reason: (v.reason ?? '').trim().slice(0, 2000) }));

export const pointParams = z.object({ pointId: z.string().regex(UUID) });
