/**
 * One spelling of "số hoá" (digitised) across the product: the screens said "số hoá" and the report exports "số
 * hóa", so a supervisor comparing the dashboard with the exported sheet read two different words. The product
 * places the tone mark as its screens do everywhere ("hoá", "khoá", "xoá"): the exports follow them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from '../../shared/reports/csv';
import { reportTables } from '../../shared/reports/report-tables';
import { randomDossiers } from './support/random-dossiers';
import { referenceReport } from './support/report-paths';

const ROOT = path.resolve(__dirname, '../..');
const CHOSEN = 'số hoá';
const OTHER = 'số hóa';
/** The text as a reader sees it: composed (NFC), in lower case, so "Số hóa" and a decomposed "hóa" count too. */
const seen = (text: string) => text.normalize('NFC').toLowerCase();
const occurrences = (text: string, word: string) => seen(text).split(word).length - 1;

/** Source files of the product (not its tests): the UI's strings, the exports' headers, the desk's and server's words. */
function productSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' || name === 'test-support' ? [] : productSources(file);
    return /\.(ts|tsx|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('the spelling of "số hoá"', () => {
  it('is the same in every string of the UI, the desk, the server and the shared report code', () => {
    const files = ['renderer/src', 'shared', 'electron', 'server', 'cli'].flatMap((d) => productSources(path.join(ROOT, d)));
    const texts = files.map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')] as const);
    expect(texts.filter(([, text]) => occurrences(text, OTHER) > 0).map(([f]) => f)).toEqual([]);
    // The UI does say it (the reception slip, the detail, the reports screen).
    expect(occurrences(readFileSync(path.join(ROOT, 'renderer/src/i18n/vi.ts'), 'utf8'), CHOSEN)).toBeGreaterThan(0);
  });

  it("is the UI's in the report exports' rows and in the CSV a supervisor opens", () => {
    const report = referenceReport(randomDossiers(50, 7), { period: { from: '2023-01-01', to: '2023-12-31' }, unitCode: null, today: '2024-02-01' });
    const labels = reportTables(report).flatMap((t) => [...t.columns.map(String), ...t.rows.map((r) => String(r[0]))]);
    const digitised = labels.filter((l) => seen(l).includes(CHOSEN) || seen(l).includes(OTHER));
    expect(digitised).toEqual([
      'Số hoá thành phần hồ sơ khi tiếp nhận',
      'Số hoá kết quả giải quyết',
      'Tỷ lệ số hoá hồ sơ khi tiếp nhận (%)',
      'Tỷ lệ số hoá kết quả (%)',
    ]);
    const csv = reportToCsv(report);
    expect(occurrences(csv, CHOSEN)).toBe(4);
    expect(occurrences(csv, OTHER)).toBe(0);
  });
});
