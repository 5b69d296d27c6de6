import {
  inWindow,
  point,
  words,
  type ChronologyCategory,
  type Entry,
  type PointSettings,
} from './discussion-point-model.ts';
import {
  deniesFollowUp,
  describesMissedAppointment,
  recordsAction,
  recordsFollowUp,
} from './discussion-point-words.ts';

/** Entries of these kinds follow a disclosure up unless they say the opposite ("no strategy discussion"). */
const FOLLOW_UP_CATEGORIES: ChronologyCategory[] = ['referral', 'strategy_discussion', 'cp_conference'];
/** Words by which a later entry shows it knew of the disclosure. */
const DISCLOSED = /disclos|told|said that/i;

/**
 * A disclosure is followed up only by a referral, strategy discussion, assessment or protective
 * action, recorded with it or by any agency within the window; an entry that only notes it is
 * listed with the point (the panel sees what was done) but does not answer it.
 */
export function disclosureFollowUp(sorted: Entry[], settings: PointSettings) {
  const followsUp = (x: Entry) =>
    recordsFollowUp(`${x.event} ${recordsAction(x.actionTaken) ? x.actionTaken : ''}`) ||
    (FOLLOW_UP_CATEGORIES.includes(x.category) && !deniesFollowUp(`${x.event} ${x.actionTaken}`));
  return sorted
    .filter((x) => x.category === 'disclosure')
    .flatMap((disclosure) => {
      const after = sorted.filter(
        (x) => x.id !== disclosure.id && inWindow(x.from, disclosure.from, settings.sharingDays),
      );
      if (recordsFollowUp(`${disclosure.event} ${disclosure.actionTaken}`) || after.some(followsUp)) return [];
      const noted = after.filter((x) => x.category !== 'disclosure' && DISCLOSED.test(x.event));
      return [
        point(
          'disclosure_follow_up',
          [disclosure, ...noted],
          `What happened after the disclosure recorded by ${disclosure.agencyName} on ` +
            `${words(disclosure.from)}? There is no referral, strategy discussion, assessment or ` +
            `protective action recorded within ${settings.sharingDays} days.`,
          { keyEntries: [disclosure] },
        ),
      ];
    });
}

/**
 * Missed appointments are a pattern for the child, whichever agencies recorded them. Entries filed
 * under "other" count when their text says so (chronologies written elsewhere rarely use the category).
 */
export function missedAppointments(sorted: Entry[], settings: PointSettings) {
  const missed = sorted.filter(
    (x) =>
      (x.category === 'missed_appointment' || (x.category === 'other' && describesMissedAppointment(x.event))) &&
      !recordsAction(x.actionTaken),
  );
  if (missed.length < settings.missedCount) return [];
  const first = missed[0]!;
  const last = missed[missed.length - 1]!;
  const names = [...new Set(missed.map((m) => m.agencyName))];
  const between = `between ${words(first.from)} and ${words(last.from)}`;
  const what = `${missed.length} missed appointments or times a child was not brought`;
  const question =
    names.length === 1
      ? `${first.agencyName} recorded ${what} ${between}, with no follow-up recorded. ` +
        `Was the pattern seen as a possible sign of neglect, and shared?`
      : `${names.length} agencies recorded ${what} ${between} ` +
        `(${names.map((n) => `${missed.filter((m) => m.agencyName === n).length} by ${n}`).join(', ')}), ` +
        `with no follow-up recorded. Did any agency see the whole pattern as a possible sign of neglect, ` +
        `and was it shared?`;
  return [point('missed_appointments', missed, question)];
}
