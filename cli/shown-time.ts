/**
 * Instants as an administrator reads them in the terminal: dd/mm/yyyy HH:mm in Vietnam time, whatever time zone
 * the server is set to (the arithmetic is shared/calendar/vn-time's). Stored and API instants stay ISO with +07:00;
 * only what a person reads is written this way.
 */
import { vnParts } from '../shared/calendar/vn-time';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `06/12/2026 00:30`; text that is not an instant is shown as it is rather than hidden. */
export function shownVnDateTime(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const p = vnParts(date);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}
