/**
 * Server-side reports: every unit the server serves, from the report projection, after catching it up with the
 * event log. Units and the catalog come from the server's own data (seed data until an administrator sets them).
 */
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { seedUnits } from '../../shared/catalog/seed-units';
import type { Procedure } from '../../shared/domain/procedure';
import type { Unit } from '../../shared/domain/units';
import type { Report } from '../../shared/reports/report';
import type { LocalizedText } from '../../shared/result';
import { runReport, type ReportRequest } from '../../shared/reports/run-report';
import type { ServerStorage } from '../storage/contract';
import type { SqlDriver } from '../storage/sql-driver';
import { catchUpReports, refoldMarked, refoldPending } from './projection';
import { FACTS_TABLE } from './schema';
import { knownProcedures } from '../catalog/known-procedures';
import { catalogOf, currentCatalog } from '../catalog/current-catalog';

export interface ReportReference {
  units: Unit[];
  /** The current catalog: what the portal may submit and the import may file under. */
  procedures: Procedure[];
  /**
   * Every procedure the server ever published, or shipped, as the latest version holding it has it: what a report,
   * the feed and the status page name a dossier's procedure by. A procedure a later version left out still has
   * dossiers; named by its code alone, the report counted them under no field (QA).
   */
  knownProcedures: Procedure[];
}

/** The unit tree a report names things by: the server's, or the seed tree while it has none. */
export async function reportUnits(storage: Pick<ServerStorage, 'listUnits'> | null): Promise<Unit[]> {
  const units = storage ? await storage.listUnits() : [];
  return units.length > 0 ? units : seedUnits;
}

/**
 * The unit tree and catalog the report names things by: the server's, or the seed when it has none yet. For a
 * report: a caller wanting only the current catalog reads currentCatalog, only the units reportUnits.
 */
export async function reportReference(storage: Pick<ServerStorage, 'listUnits' | 'document' | 'documentHistory'> | null): Promise<ReportReference> {
  const catalog = storage ? await currentCatalog(storage) : catalogOf(undefined);
  return {
    units: await reportUnits(storage),
    procedures: catalog.procedures,
    knownProcedures: storage ? await knownProcedures(storage, catalog.version) : seedProcedures,
  };
}

/**
 * A unit the server does not hold has no dossiers, and its report would read as a true "0": the report routes and
 * `motcua report` refuse it instead (a mistyped code is the usual cause).
 */
export function unknownReportUnit(reference: ReportReference, unitCode: string | null): LocalizedText | null {
  if (unitCode === null || reference.units.some((u) => u.code === unitCode)) return null;
  return {
    vi: `Máy chủ không có đơn vị ${unitCode}; hãy kiểm tra mã đơn vị.`,
    en: `The server has no unit ${unitCode}; check the unit code.`,
  };
}

export async function serverReport(
  driver: SqlDriver,
  request: ReportRequest,
  reference: Pick<ReportReference, 'units' | 'procedures'> & Partial<Pick<ReportReference, 'knownProcedures'>>,
  options: { catchUp?: boolean } = {},
): Promise<Report> {
  if (options.catchUp !== false) {
    await catchUpReports(driver);
    // After an upgrade, the dossiers not yet folded again by the new rules (report schema 2) are, first; looked at
    // without the sync lock, which refoldMarked takes.
    if (await refoldPending(driver)) await refoldMarked(driver);
  }
  return runReport(request, {
    units: reference.units,
    procedures: reference.knownProcedures ?? reference.procedures,
    factsTable: FACTS_TABLE,
    runSql: (sql, params) => driver.all(sql, params),
  });
}
