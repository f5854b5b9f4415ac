/**
 * The units a desk's data file holds: the desk's own unit and the units under it (the seed tree, as the desk API's
 * reports allow), or the whole tree for a desk never given a unit. A report for any other unit would find none of
 * its dossiers here and read as a true "0", so `motcua report --db <desk file>` refuses it in the words the
 * server's report uses for a unit it does not hold (server/reports/report-service.ts, unknownReportUnit).
 */
import { seedUnits } from '../../../shared/catalog/seed-units';
import type { Unit } from '../../../shared/domain/units';
import { unitWithDescendants } from '../../../shared/reports/units';
import type { LocalizedText } from '../../../shared/result';
import type { Db } from '../db/open-database';

export function unknownDeskReportUnit(db: Db, unitCode: string | null, units: readonly Unit[] = seedUnits): LocalizedText | null {
  if (unitCode === null) return null;
  const deskUnit = db.prepare<[], { unit_code: string }>('SELECT unit_code FROM device_identity').get()?.unit_code ?? null;
  const held = deskUnit === null ? units.map((u) => u.code) : unitWithDescendants(units, deskUnit);
  if (held.includes(unitCode)) return null;
  const belongs = deskUnit === null ? { vi: '', en: '' } : { vi: ` (quầy thuộc đơn vị ${deskUnit})`, en: ` (the desk belongs to unit ${deskUnit})` };
  return {
    vi: `Tệp dữ liệu của quầy không có đơn vị ${unitCode}${belongs.vi}; hãy kiểm tra mã đơn vị.`,
    en: `The desk's data file has no unit ${unitCode}${belongs.en}; check the unit code.`,
  };
}
