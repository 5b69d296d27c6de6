import { describe, expect, it } from 'vitest';
import { describesMissedAppointment, recordsAction, recordsFollowUp } from './discussion-point-words.ts';

describe('what an action field means', () => {
  it.each([
    '',
    '  ',
    'none',
    'None.',
    'NONE',
    'no action',
    'No action taken',
    'n/a',
    'N/A',
    'NA',
    'n.a.',
    'nil',
    'Nil',
  ])('“%s” records no action', (text) => expect(recordsAction(text)).toBe(false));
  it.each([
    '-',
    '--',
    '–',
    '—',
    'not applicable',
    'Not Applicable',
    'NFA',
    'no further action',
    'nothing',
    'not recorded',
  ])('“%s” records no action', (text) => expect(recordsAction(text)).toBe(false));
  it.each([
    'Home visit arranged',
    'Letter sent to parent',
    'Referral to MASH',
    'None of the family was home; visit rebooked',
  ])('“%s” records an action', (text) => expect(recordsAction(text)).toBe(true));
});

describe('what follows a disclosure up', () => {
  it.each([
    'Referral to MASH',
    'DSL referred to children’s social care',
    'Strategy discussion held with police',
    'Section 47 enquiry started',
    'Child and family assessment opened',
    'Child protection medical arranged',
    'Safety plan agreed with mother',
    'Police protection used',
    'Mother did not engage, referral made to MASH',
  ])('“%s” is follow-up', (text) => expect(recordsFollowUp(text)).toBe(true));

  it.each([
    'Disclosure noted',
    'Noted on CPOMS',
    'DSL informed and logged',
    'Passed to the class teacher',
    'No referral made',
    'Not referred: mother said it would not happen again',
    'Decided against a strategy discussion',
  ])('“%s” is not follow-up', (text) => expect(recordsFollowUp(text)).toBe(false));
});

describe('missed appointments however they are written', () => {
  it.each([
    'Child was not brought to the clinic',
    'DNA dental appointment',
    'Did not attend paediatric review',
    'Missed appointment with the school nurse',
    'Missed her 2-year development appointment',
    'WNB audiology',
  ])('“%s” is a missed appointment', (text) => expect(describesMissedAppointment(text)).toBe(true));

  it.each([
    'DNA test confirmed paternity',
    'Seen at the clinic',
    'Appointment offered for next month',
    'dna',
    'Did not attend school on Monday',
    'Father did not attend the core group',
    'Child was not brought to school for three days',
  ])('“%s” is not', (text) => expect(describesMissedAppointment(text)).toBe(false));
});
