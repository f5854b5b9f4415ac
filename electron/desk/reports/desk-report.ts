/**
 * Desk-side reports: the desk's own units, from its `report_facts` table (brought up to date from the event log
 * before each report, in steps: report-facts.ts) and the counts summed from it (report-counts.ts), through the same report builder as the server.
 */
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Procedure } from '../../../shared/domain/procedure';
import type { Unit } from '../../../shared/domain/units';
import { categoryListSql, figureFilter, filterParams, type FactFilter, type ReportCategory } from '../../../shared/reports/aggregation-sql';
import type { Report } from '../../../shared/reports/report';
import { planReport, runReport, type ReportRequest, type ReportSources } from '../../../shared/reports/run-report';
import type { BackgroundCheckpoint } from '../db/background-checkpoint';
import type { Db } from '../db/open-database';
import { aggregateCounts } from './report-counts';
import { DESK_FACTS_TABLE, reportFactsUpToDate } from './report-facts';

/** The catalog the desk holds (synced from the server, or the seed). */
export function deskProcedures(db: Db): Procedure[] {
  const rows = db.prepare<[], { data: string }>('SELECT data FROM procedures').all();
  return rows.length > 0 ? rows.map((r) => JSON.parse(r.data) as Procedure) : seedProcedures;
}

export interface DeskReportOptions {
  /** The unit tree; the desk has no copy of its own, so the seed tree unless the caller knows better. */
  units?: readonly Unit[];
  procedures?: readonly Procedure[];
  /** The desk's background checkpoint, for a report that has many stale facts to refold first (report-facts.ts). */
  checkpointInBackground?: () => BackgroundCheckpoint;
}

export async function deskReport(db: Db, request: ReportRequest, options: DeskReportOptions = {}): Promise<Report> {
  await reportFactsUpToDate(db, options.checkpointInBackground);
  return ofThisDesk(db, await runReport(request, countedSources(db, options)));
}

/**
 * A desk holds the units under its own only through what they transferred to it: said on the report (its heading),
 * also on a report of one such unit alone (a district desk's of a commune: QA, an export headed as the commune's
 * whole report gave 1 dossier and 100 % late where the commune had 9).
 */
function ofThisDesk(db: Db, report: Report): Report {
  const deskUnit = db.prepare<[], { unit_code: string }>('SELECT unit_code FROM device_identity').get()?.unit_code ?? null;
  const partial = report.unitCodes.length > 1 || (deskUnit !== null && report.unitCodes.some((code) => code !== deskUnit));
  return partial ? { ...report, subUnitsOnlyAsTransferred: true } : report;
}

/** The desk's fast path: the facts' counts per calendar bucket (report-counts.ts). Refresh the facts first. */
export const countedSources = (db: Db, options: DeskReportOptions): ReportSources => ({
  ...sources(db, options),
  aggregate: (days, filter) => aggregateCounts(db, days, filter),
});

/** The same report aggregated over every fact, as the server does: the reference the fast path is held to. */
export async function deskReportFromFacts(db: Db, request: ReportRequest, options: DeskReportOptions = {}): Promise<Report> {
  await reportFactsUpToDate(db, options.checkpointInBackground);
  return ofThisDesk(db, await runReport(request, sources(db, options)));
}

const sources = (db: Db, options: DeskReportOptions) => ({
  units: options.units ?? seedUnits,
  procedures: options.procedures ?? deskProcedures(db),
  factsTable: DESK_FACTS_TABLE,
  runSql: (sql: string, params: string[]) => db.prepare(sql).all(...params) as Record<string, unknown>[],
});

export interface ReportDossierRef {
  dossierId: string;
  code: string | null;
}

/** Drill-down: the dossiers behind one figure of the report (newest receipt last), at most `limit`. */
export async function deskReportDossiers(
  db: Db,
  request: ReportRequest,
  category: ReportCategory,
  extra: Omit<FactFilter, 'unitCodes'> = {},
  options: { units?: readonly Unit[]; limit?: number; checkpointInBackground?: () => BackgroundCheckpoint } = {},
): Promise<ReportDossierRef[]> {
  await reportFactsUpToDate(db, options.checkpointInBackground);
  const plan = planReport(request, options.units ?? seedUnits);
  const filter = figureFilter(category, { ...plan.filter, ...extra }, deskProcedures(db));
  const rows = db
    .prepare(categoryListSql(DESK_FACTS_TABLE, plan.current, category, filter, options.limit ?? 500))
    .all(...filterParams(filter)) as { dossier_id: string; code: string | null }[];
  return rows.map((r) => ({ dossierId: r.dossier_id, code: r.code }));
}
