/**
 * How many days late a dossier is, as the clerk's badges say it ("Quá hạn N ngày"). Deadlines are counted in
 * working time over the working calendar (DESIGN.md §3), so lateness is counted in working days of the same
 * calendar: a weekend, a holiday or a compensatory day that passes does not make a dossier later.
 *
 * One day overdue means one working day has begun since the day the dossier fell due: the working days after the
 * due instant's Vietnam day, up to and including today. Due Friday 17:00: on Saturday and Sunday it is overdue by
 * no working day yet (the badge says only "Quá hạn"), on Monday 09:00 by 1, on Tuesday by 2. Past the due hour on
 * the due day itself it is 0 too. Whole days begun, not office time elapsed in 8-hour blocks: the appointment the
 * citizen holds is a date and the reports judge lateness by days, while 8-hour blocks would call Monday 09:00 "0
 * days" (two office hours since Friday 17:00) and turn the count over at an hour nobody expects.
 */
import type { WorkingCalendar } from './working-calendar';
import { vnEpochDay } from './vn-time';

export function workingDaysOverdue(calendar: WorkingCalendar, dueAt: Date, now: Date): number {
  if (now.getTime() <= dueAt.getTime()) return 0;
  return calendar.workingDaysAfter(vnEpochDay(dueAt), vnEpochDay(now));
}
