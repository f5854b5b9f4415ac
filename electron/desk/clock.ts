/**
 * The desk's clock, injected so tests (and a PC whose clock is wrong) can set the time. Every instant the desk
 * writes is Vietnam time with +07:00, whatever the machine's time zone.
 */
import { toVnIso, vnDateKey } from '../../shared/calendar/vn-time';

export interface Clock {
  now(): Date;
  /** Now, as ISO 8601 with +07:00. */
  iso(): string;
  /** Today's date in Vietnam, YYYY-MM-DD. */
  today(): string;
}

export function makeClock(now: () => Date = () => new Date()): Clock {
  return { now, iso: () => toVnIso(now()), today: () => vnDateKey(now()) };
}
