/**
 * A unit's working calendar: which days are working days and when the office is open on them. Built from the
 * calendar document (schema.ts) over the computed holidays (holidays.ts). The desk asks it about every dossier,
 * so each year's table of days off is computed once and kept.
 *
 * Precedence for a day: a make-up working day in the overrides > a day off (override, holiday, compensatory)
 * > the office's ordinary weekdays.
 */
import { epochDayOf, formatDateKey, isoWeekdayOf, parseDateKey, yearOfEpochDay } from './civil-date';
import type { DayOff } from './holidays';
import { assertCalendarYear, holidaysWithCompensation, HOLIDAY_NAMES } from './holidays';
import type { CalendarConfig, YearOverride } from './schema';
import { minutesOfTime, parseCalendarConfig } from './schema';
import type { Result } from '../result';
import { ok } from '../result';
import { MS_PER_MINUTE, vnDayStart, vnEpochDay } from './vn-time';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours';

export { DEFAULT_OFFICE_HOURS, type OfficeHours, type SessionMinutes } from './office-hours';

/** Name given to a make-up working day the administrator did not name. */
export const MAKE_UP_DAY_NAME = 'Làm bù';

interface YearTable {
  daysOff: Map<number, string>;
  workingDays: Map<number, string>;
  /** Working days from 1 January through each day of the year (index 0 is 1 January); built when first asked. */
  workingDaysThrough?: Uint16Array;
}

/** An interval of office time as absolute instants (ms since 1970 UTC). */
export interface OpenInterval {
  start: number;
  end: number;
}

export class WorkingCalendar {
  readonly officeHours: OfficeHours;
  /** Working minutes in one ordinary office day: what "one working day" of a processing time means (480). */
  readonly standardDayMinutes: number;
  private readonly overrides = new Map<number, YearOverride>();
  private readonly years = new Map<number, YearTable>();
  private readonly weekdaySet: ReadonlySet<number>;

  constructor(config: CalendarConfig = {}) {
    const h = config.officeHours ?? {};
    this.officeHours = {
      weekdays: h.weekdays ? [...h.weekdays].sort((a, b) => a - b) : DEFAULT_OFFICE_HOURS.weekdays,
      sessions: h.sessions
        ? h.sessions.map((s) => ({ start: minutesOfTime(s.start), end: minutesOfTime(s.end) }))
        : DEFAULT_OFFICE_HOURS.sessions,
      sameDayCutoff: h.sameDayCutoff ? minutesOfTime(h.sameDayCutoff) : DEFAULT_OFFICE_HOURS.sameDayCutoff,
      fridayNoWaitCutoff: h.fridayNoWaitCutoff
        ? minutesOfTime(h.fridayNoWaitCutoff)
        : DEFAULT_OFFICE_HOURS.fridayNoWaitCutoff,
      fridayNoWaitNextDue: h.fridayNoWaitNextDue
        ? minutesOfTime(h.fridayNoWaitNextDue)
        : DEFAULT_OFFICE_HOURS.fridayNoWaitNextDue,
    };
    this.weekdaySet = new Set(this.officeHours.weekdays);
    this.standardDayMinutes = this.officeHours.sessions.reduce((sum, s) => sum + (s.end - s.start), 0);
    for (const o of config.years ?? []) this.overrides.set(o.year, o);
  }

  /** A calendar from a calendar document as it arrives (a file, a sync payload): validated first. */
  static fromDocument(value: unknown): Result<WorkingCalendar> {
    const parsed = parseCalendarConfig(value);
    return parsed.ok ? ok(new WorkingCalendar(parsed.value)) : parsed;
  }

  /** The calendar with the default office hours and the computed holidays, no overrides. */
  static standard(): WorkingCalendar {
    return standardCalendar;
  }

  private yearTable(year: number): YearTable {
    let table = this.years.get(year);
    if (table) return table;
    assertCalendarYear(year);
    const o = this.overrides.get(year);
    const daysOff = new Map<number, string>();
    if (o?.replaceComputed) {
      for (const d of o.tetDays ?? []) daysOff.set(parseDateKey(d)!, HOLIDAY_NAMES.tet);
    } else {
      for (const [day, name] of holidaysWithCompensation(year, o?.tetDays)) daysOff.set(day, name);
    }
    for (const d of o?.daysOff ?? []) daysOff.set(parseDateKey(d.date)!, d.name);
    const workingDays = new Map<number, string>();
    for (const w of o?.workingDays ?? []) {
      const day = parseDateKey(w.date)!;
      workingDays.set(day, w.name ?? MAKE_UP_DAY_NAME);
      daysOff.delete(day);
    }
    table = { daysOff, workingDays };
    this.years.set(year, table);
    return table;
  }

  /** Whether the office works on a day given as days since 1970-01-01 (Vietnam calendar). */
  isWorkingEpochDay(epochDay: number): boolean {
    const table = this.yearTable(yearOfEpochDay(epochDay));
    if (table.workingDays.has(epochDay)) return true;
    if (table.daysOff.has(epochDay)) return false;
    return this.weekdaySet.has(isoWeekdayOf(epochDay));
  }

