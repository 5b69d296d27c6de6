import { readChronologyDate, type ChronologyDate } from './chronology-dates.ts';
import { CHRONOLOGY_CATEGORIES, type ChronologyCategory } from './discussion-points.ts';

/**
 * One chronology entry, checked the same way whether typed on the page, posted to the API or read
 * from an imported row: a readable date within the audit's scope, a known category, the event.
 */
export const EVENT_LIMIT = 4000;
export const IMPACTS = { positive: 'Positive', negative: 'Negative', neutral: 'Neutral' } as const;
export type Impact = keyof typeof IMPACTS;

const SYNONYMS: Record<string, ChronologyCategory> = {
  'strategy meeting': 'strategy_discussion',
  strategy: 'strategy_discussion',
  conference: 'cp_conference',
  icpc: 'cp_conference',
  rcpc: 'cp_conference',
  'initial child protection conference': 'cp_conference',
  'review child protection conference': 'cp_conference',
  'core group meeting': 'core_group',
  dna: 'missed_appointment',
  'did not attend': 'missed_appointment',
  'was not brought': 'missed_appointment',
  wnb: 'missed_appointment',
  'missed appointment': 'missed_appointment',
  absence: 'school_absence',
  'new partner': 'new_adult',
  'new adult': 'new_adult',
  'change of status': 'legal_status_change',
  'legal status': 'legal_status_change',
  'case open': 'case_opened',
  opened: 'case_opened',
  'case closure': 'case_closed',
  closed: 'case_closed',
};

export function readCategory(raw: string): ChronologyCategory | undefined {
  const text = raw.trim().toLowerCase().replace(/[“”"]/g, '').replace(/\s+/g, ' ');
  if (!text) return undefined;
  if (Object.hasOwn(CHRONOLOGY_CATEGORIES, text.replace(/ /g, '_')))
    return text.replace(/ /g, '_') as ChronologyCategory;
  const byLabel = Object.entries(CHRONOLOGY_CATEGORIES).find(
    ([, label]) => label.toLowerCase().replace(/[“”"]/g, '') === text,
  );
  if (byLabel) return byLabel[0] as ChronologyCategory;
  return SYNONYMS[text];
}

export function readImpact(raw: string): Impact | undefined {
  const text = raw.trim().toLowerCase();
  if (!text) return 'neutral';
  if (['positive', 'pos', '+', 'good'].includes(text)) return 'positive';
  if (['negative', 'neg', '-', 'bad', 'harm', 'harmful'].includes(text)) return 'negative';
  if (['neutral', 'none', 'n/a', 'na'].includes(text)) return 'neutral';
  return undefined;
}

export type EntryFields = {
  date: string;
  event: string;
  source?: string;
  category: string;
  impact?: string;
  actionTaken?: string;
  significant?: string | boolean;
};
export type CheckedEntry = {
  date: ChronologyDate;
  event: string;
  source: string;
  category: ChronologyCategory;
  impact: Impact;
  actionTaken: string;
  significant: boolean;
};
export type Scope = { from: string | null; to: string | null };

/** Field name -> message, in the order the form shows them. Empty when the entry is good. */
export function checkEntry(
  fields: EntryFields,
  scope: Scope,
): { ok: true; entry: CheckedEntry } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = readChronologyDate(fields.date ?? '');
  if (!date.ok)
    errors.date = fields.date?.trim()
      ? `The date is not readable: ${date.reason}`
      : 'Enter the date or period of the event';
  else if ((scope.from && date.value.to < scope.from) || (scope.to && date.value.from > scope.to)) {
    errors.date = `The date is outside the audit’s scope (${scope.from ?? 'the start'} to ${scope.to ?? 'the end'})`;
  }
  const event = (fields.event ?? '').trim();
  if (!event) errors.event = 'Enter what happened';
  else if (event.length > EVENT_LIMIT) errors.event = `What happened must be ${EVENT_LIMIT} characters or fewer`;
  const category = readCategory(fields.category ?? '');
  if (!category)
    errors.category = fields.category?.trim()
      ? `The category “${fields.category.trim()}” is not one MACA knows`
      : 'Select the category';
  const impact = readImpact(fields.impact ?? '');
  if (!impact) errors.impact = `The impact “${fields.impact}” must be positive, negative or neutral`;
  const source = (fields.source ?? '').trim();
  if (source.length > 300) errors.source = 'The source must be 300 characters or fewer';
  const actionTaken = (fields.actionTaken ?? '').trim();
  if (actionTaken.length > EVENT_LIMIT)
    errors.actionTaken = `The action taken must be ${EVENT_LIMIT} characters or fewer`;
  if (Object.keys(errors).length || !date.ok || !category || !impact) return { ok: false, errors };
  const significant =
    fields.significant === true ||
    ['yes', 'true', 'y', '1', 'significant'].includes(
      String(fields.significant ?? '')
        .trim()
        .toLowerCase(),
    );
  return { ok: true, entry: { date: date.value, event, source, category, impact, actionTaken, significant } };
}
