import { describe, expect, it } from 'vitest';
import { findIdentifyingDetails, type RedactionTerm } from '../redaction-guard.ts';

// The spellings people really write, each against what the coordinator recorded (issue 12).
const name = (value: string): RedactionTerm => ({ kind: 'name', value });
const address = (value: string): RedactionTerm => ({ kind: 'address', value });
const dob = (value: string): RedactionTerm => ({ kind: 'date_of_birth', value });
const number = (value: string): RedactionTerm => ({ kind: 'record_number', value });
const matched = (text: string, terms: RedactionTerm[]) => findIdentifyingDetails(text, terms).map((h) => h.matched);

describe('addresses by their street line', () => {
  it('finds "12 Orchard Rd" for a recorded "12 Orchard Road", and the other way round', () => {
    expect(matched('They moved to 12 Orchard Rd. in May', [address('12 Orchard Road, Leicester')])).toEqual([
      '12 Orchard Rd',
    ]);
    expect(matched('They moved to 12 Orchard Road', [address('12 Orchard Rd, Leicester')])).toEqual([
      '12 Orchard Road',
    ]);
    expect(matched('near orchard rd', [address('12 Orchard Road, Leicester')])).toEqual(['orchard rd']);
  });

  it('finds the street of "Flat 3, 41 Mill Lane" with and without its number', () => {
    const term = address('Flat 3, 41 Mill Lane, Leicester, LE2 7QR');
    expect(matched('seen at 41 Mill Lane', [term])).toEqual(['41 Mill Lane']);
    expect(matched('a flat on Mill Ln', [term])).toEqual(['Mill Ln']);
    expect(matched('at Flat 3, 41 Mill Lane', [term])).toEqual(['Flat 3, 41 Mill Lane']);
    expect(matched('a flat 3 bedrooms', [term])).toEqual([]);
    expect(matched('the mill was closed; a lane nearby', [term])).toEqual([]);
  });

  it('finds a house name before the street, and the street', () => {
    const term = address('Rose Cottage, Mill Lane, Leicester');
    expect(matched('at Rose Cottage; on Mill Ln; a rose garden', [term])).toEqual(['Rose Cottage', 'Mill Ln']);
  });

  it('finds a prefix on the same line as the street: "Flat 3 41 Mill Lane"', () => {
    expect(matched('lives at 41 mill lane', [address('Flat 3 41 Mill Lane, LE2 7QR')])).toEqual(['41 mill lane']);
  });

  const pairs: [string, string][] = [
    ['Road', 'Rd'],
    ['Lane', 'Ln'],
    ['Close', 'Cl'],
    ['Street', 'St'],
    ['Avenue', 'Ave'],
    ['Drive', 'Dr'],
    ['Court', 'Ct'],
    ['Crescent', 'Cres'],
    ['Gardens', 'Gdns'],
    ['Place', 'Pl'],
    ['Terrace', 'Terr'],
    ['Square', 'Sq'],
  ];
  for (const [full, short] of pairs)
    it(`reads ${full} and ${short} as one street type, both ways`, () => {
      expect(matched(`at 7 Larkspur ${short}.`, [address(`7 Larkspur ${full}, Testtown`)])).toEqual([
        `7 Larkspur ${short}`,
      ]);
      expect(matched(`at Larkspur ${full}`, [address(`7 Larkspur ${short}, Testtown`)])).toEqual([`Larkspur ${full}`]);
    });

  it('finds a postcode with or without its space, in any case, and not a neighbouring one', () => {
    const term = address('41 Mill Lane, Leicester LE2 7QR');
    expect(matched('LE27QR; le2 7qr; LE2  7QR; LE2 7QS', [term])).toEqual(['LE27QR', 'le2 7qr', 'LE2  7QR']);
  });

  it('does not flag a one-word street on its own, or the town', () => {
    expect(matched('Broadway and Leicester', [address('5 Broadway, Leicester')])).toEqual([]);
    expect(matched('at 5 Broadway', [address('5 Broadway, Leicester')])).toEqual(['5 Broadway']);
  });
});

describe('names as people write them', () => {
  it('finds each part of a hyphenated surname, the whole, and the joined spelling', () => {
    const term = name('Ella Smith-Jones');
    expect(matched('Ella Smith-Jones; Smith Jones; Mr Jones; Mrs Smith; SmithJones', [term])).toEqual([
      'Ella Smith-Jones',
      'Smith Jones',
      'Jones',
      'Smith',
      'SmithJones',
    ]);
    expect(matched('seen with Ella Jones', [term])).toEqual(['Ella Jones']);
  });

  it('finds each part of a double surname and an apostrophe name written without it', () => {
    expect(matched('Mr Ortega said', [name('Lucia Garcia Ortega')])).toEqual(['Ortega']);
    expect(matched('Mrs OBrien and Ms O’Brien', [name("Siobhan O'Brien")])).toEqual(['OBrien', 'O’Brien']);
  });

  it('finds possessives, any case and accents folded', () => {
    expect(matched("Ella's school; ELLA’S mother; zoë's", [name('Ella Smith'), name('Zoe Brown')])).toEqual([
      'Ella',
      'ELLA',
      'zoë',
    ]);
  });

  it('finds an ordinary-word name where it is written as a name, not as a word', () => {
    const terms = [name('Grace Hope'), name('Will Young')];
    expect(matched('The worker spoke to Grace and to Will about hope.', terms)).toEqual(['Grace', 'Will']);
    expect(matched('Grace was seen. Will the agency act? There is hope; the will to act.', terms)).toEqual([]);
    expect(matched('Grace Hope was seen', terms)).toEqual(['Grace Hope']);
  });

  it('does not take a month for a name when it comes before a day or year', () => {
    expect(matched('Seen on 3 June and in May 2024, and with May on Monday', [name('May Jones')])).toEqual(['May']);
  });
});

describe('dates of birth in every common UK form', () => {
  const forms = [
    '12/03/2015',
    '12/3/15',
    '12.03.2015',
    '12-03-2015',
    '12 03 2015',
    '12032015',
    '2015/03/12',
    '12-Mar-2015',
    '12/Mar/15',
    '12Mar2015',
    '12th of March 2015',
    'Mar 12th 2015',
    '12 March, 2015',
  ];
  for (const form of forms)
    it(`finds 12 March 2015 written "${form}"`, () => {
      expect(matched(`born ${form} at home`, [dob('12/03/2015')])).toEqual([form]);
    });

  it('reads a recorded date in a written form too', () => {
    expect(matched('dob 2015-03-12', [dob('12 March 2015')])).toEqual(['2015-03-12']);
  });
});

describe('record numbers with or without separators', () => {
  it('finds an NHS number grouped, joined, dotted or after a colon', () => {
    const term = number('4857773456');
    expect(matched('NHS: 485 777 3456, 485.777.3456, 485/777/3456, 485_777_3456', [term])).toEqual([
      '485 777 3456',
      '485.777.3456',
      '485/777/3456',
      '485_777_3456',
    ]);
  });

  it('finds a record number with letters however it is separated', () => {
    const term = number('CSC-1234567');
    expect(matched('file csc 1234567 and CSC1234567 and CSC/1234567', [term])).toEqual([
      'csc 1234567',
      'CSC1234567',
      'CSC/1234567',
    ]);
  });
});
