/**
 * The units a desk's data file holds: the desk's own unit and the units under it (the seed tree, as the desk API's
 * reports allow). A report for any other unit would find none of its dossiers here and read as a true "0", so
 * `motcua report --db <desk file>` and the desk API's reports refuse it in plain words, as the server's report
 * refuses a unit it does not hold (server/reports/report-service.ts, unknownReportUnit).
 *
 * A desk not yet given a unit cannot record a dossier (Desk.requireIdentity), so its file normally holds none: a
 * unit is refused there unless the file does hold dossiers of that unit or of a unit under it (a file filled by
 * other means, such as a test's pulled events). A report without a unit (the whole file) always runs.
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
  if (unitWithDescendants(units, deskUnit).includes(unitCode)) return null;
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

function holdsDossiersOf(db: Db, unitCodes: readonly string[]): boolean {
  return db.prepare('SELECT 1 FROM dossiers WHERE unit_code IN (SELECT value FROM json_each(?)) LIMIT 1').get(JSON.stringify(unitCodes)) !== undefined;
}
