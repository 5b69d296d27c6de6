import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkMapping, guessMapping, readCandidateRows, type ColumnMapping } from '../../src/domain/candidate-rows.ts';
import { looksLikeFormula, readDate } from '../../src/domain/candidate-values.ts';
import { readCandidateFile } from '../../src/features/cases/candidate-file.ts';

const TODAY = '2025-03-15';
const HEADERS = 'Legal status,Age,Gender,Ethnicity,Child name,DOB,Mosaic ID';

async function read(content: string | Buffer) {
  const file = await readCandidateFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  if (!file.ok) throw new Error(file.message);
  return file;
}

async function rowsOf(content: string | Buffer, mapping?: ColumnMapping) {
  const file = await read(content);
  return readCandidateRows(file.rows, file.headers, mapping ?? guessMapping(file.headers), TODAY);
}

describe('reading a candidate file', () => {
  it('reads a plain CSV and guesses the mapping from the headings', async () => {
    const file = await read(`${HEADERS}\nCIN,7,F,White British,Amy Example,,M123\nCP,,M,Indian,,04/03/2019,\n`);
    expect(file.format).toBe('csv');
    expect(file.headers).toEqual(['Legal status', 'Age', 'Gender', 'Ethnicity', 'Child name', 'DOB', 'Mosaic ID']);
    expect(guessMapping(file.headers)).toEqual({
      legalStatus: '0',
      ageYears: '1',
      sex: '2',
      ethnicity: '3',
      name: '4',
      dateOfBirth: '5',
      recordNumber: '6',
    });
    const { good, bad } = readCandidateRows(file.rows, file.headers, guessMapping(file.headers), TODAY);
    expect(bad).toEqual([]);
    expect(good).toEqual([
      {
        rowNumber: 2,
        legalStatus: 'child_in_need',
        ageBand: '5_9',
        ageYears: 7,
        sex: 'female',
        ethnicity: 'white_british',
        identity: { name: 'Amy Example', recordNumber: 'M123' },
      },
      {
        rowNumber: 3,
        legalStatus: 'child_protection',
        ageBand: '5_9',
        ageYears: 6,
        sex: 'male',
        ethnicity: 'asian_indian',
        identity: { dateOfBirth: '2019-03-04' },
      },
    ]);
  });

  it('names every bad row with its spreadsheet row number and each reason', async () => {
    const csv = [
      HEADERS,
      'CIN,abc,F,White British,,,',
      'CP?,4,X,Martian,,,',
      'LAC,,F,Not known,,31/02/2019,',
      'EH,,F,Irish,,,',
    ].join('\n');
    const { good, bad, problemsByField } = await rowsOf(csv);
    expect(good).toHaveLength(0);
    expect(bad).toEqual([
      { rowNumber: 2, reasons: ["age 'abc' is not a number"] },
      {
        rowNumber: 3,
        reasons: [
          "legal status 'CP?' is not one of none, early help, child in need, child protection, looked after",
          "sex 'X' is not one of female, male, not known",
          'ethnicity \'Martian\' is not one of the ONS 2021 categories or "Not known"',
        ],
      },
      {
        rowNumber: 4,
        reasons: ["date of birth '31/02/2019' is not a real date (use day/month/year, like 04/03/2019)"],
      },
      { rowNumber: 5, reasons: ['there is no age, date of birth or age band'] },
    ]);
    expect(problemsByField).toMatchObject({ ageYears: 1, legalStatus: 1, sex: 1, ethnicity: 1, dateOfBirth: 2 });
  });

  it('reads Windows-1252 when the file is not valid UTF-8', async () => {
    const bytes = iconv.encode(`${HEADERS}\nCIN,7,F,White British,Zoë Brontë,,\n`, 'win1252');
    const file = await read(bytes);
    expect(file.encoding).toBe('Windows-1252');
    const { good } = readCandidateRows(file.rows, file.headers, guessMapping(file.headers), TODAY);
    expect(good[0]?.identity.name).toBe('Zoë Brontë');
  });

  it('strips a UTF-8 byte order mark so the first heading still matches', async () => {
    const file = await read(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADERS}\nCIN,7,F,White British,,,\n`)]),
    );
    expect(file.encoding).toBe('UTF-8 with BOM');
    expect(file.headers[0]).toBe('Legal status');
    expect(guessMapping(file.headers).legalStatus).toBe('0');
  });

  it('reads UTF-16 with semicolons or tabs as the delimiter', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Legal status\tAge\tSex\tEthnicity\r\nCIN\t3\tM\tNot known\r\n', 'utf16le'),
    ]);
    const { good } = await rowsOf(bytes);
    expect(good).toHaveLength(1);
    const semicolons = await rowsOf('Legal status;Age;Sex;Ethnicity\nLooked after;16;Female;Roma\n');
    expect(semicolons.good[0]).toMatchObject({
      legalStatus: 'looked_after',
      ageBand: '16_17',
      ethnicity: 'white_roma',
    });
  });

  it('refuses a spreadsheet formula in a cell, naming the row and the column', async () => {
    const { good, bad } = await rowsOf(
      `${HEADERS}\nCIN,7,F,White British,,,\n"=HYPERLINK(""http://x"",""y"")",7,F,Irish,,,\nCIN,7,F,Irish,@SUM(A1),,\n`,
    );
    expect(good).toHaveLength(1);
    expect(bad.map((b) => b.rowNumber)).toEqual([3, 4]);
    expect(bad[0]?.reasons[0]).toContain("column 'Legal status' holds a spreadsheet formula");
    expect(bad[1]?.reasons[0]).toContain("column 'Child name' holds a spreadsheet formula");
  });

  it('reads an Excel workbook, with dates, and refuses formula cells without evaluating them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Candidates');
    sheet.addRow(['Legal status', 'Date of birth', 'Sex', 'Ethnicity']);
    sheet.addRow(['Child protection', new Date(Date.UTC(2020, 5, 1)), 'Female', 'Caribbean']);
    sheet.addRow([{ formula: '"Child in need"', result: 'Child in need' }, 5, 'Male', 'African']);
    sheet.addRow(['Early help', '01/01/2030', 'Male', 'African']);
    const file = await read(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(file.format).toBe('xlsx');
    const { good, bad } = readCandidateRows(file.rows, file.headers, guessMapping(file.headers), TODAY);
    expect(good).toEqual([
      {
        rowNumber: 2,
        legalStatus: 'child_protection',
        ageBand: '1_4',
        ageYears: 4,
        sex: 'female',
        ethnicity: 'black_caribbean',
        identity: { dateOfBirth: '2020-06-01' },
      },
    ]);
    expect(bad[0]).toMatchObject({ rowNumber: 3 });
    expect(bad[0]?.reasons[0]).toContain('spreadsheet formula');
    expect(bad[1]).toEqual({ rowNumber: 4, reasons: ["date of birth '01/01/2030' is in the future"] });
  });

  it('explains an empty file, a file with only headings, and a file that is not a list whatever its name', async () => {
    expect(await readCandidateFile(Buffer.alloc(0))).toEqual({ ok: false, message: 'The selected file is empty' });
    expect(await readCandidateFile(Buffer.from('\n\n  \n'))).toEqual({
      ok: false,
      message: 'The selected file is empty',
    });
    expect(await readCandidateFile(Buffer.from(`${HEADERS}\n`))).toEqual({
      ok: false,
      message: 'The file has column headings but no rows of candidates',
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 3, 0xff, 0x00])]);
    expect(await readCandidateFile(pdf)).toEqual({
      ok: false,
      message: 'The selected file must be a CSV or an Excel workbook (.xlsx)',
    });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await readCandidateFile(xls)).ok).toBe(false);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect(await readCandidateFile(zip)).toMatchObject({ ok: false });
  });

  it('checks the mapping: the required fields, an age of some kind, no column used twice', () => {
    expect(checkMapping({}, 4)).toEqual({
      legalStatus: 'Select the column that holds the legal status',
      sex: 'Select the column that holds the sex',
      ethnicity: 'Select the column that holds the ethnicity',
      age: 'Select the column that holds the age, the date of birth or the age band',
    });
    expect(checkMapping({ legalStatus: '0', ageBand: '1', sex: '2', ethnicity: '2' }, 4)).toEqual({
      ethnicity: 'Ethnicity and sex cannot use the same column',
    });
    expect(checkMapping({ legalStatus: '0', ageBand: '1', sex: '2', ethnicity: '9' }, 4)).toEqual({
      ethnicity: 'Select a column from the file for ethnicity',
    });
    expect(checkMapping({ legalStatus: '0', ageBand: '1', sex: '2', ethnicity: '3' }, 4)).toEqual({});
  });

  it('tells a wrong column by every row failing on it', async () => {
    const csv = `Status,Band,Sex,Ethnicity\nCIN,5-9,F,Irish\nCP,10 to 15,M,Indian\n`;
    const { good, bad, problemsByField } = await rowsOf(csv, {
      legalStatus: '0',
      ageBand: '1',
      sex: '3',
      ethnicity: '2',
    });
    expect(good).toHaveLength(0);
    expect(bad).toHaveLength(2);
    expect(problemsByField).toEqual({ sex: 2, ethnicity: 2 });
  });

  it('knows a formula from a value, and a real date from an impossible one', () => {
    for (const formula of ['=1+1', '@SUM(A1:A2)', '+A1', '-cmd|calc', '\t=x'])
      expect(looksLikeFormula(formula)).toBe(true);
    for (const value of ['-', '-1', '+44 7700 900000', 'CIN', '', '3.5']) expect(looksLikeFormula(value)).toBe(false);
    expect([
      readDate('4/3/2019'),
      readDate('2019-03-04'),
      readDate('04.03.2019'),
      readDate('29/02/2023'),
      readDate('2019-13-01'),
      readDate('March 2019'),
    ]).toEqual(['2019-03-04', '2019-03-04', '2019-03-04', null, null, null]);
  });
});
