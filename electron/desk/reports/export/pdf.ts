/**
 * PDF export with pdfkit and an embedded DejaVu Sans (full Vietnamese coverage: ắ, ờ, ự, đ …), landscape A4,
 * one section per report table. The font is embedded (subset), so the file reads the same on any PC.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatCountVi, formatRateFigureVi } from '../../../../shared/reports/rates';
import { reportFootnote, reportHeading, reportTables, summaryPercentRows, type Cell, type ReportTable } from '../../../../shared/reports/report-tables';
import type { Report } from '../../../../shared/reports/report';
import { CELL_PADDING, pdfColumnWidths } from './pdf-columns';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 28;

/**
 * A rate's unit is printed once, in its label ("Tỷ lệ đúng hạn (%)", as the template's columns and the CSV and XLSX
 * name it): the cell holds the figure alone, "87,09", which also keeps the narrow columns of a wide table narrow.
 */
function cellText(value: Cell, percent: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') return percent ? formatRateFigureVi(value) : Number.isInteger(value) ? formatCountVi(value) : String(value).replace('.', ',');
  return value;
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  const fontSize = table.columns.length > 8 ? 6.5 : 9;
  const percentRows = new Set(summaryPercentRows(table));
  const texts = table.rows.map((cells, r) => cells.map((c, i) => cellText(c, table.percentColumns.includes(i) || (percentRows.has(r) && i > 0))));
  const numericColumns = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((cells) => typeof cells[i] === 'number' || cells[i] === null));
  const measure = (text: string, bold: boolean) => doc.font(bold ? 'bold' : 'regular').fontSize(fontSize).widthOfString(text);
  const widths = pdfColumnWidths(table.columns, texts, numericColumns, width, measure);
  const bottom = doc.page.height - MARGIN;
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(fontSize);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - CELL_PADDING }))) + 4;
  };
  const draw = (cells: string[], bold: boolean, height: number, numeric: boolean[] = []) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(fontSize);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, height).lineWidth(0.3).stroke('#999999');
      doc.fillColor('#000000').text(c, x + 2, y + 2, { width: widths[i]! - CELL_PADDING, align: numeric[i] ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const headerHeight = heightOf(table.columns, true);
  const header = () => draw(table.columns, true, headerHeight);
  // The title, the column heads and the first row go on one page: a title and heads alone at the foot of a page,
  // their rows over the leaf, read as an empty table.
  const titleHeight = doc.font('bold').fontSize(11).heightOfString(table.title, { width }) + 16;
  const firstRowHeight = texts[0] ? heightOf(texts[0], false) : 0;
  if (doc.y + titleHeight + headerHeight + firstRowHeight > bottom) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(11).text(table.title, MARGIN);
  doc.moveDown(0.2);
  header();
  table.rows.forEach((cells, r) => {
    const height = heightOf(texts[r]!, false);
    // A table that runs over a page repeats its column heads, or the figures on the next page have no names.
    if (doc.y + height > bottom) {
      doc.addPage();
      header();
    }
    draw(
      texts[r]!,
      false,
      height,
      cells.map((c) => typeof c === 'number'),
    );
  });
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
