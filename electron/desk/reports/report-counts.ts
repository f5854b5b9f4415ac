/**
 * The desk's fast aggregation: the grouped counts of a period from `report_counts` (migration 005: counts per
 * unit, procedure, channel and day / month / year), so a full-year report reads a few rows per group instead of
 * every dossier. The figures are exactly those of the aggregation over the facts (shared/reports/aggregation-sql):
 * - counts of things that happened in the period: the period's buckets;
 * - carried over: dossiers open on the day before `from` = intervals opened minus closed before `from`;
 * - in progress / overdue at the end: the same up to `to`, when the period is judged on its last day. A period
 *   that has not ended is judged today, not on `to`: then the in-progress figures come from the facts of the
 *   dossiers still open after `to` (few; indexed by finished day);
 * - the rare irregular facts the counts do not hold (shared/reports/counts.ts): aggregated from their facts.
 */
import {
  aggregationSql,
  categoryConditions,
  filterParams,
  reportCategories,
  type FactFilter,
  type QueryDays,
} from '../../../shared/reports/aggregation-sql';
import { bucketRanges, bucketRangesBefore, mergeBucketRanges, nextDay, type BucketRange } from '../../../shared/reports/buckets';
import type { Db } from '../db/open-database';
import { DESK_COUNTS_TABLE, DESK_IRREGULAR_TABLE } from './report-counts-upkeep';
import { DESK_FACTS_TABLE, DESK_OVERDUE_TABLE } from './report-facts';

const REGULAR = `dossier_id NOT IN (SELECT dossier_id FROM ${DESK_IRREGULAR_TABLE})`;

const inBuckets = (ranges: readonly BucketRange[]): string =>
  `(${ranges.map(([lo, hi]) => (lo === hi ? `bucket = ${lo}` : `bucket BETWEEN ${lo} AND ${hi}`)).join(' OR ')})`;

function filterSql(filter: FactFilter): string {
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const parts: string[] = [];
  if (filter.unitCodes.length > 0) parts.push(`unit_code IN (${list(filter.unitCodes.length)})`);
  if (filter.procedureCodes && filter.procedureCodes.length > 0) parts.push(`procedure_code IN (${list(filter.procedureCodes.length)})`);
  if (filter.channel) parts.push('channel = ?');
  return parts.map((p) => ` AND ${p}`).join('');
}

/** Grouped counts from the buckets; in progress only when judged on the period's last day. */
export function countsSql(days: QueryDays, filter: FactFilter): string {
  const ranges = {
    period: bucketRanges(days.from, nextDay(days.to)),
    beforeFrom: bucketRangesBefore(days.from),
    throughTo: bucketRangesBefore(nextDay(days.to)),
  };
  const period = inBuckets(ranges.period);
  const beforeFrom = inBuckets(ranges.beforeFrom);
  const throughTo = inBuckets(ranges.throughTo);
  const read = inBuckets(mergeBucketRanges([...ranges.period, ...ranges.beforeFrom, ...ranges.throughTo]));
  const sum = (where: string, value: string, as: string) => `SUM(CASE WHEN ${where} THEN ${value} ELSE 0 END) AS ${as}`;
  const inPeriod = (measure: string, as = measure) => sum(period, measure, as);
  const judgedAtEnd = days.judgedOn === days.to;
  const open = 'open_start - open_end';
  const overdue = 'overdue_start - overdue_end';
  const columns = [
    sum(beforeFrom, open, 'carried_over'),
    inPeriod('received', 'received_new'),
    inPeriod('resolved_early'),
    inPeriod('resolved_on_time'),
    inPeriod('resolved_late'),
    judgedAtEnd ? sum(throughTo, `${open} - (${overdue})`, 'in_progress_within') : '0 AS in_progress_within',
    judgedAtEnd ? sum(throughTo, overdue, 'in_progress_overdue') : '0 AS in_progress_overdue',
    inPeriod('returned'),
    inPeriod('withdrawn'),
    inPeriod('stopped'),
    inPeriod('refused'),
    inPeriod('digitised', 'digitised_at_receipt'),
    inPeriod('result_digitised'),
    inPeriod('friday', 'received_friday'),
  ];
  return `SELECT NULLIF(unit_code, '') AS unit_code, NULLIF(procedure_code, '') AS procedure_code, NULLIF(channel, '') AS channel,
  ${columns.join(',\n  ')}
FROM ${DESK_COUNTS_TABLE}
WHERE ${read}${filterSql(filter)}
GROUP BY unit_code, procedure_code, channel`;
}

/** In progress at the end of a period judged before its last day: the regular facts still open after `to`. */
export function openAfterSql(days: QueryDays, filter: FactFilter): string {
  const c = categoryConditions(days, DESK_OVERDUE_TABLE);
  const select = (where: string) =>
    `SELECT unit_code, procedure_code, channel, in_progress_within, in_progress_overdue FROM (
  SELECT unit_code, procedure_code, channel,
    CASE WHEN ${c.in_progress_within} THEN 1 ELSE 0 END AS in_progress_within,
    CASE WHEN ${c.in_progress_overdue} THEN 1 ELSE 0 END AS in_progress_overdue
  FROM ${DESK_FACTS_TABLE} f WHERE ${where} AND ${REGULAR}${filterSql(filter)})`;
  // Two indexed lookups rather than one OR, which SQLite may answer with a full scan.
  return `SELECT unit_code, procedure_code, channel, SUM(in_progress_within) AS in_progress_within, SUM(in_progress_overdue) AS in_progress_overdue
FROM (${select('finished_day IS NULL')} UNION ALL ${select(`finished_day > ${days.to}`)})
GROUP BY unit_code, procedure_code, channel`;
}

/** The facts the counts do not hold, aggregated as the server does. */
export const irregularSql = (days: QueryDays, filter: FactFilter): string =>
  aggregationSql(`(SELECT * FROM ${DESK_FACTS_TABLE} WHERE dossier_id IN (SELECT dossier_id FROM ${DESK_IRREGULAR_TABLE}))`, days, filter, DESK_OVERDUE_TABLE);

type Row = Record<string, unknown>;

/** Sums rows of grouped counts that share a (unit, procedure, channel). */
function mergeGroups(parts: readonly Row[][]): Row[] {
  const groups = new Map<string, Row>();
  for (const rows of parts) {
    for (const r of rows) {
      const key = JSON.stringify([r.unit_code ?? null, r.procedure_code ?? null, r.channel ?? null]);
      let sum = groups.get(key);
      if (!sum) groups.set(key, (sum = { unit_code: r.unit_code ?? null, procedure_code: r.procedure_code ?? null, channel: r.channel ?? null }));
      for (const c of reportCategories) if (r[c] != null) sum[c] = Number(sum[c] ?? 0) + Number(r[c]);
    }
  }
  return [...groups.values()];
}

/** The grouped counts of one period, equal to the aggregation over the facts. */
export function aggregateCounts(db: Db, days: QueryDays, filter: FactFilter): Row[] {
  const params = filterParams(filter);
  const all = (sql: string, times = 1) => db.prepare(sql).all(...Array.from({ length: times }, () => params).flat()) as Row[];
  const parts = [all(countsSql(days, filter)), all(irregularSql(days, filter))];
  if (days.judgedOn !== days.to) parts.push(all(openAfterSql(days, filter), 2));
  return mergeGroups(parts);
}
