import { MONTHS } from './calendar-date.ts';
import { daysBetween } from './chronology-dates.ts';

/**
 * Points for the panel to discuss, read from the integrated chronology and the involvement
 * matrix. Each is worded as a question, never a verdict, and names the entries behind it.
 */
export const CHRONOLOGY_CATEGORIES = {
  incident: 'Incident',
  disclosure: 'Disclosure',
  referral: 'Referral',
  strategy_discussion: 'Strategy discussion',
  cp_conference: 'Child protection conference',
  core_group: 'Core group',
  marac: 'MARAC',
  missed_appointment: 'Missed appointment or “was not brought”',
  school_absence: 'School absence',
  new_adult: 'New partner or adult in the household',
  legal_status_change: 'Change of legal status',
  case_opened: 'Case opened',
  case_closed: 'Case closed',
  other: 'Other',
} as const;
export type ChronologyCategory = keyof typeof CHRONOLOGY_CATEGORIES;

export type Entry = {
  id: string;
  agencyId: string;
  agencyName: string;
  from: string;
  to: string;
  category: ChronologyCategory;
  event: string;
  actionTaken: string;
};

export type Involvement = { agencyId: string; agencyName: string; status: string };

export type PointSettings = { sharingDays: number; closedDays: number; missedCount: number; driftDays: number };
export const DEFAULT_POINT_SETTINGS: PointSettings = { sharingDays: 28, closedDays: 90, missedCount: 3, driftDays: 42 };

export type PointRule =
  'information_sharing' | 'closed_while_concerns' | 'disclosure_follow_up' | 'missed_appointments' | 'drift';
/** A point, the entries it rests on, and the agencies it concerns (whose entries, and who may not have known). */
export type DiscussionPoint = {
  rule: PointRule;
  key: string;
  question: string;
  entryIds: string[];
  agencyIds: string[];
  date: string;
};

export const RULE_LABELS: Record<PointRule, string> = {
  information_sharing: 'Possible information-sharing gap',
  closed_while_concerns: 'Closed while concerns continued',
  disclosure_follow_up: 'Disclosure without follow-up',
  missed_appointments: 'Repeated missed appointments',
  drift: 'Drift',
};

export const inWindow = (date: string, start: string, days: number) =>
  date >= start && daysBetween(start, date) <= days;
export const words = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
export const label = (category: ChronologyCategory) =>
  category === 'marac' ? 'MARAC' : CHRONOLOGY_CATEGORIES[category].toLowerCase();

/**
 * The key is what keeps the panel's decision when points are recalculated: the rule, the entries
 * that identify the point and, when the point is about one agency, that agency (so two agencies
 * that may not have known of one event make two points).
 */
export function point(
  rule: PointRule,
  entries: Entry[],
  question: string,
  options: { keyEntries?: Entry[]; concerns?: string } = {},
): DiscussionPoint {
  const keyIds = (options.keyEntries ?? entries).map((e) => e.id).sort();
  const agencyIds = [...new Set([...entries.map((e) => e.agencyId), ...(options.concerns ? [options.concerns] : [])])];
  return {
    rule,
    key: `${rule}:${keyIds.join(',')}${options.concerns ? `:${options.concerns}` : ''}`,
    question,
    entryIds: entries.map((e) => e.id),
    agencyIds,
    date: entries[0]!.from,
  };
}
