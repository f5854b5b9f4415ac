/**
 * Whether a dossier on hold (status 5, a supplement; 6, fees) stopped its deadline: a request made by the due instant
 * does, and the appointment is given again when the hold ends; one made once the dossier was late stops nothing, so
 * the appointment and the legal due day stand and the dossier stays late (DESIGN.md §3, docs/reports.md). The report
 * counts it so from the folded state; the public lookup and the publication feed read the same state, so that the
 * citizen and the portals are not promised a new date the report does not count.
 */
import { deadlineStopped, ON_HOLD_STATUSES, type DossierState } from '../../shared/domain/lifecycle';
import type { SqlDriver } from '../storage/sql-driver';

/** From the state as `report_states` keeps it (JSON); false when there is none or it is not on hold. */
export function pausedInTime(stateJson: string | null | undefined): boolean {
  if (!stateJson) return false;
  return deadlineStopped(JSON.parse(stateJson) as DossierState);
}

/** For one dossier: read only when it is on hold. */
export async function dossierPausedInTime(driver: SqlDriver, dossierId: string, status: number): Promise<boolean> {
  if (!ON_HOLD_STATUSES.includes(status)) return false;
  const row = await driver.get<{ state: string }>('SELECT state FROM report_states WHERE dossier_id = ?', [dossierId]);
  return pausedInTime(row?.state);
}
