import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { textBlocks, type BriefingSection } from '../../domain/briefing-template.ts';
import type { Environment } from 'nunjucks';

/**
 * A briefing for those who print or share it: Word with real headings and lists, PDF, and a
 * standalone HTML file.
 */
export type Briefing = { title: string; sections: BriefingSection[]; footer: string };

export const BRIEFING_FILE_FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
} as const;
export type BriefingFileFormat = keyof typeof BRIEFING_FILE_FORMATS;
export const isBriefingFileFormat = (value: string): value is BriefingFileFormat =>
  Object.hasOwn(BRIEFING_FILE_FORMATS, value);

export type BriefingDocument = { body: Buffer; contentType: string; fileName: string };

/** A file name from the briefing's title: letters and digits, at most 80 of them. */
export const fileName = (title: string, ext: string) =>
  `${
    title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'briefing'
  }.${ext}`;

/** One HTML file with its own styles, nothing fetched: to keep or e-mail. */
export function briefingHtml(b: Briefing, views: Environment): Buffer {
  const sections = b.sections.map((s) => ({ heading: s.heading, blocks: textBlocks(s.text) }));
  return Buffer.from(
    views.render('briefings/pages/briefing/standalone.njk', { title: b.title, sections, footer: b.footer }),
    'utf8',
  );
}

/** The briefing as a file, with its type and name. */
export async function renderBriefingFile(
  b: Briefing,
  format: BriefingFileFormat,
  views: Environment,
): Promise<BriefingDocument> {
  const body =
    format === 'docx' ? await briefingDocx(b) : format === 'pdf' ? await briefingPdf(b) : briefingHtml(b, views);
  return { body, contentType: BRIEFING_FILE_FORMATS[format], fileName: fileName(b.title, format) };
}

export async function briefingDocx(b: Briefing): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: b.title, heading: HeadingLevel.TITLE })];
  for (const section of b.sections) {
    if (section.heading) children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const block of textBlocks(section.text)) {
      if (block.type === 'subheading')
        children.push(new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 }));
      else if (block.type === 'bullets')
        for (const item of block.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
      else children.push(new Paragraph(block.text));
    }
  }
  children.push(new Paragraph({ text: b.footer, style: 'Footer' }));
  return Packer.toBuffer(new Document({ creator: 'MACA', title: b.title, sections: [{ children }] }));
}

export function briefingPdf(b: Briefing): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: b.title, Author: 'MACA' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(20).text(b.title).moveDown(0.5);
    for (const section of b.sections) {
      if (section.heading) doc.font('Helvetica-Bold').fontSize(14).text(section.heading).moveDown(0.3);
      for (const block of textBlocks(section.text)) {
        if (block.type === 'subheading') doc.font('Helvetica-Bold').fontSize(11).text(block.text).moveDown(0.2);
        else if (block.type === 'bullets') {
          for (const item of block.items) doc.font('Helvetica').fontSize(10).text(`•  ${item}`, { indent: 10 });
          doc.moveDown(0.4);
        } else doc.font('Helvetica').fontSize(10).text(block.text).moveDown(0.4);
      }
      doc.moveDown(0.4);
    }
    doc.font('Helvetica').fontSize(8).text(b.footer);
    doc.end();
  });
}
