/**
 * Which files may be attached to an action as evidence, decided by what the bytes are and not
 * only by the name: a PDF must start like a PDF, a Word or Excel file must be the right kind of
 * Office package (and not a macro-enabled one), an image must carry its signature, and a CSV or
 * text file must be text.
 */
export type EvidenceFileType = 'pdf' | 'docx' | 'xlsx' | 'csv' | 'png' | 'jpeg' | 'txt';

export const EVIDENCE_TYPES: Record<EvidenceFileType, { label: string; contentType: string; extensions: string[] }> = {
  pdf: { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'] },
  docx: {
    label: 'Word document (DOCX)',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    label: 'Excel spreadsheet (XLSX)',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  csv: { label: 'CSV', contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
  png: { label: 'PNG image', contentType: 'image/png', extensions: ['png'] },
  jpeg: { label: 'JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  txt: { label: 'text file', contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
};

export const ALLOWED_TYPES_MESSAGE =
  'The selected file must be a PDF, Word document (DOCX), Excel spreadsheet (XLSX), CSV, PNG, JPEG or text file';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF = Buffer.from('%PDF-');

const startsWith = (bytes: Buffer, signature: Buffer) =>
  bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);

/** Text: no NUL and no control characters other than tab, line feed, form feed and carriage return. */
function looksLikeText(bytes: Buffer): boolean {
  for (const byte of bytes)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return false;
  return !startsWith(bytes, PDF) && !startsWith(bytes, ZIP);
}

/** The type the content really is, or undefined when it is none of the allowed types. */
export function sniffEvidence(bytes: Buffer): EvidenceFileType | 'text' | undefined {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, ZIP)) {
    // Office packages name their parts in plain text in the ZIP directory.
    if (!bytes.includes('[Content_Types].xml') || bytes.includes('vbaProject.bin')) return undefined;
    if (bytes.includes('word/document.xml')) return 'docx';
    if (bytes.includes('xl/workbook.xml')) return 'xlsx';
    return undefined;
  }
  return looksLikeText(bytes) ? 'text' : undefined;
}

export type EvidenceCheck = { ok: true; type: EvidenceFileType } | { ok: false; message: string };

export function checkEvidenceFile(filename: string, bytes: Buffer): EvidenceCheck {
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty' };
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const claimed = (Object.keys(EVIDENCE_TYPES) as EvidenceFileType[]).find((t) =>
    EVIDENCE_TYPES[t].extensions.includes(extension),
  );
  if (!claimed) return { ok: false, message: ALLOWED_TYPES_MESSAGE };
  const actual = sniffEvidence(bytes);
  const matches = actual === claimed || (actual === 'text' && (claimed === 'csv' || claimed === 'txt'));
  if (!matches)
    return {
      ok: false,
      message:
        `The selected file is not a real ${EVIDENCE_TYPES[claimed].label}: its content is a ` +
        `different kind of file. ${ALLOWED_TYPES_MESSAGE}`,
    };
  return { ok: true, type: claimed };
}

/** A file name safe to show and to send back in a download header. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(-200) || 'evidence';
}
