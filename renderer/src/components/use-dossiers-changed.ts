/**
 * Lists on screen stay current by themselves: they read again when the desk announces that dossier rows changed
 * without the clerk asking (a sync round pulled a colleague's work or an online submission, or the server accepted
 * the desk's own events), and when the Vietnam day turns (the day counts on the badges, "Quá hạn" and "Đến hạn hôm
 * nay" are judged by the day). Before this, a list left open — a reception officer's "Nộp trực tuyến, chờ kiểm tra"
 * all morning, a list left over lunch or overnight — showed what it had read when it was opened.
 *
 * Announcements are gathered for `delayMs`: a long pull announces after each of its rounds, and one read of the
 * list covers them all.
 */
import { useEffect, useRef } from 'react';
import { useDesk } from '../desk-context';
import { vnDateKey } from '../../../shared/calendar/vn-time';

export const DOSSIERS_CHANGED_DELAY_MS = 1_000;

export function useDossiersChanged(readAgain: () => void, now: Date, delayMs = DOSSIERS_CHANGED_DELAY_MS): void {
  const { onDeskEvent } = useDesk();
  const latest = useRef(readAgain);
  latest.current = readAgain;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = onDeskEvent((event) => {
      if (event.type !== 'dossiers.changed' || timer !== null) return;
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

  const day = vnDateKey(now);
  const seenDay = useRef(day);
  useEffect(() => {
    if (day === seenDay.current) return;
    seenDay.current = day;
    latest.current();
  }, [day]);
}
