import { describe, expect, it } from 'vitest';
import { checkImportMapping, guessImportMapping, rowToEntry } from './import-mapping.ts';

const scope = { from: '2018-01-01', to: '2018-12-31' };

describe('chronology import mapping', () => {
  it('guesses columns from common headings', () => {
    expect(
      guessImportMapping(['Date of event', 'Type', 'Description', 'Recorded by', 'Impact on child', 'Action taken']),
    ).toEqual({ date: 0, category: 1, event: 2, source: 3, impact: 4, actionTaken: 5 });
  });

  it('names unmapped required fields and columns used twice', () => {
    expect(checkImportMapping({ date: 0, event: 0 }, 3)).toEqual({
      event: '“What happened” uses the same column as “Date or period”',
      category: 'Select the column that holds “Category”',
    });
    expect(checkImportMapping({ date: 0, event: 1, category: 9 }, 3)).toEqual({
      category: 'Select a column from the file for “Category”',
    });
  });

  it('turns a row into an entry, or the reasons it cannot be one', () => {
    const mapping = { date: 0, category: 1, event: 2, dateTo: 3 };
    expect(rowToEntry(['01/03/2018', 'MARAC', 'Heard at MARAC', '05/03/2018'], mapping, scope)).toMatchObject({
      ok: true,
      entry: { date: { from: '2018-03-01', to: '2018-03-05' }, category: 'marac' },
    });
    expect(rowToEntry(['31/02/2018', 'Other', '', ''], mapping, scope)).toEqual({
      ok: false,
      reasons: ['the date is not readable: 31/02/2018 is not a real date', 'enter what happened'],
    });
    expect(rowToEntry(['01/03/2018', 'Other', '=CMD()', ''], mapping, scope)).toMatchObject({
      ok: false,
      reasons: [expect.stringContaining('spreadsheet formula')],
    });
    expect(rowToEntry(['', '', '', ''], mapping, scope)).toEqual({ ok: false, reasons: ['the row is empty'] });
  });

  it('reads a real spreadsheet date as the day it shows', () => {
    expect(
      rowToEntry(
        [new Date(Date.UTC(2018, 5, 1)), 'Other', 'Seen at clinic'],
        { date: 0, category: 1, event: 2 },
        scope,
      ),
    ).toMatchObject({ ok: true, entry: { date: { from: '2018-06-01' } } });
  });
});
