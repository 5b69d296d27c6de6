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
export type DiscussionPoint = { rule: PointRule; key: string; question: string; entryIds: string[]; date: string };

export const RULE_LABELS: Record<PointRule, string> = {
  information_sharing: 'Possible information-sharing gap',
  closed_while_concerns: 'Closed while concerns continued',
  disclosure_follow_up: 'Disclosure without follow-up',
  missed_appointments: 'Repeated missed appointments',
  drift: 'Drift',
};

const SIGNIFICANT: ChronologyCategory[] = ['incident', 'disclosure', 'marac', 'strategy_discussion', 'cp_conference'];
/** Words by which another agency's entry can show it knew of the event. */
const REFERENCES: Record<string, RegExp> = {
  incident: /incident|police|call[- ]?out|assault|arrest|domestic/i,
  disclosure: /disclos|told|said that/i,
  marac: /marac/i,
  strategy_discussion: /strategy/i,
  cp_conference: /conference|cp plan|child protection plan/i,
};
const INVOLVED = new Set(['involved', 'partly_in_scope']);

const inWindow = (date: string, start: string, days: number) => date >= start && daysBetween(start, date) <= days;
const words = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
const label = (category: ChronologyCategory) =>
  category === 'marac' ? 'MARAC' : CHRONOLOGY_CATEGORIES[category].toLowerCase();
const point = (rule: PointRule, entryIds: string[], question: string, date: string): DiscussionPoint => ({
  rule,
  key: `${rule}:${[...entryIds].sort().join(',')}`,
  question,
  entryIds,
  date,
});

/** Whether an agency was working with the family on a date: involved, and the date within its entries' span. */
function activeOn(agencyId: string, date: string, entries: Entry[], settings: PointSettings): boolean {
  const own = entries.filter((e) => e.agencyId === agencyId);
  if (own.length === 0) return false;
  const first = own.reduce((a, e) => (e.from < a ? e.from : a), own[0]!.from);
  const last = own.reduce((a, e) => (e.to > a ? e.to : a), own[0]!.to);
  return daysBetween(first, date) >= -settings.sharingDays && daysBetween(date, last) >= 0;
}

export function discussionPoints(
  entries: Entry[],
  involvement: Involvement[],
  settings: PointSettings = DEFAULT_POINT_SETTINGS,
): DiscussionPoint[] {
  const sorted = [...entries].sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
  const points: DiscussionPoint[] = [];
  const involved = involvement.filter((i) => INVOLVED.has(i.status));

  for (const e of sorted.filter((x) => SIGNIFICANT.includes(x.category))) {
    for (const other of involved.filter((i) => i.agencyId !== e.agencyId)) {
      if (!activeOn(other.agencyId, e.from, sorted, settings)) continue;
      const knew = sorted.some(
        (x) =>
          x.agencyId === other.agencyId &&
          inWindow(x.from, e.from, settings.sharingDays) &&
          (x.category === e.category || REFERENCES[e.category]?.test(x.event)),
      );
      if (!knew) {
        points.push(
          point(
            'information_sharing',
            [e.id],
            `Did ${other.agencyName} know about the ${label(e.category)} on ${words(e.from)} ` +
              `recorded by ${e.agencyName}? ${other.agencyName} was working with the family then, ` +
              `but has no entry referring to it within ${settings.sharingDays} days.`,
            e.from,
          ),
        );
      }
    }
  }

  for (const closed of sorted.filter((x) => x.category === 'case_closed')) {
    const after = sorted.filter((x) => x.from > closed.from && daysBetween(closed.from, x.from) <= settings.closedDays);
    const incidents = after.filter((x) => x.category === 'incident');
    const referral = after.some((x) => x.category === 'referral' || x.category === 'case_opened');
    if (incidents.length >= 2 && !referral) {
      points.push(
        point(
          'closed_while_concerns',
          [closed.id, ...incidents.map((i) => i.id)],
          `${closed.agencyName} closed the case on ${words(closed.from)}, and ${incidents.length} ` +
            `incidents followed within ${settings.closedDays} days with no new referral. Was the ` +
            `decision to close revisited when the incidents happened?`,
          closed.from,
        ),
      );
    }
  }

  for (const disclosure of sorted.filter((x) => x.category === 'disclosure')) {
    const followed = sorted.some(
      (x) =>
        x.id !== disclosure.id &&
        ['referral', 'strategy_discussion'].includes(x.category) &&
        inWindow(x.from, disclosure.from, settings.sharingDays),
    );
    if (!followed && !disclosure.actionTaken.trim()) {
      points.push(
        point(
          'disclosure_follow_up',
          [disclosure.id],
          `What happened after the disclosure recorded by ${disclosure.agencyName} on ` +
            `${words(disclosure.from)}? There is no referral, strategy discussion or recorded ` +
            `action within ${settings.sharingDays} days.`,
          disclosure.from,
        ),
      );
    }
  }

  const missedByAgency = new Map<string, Entry[]>();
  for (const m of sorted.filter((x) => x.category === 'missed_appointment' && !x.actionTaken.trim())) {
    missedByAgency.set(m.agencyId, [...(missedByAgency.get(m.agencyId) ?? []), m]);
  }
  for (const missed of missedByAgency.values()) {
    if (missed.length >= settings.missedCount) {
      const first = missed[0]!;
      const last = missed[missed.length - 1]!;
      points.push(
        point(
          'missed_appointments',
          missed.map((m) => m.id),
          `${first.agencyName} recorded ${missed.length} missed appointments or times a child was ` +
            `not brought between ${words(first.from)} and ${words(last.from)}, with no follow-up ` +
            `recorded. Was the pattern seen as a possible sign of neglect, and shared?`,
          first.from,
        ),
      );
    }
  }

  const meetings = sorted.filter((x) => x.category === 'cp_conference' || x.category === 'core_group');
  for (const meeting of meetings) {
    const next = meetings.find((x) => x.category === 'core_group' && x.from > meeting.from);
    if (next && daysBetween(meeting.from, next.from) > settings.driftDays) {
      points.push(
        point(
          'drift',
          [meeting.id, next.id],
          `${daysBetween(meeting.from, next.from)} days passed between the ` +
            `${label(meeting.category)} on ${words(meeting.from)} and the next core group on ` +
            `${words(next.from)}. Did the plan drift in that time?`,
          meeting.from,
        ),
      );
    }
  }

  return points;
}
