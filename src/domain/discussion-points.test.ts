import { describe, expect, it } from 'vitest';
import { DEFAULT_POINT_SETTINGS, discussionPoints, type Entry, type Involvement } from './discussion-points.ts';

let n = 0;
const entry = (agency: string, from: string, category: Entry['category'], event: string, actionTaken = ''): Entry => ({
  id: `e${++n}`,
  agencyId: agency,
  agencyName: agency.replace(/^\w/, (c) => c.toUpperCase()),
  from,
  to: from,
  category,
  event,
  actionTaken,
});
const involved = (...agencies: string[]): Involvement[] =>
  agencies.map((a) => ({ agencyId: a, agencyName: a.replace(/^\w/, (c) => c.toUpperCase()), status: 'involved' }));
const rules = (points: ReturnType<typeof discussionPoints>) => points.map((p) => p.rule);

describe('closed while concerns continued (seed 002, case 6)', () => {
  // Children's services closed the case on a non-molestation order; incidents went on.
  const entries = [
    entry('social care', '2016-03-01', 'case_opened', 'Referral from police after DV incident'),
    entry('social care', '2016-06-10', 'case_closed', 'Closed: non-molestation order in place', 'NFA'),
    entry('police', '2016-07-02', 'incident', 'Domestic incident, breach of order by father'),
    entry('police', '2016-08-15', 'incident', 'Domestic incident, mother assaulted by partner'),
  ];

  it('asks whether the closure was revisited when two incidents followed with no referral', () => {
    const points = discussionPoints(entries, involved('social care', 'police'));
    const closed = points.find((p) => p.rule === 'closed_while_concerns')!;
    expect(closed.question).toBe(
      'Social care closed the case on 10 June 2016, and 2 incidents followed ' +
        'within 90 days with no new referral. Was the decision to close ' +
        'revisited when the incidents happened?',
    );
    expect(closed.entryIds).toHaveLength(3);
  });

  it('is silent when a new referral followed', () => {
    const withReferral = [...entries, entry('police', '2016-08-16', 'referral', 'Referral to children’s services')];
    expect(rules(discussionPoints(withReferral, involved('social care', 'police')))).not.toContain(
      'closed_while_concerns',
    );
  });
});

describe('disclosure without follow-up (seed 001)', () => {
  it('asks what happened after a disclosure with no referral, strategy discussion or action', () => {
    const entries = [entry('school', '2015-02-03', 'disclosure', 'Child said dad hurt mum at the weekend')];
    const [p] = discussionPoints(entries, involved('school'));
    expect(p?.rule).toBe('disclosure_follow_up');
    expect(p?.question).toBe(
      'What happened after the disclosure recorded by School on 3 February ' +
        '2015? There is no referral, strategy discussion, assessment or ' +
        'protective action recorded within 28 days.',
    );
  });

  it('is silent when the disclosure was acted on', () => {
    const acted = [
      entry('school', '2015-02-03', 'disclosure', 'Child said dad hurt mum', 'DSL spoke to mother; referral to MASH'),
    ];
    expect(discussionPoints(acted, involved('school'))).toEqual([]);
    const referred = [
      entry('school', '2015-02-03', 'disclosure', 'Child said dad hurt mum'),
      entry('school', '2015-02-05', 'referral', 'Referral to MASH'),
    ];
    expect(rules(discussionPoints(referred, involved('school')))).not.toContain('disclosure_follow_up');
  });
});

describe('possible information-sharing gap (MARAC outcomes not filtering down)', () => {
  const entries = [
    entry('gp', '2019-01-10', 'other', 'Child seen for asthma review'),
    entry('police', '2019-03-04', 'marac', 'Case heard at MARAC; actions agreed'),
    entry('gp', '2019-05-20', 'other', 'Mother seen, low mood'),
    entry('school', '2019-03-10', 'other', 'Marac outcome received from DSL network'),
  ];

  it('asks whether an agency working with the family then knew of the MARAC', () => {
    const points = discussionPoints(entries, involved('gp', 'police', 'school'));
    const gaps = points.filter((p) => p.rule === 'information_sharing');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.question).toBe(
      'Did Gp know about the MARAC on 4 March 2019 recorded by Police? Gp ' +
        'was working with the family then, but has no entry referring to it ' +
        'within 28 days.',
    );
  });

  it('does not ask about agencies not involved, or not working with the family at the time', () => {
    expect(
      discussionPoints(entries, [
        ...involved('police', 'school'),
        { agencyId: 'gp', agencyName: 'GP', status: 'not_known' },
      ]).filter((p) => p.rule === 'information_sharing'),
    ).toEqual([]);
    const later = [
      entry('police', '2019-03-04', 'incident', 'DV incident'),
      entry('housing', '2020-06-01', 'other', 'Tenancy started'),
    ];
    expect(discussionPoints(later, involved('police', 'housing'))).toEqual([]);
  });
});

