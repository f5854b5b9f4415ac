/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from the astronomy rather than from tables:
 * - a month begins on the civil day (at UTC+7) on which the new moon falls;
 * - month 11 is the month containing the December solstice (sun at 270°);
 * - a year from one month 11 to the next with 13 months has a leap month: the first month after month 11 in
 *   which the sun crosses no multiple of 30° (no "major term"); it repeats the number of the month before it.
 * These are the rules of the calendar published in Vietnam (as described by Hồ Ngọc Đức). The only difference
 * from the Chinese calendar is the meridian: the same rules at UTC+8 give the Chinese dates, which is why Tết
 * 2007 and 2030 fall a day earlier in Vietnam than in China. The offset is a parameter so tests can show that.
 */
import { formatDateKey, parseDateKey, yearOfEpochDay } from './civil-date';
import { newMoonInstant, nearestLunation, sunApparentLongitude, SYNODIC_MONTH } from './astronomy';

export interface LunarDate {
  /** The lunar year, named by the solar year in which its month 1 begins. */
  year: number;
  month: number;
  day: number;
  /** True in the repeated (leap, nhuận) month. */
  leap: boolean;
}

const MS_PER_DAY = 86_400_000;

export class LunisolarCalendar {
  private readonly monthStarts = new Map<number, number>();
  private readonly month11s = new Map<number, number>();
  private readonly leapOffsets = new Map<number, number | null>();

  /** @param offsetHours the meridian the calendar is reckoned at: 7 for Vietnam, 8 for China. */
  constructor(readonly offsetHours: number) {}

  /** The civil day (epoch day at this calendar's offset) on which lunation `k` begins. */
  monthStart(k: number): number {
    let day = this.monthStarts.get(k);
    if (day === undefined) {
      day = Math.floor((newMoonInstant(k).getTime() + this.offsetHours * 3_600_000) / MS_PER_DAY);
      this.monthStarts.set(k, day);
    }
    return day;
  }

  /** The sun's longitude at 00:00 local time of an epoch day. */
  private sunAtDayStart(epochDay: number): number {
    return sunApparentLongitude(new Date(epochDay * MS_PER_DAY - this.offsetHours * 3_600_000));
  }

  /** The lunation that is month 11 of the lunar year whose month 11 contains the solstice of December `year`. */
  month11(year: number): number {
    const cached = this.month11s.get(year);
    if (cached !== undefined) return cached;
    const guess = nearestLunation(new Date(Date.UTC(year, 11, 21)));
    for (let k = guess - 2; k <= guess + 1; k++) {
      // Between November and January the longitude runs from about 225° to 310°: no wrap at 360° to handle.
      if (this.sunAtDayStart(this.monthStart(k)) < 270 && this.sunAtDayStart(this.monthStart(k + 1)) >= 270) {
        this.month11s.set(year, k);
        return k;
      }
    }
    throw new Error(`lunar calendar: no month 11 found for ${year}`);
  }

  /**
   * For the 12- or 13-month span that starts at month 11 of `year`: how many lunations after month 11 the leap
   * month comes, or null when the span has no leap month.
   */
  private leapOffsetAfter(year: number): number | null {
    const cached = this.leapOffsets.get(year);
    if (cached !== undefined) return cached;
    const first = this.month11(year);
    const next = this.month11(year + 1);
    let offset: number | null = null;
    if (next - first === 13) {
      for (let i = 1; i < 13; i++) {
        const from = Math.floor(this.sunAtDayStart(this.monthStart(first + i)) / 30);
        const to = Math.floor(this.sunAtDayStart(this.monthStart(first + i + 1)) / 30);
        if (from === to) {
          offset = i;
          break;
        }
      }
    }
    this.leapOffsets.set(year, offset);
    return offset;
  }

  /** The lunar date of a civil day (epoch day). */
  fromEpochDay(epochDay: number): LunarDate {
    let spanYear = yearOfEpochDay(epochDay);
    if (this.monthStart(this.month11(spanYear)) > epochDay) spanYear -= 1;
    const first = this.month11(spanYear);
    let k = first + Math.floor((epochDay - this.monthStart(first)) / SYNODIC_MONTH);
    while (this.monthStart(k + 1) <= epochDay) k++;
    while (this.monthStart(k) > epochDay) k--;
    const offset = k - first;
    const leapOffset = this.leapOffsetAfter(spanYear);
    const counted = leapOffset !== null && offset >= leapOffset ? offset - 1 : offset;
    return {
      year: counted < 2 ? spanYear : spanYear + 1,
      month: ((counted + 10) % 12) + 1,
      day: epochDay - this.monthStart(k) + 1,
      leap: leapOffset !== null && offset === leapOffset,
    };
  }

  /** The civil day (epoch day) of a lunar date, or undefined when that date does not exist. */
  toEpochDay(date: LunarDate): number | undefined {
    const { year, month, day, leap } = date;
    if (
      !Number.isInteger(month) ||
      month < 1 ||
      month > 12 ||
      !Number.isInteger(day) ||
      day < 1 ||
      day > 30
    ) {
      return undefined;
    }
    const spanYear = month >= 11 ? year : year - 1;
    const counted = month >= 11 ? month - 11 : month + 1;
    const leapOffset = this.leapOffsetAfter(spanYear);
    let offset: number;
    if (leap) {
      if (leapOffset === null || counted !== leapOffset - 1) return undefined;
      offset = leapOffset;
    } else {
      offset = leapOffset !== null && counted >= leapOffset ? counted + 1 : counted;
    }
    const k = this.month11(spanYear) + offset;
    const length = this.monthStart(k + 1) - this.monthStart(k);
    return day <= length ? this.monthStart(k) + day - 1 : undefined;
  }

  /** The leap month of a lunar year (its number, e.g. 6 for "tháng 6 nhuận"), or null. */
  leapMonthOf(lunarYear: number): number | null {
    for (const spanYear of [lunarYear - 1, lunarYear]) {
      const leapOffset = this.leapOffsetAfter(spanYear);
      if (leapOffset === null) continue;
      const month = ((leapOffset - 1 + 10) % 12) + 1;
      // A span holds months 11–12 of `spanYear` and months 1–10 of `spanYear + 1`.
      const belongsTo = leapOffset - 1 < 2 ? spanYear : spanYear + 1;
      if (belongsTo === lunarYear) return month;
    }
    return null;
  }
}

/** The calendar of Vietnam, reckoned at UTC+7. */
export const vietnameseCalendar = new LunisolarCalendar(7);

/** Lunar date of a `YYYY-MM-DD` solar date in the Vietnamese calendar. */
export function solarToLunar(dateKey: string): LunarDate {
  const day = parseDateKey(dateKey);
  if (day === undefined) throw new RangeError(`solarToLunar: not a date: ${dateKey}`);
  return vietnameseCalendar.fromEpochDay(day);
}

/** `YYYY-MM-DD` of a lunar date in the Vietnamese calendar, or undefined when that lunar date does not exist. */
export function lunarToSolar(date: LunarDate): string | undefined {
  const day = vietnameseCalendar.toEpochDay(date);
  return day === undefined ? undefined : formatDateKey(day);
}

/** Epoch day of Tết (1st day of the 1st lunar month) of `year`, at the given meridian (7 = Vietnam). */
export function lunarNewYearDay(year: number, calendar: LunisolarCalendar = vietnameseCalendar): number {
  const day = calendar.toEpochDay({ year, month: 1, day: 1, leap: false });
  if (day === undefined) throw new Error(`lunar calendar: no Tết found for ${year}`);
  return day;
}
