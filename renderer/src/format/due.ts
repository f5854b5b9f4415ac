/**
 * How a dossier stands against its deadline, for the list and the detail: colour AND words, so it reads on a
 * faded screen and for colour-blind clerks. Overdue means the deadline runs (received or processing) and passed.
 */
import { DossierStatus } from '../../../shared/domain/dossier';
import { vnEpochDay } from '../../../shared/calendar/vn-time';

export type DueState =
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'soon'; days: number }
  | { kind: 'ok' }
  | { kind: 'paused' }
  | { kind: 'notStarted' }
  | { kind: 'ended' }
  /** Refused at the desk (form 03): it never had a deadline, so nothing is said about one. */
  | { kind: 'none' }
  | { kind: 'done' };

/** For a dossier whose desk did not say (`dueSoon` absent): within this many calendar days. */
const SOON_DAYS = 2;

/**
 * `overdue` and `dueSoon` as the desk judged them, when it did: "soon" is then the administrator's working hours,
 * the same as the list's "Sắp đến hạn" filter, so every yellow badge is in that list.
 */
export function dueState(dossier: { status: number; dueAt: string | null; overdue?: boolean; dueSoon?: boolean }, now: Date): DueState {
  const { status } = dossier;
  if (status === DossierStatus.SupplementRequested || status === DossierStatus.FeesRequested) return { kind: 'paused' };
  // An online submission's deadline starts when a clerk receives it; a refused, withdrawn or stopped dossier ends
  // without a result, so "finished" would tell the citizen's caller the wrong thing.
  if (status === DossierStatus.SubmittedOnline) return { kind: 'notStarted' };
  if (status === DossierStatus.NotReceived) return { kind: 'none' };
  if (status === DossierStatus.Resolved || status === DossierStatus.Returned) return { kind: 'done' };
  if (status !== DossierStatus.Received && status !== DossierStatus.Processing) return { kind: 'ended' };
  if (!dossier.dueAt) return { kind: 'ok' };
  const due = new Date(dossier.dueAt);
  const dayGap = vnEpochDay(due) - vnEpochDay(now);
  if (dossier.overdue || due.getTime() < now.getTime()) return { kind: 'overdue', days: Math.max(0, -dayGap) };
  if (dayGap === 0) return { kind: 'today' };
  if (dossier.dueSoon ?? dayGap <= SOON_DAYS) return { kind: 'soon', days: dayGap };
  return { kind: 'ok' };
}
