/**
 * Instants and dates as they travel in events and schemas. Every instant is written in Vietnam time with an
 * explicit +07:00 offset (DESIGN.md §3), so a stored event reads the same whatever the PC's time zone.
 * The calendar engine (shared/calendar) does the arithmetic; these are only the shapes.
 */
import { z } from 'zod';
import { msg } from './messages';

const VN_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?\+07:00$/;
const VN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The years a date typed or asked for may fall in: every birth date of a living applicant and every day a desk deals
 * with. A year outside is a typing slip (0001, 2206), said as such: the desk's date fields and the report period
 * (shared/reports/period.ts) hold to the same years.
 */
export const TYPED_YEARS = { first: 1900, last: 2099 } as const;

/** A Gregorian leap year (as Date.UTC counts them). */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** True when year-month-day names a day that exists (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Every instant of an import or a sync is checked here, so whole years 100–9999 are counted without a Date
  // (Gregorian leap years, as Date.UTC counts them); anything else keeps the Date rule, which reads years 0–99
  // as 1900–1999 (tests/domain/time-shapes.test.ts checks both agree).
  if (Number.isInteger(year) && Number.isInteger(month) && year >= 100 && year <= 9999) {
    return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
  }
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isVnInstant(text: string): boolean {
  const m = VN_INSTANT.exec(text);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

export function isVnDate(text: string): boolean {
  const m = VN_DATE.exec(text);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `2023-10-27T09:32:00+07:00` (milliseconds optional). */
export const vnInstantSchema = z.string().refine(isVnInstant, msg('vn_instant.format'));
/** `2023-10-27`, a calendar day in Vietnam. */
export const vnDateSchema = z.string().refine(isVnDate, msg('vn_date.format'));

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, msg('sha256.format'));

/** The Vietnam calendar day of an instant written with +07:00: its first ten characters. */
export const vnDateOfInstant = (instant: string): string => instant.slice(0, 10);
