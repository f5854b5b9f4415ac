/**
 * Exports opened the way a district officer would: the XLSX read back with exceljs, the CSV parsed as Excel reads
 * it, the PDF's text extracted with pdf.js — Vietnamese letters intact, figures as in the report.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { csvCell, reportToCsv, UTF8_BOM, VIETNAMESE_EXCEL_CSV } from '../../shared/reports/csv';
import type { Report } from '../../shared/reports/report';
import { NO_PREVIOUS, reportHeading, reportTables } from '../../shared/reports/report-tables';
import { reportToPdf, reportToXlsx } from '../../electron/desk/reports/export/index';
import { randomDossiers } from './support/random-dossiers';
import { referenceReport } from './support/report-paths';
import { buildReport } from '../../shared/reports/build-report';
import { planReport } from '../../shared/reports/run-report';
import { referenceGroupedRows } from '../../shared/reports/reference';
import { seedUnits } from '../../shared/catalog/seed-units';

const REQUEST = { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-02-01' };

/** The year's report over these dossiers, with this catalog (the district's own units), as the reference folds it. */
function yearReport(states: ReturnType<typeof randomDossiers>, procedures: typeof seedProcedures): Report {
  const plan = planReport(REQUEST, seedUnits);
  return buildReport({
    period: REQUEST.period,
    previousPeriod: plan.previousPeriod,
    judgedOn: plan.current.judgedOn,
    unitCode: null,
    unitCodes: [],
    units: seedUnits,
    procedures,
    current: referenceGroupedRows(states, plan.current),
    previous: referenceGroupedRows(states, plan.previous),
  });
}

/** Minimal RFC 4180 reader, enough to check our quoting; Excel with Vietnamese regional settings splits at ";". */
function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * A cell as Excel with Vietnamese regional settings takes it: ="…" is that text; digits with "," as the decimal
 * mark are a number (we never write "." thousands marks); anything else is text.
 */
function excelVi(cell: string): string | number {
  const text = /^="(.*)"$/.exec(cell);
  if (text) return text[1]!;
  if (/^-?\d+(,\d+)?$/.test(cell)) return Number(cell.replace(',', '.'));
  return cell;
}

/** The PDF's lines of text page by page, as pdf.js reads them: one item per line drawn (a wrapped cell gives several). */
async function pdfPageLines(bytes: Buffer): Promise<string[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    pages.push(content.items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [i.str.trim()] : [])));
  }
  return pages;
}

const pdfLines = async (bytes: Buffer): Promise<string[]> => (await pdfPageLines(bytes)).flat();

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  return text;
}