  isWorkingDay(dateKey: string): boolean {
    return this.isWorkingEpochDay(requireDateKey(dateKey));
  }

  /** Why a day is off, when it is a named day off (holiday, compensatory day, override); undefined otherwise. */
  dayOffName(dateKey: string): string | undefined {
    const day = requireDateKey(dateKey);
    return this.yearTable(yearOfEpochDay(day)).daysOff.get(day);
  }

  /** The year's days off other than ordinary weekends: holidays, compensatory days and overrides, by date. */
  daysOff(year: number): DayOff[] {
    return [...this.yearTable(year).daysOff.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, name]) => ({ date: formatDateKey(day), name }));
  }

  /** The year's make-up working days (overrides), by date. */
  makeUpWorkingDays(year: number): DayOff[] {
    return [...this.yearTable(year).workingDays.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, name]) => ({ date: formatDateKey(day), name }));
  }

  /**
   * Working days after `fromEpochDay` up to and including `toEpochDay` (0 when `toEpochDay` is not later). A list
   * asks this for each of its rows, some of them years overdue: a running count per year answers without walking
   * the days between.
   */
  workingDaysAfter(fromEpochDay: number, toEpochDay: number): number {
    if (toEpochDay <= fromEpochDay) return 0;
    let count = this.workingDaysThroughDay(toEpochDay) - this.workingDaysThroughDay(fromEpochDay);
    for (let year = yearOfEpochDay(fromEpochDay); year < yearOfEpochDay(toEpochDay); year++) {
      const through = this.workingDaysThroughYear(year);
      count += through[through.length - 1]!;
    }
    return count;
  }

  /** Working days from 1 January of the day's year through the day. */
  private workingDaysThroughDay(epochDay: number): number {
    const year = yearOfEpochDay(epochDay);
    return this.workingDaysThroughYear(year)[epochDay - epochDayOf(year, 1, 1)]!;
  }

  private workingDaysThroughYear(year: number): Uint16Array {
    const table = this.yearTable(year);
    if (table.workingDaysThrough) return table.workingDaysThrough;
    const first = epochDayOf(year, 1, 1);
    const through = new Uint16Array(epochDayOf(year + 1, 1, 1) - first);
    let count = 0;
    for (let i = 0; i < through.length; i++) {
      if (this.isWorkingEpochDay(first + i)) count++;
      through[i] = count;
    }
    table.workingDaysThrough = through;
    return through;
  }

  /** The first working day strictly after `epochDay`. */
  nextWorkingEpochDay(epochDay: number): number {
    let day = epochDay + 1;
    while (!this.isWorkingEpochDay(day)) day++;
    return day;
  }

  /** The office's open intervals on a day (none on a day off), as absolute instants in ms. */
  openIntervals(epochDay: number): OpenInterval[] {
    if (!this.isWorkingEpochDay(epochDay)) return [];
    const dayStart = vnDayStart(epochDay).getTime();
    return this.officeHours.sessions.map((s) => ({
      start: dayStart + s.start * MS_PER_MINUTE,
      end: dayStart + s.end * MS_PER_MINUTE,
    }));
  }

  /** Closing time (end of the last session) of a day, whether or not it is a working day. */
  closingOf(epochDay: number): Date {
    const last = this.officeHours.sessions[this.officeHours.sessions.length - 1]!;
    return new Date(vnDayStart(epochDay).getTime() + last.end * MS_PER_MINUTE);
  }

  /** `minutesOfDay` on a Vietnam calendar day, as an instant. */
  atMinutes(epochDay: number, minutesOfDay: number): Date {
    return new Date(vnDayStart(epochDay).getTime() + minutesOfDay * MS_PER_MINUTE);
  }

  /** True while the office is open: inside a session on a working day (a session's end is already closed). */
  isOpenAt(instant: Date): boolean {
    const t = instant.getTime();
    return this.openIntervals(vnEpochDay(instant)).some((i) => i.start <= t && t < i.end);
  }

  /** True when the instant is exactly the end of a session on a working day (11:30 or 17:00 by default). */
  isSessionEnd(instant: Date): boolean {
    const t = instant.getTime();
    return this.openIntervals(vnEpochDay(instant)).some((i) => i.end === t);
  }

  /** The instant itself when the office is open then; otherwise the start of the next session. */
  nextOpening(instant: Date): Date {
    const t = instant.getTime();
    for (let day = vnEpochDay(instant); ; day++) {
      for (const i of this.openIntervals(day)) {
        if (t < i.end) return new Date(Math.max(i.start, t));
      }
    }
  }
}

function requireDateKey(dateKey: string): number {
  const day = parseDateKey(dateKey);
  if (day === undefined) throw new RangeError(`Not a date (YYYY-MM-DD): ${dateKey}`);
  return day;
}

const standardCalendar = new WorkingCalendar();
