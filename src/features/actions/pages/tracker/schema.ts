import { z } from 'zod';
import { isIsoDate } from '../../../../domain/calendar-date.ts';

const ID = /^[0-9a-f-]{36}$/i;
const text = z.string().optional().catch(undefined);

/** The tracker's filters: an agency (ignored unless an id) and the date of the last review. */
export const trackerQuery = z.looseObject({ agency: text, since: text }).transform((query) => {
  const since = query.since && isIsoDate(query.since) ? query.since : undefined;
  return {
    agencyId: query.agency && ID.test(query.agency) ? query.agency : undefined,
    since,
    sinceProblem: query.since && !since ? 'Enter the date of the last review as YYYY-MM-DD' : '',
  };
});
