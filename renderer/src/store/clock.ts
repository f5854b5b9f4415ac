/**
 * The desk's finding about this PC's clock, for every place that tells the clerk: the header, the reception form, a
 * dossier's actions. One finding (sync status `clockCheck`, electron/desk/sync/clock-skew.ts), online or offline:
 * measured by the server, or, with no server to ask, shown by the server's times the desk holds or by its own
 * unsent stamps. A desk offline for a day with its clock wrong still warns everywhere.
 */
import { useTranslation } from '../i18n';
import { actionClockText, receptionClockText } from '../format/clock-skew';
import type { ClockCheckView } from '../../../shared/api/desk-views';
import { useSyncState } from './sync';

/** The desk's finding, or null when it finds its clock right (or has not said yet). */
export function useClockFinding(): ClockCheckView | null {
  return useSyncState((s) => s.snapshot?.clockCheck ?? null);
}

/** The clock's warning above the reception form; null when the desk finds the clock right. */
export function useReceptionClockWarning(): string | null {
  const { t } = useTranslation();
  const finding = useClockFinding();
  return finding ? receptionClockText(t, finding) : null;
}

/** The clock's warning above a dossier's actions; null when the desk finds the clock right. */
export function useActionClockWarning(): string | null {
  const { t } = useTranslation();
  const finding = useClockFinding();
  return finding ? actionClockText(t, finding) : null;
}
