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
        '2015? There is no referral, strategy discussion or recorded action ' +
        'within 28 days.',
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
