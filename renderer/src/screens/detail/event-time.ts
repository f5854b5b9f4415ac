/**
 * Which time the history shows for an event. DESIGN.md §5: the server's time orders events, but the desk's time is
 * when the clerk actually did it (a dossier received offline at 21:59 was received at 21:59, not when it synced
 * the next morning). The server's time is shown beside it only when the two disagree, so a desk whose clock is
 * wrong, or a long offline spell, is visible instead of silently rewriting the history.
 */
import type { TimelineEntry } from '../../../../shared/api/dossier-views';

/** Beyond this the two clocks are said to disagree; a sync round or a few minutes of drift stay quiet. */
export const SYNC_NOTE_AFTER_MS = 5 * 60_000;

export interface EventTimes {
  /** When the clerk did it, by the desk's clock; when the citizen submitted it, by the portal's, for an online one. */
  doneAt: string;
  /** When the server recorded it, only when that differs from `doneAt` by more than SYNC_NOTE_AFTER_MS. */
  syncedAt: string | null;
}

/**
 * The portal's own time of an online submission. The server writes the `dossier.submitted_online` event when the
 * portal hands the dossier over, so its desk time is the server's then: the citizen submitted at `submittedAt`, the
 * time the detail shows as "Ngày nộp trực tuyến" (the deadline's start).
 */
function submittedOnlineAt(entry: Partial<Pick<TimelineEntry, 'type' | 'payload'>>): string | null {
  if (entry.type !== 'dossier.submitted_online') return null;
  const at = (entry.payload as { submittedAt?: unknown } | null | undefined)?.submittedAt;
  return typeof at === 'string' && Number.isFinite(Date.parse(at)) ? at : null;
}

export function eventTimes(entry: Pick<TimelineEntry, 'deviceTime' | 'serverTime'> & Partial<Pick<TimelineEntry, 'type' | 'payload'>>): EventTimes {
  const { deviceTime, serverTime } = entry;
  const submittedAt = submittedOnlineAt(entry);
  const doneAt = submittedAt ?? deviceTime;
  // An online submission reached the server at its event's time, whichever of the two the desk holds.
  const recordedAt = submittedAt ? (serverTime ?? deviceTime) : serverTime;
  if (!recordedAt) return { doneAt, syncedAt: null };
  const gap = Math.abs(Date.parse(recordedAt) - Date.parse(doneAt));
  return { doneAt, syncedAt: Number.isFinite(gap) && gap > SYNC_NOTE_AFTER_MS ? recordedAt : null };
}
