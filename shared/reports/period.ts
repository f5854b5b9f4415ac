/**
 * A report period: whole Vietnam calendar days from `from` to `to`, both included (DESIGN.md §7), and the same
 * period a year earlier for the year-on-year comparison.
 */
import { fail, ok, type Result } from '../result';
import { isLeapYear, isVnDate } from '../domain/time';
import { dateKeyOfDayNumber, dayNumberOfDateKey, type DayNumber } from './days';

export interface ReportPeriod {
  /** First day, `YYYY-MM-DD`, Vietnam calendar. */
  from: string;
  /** Last day, included. */
  to: string;
}

export interface PeriodDays {
  from: DayNumber;
  to: DayNumber;
}

export function parseReportPeriod(from: string | undefined, to: string | undefined): Result<ReportPeriod> {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined || !isVnDate(value.trim())) {
      return fail(
        'report_period_invalid',
        `Ngày ${name === 'from' ? 'bắt đầu' : 'kết thúc'} kỳ báo cáo "${value ?? ''}" không hợp lệ; hãy viết dạng 2023-01-01.`,
        `The report period's ${name === 'from' ? 'first' : 'last'} day "${value ?? ''}" is not a valid date; write it like 2023-01-01.`,
        { field: name },
      );
    }
  }
  const period = { from: from!.trim(), to: to!.trim() };
  if (period.from > period.to) {
    // Said the way a clerk writes dates (dd/mm/yyyy): the desk shows this message under its date fields.
    const [first, last] = [shownDay(period.from), shownDay(period.to)];
    return fail(
      'report_period_reversed',
      `Kỳ báo cáo không hợp lệ: ngày bắt đầu ${first} sau ngày kết thúc ${last}.`,
      `The report period is not valid: its first day ${first} is after its last day ${last}.`,
      { field: 'from' },
    );
  }
  return ok(period);
}

/** `YYYY-MM-DD` as dd/mm/yyyy, as reports and their exports show a day. */
export const shownDay = (key: string): string => key.split('-').reverse().join('/');

export const periodDays = (period: ReportPeriod): PeriodDays => ({
  from: dayNumberOfDateKey(period.from),
  to: dayNumberOfDateKey(period.to),
});

/** The same calendar day `years` years earlier; 29 February becomes 28 February. */
export function sameDayYearBefore(key: string, years = 1): string {
  const day = dayNumberOfDateKey(key);
  const y = Math.floor(day / 10000) - years;
  const md = day % 10000;
  const adjusted = md === 229 && !isLeapYear(y) ? 228 : md;
  return dateKeyOfDayNumber(y * 10000 + adjusted);
}

/**
 * The same period a year earlier. A period of whole months (from a month's first day to a month's last) stays whole
 * months: February 2025 compares with February 2024 to its 29th, not to the 28th. A period longer than a year goes
 * back as many whole years as it needs not to overlap itself (2026–2030 against 2021–2025): a year back, the two
 * periods would share four years and every change would read 0.
 */
export function previousYearPeriod(period: ReportPeriod): ReportPeriod {
  let years = 1;
  while (sameDayYearBefore(period.to, years) >= period.from) years++;
  const from = sameDayYearBefore(period.from, years);
  const wholeMonths = period.from.endsWith('-01') && lastDayOfFebruary(period.to);
  return { from, to: wholeMonths ? februaryEnd(Number(period.to.slice(0, 4)) - years) : sameDayYearBefore(period.to, years) };
}

/** 28 February of a common year or 29 February of a leap year: the only month ends a year apart can differ on. */
const lastDayOfFebruary = (key: string): boolean => key === februaryEnd(Number(key.slice(0, 4)));
const februaryEnd = (year: number): string => `${String(year).padStart(4, '0')}-02-${isLeapYear(year) ? 29 : 28}`;

/**
 * The day on which "in progress at the end of the period" is judged: the period's last day, or today when the
 * period has not ended yet (a dossier due tomorrow is not overdue today).
 */
export const judgementDay = (period: ReportPeriod, today: string): string => (today < period.to ? today : period.to);

/** How many whole years back the comparison period lies (previousYearPeriod): 1, or more for a period over a year. */
export const yearsBack = (period: ReportPeriod, previous: ReportPeriod): number =>
  Number(period.from.slice(0, 4)) - Number(previous.from.slice(0, 4));
