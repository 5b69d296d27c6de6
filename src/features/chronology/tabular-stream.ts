import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Rows from a CSV or an Excel workbook, streamed: a 100 MB file is never held whole, and the event
 * loop keeps serving other requests between rows. What the file is comes from its bytes, not its
 * name; a CSV that is not valid UTF-8 is read as Windows-1252 (what Excel saves on Windows).
 */
export type Cell = string | Date;
export type Sniffed = { ok: true; format: 'csv' | 'xlsx'; encoding: string } | { ok: false; message: string };

export function sniff(head: Buffer, size: number): Sniffed {
  if (size === 0 || head.length === 0) return { ok: false, message: 'The selected file is empty' };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { ok: true, format: 'xlsx', encoding: 'xlsx' };
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return {
      ok: false,
      message: 'The selected file is an old Excel workbook (.xls): save it as .xlsx or CSV and upload it again',
    };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { ok: true, format: 'csv', encoding: 'utf16le' };
  for (const byte of head) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a))
      return { ok: false, message: 'The selected file must be a CSV or an Excel workbook (.xlsx)' };
  }
  // A multi-byte character may be cut at the end of the sample: check all but the last 3 bytes.
  const sample = head.length > 8 ? head.subarray(0, head.length - 3) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return { ok: true, format: 'csv', encoding: 'utf-8' };
  } catch {
    return { ok: true, format: 'csv', encoding: 'windows-1252' };
  }
}

function delimiterOf(head: string): string {
  const first = head.slice(0, head.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const best = [',', ';', '\t'].map((d) => ({ d, n: first.split(d).length })).sort((a, b) => b.n - a.n)[0]!;
  return best.n > 1 ? best.d : ',';
}

/** Every row including the heading row, as cells; throws with a readable message on a broken file. */
export async function* readRows(
  chunks: AsyncIterable<Buffer>,
  sniffed: { format: 'csv' | 'xlsx'; encoding: string },
  head: Buffer,
): AsyncGenerator<Cell[]> {
  const source = Readable.from(chunks);
  if (sniffed.format === 'xlsx') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'emit',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const cells: Cell[] = [];
        const values = row.values as unknown[];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield cells;
      }
      return; // the first worksheet only
    }
    return;
  }
  const encoding = sniffed.encoding === 'windows-1252' ? 'win1252' : sniffed.encoding;
  const decodedHead = iconv.decode(head, encoding);
  const parser = source.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter: delimiterOf(decodedHead),
      relax_column_count: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: true,
    }),
  );
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new Error(
      `The file could not be read as CSV${lines ? ` at line ${lines}` : ''}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Excel values as text, keeping real dates as dates and formulas visible (never evaluated). */
function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as {
      formula?: string;
      sharedFormula?: string;
      richText?: { text: string }[];
      text?: string;
      result?: unknown;
    };
    if (v.formula || v.sharedFormula) return `=${v.formula ?? v.sharedFormula}`;
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
    if (v.result !== undefined) return cellText(v.result);
  }
  // A value none of the shapes above matched is written as String() always wrote it.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- exceljs values are primitives or the objects above
  return String(value);
}
