/**
 * The time left before a dossier is due, in office time: a clerk counts "3 ngày làm việc", not the 91 calendar
 * hours that separate a Friday morning from the next Wednesday. Counted with the desk's working calendar, the one
 * the due instant was computed with, so a dossier received now shows exactly its processing time.
 */
import { workingMinutesBetween } from '../../../../shared/calendar/deadline';
import type { WorkingCalendar } from '../../../../shared/calendar/working-calendar';

export type TimeLeft = { late: true } | { late: false; workingMinutes: number; days: number; hours: number; minutes: number };

export function workingTimeLeft(calendar: WorkingCalendar, now: Date, dueAt: Date): TimeLeft {
  // Late is a matter of the clock: past the appointment, even in the evening or on a day off.
  if (dueAt.getTime() < now.getTime()) return { late: true };
  const workingMinutes = Math.floor(workingMinutesBetween(calendar, now, dueAt));
  // A working day is the standard office day (8 h by default), as the deadline engine counts it.
  const day = calendar.standardDayMinutes;
  const days = day > 0 ? Math.floor(workingMinutes / day) : 0;
  const rest = workingMinutes - days * day;
  return { late: false, workingMinutes, days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
