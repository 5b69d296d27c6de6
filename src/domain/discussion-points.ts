import { daysBetween } from './chronology-dates.ts';
import { disclosureFollowUp, missedAppointments } from './discussion-point-follow-up.ts';
import {
  DEFAULT_POINT_SETTINGS,
  inWindow,
  label,
  point,
  words,
  type ChronologyCategory,
  type DiscussionPoint,
  type Entry,
  type Involvement,
  type PointSettings,
} from './discussion-point-model.ts';

export * from './discussion-point-model.ts';

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
  return [
    ...informationSharing(sorted, involvement, settings),
    ...closedWhileConcerns(sorted, settings),
    ...disclosureFollowUp(sorted, settings),
    ...missedAppointments(sorted, settings),
    ...drift(sorted, settings),
  ];
}

/** One point for each agency working with the family then that has no entry referring to the event. */
function informationSharing(sorted: Entry[], involvement: Involvement[], settings: PointSettings) {
  const involved = involvement.filter((i) => INVOLVED.has(i.status));
  return sorted
    .filter((x) => SIGNIFICANT.includes(x.category))
    .flatMap((e) =>
      involved
        .filter((other) => other.agencyId !== e.agencyId && activeOn(other.agencyId, e.from, sorted, settings))
        .filter(
          (other) =>
            !sorted.some(
              (x) =>
                x.agencyId === other.agencyId &&
                inWindow(x.from, e.from, settings.sharingDays) &&
                (x.category === e.category || REFERENCES[e.category]?.test(x.event)),
            ),
        )
        .map((other) =>
          point(
            'information_sharing',
            [e],
            `Did ${other.agencyName} know about the ${label(e.category)} on ${words(e.from)} ` +
              `recorded by ${e.agencyName}? ${other.agencyName} was working with the family then, ` +
              `but has no entry referring to it within ${settings.sharingDays} days.`,
            { concerns: other.agencyId },
          ),
        ),
    );
}

function closedWhileConcerns(sorted: Entry[], settings: PointSettings) {
  return sorted
    .filter((x) => x.category === 'case_closed')
    .flatMap((closed) => {
      const after = sorted.filter(
        (x) => x.from > closed.from && daysBetween(closed.from, x.from) <= settings.closedDays,
      );
      const incidents = after.filter((x) => x.category === 'incident');
      const referral = after.some((x) => x.category === 'referral' || x.category === 'case_opened');
      if (incidents.length < 2 || referral) return [];
      return [
        point(
          'closed_while_concerns',
          [closed, ...incidents],
          `${closed.agencyName} closed the case on ${words(closed.from)}, and ${incidents.length} ` +
            `incidents followed within ${settings.closedDays} days with no new referral. Was the ` +
            `decision to close revisited when the incidents happened?`,
        ),
      ];
    });
}

function drift(sorted: Entry[], settings: PointSettings) {
  const meetings = sorted.filter((x) => x.category === 'cp_conference' || x.category === 'core_group');
  return meetings.flatMap((meeting) => {
    const next = meetings.find((x) => x.category === 'core_group' && x.from > meeting.from);
    if (!next || daysBetween(meeting.from, next.from) <= settings.driftDays) return [];
    return [
      point(
        'drift',
        [meeting, next],
        `${daysBetween(meeting.from, next.from)} days passed between the ` +
          `${label(meeting.category)} on ${words(meeting.from)} and the next core group on ` +
          `${words(next.from)}. Did the plan drift in that time?`,
      ),
    ];
  });
}