describe('report exports', () => {
  let report: Report;

  beforeAll(() => {
    report = referenceReport(randomDossiers(600, 3), REQUEST);
  });

  it('XLSX: one sheet per table, figures as numbers, Vietnamese text intact', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportToXlsx(report)) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo lĩnh vực', 'Theo thủ tục', 'Theo cơ quan', 'Theo đơn vị', 'Đánh giá cơ quan']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const valueOf = (label: string) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (String(row.getCell(1).value).trim() === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf('Tổng số hồ sơ trong kỳ')).toBe(report.counts.inPeriod);
    expect(valueOf('Mới tiếp nhận')).toBe(report.counts.received.total);
    expect(valueOf('Tỷ lệ giải quyết trước và đúng hạn (%)')).toBe(report.rates.onTimeRate);
    // The shares of each channel, as the district's annual report gives them (QA: only the online one was there).
    expect(valueOf('Tỷ lệ tiếp nhận trực tiếp (%)')).toBe(report.rates.inPersonRate);
    expect(valueOf('Tỷ lệ tiếp nhận qua bưu chính (%)')).toBe(report.rates.postalRate);
    expect(report.rates.inPersonRate).toBeGreaterThan(0);
    const units = workbook.getWorksheet('Theo đơn vị')!;
    const names: string[] = [];
    units.eachRow((row) => names.push(String(row.getCell(2).value)));
    expect(names).toContain('Huyện Thanh Hà');
  });

  it('CSV: UTF-8 with a byte-order mark, quoted where needed, the same tables', () => {
    const tricky = seedProcedures.map((p, i) => (i === 0 ? { ...p, name: 'Đăng ký khai sinh; có "yếu tố nước ngoài", lần 2' } : p));
    const withComma = yearReport(randomDossiers(200, 5), tricky);
    const csv = reportToCsv(withComma);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(csv.slice(1)).map((r) => r.map(excelVi));
    const procedureRow = rows.find((r) => r[0] === tricky[0]!.code)!;
    expect(procedureRow[1]).toBe('Đăng ký khai sinh; có "yếu tố nước ngoài", lần 2');
    const table = reportTables(withComma).find((t) => t.id === 'byProcedure')!;
    expect(procedureRow.length).toBe(table.columns.length);
    const totalRow = rows.find((r) => r[0] === 'Tổng số hồ sơ trong kỳ')!;
    expect(totalRow[1]).toBe(withComma.counts.inPeriod);
  });

  it('CSV: read as Excel with Vietnamese regional settings reads it (";" between cells, "," in decimals), every cell is the report’s', () => {
    const csv = reportToCsv(report);
    expect(csv).not.toMatch(/^sep=/m);
    const read = parseCsv(csv.slice(UTF8_BOM.length)).map((r) => r.map(excelVi));
    // The same lines as the tables: heading, blank, then per table its title, header, rows and a blank line.
    const expected: (string | number)[][] = [[reportHeading(report)], ['']];
    for (const table of reportTables(report)) expected.push([table.title], table.columns, ...table.rows.map((r) => r.map((c) => c ?? '')), ['']);
    expected.pop(); // The last table's blank line is the file's last line end.
    // Text a spreadsheet would run as a formula keeps its apostrophe.
    expect(read).toEqual(expected.map((r) => r.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c))));
    // A rate the screen shows as 97,5 is written "97,5", never "97.5" (not a number for Excel here).
    const rate = report.rates.onTimeRate!;
    expect(Number.isInteger(rate)).toBe(false);
    expect(csv).toContain(`;${String(rate).replace('.', ',')};`);
    expect(csv).not.toMatch(/;-?\d+\.\d+(;|\r\n)/);
    // A code made only of digits and dots, such as 2.000528, stays that text, not the number 2 000 528.
    expect(csvCell('2.000528', VIETNAMESE_EXCEL_CSV)).toBe('"=""2.000528"""');
    expect(excelVi(parseCsv(csvCell('2.000528', VIETNAMESE_EXCEL_CSV))[0]![0]!)).toBe('2.000528');
  });

  it('a year earlier without a dossier reads "không có số liệu" in every export, not zeros and a growth from nothing', async () => {
    // A desk in use from 2022: nothing before.
    const since2022 = randomDossiers(300, 7).filter((s) => (s.receivedAt ?? s.submittedAt ?? s.refusedAt ?? '') >= '2022-01-01');
    const firstYear = referenceReport(since2022, { period: { from: '2022-01-01', to: '2022-12-31' }, unitCode: null, today: '2023-02-01' });
    expect(firstYear.yearOnYear.previous.counts.inPeriod).toBe(0);
    expect(firstYear.counts.inPeriod).toBeGreaterThan(0);
    const summary = reportTables(firstYear).find((t) => t.id === 'summary')!;
    for (const row of summary.rows) expect(row.slice(2)).toEqual([NO_PREVIOUS, null]);
    const csvRows = parseCsv(reportToCsv(firstYear).slice(UTF8_BOM.length));
    expect(csvRows.find((r) => r[0] === 'Tổng số hồ sơ trong kỳ')).toEqual(['Tổng số hồ sơ trong kỳ', String(firstYear.counts.inPeriod), 'không có số liệu', '']);
    expect(await pdfText(await reportToPdf(firstYear))).toContain('không có số liệu');
    // A year earlier with dossiers keeps its figures and changes.
    const withPrevious = reportTables(report).find((t) => t.id === 'summary')!;
    expect(withPrevious.rows[0]![2]).toBe(report.yearOnYear.previous.counts.inPeriod);
    // So does a year earlier whose only figures are outside "in period": a refusal, a result handed back.
    const quiet = { ...firstYear, yearOnYear: { ...firstYear.yearOnYear, previous: { ...firstYear.yearOnYear.previous, counts: { ...firstYear.yearOnYear.previous.counts, refused: 1 } } } };
    const refusedRow = reportTables(quiet).find((t) => t.id === 'summary')!.rows.find((r) => r[0] === 'Không được tiếp nhận')!;
    expect(refusedRow[2]).toBe(1);
  });

  it('every export names its period as dd/mm/yyyy, as the Reports screen does, not as ISO dates', () => {
    expect(reportHeading(report)).toContain('từ 01/01/2023 đến 31/12/2023');
    const summary = reportTables(report).find((t) => t.id === 'summary')!;
    expect(summary.title).toBe('Tổng hợp kết quả giải quyết hồ sơ từ 01/01/2023 đến 31/12/2023');
    expect(summary.columns[2]).toBe('Cùng kỳ năm trước (01/01/2022 – 31/12/2022)');
    // Two years are compared with the two before them, and the heading says so rather than "a year earlier".
    const twoYears = { ...report, period: { from: '2022-01-01', to: '2023-12-31' }, yearOnYear: { ...report.yearOnYear, previousPeriod: { from: '2020-01-01', to: '2021-12-31' } } };
    expect(reportTables(twoYears).find((t) => t.id === 'summary')!.columns[2]).toBe('Cùng kỳ 2 năm trước (01/01/2020 – 31/12/2021)');
    expect(reportToCsv(report)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('PDF: the embedded font carries Vietnamese; the text extracts back with its diacritics', async () => {
    const bytes = await reportToPdf(report);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, '');
    for (const needle of ['Tổng số hồ sơ trong kỳ', 'Đã giải quyết', 'Trước hạn', 'Huyện Thanh Hà', 'Đánh giá cơ quan giải quyết', 'Theo thủ tục hành chính']) {
      expect(text).toContain(needle.replace(/\s+/g, ''));
    }
    expect(text).toContain(String(report.counts.received.total).replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
    // The day the figures were judged on reads dd/mm/yyyy, like every other date in it.
    const [y, m, d] = report.judgedOn.split('-');
    expect(text).toContain(`Sốliệutínhđếnngày${d}/${m}/${y}.`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('PDF: a procedure’s name reads across its column, headers and rates are never cut inside a word', async () => {
    const lines = await pdfLines(await reportToPdf(report));
    const byProcedure = reportTables(report).find((t) => t.id === 'byProcedure')!;
    // A short name sits on one line, not one word a line beside a wide column holding only the code.
    const shortName = byProcedure.rows.map((r) => String(r[1])).find((n) => n.length <= 40 && n.split(' ').length >= 4)!;
    expect(lines).toContain(shortName);
    // Every header word is printed whole ("chuyển", not "c" then "huyển").
    const words = new Set(lines.flatMap((l) => l.split(/\s+/)));
    for (const column of byProcedure.columns) for (const word of column.split(/\s+/)) expect(words, column).toContain(word);
    // A rate's cell holds its figure alone ("100,00"; the "(%)" is in its label), never a "%" wrapped to a line of its own.
    expect(lines).not.toContain('%');
  });

  it('PDF: a table running over pages repeats its column heads on each, and never leaves them alone at a page foot', async () => {
    // Every seed procedure in use, as at a district desk: the procedure table runs over more than one page.
    const states = randomDossiers(600, 3).map((d, i) => ({ ...d, procedureCode: seedProcedures[i % seedProcedures.length]!.code }));
    const wide = yearReport(states, seedProcedures);
    const pages = await pdfPageLines(await reportToPdf(wide));
    const byProcedure = reportTables(wide).find((t) => t.id === 'byProcedure')!;
    const codes = new Set(byProcedure.rows.map((r) => String(r[0])));
    const pagesWithRows = pages.filter((lines) => lines.some((l) => codes.has(l)));
    expect(pagesWithRows.length).toBeGreaterThan(1);
    for (const lines of pagesWithRows) expect(lines).toContain('Mã thủ tục');
    // A page that has the heads of a table has at least one of its rows under them.
    const withHeadsOnly = pages.filter((lines) => lines.includes('Mã thủ tục') && !lines.some((l) => codes.has(l)));
    expect(withHeadsOnly).toEqual([]);
  });
});
