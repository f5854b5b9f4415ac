/** XLSX export with exceljs: one worksheet per report table, numbers as numbers, rates with two decimals. */
import ExcelJS from 'exceljs';
import { reportHeading, reportTables, summaryPercentRows } from '../../../../shared/reports/report-tables';
import type { Report } from '../../../../shared/reports/report';

const SHEET_NAMES: Record<string, string> = {
  summary: 'Tổng hợp',
  byField: 'Theo lĩnh vực',
  byProcedure: 'Theo thủ tục',
  byAgency: 'Theo cơ quan',
  byUnit: 'Theo đơn vị',
  agencyEvaluation: 'Đánh giá cơ quan',
};

export async function reportToXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua Desk';
  workbook.title = reportHeading(report);
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[table.id] ?? table.id);
    sheet.addRow([reportHeading(report)]).font = { bold: true };
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    const percentRows = new Set(summaryPercentRows(table));
    table.rows.forEach((cells, i) => {
      const row = sheet.addRow(cells.map((c) => (c === null ? null : c)));
      for (const column of table.percentColumns) row.getCell(column + 1).numFmt = '0.00';
      if (percentRows.has(i)) for (let c = 2; c <= cells.length; c++) row.getCell(c).numFmt = '0.00';
    });
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 || (table.id === 'byProcedure' && i === 1) ? 42 : 14;
    });
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
