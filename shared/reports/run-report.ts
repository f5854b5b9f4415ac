/**
 * From a request (period, unit, today) to the report, given a way to run SQL: the desk passes its SQLite
 * connection, the server its SQLite or PostgreSQL driver. Both run the same two aggregations (this period and the
 * same period a year earlier) over a table of report facts.
 */
import type { Procedure } from '../domain/procedure';
import type { Unit } from '../domain/units';
import { aggregationSql, filterParams, type FactFilter, type QueryDays } from './aggregation-sql';
import { buildReport, normaliseGroupedRows } from './build-report';
import { dayNumberOfDateKey } from './days';
import { hasYearEarlierFigures, judgementDay, periodDays, previousYearPeriod, type ReportPeriod } from './period';
import type { Report } from './report';
import { unitWithDescendants } from './units';

export interface ReportRequest {
  period: ReportPeriod;
  /** A unit and everything under it; null for every unit the database holds. */
  unitCode: string | null;
  /** Today in Vietnam (`YYYY-MM-DD`): open dossiers of a period not yet ended are judged today. */
  today: string;
}

export interface ReportPlan {
  current: QueryDays;
  previous: QueryDays;
  previousPeriod: ReportPeriod;
  filter: FactFilter;
}

/**
 * The part of the period the figures can speak of: up to today for a period begun but not ended (judgementDay). A
 * year-to-date report on 15 June compares with 1 January – 15 June of the year before, its open dossiers judged on
 * that 15 June, not with that whole year: half a year's receptions against a whole year's read as a fall by half.
 */
function reportedSoFar({ period, today }: ReportRequest): ReportPeriod {
  return today < period.from ? period : { from: period.from, to: judgementDay(period, today) };
}

export function queryDays(period: ReportPeriod, today: string): QueryDays {
  return { ...periodDays(period), judgedOn: dayNumberOfDateKey(judgementDay(period, today)) };
}

export function planReport(request: ReportRequest, units: readonly Unit[]): ReportPlan {
  const previousPeriod = previousYearPeriod(reportedSoFar(request));
  return {
    current: queryDays(request.period, request.today),
    previous: queryDays(previousPeriod, request.today),
    previousPeriod,
    filter: { unitCodes: request.unitCode === null ? [] : unitWithDescendants(units, request.unitCode) },
  };
}

export type RunSql = (sql: string, params: string[]) => Promise<Record<string, unknown>[]> | Record<string, unknown>[];

/** The grouped counts of one period (rows with the columns of `GroupedRow`), however a side computes them. */
export type Aggregate = (days: QueryDays, filter: FactFilter) => Promise<Record<string, unknown>[]> | Record<string, unknown>[];

export interface ReportSources {
  units: readonly Unit[];
  procedures: readonly Procedure[];
  /** The table (or view) holding report facts, with the columns of facts.ts. */
  factsTable: string;
  runSql: RunSql;
  /** Replaces the aggregation over `factsTable` (the desk reads pre-aggregated counts: electron/desk/reports). */
  aggregate?: Aggregate;
}

export interface RunReportOptions {
  /**
   * Aggregate the same period a year earlier for the year-on-year change (default true). A chart of many short
   * periods (the dashboard's months) shows no comparison and skips it: it would double the work.
   */
  yearOnYear?: boolean;
}

export async function runReport(request: ReportRequest, sources: ReportSources, options: RunReportOptions = {}): Promise<Report> {
  const plan = planReport(request, sources.units);
  const aggregate: Aggregate =
    sources.aggregate ?? ((days, filter) => sources.runSql(aggregationSql(sources.factsTable, days, filter), filterParams(filter)));
  const current = await aggregate(plan.current, plan.filter);
  // A year earlier wholly before 1900 (a report of 1900, or of 1900–2099) is no period a dossier can be in.
  const compare = options.yearOnYear !== false && hasYearEarlierFigures(plan.previousPeriod);
  const previous = compare ? await aggregate(plan.previous, plan.filter) : [];
  return buildReport({
    period: request.period,
    previousPeriod: plan.previousPeriod,
    judgedOn: plan.current.judgedOn,
    unitCode: request.unitCode,
    unitCodes: plan.filter.unitCodes.slice(),
    units: sources.units,
    procedures: sources.procedures,
    current: normaliseGroupedRows(current),
    previous: normaliseGroupedRows(previous),
  });
}
