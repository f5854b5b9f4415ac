/**
 * A re-appointment (form 04) moves the appointment the citizen holds, not the legal due day: the reports keep judging
 * the dossier against the legal due day (shared/reports/facts.ts `legalDueDay`, aggregation-sql.ts). A list showed
 * only the new appointment ("Trong hạn") while the month's report counted the same dossier as overdue; this says,
 * for a list row, what the report counts — by Vietnam days, as the report compares them (and as the detail page's
 * renderer/src/screens/detail/legal-lateness.ts does).
 */
import { DossierStatus } from '../../../shared/domain/dossier';
import type { LegalDue } from '../../../shared/api/dossier-views';
import { vnEpochDay } from '../../../shared/calendar/vn-time';

const day = (instant: string | number): number => vnEpochDay(new Date(instant));

/** A finished dossier the reports count resolved late: the due it is late against, and when it was resolved. */
export interface LateResolution {
  dueAt: string;
  resolvedAt: string;
}

/**
 * Whether the reports count a finished dossier (resolved or returned) as "giải quyết quá hạn": resolved on a later
 * Vietnam day than the day the law counts against (the legal due of a re-appointed dossier, else its appointment);
 * null when on time. Only whether, by Vietnam days as the report compares them: how many days late the badge says is
 * counted in working days from what this returns (dossiers/summary.ts), so the report's count never depends on it.
 */
export function lateResolutionOf(d: { status: number; resolvedAt: string | null }, legalDueAt: string | null): LateResolution | null {
  if ((d.status !== DossierStatus.Resolved && d.status !== DossierStatus.Returned) || !d.resolvedAt || !legalDueAt) return null;
  return day(d.resolvedAt) > day(legalDueAt) ? { dueAt: legalDueAt, resolvedAt: d.resolvedAt } : null;
}

/**
 * The legal due of a re-appointed dossier, with how the report counts it now; null when the appointment is the legal
 * due (never re-appointed, or moved back to it).
 */
export function legalDueOf(
  d: { status: number; dueAt: string | null; legalDueAt: string | null; resolvedAt: string | null },
  nowMs: number,
): LegalDue | null {
  const legal = d.legalDueAt;
  if (!legal || legal === d.dueAt) return null;
  let lateness: LegalDue['lateness'] = null;
  // Received or processing: the clock runs. A supplement or fee request stops it here, as in the list's due filters;
  // the report's overdue spans stop it only for a request made before the due instant (shared/reports/facts.ts).
  if ((d.status === DossierStatus.Received || d.status === DossierStatus.Processing) && day(legal) < day(nowMs)) lateness = 'overdue';
  else if (d.resolvedAt && day(d.resolvedAt) > day(legal)) lateness = 'resolvedLate';
  return { at: legal, lateness };
}
