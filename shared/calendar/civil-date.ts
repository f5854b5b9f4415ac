/**
 * Calendar days as plain numbers: days since 1970-01-01 ("epoch days"). Day arithmetic on numbers is exact and
 * never touches the machine's time zone; `YYYY-MM-DD` keys are only for input and output.
 */

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a Gregorian date (proleptic, no time zone involved). */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function civilDateOf(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekdayOf(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatDateKey(epochDay: number): string {
  const { year, month, day } = civilDateOf(epochDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isRealCivilDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= civilDateOf(epochDayOf(year, month + 1, 1) - 1).day;
}

/** The epoch day of a `YYYY-MM-DD` key, or undefined when the text is not a real date. */
export function parseDateKey(key: string): number | undefined {
  const m = DATE_KEY.exec(key);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealCivilDate(year, month, day) ? epochDayOf(year, month, day) : undefined;
}

export function yearOfEpochDay(epochDay: number): number {
  return civilDateOf(epochDay).year;
}
