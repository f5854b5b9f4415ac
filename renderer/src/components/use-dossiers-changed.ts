/**
 * Lists on screen stay current by themselves: they read again when the desk announces that dossier rows changed
 * without the clerk asking (a sync round pulled a colleague's work or an online submission, or the server answered
 * the desk's own events; the refold a stopped pull left), when the working calendar changed (the day counts and
 * "Sắp đến hạn" follow it), and when the Vietnam day turns (the day counts on the badges, "Quá hạn" and "Đến hạn hôm
 * nay" are judged by the day) — or every minute, for a list filtered by its due (`everyMinute`). Before this, a list
 * left open — a reception officer's "Nộp trực tuyến, chờ kiểm tra" all morning, a list left over lunch or
 * overnight — showed what it had read when it was opened.
 *
 * Announcements are gathered for `delayMs`: a round that pushes and pulls announces twice, and one read covers both.
 */
import { useEffect, useRef } from 'react';
import { useDesk } from '../desk-context';
import { vnDateKey } from '../../../shared/calendar/vn-time';

const DOSSIERS_CHANGED_DELAY_MS = 1_000;

export function useDossiersChanged(
  readAgain: () => void,
  now: Date,
  { delayMs = DOSSIERS_CHANGED_DELAY_MS, everyMinute = false }: { delayMs?: number; everyMinute?: boolean } = {},
): void {
  const { onDeskEvent } = useDesk();
  const latest = useRef(readAgain);
  latest.current = readAgain;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = onDeskEvent((event) => {
      if ((event.type !== 'dossiers.changed' && event.type !== 'calendar.changed') || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current();
      }, delayMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [onDeskEvent, delayMs]);

  const moment = everyMinute ? String(Math.floor(now.getTime() / 60_000)) : vnDateKey(now);
  const seen = useRef(moment);
  useEffect(() => {
    if (moment === seen.current) return;
    seen.current = moment;
    latest.current();
  }, [moment]);
}
