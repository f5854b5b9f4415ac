/**
 * The two ways a report is computed, for tests: the reference fold over dossier projections (the oracle), and
 * the real path — report facts in a SQL table, the shared aggregation query, the shared report builder.
 */
import { expect } from 'vitest';
import { seedProcedures } from '../../../shared/catalog/seed-procedures';
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { DossierState } from '../../../shared/domain/lifecycle';
import { buildReport } from '../../../shared/reports/build-report';
import { referenceGroupedRows } from '../../../shared/reports/reference';
import type { Report } from '../../../shared/reports/report';
import { planReport, type ReportRequest } from '../../../shared/reports/run-report';
import { reportRowValues, upsertReportRows } from '../../../server/reports/report-rows';
import { ensureReportSchema } from '../../../server/reports/schema';
import { serverReport } from '../../../server/reports/report-service';
import type { SqlDriver } from '../../../server/storage/sql-driver';
import { openSqliteDriver } from '../../../server/storage/sqlite-driver';
import { openStore } from '../../../electron/desk/db/open-store';
import { deskReport } from '../../../electron/desk/reports/desk-report';
import { reportFactOf } from '../../../shared/reports/facts';
import { factWriter } from '../../../electron/desk/reports/fact-tables';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const reference = { units: seedUnits, procedures: seedProcedures };

export function referenceReport(states: readonly DossierState[], request: ReportRequest): Report {
  const plan = planReport(request, seedUnits);
  return buildReport({
    period: request.period,
    previousPeriod: plan.previousPeriod,
    judgedOn: plan.current.judgedOn,
    unitCode: request.unitCode,
    unitCodes: [...plan.filter.unitCodes],
    ...reference,
    current: referenceGroupedRows(states, plan.current, plan.filter.unitCodes),
    previous: referenceGroupedRows(states, plan.previous, plan.filter.unitCodes),
  });
}

/** Loads projections straight into a report projection table (no event log), as a rebuild would leave it. */
export async function loadReportRows(driver: SqlDriver, states: readonly DossierState[]): Promise<void> {
  await ensureReportSchema(driver);
  await driver.transaction(async (db) => upsertReportRows(db, states.map((s, i) => reportRowValues(s, i + 1))));
}

export async function sqlReport(states: readonly DossierState[], request: ReportRequest): Promise<Report> {
  const driver = openSqliteDriver(':memory:');
  try {
    await loadReportRows(driver, states);
    return await serverReport(driver, request, reference, { catchUp: false });
  } finally {
    await driver.close();
  }
}

/** The desk's path: facts in a desk store, summed into its report counts, read back by the fast aggregation. */
export async function deskCountsReport(states: readonly DossierState[], request: ReportRequest): Promise<Report> {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-report-counts-'));
  const db = openStore({ dataDir: dir }).db;
  try {
    const facts = factWriter(db);
    db.transaction(() => states.forEach((s) => facts.insert(reportFactOf(s))))();
    const { subUnitsOnlyAsTransferred, ...figures } = await deskReport(db, request, { procedures: reference.procedures });
    // A desk's report over the units under the one asked for says those are partial (its heading); the figures are
    // the same as every other path's.
    expect(subUnitsOnlyAsTransferred).toBe(figures.unitCodes.length > 1 ? true : undefined);
    return figures;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every path; they must agree, and the test then looks at the one report. */
export async function bothPaths(states: readonly DossierState[], request: ReportRequest): Promise<{ sql: Report; ref: Report; desk: Report }> {
  return { sql: await sqlReport(states, request), ref: referenceReport(states, request), desk: await deskCountsReport(states, request) };
}
