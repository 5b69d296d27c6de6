import { describe, expect, it } from 'vitest';
import { matchAgencies, parseAgencyMapping } from './exchange-agencies.ts';

const file = [
  { key: 'A1', name: 'Leics Police', type: 'police', invited: true, invitedAt: null, lead: null },
  { key: 'A2', name: "Children's Social Care", type: 'social_care', invited: true, invitedAt: null, lead: null },
  { key: 'A3', name: 'Health', type: 'community_health', invited: false, invitedAt: null, lead: null },
];
const here = [
  { id: 'p', name: 'Leicestershire Police', type: 'police' },
  { id: 's', name: "children's social care", type: 'social_care' },
  { id: 'h1', name: 'Health', type: 'acute_health' },
  { id: 'h2', name: 'Health', type: 'community_health' },
];

describe('matching the file’s agencies to the partnership’s', () => {
  it('matches by name and type, ignoring case, and lists what is left', () => {
    const result = matchAgencies(file, here, {}, false);
    expect(result).toMatchObject({ ok: false, missing: [{ key: 'A1', name: 'Leics Police' }], unknownTargets: [] });
  });

  it('takes a mapping by name or id, and prefers the same type among agencies of the same name', () => {
    const result = matchAgencies(file, here, { 'leics police': 'Leicestershire Police' }, false);
    expect(result.ok && [...result.byKey]).toEqual([
      ['A1', 'p'],
      ['A2', 's'],
      ['A3', 'h2'],
    ]);
    const byId = matchAgencies(file, here, { 'Leics Police': 'p' }, false);
    expect(byId.ok && byId.byKey.get('A1')).toBe('p');
  });

  it('creates what is missing only when told, and never when a mapping names an agency that is not there', () => {
    expect(matchAgencies(file, here, {}, true)).toMatchObject({ ok: true, toCreate: [{ key: 'A1' }] });
    expect(matchAgencies(file, here, { 'Leics Police': 'Leicester Police' }, true)).toMatchObject({
      ok: false,
      unknownTargets: ['Leicester Police'],
    });
  });

  it('reads "Source=Target" pairs, splitting at the first "="', () => {
    expect(parseAgencyMapping(['A=B', ' Police = Police=Force '])).toEqual({
      mapping: { A: 'B', Police: 'Police=Force' },
      problems: [],
    });
    expect(parseAgencyMapping(['=B', 'A=', 'AB']).problems).toHaveLength(3);
  });
});