describe('repeated missed appointments', () => {
  it('asks about K or more without follow-up, and not when followed up', () => {
    const missed = ['2020-01-05', '2020-02-05', '2020-03-05'].map((d) =>
      entry('health visiting', d, 'missed_appointment', 'Child not brought to development check'),
    );
    const [p] = discussionPoints(missed, involved('health visiting'));
    expect(p?.rule).toBe('missed_appointments');
    expect(p?.question).toContain('recorded 3 missed appointments');
    const followed = missed.map((m, i) => (i === 0 ? { ...m, actionTaken: 'Home visit arranged' } : m));
    expect(discussionPoints(followed, involved('health visiting'))).toEqual([]);
    expect(
      discussionPoints(missed, involved('health visiting'), { ...DEFAULT_POINT_SETTINGS, missedCount: 4 }),
    ).toEqual([]);
  });
});

describe('drift', () => {
  it('asks about a long gap between a conference and the next core group', () => {
    const entries = [
      entry('social care', '2021-01-10', 'cp_conference', 'Initial conference: CP plan, neglect'),
      entry('social care', '2021-03-30', 'core_group', 'First core group'),
    ];
    const points = discussionPoints(entries, involved('social care')).filter((p) => p.rule === 'drift');
    expect(points).toHaveLength(1);
    expect(points[0]!.question).toBe(
      '79 days passed between the child protection conference on 10 January ' +
        '2021 and the next core group on 30 March 2021. Did the plan drift in ' +
        'that time?',
    );
  });

  it('is silent when core groups follow within the limit', () => {
    const entries = [
      entry('social care', '2021-01-10', 'cp_conference', 'ICPC'),
      entry('social care', '2021-01-20', 'core_group', 'Core group'),
      entry('social care', '2021-02-25', 'core_group', 'Core group'),
    ];
    expect(discussionPoints(entries, involved('social care')).filter((p) => p.rule === 'drift')).toEqual([]);
  });
});

describe('stable keys', () => {
  it('gives the same key for the same point, so dismissals survive recalculation', () => {
    const entries = [entry('school', '2015-02-03', 'disclosure', 'x')];
    expect(discussionPoints(entries, involved('school'))[0]!.key).toBe(
      discussionPoints([...entries].reverse(), involved('school'))[0]!.key,
    );
  });
});

