/**
 * The units a desk's data file holds: the desk's own unit and the units under it (the seed tree, as the desk API's
 * reports allow). A report for any other unit would find none of its dossiers here and read as a true "0", so
 * `motcua report --db <desk file>` and the desk API's reports refuse it in plain words, as the server's report
 * refuses a unit it does not hold (server/reports/report-service.ts, unknownReportUnit).
 *
 * A desk not yet given a unit cannot record a dossier (Desk.requireIdentity), so its file normally holds none: a
 * unit is refused there unless the file does hold dossiers of that unit or of a unit under it (a file filled by
 * other means, such as a test's pulled events). A report without a unit (the whole file) always runs.
 *
 * A unit under the desk's own is refused the same way when the file holds no dossier of it: a district desk syncs
 * its own unit's dossiers and those transferred to it, not its communes', so a commune's report there read as zeros.
 */
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Unit } from '../../../shared/domain/units';
import { unitWithDescendants } from '../../../shared/reports/units';
import type { LocalizedText } from '../../../shared/result';
import type { Db } from '../db/open-database';

/** Why a report of `unitCode` is refused on this desk (its unit `deskUnit`, null for none yet); null when it is not. */
export function deskReportUnitRefusal(db: Db, deskUnit: string | null, unitCode: string | null, units: readonly Unit[] = seedUnits): LocalizedText | null {
  if (unitCode === null) return null;
  if (deskUnit === null) {
    if (holdsDossiersOf(db, unitWithDescendants(units, unitCode))) return null;
    return {
      vi: `Tệp dữ liệu của quầy không có đơn vị ${unitCode}: quầy chưa được đăng ký đơn vị nên không có hồ sơ của đơn vị này. Hãy lập báo cáo không chọn đơn vị, hoặc đăng ký quầy trước.`,
      en: `The desk's data file has no unit ${unitCode}: the desk has not been set up with a unit, so it holds no dossiers of this unit. Report without choosing a unit, or set up the desk first.`,
    };
  }
  if (unitCode === deskUnit) return null;
  if (unitWithDescendants(units, deskUnit).includes(unitCode)) {
    if (holdsDossiersOf(db, unitWithDescendants(units, unitCode))) return null;
    // A district desk does not receive its communes' dossiers: their report here would be zeros, not theirs.
    const name = units.find((u) => u.code === unitCode)?.name ?? unitCode;
    return {
      vi: `Quầy này không giữ hồ sơ của ${name} (${unitCode}): hồ sơ của đơn vị đó được tiếp nhận trên máy của đơn vị đó và gửi lên máy chủ, nên báo cáo tại đây sẽ toàn số 0. Hãy lập báo cáo của đơn vị này trên máy chủ (motcua report --db <tệp máy chủ> --unit ${unitCode}).`,
      en: `This desk holds no dossiers of ${name} (${unitCode}): that unit's dossiers are received on its own desks and sent to the server, so a report here would be all zeros. Report on this unit on the server (motcua report --db <server file> --unit ${unitCode}).`,
    };
  }
  return {
    vi: `Tệp dữ liệu của quầy không có đơn vị ${unitCode} (quầy thuộc đơn vị ${deskUnit}); hãy kiểm tra mã đơn vị.`,
    en: `The desk's data file has no unit ${unitCode} (the desk belongs to unit ${deskUnit}); check the unit code.`,
  };
}

/** The refusal for a desk's data file, read before anything is written to it. */
export function unknownDeskReportUnit(db: Db, unitCode: string | null, units: readonly Unit[] = seedUnits): LocalizedText | null {
  const deskUnit = db.prepare<[], { unit_code: string }>('SELECT unit_code FROM device_identity').get()?.unit_code ?? null;
  return deskReportUnitRefusal(db, deskUnit, unitCode, units);
}

/**
 * Whether the file holds a dossier of one of these units. Read from the report facts (indexed by unit: the picker
 * asks this for every commune of a district, and a district desk of 500,000 dossiers holds none of theirs, which
 * the dossiers table could answer only by reading it whole), plus the few dossiers whose facts are not refreshed yet.
 */
export function holdsDossiersOf(db: Db, unitCodes: readonly string[]): boolean {
  // `motcua report` asks before it migrates the file: a desk file older than the facts has only its dossiers.
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_facts'").get() === undefined) {
    return db.prepare('SELECT 1 FROM dossiers WHERE unit_code IN (SELECT value FROM json_each(?)) LIMIT 1').get(JSON.stringify(unitCodes)) !== undefined;
  }
  const row = db
    .prepare<[string, string], { held: number }>(
      `SELECT EXISTS (SELECT 1 FROM report_facts WHERE unit_code IN (SELECT value FROM json_each(?)))
           OR EXISTS (SELECT 1 FROM report_facts_stale s
                      WHERE (SELECT unit_code FROM dossiers WHERE id = s.dossier_id) IN (SELECT value FROM json_each(?))) AS held`,
    )
    .get(JSON.stringify(unitCodes), JSON.stringify(unitCodes));
  return row?.held === 1;
}
