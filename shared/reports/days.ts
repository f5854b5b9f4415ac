/**
 * Report dates as day numbers (`20231027` for 27 October 2023, Vietnam calendar). Integers compare the same way
 * in TypeScript, SQLite and PostgreSQL, so the one aggregation query runs unchanged on every database, and a
 * CASE over them is cheap on half a million rows.
 */
import { parseInstant, vnDateKey } from '../calendar/vn-time';

/** yyyymmdd of a Vietnam calendar day. */
export type DayNumber = number;

/** Past every real date: the end of the span of a dossier that is still open. */
export const OPEN_END_DAY: DayNumber = 99991231;

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumberOfDateKey(key: string): DayNumber {
  const m = DATE_KEY.exec(key);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${key}`);
  return Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
}

export function dateKeyOfDayNumber(day: DayNumber): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The Vietnam day of an instant. Events write instants with `+07:00` (the schema insists), whose first ten
 * characters are the Vietnam date; anything else is converted rather than trusted.
 */
export function dayNumberOfInstant(instant: string): DayNumber {
  if (instant.length >= 25 && instant.endsWith('+07:00')) return dayNumberOfDateKey(instant.slice(0, 10));
  const parsed = parseInstant(instant);
  if (!parsed.ok) throw new RangeError(`not an instant: ${instant}`);
  return dayNumberOfDateKey(vnDateKey(parsed.value));
}

export const dayNumberOrNull = (instant: string | null | undefined): DayNumber | null =>
  instant == null ? null : dayNumberOfInstant(instant);

/** ISO weekday (Monday 1 … Sunday 7) of a calendar day; pure arithmetic, no time zone involved. */
export function isoWeekdayOfDay(day: DayNumber): number {
  const utc = new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100));
  return ((utc.getUTCDay() + 6) % 7) + 1;
}

export const isFriday = (day: DayNumber): boolean => isoWeekdayOfDay(day) === 5;
