/**
 * A district officer reconciles a breakdown row (by field, procedure, agency, unit) across: the dossiers of the
 * period ("Tổng số" = carried over + newly received) end in exactly one of resolved, in progress (within time or
 * overdue), withdrawn or stopped, so those columns add up to it; a dossier refused at the desk was never received, and
 * a result handed back in the period is of a dossier counted when it was resolved: each has its own column, headed as
 * outside the total. Checked on a period with withdrawn, stopped, refused and returned dossiers (one resolved before
 * it), on every report path, in the tables every export prints and in the CSV, XLSX and PDF read back.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DossierState } from '../../shared/domain/lifecycle';
import type { Report } from '../../shared/reports/report';
import type { ReportRequest } from '../../shared/reports/run-report';
import { reportTables, type Cell, type ReportTable } from '../../shared/reports/report-tables';
import { reportToCsv } from '../../shared/reports/csv';
import { reportToPdf, reportToXlsx } from '../../electron/desk/reports/export/index';
import { at, buildDossier, COMMUNE_1, DISTRICT, PROC_CIVIL, PROC_OTHER, refusedDossier } from './support/dossier-builder';
import { bothPaths } from './support/report-paths';

const MARCH: ReportRequest = { period: { from: '2023-03-01', to: '2023-03-31' }, unitCode: null, today: '2024-01-15' };

/** March 2023 at the district and a commune: every way a dossier of the period can end, and refusals. */
function marchDossiers(): DossierState[] {
  const civil = { unitCode: DISTRICT, procedureCode: PROC_CIVIL };
  const land = { unitCode: COMMUNE_1, procedureCode: PROC_OTHER };
  return [
    buildDossier({ ...civil, receivedAt: at('2023-03-01'), dueAt: at('2023-03-10', '17:00'), steps: [{ type: 'resolved', at: at('2023-03-08') }] }),
    buildDossier({ ...civil, receivedAt: at('2023-03-20'), dueAt: at('2023-04-10', '17:00') }),
    buildDossier({ ...civil, receivedAt: at('2023-03-01'), dueAt: at('2023-03-10', '17:00') }),
    buildDossier({ ...civil, receivedAt: at('2023-03-02'), dueAt: at('2023-03-20', '17:00'), steps: [{ type: 'withdrawn', at: at('2023-03-06') }] }),
    buildDossier({ ...civil, receivedAt: at('2023-03-03'), dueAt: at('2023-03-20', '17:00'), steps: [{ type: 'stopped', at: at('2023-03-07') }] }),
    // Carried over from February, withdrawn in March.
    buildDossier({ ...civil, receivedAt: at('2023-02-20'), dueAt: at('2023-03-20', '17:00'), steps: [{ type: 'withdrawn', at: at('2023-03-05') }] }),
    refusedDossier(at('2023-03-02'), DISTRICT, PROC_CIVIL),
    // Resolved in February, its result handed back in March: returned in March, in none of its rows' totals.
    buildDossier({ ...civil, receivedAt: at('2023-02-01'), dueAt: at('2023-02-10', '17:00'), steps: [{ type: 'resolved', at: at('2023-02-08') }, { type: 'returned', at: at('2023-03-02') }] }),
    buildDossier({ ...land, receivedAt: at('2023-03-01'), dueAt: at('2023-03-10', '17:00'), steps: [{ type: 'resolved', at: at('2023-03-14') }, { type: 'returned', at: at('2023-03-15') }] }),
    buildDossier({ ...land, receivedAt: at('2023-03-09'), dueAt: at('2023-03-30', '17:00'), steps: [{ type: 'stopped', at: at('2023-03-15') }] }),
    refusedDossier(at('2023-03-16'), COMMUNE_1, PROC_OTHER),
    refusedDossier(at('2023-03-17'), COMMUNE_1, PROC_OTHER),
  ];
}

const BREAKDOWNS: ReportTable['id'][] = ['byField', 'byProcedure', 'byAgency', 'byUnit'];

/** The figure under a column of a row, found by the column's heading (which must be there). */
function columnOf(table: ReportTable, heading: string | RegExp): number {
  const i = table.columns.findIndex((c) => (typeof heading === 'string' ? c === heading : heading.test(c)));
  expect(i, `${table.id}: a column "${String(heading)}" in ${JSON.stringify(table.columns)}`).toBeGreaterThanOrEqual(0);
  return i;
}

/** The columns beside the total that are not part of it, headed so (the table builder's convention). */
const OUTSIDE_TOTAL = ['Đã trả kết quả (ngoài tổng số)', 'Không được tiếp nhận (ngoài tổng số)'];

/** The columns that make up "Tổng số", and the results handed back and the refusals beside them. */
function reconciliation(table: ReportTable) {
  return {
    total: columnOf(table, 'Tổng số'),
    parts: ['Đã giải quyết', 'Đang giải quyết trong hạn', 'Đang giải quyết quá hạn', 'Rút hồ sơ', 'Dừng xử lý'].map((h) => columnOf(table, h)),
    returned: columnOf(table, OUTSIDE_TOTAL[0]!),
    refused: columnOf(table, OUTSIDE_TOTAL[1]!),
  };
}

const num = (cell: Cell | undefined): number => {
  expect(typeof cell, `a figure, not ${JSON.stringify(cell)}`).toBe('number');
  return cell as number;
};

