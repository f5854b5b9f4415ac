/**
 * PDF export with pdfkit and an embedded DejaVu Sans (full Vietnamese coverage: ắ, ờ, ự, đ …), landscape A4,
 * one section per report table. The font is embedded (subset), so the file reads the same on any PC.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatCountVi, formatPercentVi } from '../../../../shared/reports/rates';
import { reportFootnote, reportHeading, reportTables, summaryPercentRows, type Cell, type ReportTable } from '../../../../shared/reports/report-tables';
import type { Report } from '../../../../shared/reports/report';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 28;

function cellText(value: Cell, percent: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') return percent ? formatPercentVi(value) : Number.isInteger(value) ? formatCountVi(value) : String(value).replace('.', ',');
  return value;
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  const first = table.id === 'summary' ? 0.46 : table.id === 'byProcedure' ? 0.3 : 0.2;
  const widths = table.columns.map((_, i) => (i === 0 ? width * first : (width * (1 - first)) / (table.columns.length - 1)));
  const fontSize = table.columns.length > 8 ? 6.5 : 9;
  const percentRows = new Set(summaryPercentRows(table));
  const row = (cells: string[], bold: boolean, numeric: boolean[] = []) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(fontSize);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }))) + 4;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, height).lineWidth(0.3).stroke('#999999');
      doc.fillColor('#000000').text(c, x + 2, y + 2, { width: widths[i]! - 4, align: numeric[i] ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  doc.moveDown(0.6).font('bold').fontSize(11).text(table.title, MARGIN);
  doc.moveDown(0.2);
  row(table.columns, true);
  table.rows.forEach((cells, r) =>
    row(
      cells.map((c, i) => cellText(c, table.percentColumns.includes(i) || (percentRows.has(r) && i > 0))),
      false,
      cells.map((c) => typeof c === 'number'),
    ),
  );
}

export function reportToPdf(report: Report): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: reportHeading(report), Creator: 'MotCua Desk' } });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(13).text(reportHeading(report), { align: 'center' });
  doc.font('regular').fontSize(9).text(reportFootnote(report), { align: 'center' });
  for (const table of reportTables(report)) drawTable(doc, table);
  doc.end();
  return done;
}