describe('issue 12: what chronologies written elsewhere should raise', () => {
  it('raises a point for each of two agencies working with the family that never mention the event', () => {
    const marac = entry('police', '2019-03-04', 'marac', 'Case heard at MARAC; actions agreed');
    const entries = [
      entry('gp', '2019-01-10', 'other', 'Child seen for asthma review'),
      entry('school', '2019-02-01', 'other', 'Attendance meeting with mother'),
      marac,
      entry('gp', '2019-05-20', 'other', 'Mother seen, low mood'),
      entry('school', '2019-06-01', 'other', 'End of year report'),
    ];
    const gaps = discussionPoints(entries, involved('gp', 'police', 'school')).filter(
      (p) => p.rule === 'information_sharing',
    );
    expect(gaps.map((p) => p.key)).toEqual([
      `information_sharing:${marac.id}:gp`,
      `information_sharing:${marac.id}:school`,
    ]);
    expect(gaps.map((p) => p.question)).toEqual([
      'Did Gp know about the MARAC on 4 March 2019 recorded by Police? Gp was working with the family ' +
        'then, but has no entry referring to it within 28 days.',
      'Did School know about the MARAC on 4 March 2019 recorded by Police? School was working with the ' +
        'family then, but has no entry referring to it within 28 days.',
    ]);
    expect(gaps.map((p) => [p.entryIds, p.agencyIds])).toEqual([
      [[marac.id], ['police', 'gp']],
      [[marac.id], ['police', 'school']],
    ]);
  });

  it('does not take an entry that only notes a disclosure as follow-up, and lists it with the point', () => {
    const disclosure = entry('school', '2015-02-03', 'disclosure', 'Child said dad hurt mum', 'Noted on CPOMS');
    const noted = entry('school', '2015-02-04', 'other', 'DSL told of the disclosure; noted', 'None');
    const points = discussionPoints([disclosure, noted], involved('school'));
    expect(points.map((p) => [p.rule, p.key, p.entryIds])).toEqual([
      ['disclosure_follow_up', `disclosure_follow_up:${disclosure.id}`, [disclosure.id, noted.id]],
    ]);
  });

  it('takes a referral, strategy discussion, assessment or protective action by any agency as follow-up', () => {
    const disclosure = entry('school', '2015-02-03', 'disclosure', 'Child said dad hurt mum', 'DSL informed');
    const followUps = [
      entry('social care', '2015-02-10', 'referral', 'Referral received from school'),
      entry('police', '2015-02-06', 'strategy_discussion', 'Strategy discussion held'),
      entry('social care', '2015-02-20', 'other', 'Child and family assessment started'),
      entry('health', '2015-02-05', 'other', 'Seen', 'Child protection medical arranged'),
    ];
    for (const f of followUps)
      expect(rules(discussionPoints([disclosure, f], involved('school')))).not.toContain('disclosure_follow_up');
    const late = entry('social care', '2015-03-04', 'referral', 'Referral received from school');
    const notMade = entry('social care', '2015-02-10', 'other', 'Discussed with school: no referral made');
    expect(rules(discussionPoints([disclosure, late], involved('school')))).toContain('disclosure_follow_up');
    expect(rules(discussionPoints([disclosure, notMade], involved('school')))).toContain('disclosure_follow_up');
  });

  it('reads “none”, “N/A”, “nil” and “-” in the action field as no action', () => {
    for (const none of ['none', 'N/A', 'nil', '-', 'not applicable']) {
      const missed = ['2020-01-05', '2020-02-05', '2020-03-05'].map((d) =>
        entry('health visiting', d, 'missed_appointment', 'Child not brought to development check', none),
      );
      expect(rules(discussionPoints(missed, involved('health visiting')))).toEqual(['missed_appointments']);
    }
  });

  it('counts missed appointments for the child across agencies', () => {
    // Two at health visiting (one written "DNA" under "other"), two at the GP: four, over the threshold of three.
    const missed = [
      entry('health visiting', '2020-01-05', 'missed_appointment', 'Child was not brought to 1-year review'),
      entry('gp', '2020-02-10', 'other', 'DNA immunisations', 'n/a'),
      entry('health visiting', '2020-03-05', 'other', 'Missed appointment: hearing test'),
      entry('gp', '2020-04-20', 'missed_appointment', 'Was not brought to asthma clinic'),
    ];
    const points = discussionPoints(missed, involved('health visiting', 'gp'));
    expect(points.map((p) => p.rule)).toEqual(['missed_appointments']);
    expect(points[0]!.question).toBe(
      '2 agencies recorded 4 missed appointments or times a child was not brought between 5 January 2020 ' +
        'and 20 April 2020 (2 by Health visiting, 2 by Gp), with no follow-up recorded. Did any agency see ' +
        'the whole pattern as a possible sign of neglect, and was it shared?',
    );
    expect(points[0]!.entryIds).toEqual(missed.map((m) => m.id));
    expect(points[0]!.agencyIds).toEqual(['health visiting', 'gp']);
    expect(discussionPoints(missed.slice(1), involved('health visiting', 'gp'))).toHaveLength(1);
    expect(discussionPoints(missed.slice(2), involved('health visiting', 'gp'))).toEqual([]);
    // Only entries filed as missed appointments, or as "other" saying so, count: not a school absence.
    const absence = entry('school', '2020-05-01', 'school_absence', 'Did not attend: missed appointment letter');
    expect(discussionPoints([...missed.slice(2), absence], involved('health visiting', 'gp', 'school'))).toEqual([]);
  });
});