describe('a breakdown row adds up across', () => {
  let report: Report;

  beforeAll(async () => {
    const { sql, ref, desk } = await bothPaths(marchDossiers(), MARCH);
    expect(sql).toEqual(ref);
    expect(desk).toEqual(ref);
    report = sql;
  });

  it('the period has withdrawn, stopped, refused and returned dossiers', () => {
    expect(report.counts).toMatchObject({ carriedOver: 1, withdrawn: 2, stopped: 2, refused: 3, returned: 2 });
  });

  it('every breakdown heads the two columns outside its total as such, and no other', () => {
    for (const id of BREAKDOWNS) {
      const table = reportTables(report).find((t) => t.id === id)!;
      expect(table.columns.filter((c) => c.includes('ngoài tổng số')), id).toEqual(OUTSIDE_TOTAL);
      expect(table.columns, id).not.toContain('Đã trả kết quả');
    }
  });

  it('in every breakdown table: Tổng số = đã giải quyết + đang giải quyết (trong hạn, quá hạn) + rút hồ sơ + dừng xử lý', () => {
    for (const id of BREAKDOWNS) {
      const table = reportTables(report).find((t) => t.id === id)!;
      const { total, parts, returned, refused } = reconciliation(table);
      expect(table.rows.length, id).toBeGreaterThan(0);
      for (const row of table.rows) {
        const sum = parts.reduce((s, i) => s + num(row[i]), 0);
        expect(sum, `${id} ${JSON.stringify(row)}`).toBe(num(row[total]));
      }
      // The withdrawn, stopped, refused and returned dossiers are all in some row, each in one.
      const columnSum = (i: number) => table.rows.reduce((s, r) => s + num(r[i]), 0);
      if (id !== 'byUnit') {
        expect(columnSum(parts[3]!), id).toBe(report.counts.withdrawn);
        expect(columnSum(parts[4]!), id).toBe(report.counts.stopped);
        expect(columnSum(refused), id).toBe(report.counts.refused);
        expect(columnSum(returned), id).toBe(report.counts.returned);
      }
    }
  });

  it('a unit’s row counts its communes’ too, and still adds up; results handed back and refusals stay outside the total', () => {
    const table = reportTables(report).find((t) => t.id === 'byUnit')!;
    const { total, parts, returned, refused } = reconciliation(table);
    const district = table.rows.find((r) => r[0] === DISTRICT)!;
    const commune = table.rows.find((r) => r[0] === COMMUNE_1)!;
    expect(num(district[total])).toBe(report.counts.inPeriod);
    expect(num(district[refused])).toBe(3);
    // One handed back of a dossier resolved in February (in no total of March), one of the commune's resolved.
    expect(num(district[returned])).toBe(2);
    expect(num(commune[returned])).toBe(1);
    expect(parts.map((i) => num(commune[i]))).toEqual([1, 0, 0, 0, 1]);
    expect([num(commune[total]), num(commune[refused])]).toEqual([2, 2]);
  });

  it('the CSV carries the same columns', () => {
    const csv = reportToCsv(report);
    const byField = reportTables(report).find((t) => t.id === 'byField')!;
    expect(csv).toContain(byField.columns.join(';'));
    for (const heading of OUTSIDE_TOTAL) expect(csv.split(heading).length - 1, heading).toBe(BREAKDOWNS.length);
  });

  it('the XLSX sheets read back add up, with figures as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportToXlsx(report)) as never);
    for (const name of ['Theo lĩnh vực', 'Theo thủ tục', 'Theo cơ quan', 'Theo đơn vị']) {
      const sheet = workbook.getWorksheet(name)!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const columns = rows[2]!.map(String);
      const table: ReportTable = { id: 'byField', title: name, columns, percentColumns: [], rows: rows.slice(3) as Cell[][] };
      const { total, parts } = reconciliation(table);
      expect(columns.filter((c) => c.includes('ngoài tổng số')), name).toEqual(OUTSIDE_TOTAL);
      expect(table.rows.length, name).toBeGreaterThan(0);
      for (const row of table.rows) expect(parts.reduce((s, i) => s + num(row[i]), 0), name).toBe(num(row[total]));
    }
  });

  it('the PDF prints the columns', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await reportToPdf(report)), useSystemFonts: false }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
    }
    // Once in the summary, and in the heads of each of the four breakdown tables.
    const count = (word: string) => text.split(/\s+/).filter((w) => w === word).length;
    expect(count('Rút')).toBeGreaterThanOrEqual(1 + BREAKDOWNS.length);
    expect(count('Dừng')).toBeGreaterThanOrEqual(1 + BREAKDOWNS.length);
    // "(ngoài tổng số)" under both the results handed back and the refusals of each breakdown, and nowhere else.
    expect(count('(ngoài')).toBe(2 * BREAKDOWNS.length);
  });

  it('the PDF prints a rate’s unit once: "(%)" in its column or row label, the bare figure beside it', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await reportToPdf(report)), useSystemFonts: false }).promise;
    const items: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      for (const i of content.items) if ('str' in i && i.str.trim() !== '') items.push(i.str.trim());
    }
    expect(report.rates.onTimeRate).toBe(50);
    expect(items).toContain('50,00');
    expect(items.filter((s) => /^[+-]?[\d.,]+\s*%$/.test(s))).toEqual([]);
    expect(items.some((s) => s.includes('(%)'))).toBe(true);
  });
});
