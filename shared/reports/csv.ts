/**
 * CSV export: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark so Excel shows Vietnamese letters.
 * One file, one section per table (title line, header, rows, blank line). Text that a spreadsheet would run as
 * a formula (starting with = + - @) is prefixed with an apostrophe.
 */
import { reportHeading, reportTables, type Cell } from './report-tables';
import type { Report } from './report';

export const UTF8_BOM = '\uFEFF';

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly Cell[]): string => cells.map(csvCell).join(',');

export function reportToCsv(report: Report): string {
  const lines: string[] = [csvLine([reportHeading(report)]), ''];
  for (const table of reportTables(report)) {
    lines.push(csvLine([table.title]), csvLine(table.columns), ...table.rows.map(csvLine), '');
  }
  return UTF8_BOM + lines.join('\r\n');
}
