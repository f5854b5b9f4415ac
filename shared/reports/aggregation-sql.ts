/**
 * The one aggregation both sides run over their report facts (desk: SQLite; server: SQLite or PostgreSQL).
 * Plain SQL-92 — CASE, SUM, BETWEEN, IN — so the text is the same on every database; day numbers are integers
 * written into the text by us (never user text), unit codes are `?` parameters.
 */
import type { DayNumber } from './days';
import type { PeriodDays } from './period';

/** The counts of one (unit, procedure, channel) group, as the query returns them. */
export interface GroupedCounts {
  carried_over: number;
  received_new: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  in_progress_within: number;
  in_progress_overdue: number;
  returned: number;
  withdrawn: number;
  stopped: number;
  refused: number;
  digitised_at_receipt: number;
  result_digitised: number;
  received_friday: number;
}

export interface GroupedRow extends GroupedCounts {
  unit_code: string | null;
  procedure_code: string | null;
  channel: string | null;
}

export type ReportCategory = keyof GroupedCounts;
export const reportCategories = [
  'carried_over',
  'received_new',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'in_progress_within',
  'in_progress_overdue',
  'returned',
  'withdrawn',
  'stopped',
  'refused',
  'digitised_at_receipt',
  'result_digitised',
  'received_friday',
] as const satisfies readonly ReportCategory[];

export interface QueryDays extends PeriodDays {
  /** The day "in progress" dossiers are judged on: the period's end, or today if earlier. */
  judgedOn: DayNumber;
}

const int = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a day number: ${n}`);
  return String(n);
};

/**
 * Where a facts table keeps its rows' overdue spans (facts.ts OverdueSpan): `<facts table>_overdue`, with
 * `dossier_id`, `from_day` and `until_day` (null: still open).
 */
export const overdueTableOf = (factsTable: string): string => `${factsTable}_overdue`;

/**
 * The SQL condition that puts a dossier in each category (the definitions of DESIGN.md §7 and docs/reports.md), for
 * a facts row read as `f`, whose overdue spans are in `overdueTable`.
 */
export function categoryConditions(days: QueryDays, overdueTable: string): Record<ReportCategory, string> {
  const F = int(days.from);
  const T = int(days.to);
  const R = int(days.judgedOn);
  const received = 'received_day IS NOT NULL';
  const resolvedIn = `${received} AND resolved_day BETWEEN ${F} AND ${T}`;
  const openAtEnd = `${received} AND received_day <= ${T} AND (finished_day IS NULL OR finished_day > ${T})`;
  // Overdue on the judgement day, by the clock of that day (facts.ts overdueSpansOf): one of the dossier's spans
  // covers it. The spans of that day are read once (an uncorrelated IN, which both databases hash), and each open
  // row is looked up by its id, which ends the facts' covering index: a correlated EXISTS per row made the scan read
  // every open row from the table (PostgreSQL's full-year report at 500,000 dossiers: 405 → 1,860 ms).
  const overdue = `f.dossier_id IN (SELECT o.dossier_id FROM ${overdueTable} o WHERE o.from_day <= ${R} AND (o.until_day IS NULL OR o.until_day > ${R}))`;
  const fresh = `received_day BETWEEN ${F} AND ${T}`;
  return {
    carried_over: `received_day < ${F} AND (finished_day IS NULL OR finished_day >= ${F})`,
    received_new: fresh,
    resolved_early: `${resolvedIn} AND resolved_day < legal_due_day`,
    resolved_on_time: `${resolvedIn} AND (legal_due_day IS NULL OR resolved_day = legal_due_day)`,
    resolved_late: `${resolvedIn} AND resolved_day > legal_due_day`,
    // A null due day makes the overdue test unknown in SQL; such a dossier counts as within time.
    in_progress_within: `${openAtEnd} AND NOT ${overdue}`,
    in_progress_overdue: `${openAtEnd} AND ${overdue}`,
    returned: `returned_day BETWEEN ${F} AND ${T}`,
    withdrawn: `${received} AND withdrawn_day BETWEEN ${F} AND ${T}`,
    stopped: `${received} AND stopped_day BETWEEN ${F} AND ${T}`,
    refused: `refused_day BETWEEN ${F} AND ${T}`,
    digitised_at_receipt: `${fresh} AND components_digitised = 1`,
    result_digitised: `${resolvedIn} AND result_digitised = 1`,
    received_friday: `${fresh} AND received_friday = 1`,
  };
}

/** Only dossiers whose span touches the period can count in it; the span columns are indexed. */
function whereClause(days: QueryDays, filter: FactFilter): string {
  const parts = [`span_start <= ${int(days.to)}`, `span_end >= ${int(days.from)}`];
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  if (filter.unitCodes.length > 0) parts.push(`unit_code IN (${list(filter.unitCodes.length)})`);
  if (filter.procedureCodes && filter.procedureCodes.length > 0) parts.push(`procedure_code IN (${list(filter.procedureCodes.length)})`);
  if (filter.channel) parts.push('channel = ?');
  if (filter.exceptProcedureCodes && filter.exceptProcedureCodes.length > 0) parts.push(`procedure_code NOT IN (${list(filter.exceptProcedureCodes.length)})`);
  return parts.join(' AND ');
}

/** Which dossiers a query looks at: some units (empty = all), optionally some procedures or one channel. */
export interface FactFilter {
  unitCodes: readonly string[];
  procedureCodes?: readonly string[];
  channel?: string;
  /** Procedures left out (the drill-down of results digitised leaves out those that give no result). */
  exceptProcedureCodes?: readonly string[];
}

/**
 * The filter of a figure's drill-down: the dossiers the figure counts. Results digitised count only under procedures
 * that give a result (build-report.ts addRow), so their list leaves the others out.
 */
export function figureFilter(category: ReportCategory, filter: FactFilter, procedures: readonly { code: string; producesResult: boolean }[]): FactFilter {
  if (category !== 'result_digitised') return filter;
  return { ...filter, exceptProcedureCodes: procedures.filter((p) => !p.producesResult).map((p) => p.code) };
}

/** The `?` values for a query built with `filter`, in order. */
export const filterParams = (filter: FactFilter): string[] => [
  ...filter.unitCodes,
  ...(filter.procedureCodes ?? []),
  ...(filter.channel ? [filter.channel] : []),
  ...(filter.exceptProcedureCodes ?? []),
];

/**
 * `SELECT unit_code, procedure_code, channel, <one SUM per category> … GROUP BY …`; bind `filterParams`. `table` is a
 * facts table (or a query over one, in parentheses, with `overdueTable` named).
 */
export function aggregationSql(table: string, days: QueryDays, filter: FactFilter, overdueTable = overdueTableOf(table)): string {
  const conditions = categoryConditions(days, overdueTable);
  const sums = reportCategories.map((c) => `SUM(CASE WHEN ${conditions[c]} THEN 1 ELSE 0 END) AS ${c}`).join(',\n  ');
  return `SELECT unit_code, procedure_code, channel,\n  ${sums}\nFROM ${table} f\nWHERE ${whereClause(days, filter)}\nGROUP BY unit_code, procedure_code, channel`;
}

/** The dossiers behind one figure (drill-down): ids and codes, in receipt order; bind `filterParams`. */
export function categoryListSql(table: string, days: QueryDays, category: ReportCategory, filter: FactFilter, limit: number): string {
  const condition = categoryConditions(days, overdueTableOf(table))[category];
  return `SELECT dossier_id, code FROM ${table} f\nWHERE ${whereClause(days, filter)} AND ${condition}\nORDER BY received_day, code, dossier_id LIMIT ${int(limit)}`;
}
