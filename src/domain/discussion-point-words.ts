/**
 * How the points to discuss read what agencies typed. Chronologies written elsewhere say the same
 * thing many ways ("N/A", "nil", "-"; "DNA", "was not brought"), so the rules read meaning, not one
 * spelling.
 */

/** Action-field values that record that nothing was done. */
const NO_ACTION = new RegExp(
  '^(' +
    [
      '',
      '-+',
      'n/?a',
      'n\\.a\\.?',
      'nil',
      'none',
      'none (taken|recorded|required|needed)',
      'no',
      'no actions?( taken| recorded| required| needed)?',
      'no further action',
      'nfa',
      'not applicable',
      'not recorded',
      'not known',
      'unknown',
      'nothing( done| recorded)?',
    ].join('|') +
    ')$',
);

/** Whether an action field records an action: empty, "none", "N/A", "nil", "-" and the like do not. */
export function recordsAction(actionTaken: string): boolean {
  const text = actionTaken
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim();
  return !NO_ACTION.test(text);
}

/**
 * Words by which an entry shows a disclosure was acted on: a referral, a strategy discussion, an
 * assessment or a protective action. Recording that it was noted, logged or passed to a colleague
 * is not follow-up.
 */
const FOLLOW_UP = new RegExp(
  [
    'referr(al|ed|ing)\\b',
    'refer(red)? to\\b',
    'strategy (discussion|meeting)',
    'section 47\\b',
    's\\.? ?47\\b',
    'assess(ment|ed)\\b',
    'child protection (medical|enquiry|investigation|conference|plan)',
    'safety plan',
    'police protection',
    'emergency protection order',
    'protective action',
    'removed (to|from)\\b',
    'placed (with|in)\\b',
    'non-molestation order',
    'mash\\b',
  ]
    .map((w) => `\\b${w}`)
    .join('|'),
  'i',
);
/**
 * "No referral", "not referred", "decided against a strategy discussion": the opposite of follow-up.
 * At most two words stand between the negation and what it denies, so "did not engage, referral made" is follow-up.
 */
const NEGATED = new RegExp(
  '\\b(no|not|nor|never|without|declined|refused|decided against)(\\s+[^\\s.;,:]+){0,2}?' +
    '\\s+(referr|refer|strategy|assess|section 47|mash)',
  'i',
);

/** Whether text says follow-up did not happen ("no referral made", "not assessed"). */
export function deniesFollowUp(text: string): boolean {
  return NEGATED.test(text);
}

/** Whether text records a referral, strategy discussion, assessment or protective action. */
export function recordsFollowUp(text: string): boolean {
  return FOLLOW_UP.test(text) && !NEGATED.test(text);
}

// School absence is its own category, and a parent missing a meeting is not the child's appointment.
const NOT_APPOINTMENT =
  '(?!( to)? (school|nursery|college|class|lessons|the core group|core group|conference|the meeting))';
/** A missed appointment however it was written: "was not brought", "DNA", "did not attend", "missed appointment". */
const MISSED = new RegExp(
  [
    `not brought${NOT_APPOINTMENT}`,
    'wnb',
    `did not attend${NOT_APPOINTMENT}`,
    `failed to attend${NOT_APPOINTMENT}`,
    'missed ([^ .;]+ ){0,3}(appointment|appt)',
  ]
    .map((w) => `\\b${w}\\b`)
    .join('|'),
  'i',
);
/** "DNA" in capitals, and not a DNA test. */
const DNA = /\bDNA\b(?!\s+(test|sample|result|profile|evidence|match))/;

export function describesMissedAppointment(event: string): boolean {
  return MISSED.test(event) || DNA.test(event);
}
