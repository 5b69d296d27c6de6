import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ParsedRow } from '../../domain/candidate-rows.ts';

/**
 * Reads an uploaded candidate list: a CSV (UTF-8 with or without a BOM, UTF-16, or Windows-1252
 * when it is not valid UTF-8) or an Excel workbook (.xlsx, read as a stream). What the file is
 * comes from its content, never its name. Formula cells come back as '=' + the formula, so the
 * row reader refuses them; nothing is ever evaluated.
 */
export const MAX_CANDIDATE_ROWS = 100_000;

export type CandidateFile =
  | { ok: true; format: 'csv' | 'xlsx'; encoding: string; headers: string[]; rows: ParsedRow[] }
  | { ok: false; message: string };

const fail = (message: string): CandidateFile => ({ ok: false, message });
const NOT_A_LIST = 'The selected file must be a CSV or an Excel workbook (.xlsx)';

export async function readCandidateFile(buffer: Buffer): Promise<CandidateFile> {
  if (buffer.length === 0) return fail('The selected file is empty');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readWorkbook(buffer);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return fail('The selected file is an old Excel workbook (.xls): save it as .xlsx or CSV and upload it again');
  }
  const decoded = decode(buffer);
  if (!decoded) return fail(NOT_A_LIST);
  return readCsv(decoded.text, decoded.encoding);
}

function decode(buffer: Buffer): { text: string; encoding: string } | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf16le'), encoding: 'UTF-16' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(buffer.subarray(2), 'utf16be'), encoding: 'UTF-16' };
  // Control characters other than tab and line ends mean a binary file (PDF, image, Word...).
  const head = buffer.subarray(0, 64 * 1024);
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) return undefined;
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = bom ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'Windows-1252' };
  }
}

/** The delimiter that splits the heading line most: comma, semicolon or tab. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.replace(/"[^"]*"/g, '').split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.d : ',';
}

function readCsv(text: string, encoding: string): CandidateFile {
  if (text.trim() === '') return fail('The selected file is empty');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      to: MAX_CANDIDATE_ROWS + 2,
    });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return fail(
      `The file could not be read as a CSV${lines ? ` near line ${lines}` : ''}: ` +
        'check its quotation marks and save it as CSV again',
    );
  }
  return shape(
    records.map((cells, i) => ({ number: i + 1, cells })),
    'csv',
    encoding,
  );
}

function shape(all: ParsedRow[], format: 'csv' | 'xlsx', encoding: string): CandidateFile {
  const headerAt = all.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (headerAt < 0) return fail('The selected file is empty');
  const header = all[headerAt]!;
  const rows = all.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return fail('The file has column headings but no rows of candidates');
  if (rows.length > MAX_CANDIDATE_ROWS)
    return fail(
      `The file has more than ${MAX_CANDIDATE_ROWS.toLocaleString('en-GB')} rows: ` +
        'split it and upload the parts one at a time',
    );
  const width = Math.max(header.cells.length, ...rows.slice(0, 1000).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => (header.cells[i] ?? '').trim() || `Column ${i + 1}`);
  return { ok: true, format, encoding, headers, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = value as { formula?: string; sharedFormula?: string };
      return `=${String(formula.formula ?? formula.sharedFormula ?? '')}`;
    }
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

async function readWorkbook(buffer: Buffer): Promise<CandidateFile> {
  const rows: ParsedRow[] = [];
  let sheets = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        rows.push({
          number: row.number,
          cells: Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim()),
        });
        if (rows.length > MAX_CANDIDATE_ROWS + 1) break;
      }
      break; // the first worksheet is the list
    }
  } catch {
    return fail(
      'The file could not be read as an Excel workbook: open it in Excel, save it as .xlsx or CSV and upload it again',
    );
  }
  if (sheets === 0) return fail(NOT_A_LIST);
  if (rows.length === 0) return fail('The selected file is empty');
  return shape(rows, 'xlsx', 'XLSX');
}
