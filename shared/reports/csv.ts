/**
 * CSV export: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark so Excel shows Vietnamese letters.
 * One file, one section per table (title line, header, rows, blank line). Text that a spreadsheet would run as
 * a formula (starting with = + - @) is prefixed with an apostrophe.
 *
 * The report's CSV is written for the district officer who double-clicks it in Excel on a PC with Vietnamese
 * regional settings: Excel then splits cells at the list separator ";" (not ",") and reads "97,5" as a number
 * (a "97.5" becomes text, or with "." read as the thousands mark, 975). So cells are separated by ";", decimals are
 * written with ",", and text Excel would take for a number there — a procedure code such as 2.000528, "." being the
 * thousands mark — is written as the formula ="2.000528", which Excel shows as that text. No "sep=;" line: with it
 * Excel ignores the byte-order mark and garbles the diacritics. The publication feed keeps plain RFC 4180 (",", ".")
 * for the portal's programs.
 */
import { reportHeading, reportTables, type Cell } from './report-tables';
import type { Report } from './report';

export const UTF8_BOM = '\uFEFF';

/** How the reader splits cells and reads numbers. */
export interface CsvDialect {
  separator: ',' | ';';
  decimalMark: '.' | ',';
}

/** RFC 4180 as programs read it: the publication feed. */
export const PLAIN_CSV: CsvDialect = { separator: ',', decimalMark: '.' };

/** Excel under Vietnamese regional settings (list separator ";", decimal ",", thousands "."): the report. */
export const VIETNAMESE_EXCEL_CSV: CsvDialect = { separator: ';', decimalMark: ',' };

/** Text Excel under Vietnamese settings would read as a number: digits with "." thousands marks and a "," decimal. */
const NUMBER_LOOKING_VI = /^\s*[+-]?[\d.]*\d[\d.]*(,\d+)?\s*$/;

export function csvCell(value: Cell, dialect: CsvDialect = PLAIN_CSV): string {
  if (value === null) return '';
  if (typeof value === 'number') return dialect.decimalMark === ',' ? String(value).replace('.', ',') : String(value);
  let safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  if (dialect === VIETNAMESE_EXCEL_CSV && NUMBER_LOOKING_VI.test(safe)) safe = `="${safe}"`;
  const special = dialect.separator === ';' ? /[";,\r\n]/ : /[",\r\n]/;
  return special.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly Cell[], dialect: CsvDialect = PLAIN_CSV): string =>
  cells.map((c) => csvCell(c, dialect)).join(dialect.separator);

export function reportToCsv(report: Report): string {
  const line = (cells: readonly Cell[]) => csvLine(cells, VIETNAMESE_EXCEL_CSV);
  const lines: string[] = [line([reportHeading(report)]), ''];
  for (const table of reportTables(report)) {
    lines.push(line([table.title]), line(table.columns), ...table.rows.map(line), '');
  }
  return UTF8_BOM + lines.join('\r\n');
}
