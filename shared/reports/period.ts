/**
 * A report period: whole Vietnam calendar days from `from` to `to`, both included (DESIGN.md §7), and the same
 * period a year earlier for the year-on-year comparison.
 */
import { fail, ok, type Result } from '../result';
import { isLeapYear, isVnDate, TYPED_YEARS } from '../domain/time';
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

/**
 * The period asked for, or why it is refused, in words for the field it is about. One rule for the desk API, the
 * server's `GET /v1/reports` and `motcua report`: real dates, years within TYPED_YEARS (the desk's date fields' years:
 * a year 0001 or 9999 is a typing slip, and the year-earlier period of such a span would fall before year 0), the
 * first day not after the last, and a period that has started by `today` (Vietnam, `YYYY-MM-DD`: from the caller's
 * clock). A period begun but not yet ended is reported to date (`judgementDay`).
 */
export function parseReportPeriod(from: string | undefined, to: string | undefined, today: string): Result<ReportPeriod> {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const which = name === 'from' ? { vi: 'bắt đầu', en: 'first' } : { vi: 'kết thúc', en: 'last' };
    if (value === undefined || !isVnDate(value.trim())) {
      return fail(
        'report_period_invalid',
        `Ngày ${which.vi} kỳ báo cáo "${value ?? ''}" không hợp lệ; hãy viết dạng 2023-01-01.`,
        `The report period's ${which.en} day "${value ?? ''}" is not a valid date; write it like 2023-01-01.`,
        { field: name },
      );
    }
    const year = Number(value.trim().slice(0, 4));
    if (year < TYPED_YEARS.first || year > TYPED_YEARS.last) {
      const { first, last } = TYPED_YEARS;
      return fail(
        'report_period_out_of_range',
        `Ngày ${which.vi} kỳ báo cáo ${shownDay(value.trim())} không hợp lệ: năm phải từ ${first} đến ${last}.`,
        `The report period's ${which.en} day ${shownDay(value.trim())} is not valid: years run from ${first} to ${last}.`,
        { field: name },
      );
    }
  }
  const period = { from: from!.trim(), to: to!.trim() };
  // Said the way a clerk writes dates (dd/mm/yyyy): the desk shows these messages under its date fields.
  const [first, last] = [shownDay(period.from), shownDay(period.to)];
  if (period.from > period.to) {
    return fail(
      'report_period_reversed',
      `Kỳ báo cáo không hợp lệ: ngày bắt đầu ${first} sau ngày kết thúc ${last}.`,
      `The report period is not valid: its first day ${first} is after its last day ${last}.`,
      { field: 'from' },
    );
  }
  if (period.from > today) {
    // Its figures would all be nought, printed under "Số liệu tính đến ngày <today>" as if they were a month's work.
    return fail(
      'report_period_not_started',
      `Kỳ báo cáo ${first} – ${last} chưa bắt đầu: hôm nay mới là ${shownDay(today)}. Hãy chọn kỳ đã bắt đầu.`,
      `The report period ${first} – ${last} has not started yet: today is ${shownDay(today)}. Choose a period that has begun.`,
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
 * periods would share four years and every change would read 0. Within the years a period may name
 * (parseReportPeriod), the longest (1900–2099) goes back to 1700–1899: a real period, never before year 0; one
 * wholly before TYPED_YEARS.first holds nothing (`hasYearEarlierFigures`).
 */
export function previousYearPeriod(period: ReportPeriod): ReportPeriod {
  let years = 1;
  while (sameDayYearBefore(period.to, years) >= period.from) years++;
  const from = sameDayYearBefore(period.from, years);
  const wholeMonths = period.from.endsWith('-01') && lastDayOfFebruary(period.to);
  return { from, to: wholeMonths ? februaryEnd(Number(period.to.slice(0, 4)) - years) : sameDayYearBefore(period.to, years) };
}

/**
 * Whether a year-earlier period can hold any figure: not when it lies wholly before the first year a period may name
 * (TYPED_YEARS). A report of 1900 or of 1900–2099 then shows no year-earlier figures ("không có số liệu") and runs
 * no query for them.
 */
export const hasYearEarlierFigures = (previous: ReportPeriod): boolean => Number(previous.to.slice(0, 4)) >= TYPED_YEARS.first;

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
