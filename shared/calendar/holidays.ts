/**
 * Vietnam's public holidays (Labour Code 2019, art. 112) as computed defaults for any year 2000–2099. The
 * government fixes some of them each year (the exact Tết days, the day next to 2 September); an administrator
 * overrides a year through the calendar document (schema.ts), and working-calendar.ts applies that.
 *
 * The rules are applied uniformly across 2000–2099, so years before 2021 (when the Labour Code 2019 took effect
 * and added the second Quốc khánh day) get today's rules; a desk only needs past years to re-check old
 * deadlines, which are stored in the events anyway.
 */
import { appFailure } from '../result';
import { epochDayOf, formatDateKey, isoWeekdayOf, parseDateKey } from './civil-date';
import { lunarNewYearDay, vietnameseCalendar } from './lunar';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './schema';

export interface DayOff {
  date: string;
  name: string;
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
} as const;

/** The prefix of a compensatory day's name: "Nghỉ bù Quốc khánh". */
export const COMPENSATORY_PREFIX = 'Nghỉ bù';

/** Throws an AppFailure (code `calendar.out_of_range`) for a year the calendar does not cover. */
export function assertCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw appFailure(
      'calendar.out_of_range',
      `Lịch làm việc chỉ tính cho các năm ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, không có năm ${year}.`,
      `The working calendar covers the years ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, not ${year}.`,
    );
  }
}

/** The national weekly rest days (Saturday, Sunday), which decide compensatory days whatever a unit's hours. */
const isNationalWeekend = (epochDay: number): boolean => isoWeekdayOf(epochDay) >= 6;

/** Tết's days off by law (Labour Code 2019 art. 112). */
export const STATUTORY_TET_DAYS = 5;

/**
 * The default five Tết days: the last day of the lunar year (29 or 30 tháng Chạp) and lunar days 1–4 of the
 * new year. The government usually picks these; it may pick others, which an override records.
 */
export function defaultTetDays(year: number): number[] {
  const newYear = lunarNewYearDay(year);
  return [newYear - 1, newYear, newYear + 1, newYear + 2, newYear + 3];
}

/**
 * Which day goes with 2 September (Decree 145/2020: 1 or 3 September, chosen each year). Default: the one that
 * joins the holiday to a weekend, as the notices of 2021–2025 did (2021 Thu → 3/9, 2022 Fri → 1/9, 2023 Sat →
 * 1/9, 2024 Mon → 3/9, 2025 Tue → 1/9); when neither touches a weekend (Wednesday) the day after; on a Sunday
 * the day after (Monday), since 1 September would itself be a Saturday.
 */
export function nationalDayCompanion(year: number): number {
  const second = epochDayOf(year, 9, 2);
  const weekday = isoWeekdayOf(second);
  const before = weekday === 2 || weekday === 5 || weekday === 6;
  return before ? second - 1 : second + 1;
}

/** The statutory holidays of a year, before compensation, keyed by epoch day. */
export function statutoryHolidays(year: number, tetDays?: readonly string[]): Map<number, string> {
  assertCalendarYear(year);
  const holidays = new Map<number, string>();
  const add = (day: number, name: string) => {
    const existing = holidays.get(day);
    holidays.set(day, existing && existing !== name ? `${existing}; ${name}` : name);
  };
  add(epochDayOf(year, 1, 1), HOLIDAY_NAMES.newYear);
  const tet = tetDays ? tetDays.map((d) => parseDateKey(d)!) : defaultTetDays(year);
  for (const day of tet) add(day, HOLIDAY_NAMES.tet);
  const hungKings = vietnameseCalendar.toEpochDay({ year, month: 3, day: 10, leap: false });
  if (hungKings !== undefined) add(hungKings, HOLIDAY_NAMES.hungKings);
  add(epochDayOf(year, 4, 30), HOLIDAY_NAMES.reunification);
  add(epochDayOf(year, 5, 1), HOLIDAY_NAMES.labourDay);
  add(epochDayOf(year, 9, 2), HOLIDAY_NAMES.nationalDay);
  add(nationalDayCompanion(year), HOLIDAY_NAMES.nationalDay);
  return holidays;
}

/**
 * Holidays plus compensatory days: each holiday on a Saturday or Sunday gives the next Monday–Friday day that is
 * neither a holiday nor already a compensatory day (so Tết's weekend days push past the end of Tết).
 */
export function holidaysWithCompensation(year: number, tetDays?: readonly string[]): Map<number, string> {
  const holidays = statutoryHolidays(year, tetDays);
  const result = new Map(holidays);
  // Tết is five days off (Labour Code 2019 art. 112): its weekend days are owed only as far as the days listed leave
  // fewer than five weekdays. The computed five owe all their weekend days, as before; a government notice typed
  // whole (2026: 14–22 February, nine days, four of them a weekend, five weekdays) already holds its compensation,
  // and compensating its weekends again added four days off after it that the office worked (QA).
  const tet = tetDays ? tetDays.map((d) => parseDateKey(d)!) : defaultTetDays(year);
  const tetWeekdays = tet.filter((d) => !isNationalWeekend(d)).length;
  let tetOwed = Math.max(0, STATUTORY_TET_DAYS - tetWeekdays);
  for (const day of [...holidays.keys()].sort((a, b) => a - b)) {
    if (!isNationalWeekend(day)) continue;
    if (holidays.get(day) === HOLIDAY_NAMES.tet && tetDays) {
      if (tetOwed === 0) continue;
      tetOwed--;
    }
    let compensation = day + 1;
    while (isNationalWeekend(compensation) || result.has(compensation)) compensation++;
    result.set(compensation, `${COMPENSATORY_PREFIX} ${holidays.get(day)!.split('; ')[0]}`);
  }
  return result;
}

/** The default days off of a year (holidays and compensatory days), sorted, as `{ date, name }`. */
export function defaultDaysOff(year: number): DayOff[] {
  return [...holidaysWithCompensation(year).entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: formatDateKey(day), name }));
}
