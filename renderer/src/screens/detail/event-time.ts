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
  /** When the clerk did it, by the desk's clock. */
  doneAt: string;
  /** When the server recorded it, only when that differs from `doneAt` by more than SYNC_NOTE_AFTER_MS. */
  syncedAt: string | null;
}

export function eventTimes(entry: Pick<TimelineEntry, 'deviceTime' | 'serverTime'>): EventTimes {
  const { deviceTime, serverTime } = entry;
  if (!serverTime) return { doneAt: deviceTime, syncedAt: null };
  const gap = Math.abs(Date.parse(serverTime) - Date.parse(deviceTime));
  return { doneAt: deviceTime, syncedAt: Number.isFinite(gap) && gap > SYNC_NOTE_AFTER_MS ? serverTime : null };
}
