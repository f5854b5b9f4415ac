/**
 * A re-appointment moves the appointment the citizen holds, not the legal due day: the reports keep judging a
 * re-appointed dossier against its first appointment (shared/reports/facts.ts `legalDueDay`). The detail page said
 * "Trong hạn" beside a new date while the month's report counted the same dossier as overdue; this says which.
 * Days are Vietnam days, compared as the report compares them.
 */
import type { DossierState } from '../../../../shared/domain/lifecycle';

const vnDay = (instant: string | Date): string => new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Still open, or resolved, past the first appointment's day: as the report counts it. */
export type LegalLateness = 'overdue' | 'resolvedLate' | null;

export function legalLateness(state: Pick<DossierState, 'status' | 'dueAt' | 'originalDueAt' | 'resolvedAt'>, now: Date): LegalLateness {
  const legal = state.originalDueAt;
  if (!legal || legal === state.dueAt) return null;
  // Received or processing: the clock runs (a supplement or fee request stops it, as the report's overdue test says).
  if ((state.status === 2 || state.status === 4) && vnDay(legal) < vnDay(now)) return 'overdue';
  if (state.resolvedAt && vnDay(state.resolvedAt) > vnDay(legal)) return 'resolvedLate';
  return null;
}
