import { describe, expect, it } from 'vitest';
import { checkEvidenceFile, cleanFilename } from './evidence-file.ts';

const zip = (...names: string[]) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names.join('\0'))]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('evidence files are checked by their content', () => {
  it('accepts each allowed type when the content matches the name', () => {
    expect(checkEvidenceFile('minutes.pdf', Buffer.from('%PDF-1.7\n\x00\xff'))).toEqual({ ok: true, type: 'pdf' });
    expect(checkEvidenceFile('briefing.docx', zip('[Content_Types].xml', 'word/document.xml'))).toEqual({
      ok: true,
      type: 'docx',
    });
    expect(checkEvidenceFile('register.XLSX', zip('[Content_Types].xml', 'xl/workbook.xml'))).toEqual({
      ok: true,
      type: 'xlsx',
    });
    expect(checkEvidenceFile('attendance.csv', Buffer.from('name,date\r\nDSL briefing,2026-01-09\r\n'))).toEqual({
      ok: true,
      type: 'csv',
    });
    expect(checkEvidenceFile('note.txt', Buffer.from('Caf\xe9 (Windows-1252) is still text', 'latin1'))).toEqual({
      ok: true,
      type: 'txt',
    });
    expect(checkEvidenceFile('photo.png', png)).toEqual({ ok: true, type: 'png' });
    expect(checkEvidenceFile('scan.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toEqual({ ok: true, type: 'jpeg' });
  });

  it('refuses other extensions, renamed files, macro-enabled packages, binary text and empty files', () => {
    expect(checkEvidenceFile('run.exe', Buffer.from('MZ'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('must be a PDF') as string,
    });
    expect(checkEvidenceFile('minutes.pdf', png)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a real PDF') as string,
    });
    expect(checkEvidenceFile('report.xlsx', zip('[Content_Types].xml', 'word/document.xml')).ok).toBe(false);
    expect(
      checkEvidenceFile('macro.docx', zip('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin')).ok,
    ).toBe(false);
    expect(checkEvidenceFile('archive.docx', zip('evil.sh')).ok).toBe(false);
    expect(checkEvidenceFile('data.csv', Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a real CSV') as string,
    });
    expect(checkEvidenceFile('hidden.txt', Buffer.from('%PDF-1.4 all ascii')).ok).toBe(false);
    expect(checkEvidenceFile('empty.pdf', Buffer.alloc(0))).toEqual({
      ok: false,
      message: 'The selected file is empty',
    });
    expect(checkEvidenceFile('noextension', Buffer.from('text')).ok).toBe(false);
  });

  it('keeps a safe base name', () => {
    expect(cleanFilename('C:\\Users\\me\\Evidence "final".pdf')).toBe('Evidence _final_.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
  });
});
