import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import type { PackCase } from './pack-service.ts';

/** The meeting pack for those who print: Word (editable, real headings and tables) and PDF. */
type PanelRecord = { panelNotes?: string; agreed?: { domain: string; label: string; rationale: string }[] };
type Pack = {
  audit: { title: string; reference: string };
  cases: (PackCase & PanelRecord)[];
  concerns: { reference: string; agency_name: string; outcome: string | null }[];
};

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

export async function packDocx(pack: Pack): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Meeting pack: ${pack.audit.title}`, heading: HeadingLevel.TITLE }),
    new Paragraph(`Audit ${pack.audit.reference}. Returns submitted or signed off by agencies.`),
  ];
  for (const c of pack.cases) {
    children.push(new Paragraph({ text: c.reference, heading: HeadingLevel.HEADING_1 }));
    if (c.panelNotes || c.agreed?.length) {
      children.push(
        new Paragraph({ text: 'The panel’s notes and agreed judgements', heading: HeadingLevel.HEADING_2 }),
      );
      if (c.panelNotes) for (const line of c.panelNotes.split(/\r?\n/)) children.push(new Paragraph(line));
      for (const a of c.agreed ?? [])
        children.push(
          new Paragraph({
            children: [
              new TextRun({ text: `${a.domain}: ${a.label}`, bold: true }),
              new TextRun(a.rationale ? `. ${a.rationale}` : ''),
            ],
          }),
        );
    }
    if (c.agencies.length === 0) {
      children.push(new Paragraph('No returns submitted yet.'));
      continue;
    }
    children.push(new Paragraph({ text: 'Judgements by domain', heading: HeadingLevel.HEADING_2 }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [cell('Domain', true), ...c.agencies.map((a) => cell(a.name, true))],
          }),
          ...c.heatmap.map(
            (row) =>
              new TableRow({
                children: [
                  cell(row.domain, true),
                  ...c.agencies.map((a) =>
                    cell(
                      `${row.cells[a.id]?.labels.join(', ') ?? ''}${row.cells[a.id]?.moderate ? ' (moderate)' : ''}`,
                    ),
                  ),
                ],
              }),
          ),
        ],
      }),
    );
    for (const d of c.domains) {
      children.push(new Paragraph({ text: d.title, heading: HeadingLevel.HEADING_3 }));
      for (const q of d.questions) {
        children.push(new Paragraph({ children: [new TextRun({ text: q.text, bold: true })] }));
        for (const a of c.agencies) {
          const answer = q.answers[a.id];
          if (answer)
            children.push(new Paragraph(`${a.name}: ${answer.label}${answer.evidence ? `. ${answer.evidence}` : ''}`));
        }
      }
    }
    if (c.points.length) {
      children.push(new Paragraph({ text: 'Points to discuss', heading: HeadingLevel.HEADING_2 }));
      for (const p of c.points) children.push(new Paragraph({ text: p.question, bullet: { level: 0 } }));
    }
  }
  children.push(new Paragraph({ text: 'Immediate safeguarding concerns', heading: HeadingLevel.HEADING_1 }));
  children.push(
    new Paragraph(
      pack.concerns.length
        ? `${pack.concerns.length} raised; ${pack.concerns.filter((x) => !x.outcome).length} awaiting an outcome.`
        : 'No immediate safeguarding concern was raised.',
    ),
  );
  return Packer.toBuffer(
    new Document({ creator: 'MACA', title: `Meeting pack: ${pack.audit.title}`, sections: [{ children }] }),
  );
}

export function packPdf(pack: Pack): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Meeting pack: ${pack.audit.title}`, Author: 'MACA' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(20).text(`Meeting pack: ${pack.audit.title}`).moveDown(0.5);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`Audit ${pack.audit.reference}. Returns submitted or signed off by agencies.`)
      .moveDown();
    for (const c of pack.cases) {
      doc.font('Helvetica-Bold').fontSize(16).text(c.reference).moveDown(0.3);
      if (c.panelNotes || c.agreed?.length) {
        doc.font('Helvetica-Bold').fontSize(12).text('The panel’s notes and agreed judgements');
        if (c.panelNotes) doc.font('Helvetica').fontSize(10).text(c.panelNotes);
        for (const a of c.agreed ?? [])
          doc
            .font('Helvetica')
            .fontSize(10)
            .text(`${a.domain}: ${a.label}${a.rationale ? `. ${a.rationale}` : ''}`);
        doc.moveDown(0.5);
      }
      if (c.agencies.length === 0) {
        doc.font('Helvetica').fontSize(10).text('No returns submitted yet.').moveDown();
        continue;
      }
      for (const row of c.heatmap) {
        doc.font('Helvetica-Bold').fontSize(11).text(row.domain);
        for (const a of c.agencies) {
          const x = row.cells[a.id];
          if (x?.labels.length)
            doc
              .font('Helvetica')
              .fontSize(10)
              .text(`  ${a.name}: ${x.labels.join(', ')}${x.moderate ? '  [moderate]' : ''}`);
        }
      }
      if (c.points.length) {
        doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text('Points to discuss');
        for (const p of c.points) doc.font('Helvetica').fontSize(10).text(`• ${p.question}`);
      }
      doc.moveDown();
    }
    doc.font('Helvetica-Bold').fontSize(14).text('Immediate safeguarding concerns');
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        pack.concerns.length
          ? `${pack.concerns.length} raised; ${pack.concerns.filter((x) => !x.outcome).length} awaiting an outcome.`
          : 'No immediate safeguarding concern was raised.',
      );
    doc.end();
  });
}
