import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

export interface BenchRow {
  metric: string;
  value: number | string;
  unit?: string;
  goal?: string;
  pass?: boolean;
}

/** Prints the rows as a plain-text table (the form pasted into README and issue notes). */
export function printTable(title: string, rows: BenchRow[]): string {
  const header = ['metric', 'value', 'unit', 'goal', 'ok'];
  const body = rows.map((r) => [
    r.metric,
    typeof r.value === 'number' ? formatNumber(r.value) : r.value,
    r.unit ?? '',
    r.goal ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => String(c).padEnd(widths[i]!)).join(' | ')} |`;
  const out = [title, line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
  console.log(out);
  return out;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}

/** Writes bench/results/NAME.json with the keys plus when and where it ran. */
export function saveResults(name: string, values: Record<string, unknown>, table: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.json`);
  const record = { ...values, ranAt: new Date().toISOString(), node: process.version, table };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Percentile by nearest rank over a list of samples (milliseconds). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Reads `--name value` options; returns undefined when absent. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
