/**
 * How a dossier stands against its deadline, for the list and the detail: colour AND words, so it reads on a
 * faded screen and for colour-blind clerks. Overdue means the deadline runs (received or processing) and passed.
 */
import { DossierStatus } from '../../../shared/domain/dossier';
import { vnEpochDay } from '../../../shared/calendar/vn-time';

export type DueState =
  /** `pausedLate`: waiting for a supplement or fees asked for only once the dossier was late, which stops nothing. */
  | { kind: 'overdue'; days: number; pausedLate?: true }
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
 * the same as the list's "Sắp đến hạn" filter, so every yellow badge is in that list. The days overdue are the
 * desk's count of working days (`overdueDays`, shared/calendar/overdue-days.ts): a Friday's dossier is one day late
 * on Monday, not three. One that passed its due while the screen stayed open has no count yet: it fell due today.
 */
export function dueState(
  dossier: { status: number; dueAt: string | null; overdue?: boolean; overdueDays?: number; dueSoon?: boolean; dueInDays?: number },
  now: Date,
): DueState {
  const { status } = dossier;
  if (status === DossierStatus.SupplementRequested || status === DossierStatus.FeesRequested) {
    // The desk says overdue for one paused after its due, as the reports count it; only the desk can tell (the
    // pause's time is not in the row).
    return dossier.overdue ? { kind: 'overdue', days: dossier.overdueDays ?? 0, pausedLate: true } : { kind: 'paused' };
  }
  // An online submission's deadline starts when a clerk receives it; a refused, withdrawn or stopped dossier ends
  // without a result, so "finished" would tell the citizen's caller the wrong thing.
  if (status === DossierStatus.SubmittedOnline) return { kind: 'notStarted' };
  if (status === DossierStatus.NotReceived) return { kind: 'none' };
  if (status === DossierStatus.Resolved || status === DossierStatus.Returned) return { kind: 'done' };
  if (status !== DossierStatus.Received && status !== DossierStatus.Processing) return { kind: 'ended' };
  if (!dossier.dueAt) return { kind: 'ok' };
  const due = new Date(dossier.dueAt);
  const dayGap = vnEpochDay(due) - vnEpochDay(now);
  if (dossier.overdue || due.getTime() < now.getTime()) return { kind: 'overdue', days: dossier.overdueDays ?? 0 };
  if (dayGap === 0) return { kind: 'today' };
  // The desk counts the days in working days (`dueInDays`); a stand-in that does not say, in calendar days.
  if (dossier.dueSoon ?? dayGap <= SOON_DAYS) return { kind: 'soon', days: dossier.dueInDays ?? dayGap };
  return { kind: 'ok' };
}
