/**
 * Working days overdue (shared/calendar/overdue-days.ts): the working days begun since the due day, counted by the
 * calendar's running count per year. Checked against walking the days one by one, across years, Tết and make-up days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingDaysOverdue } from '../../shared/calendar/overdue-days';
import { parseCalendarConfig } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { epochDayOf } from '../../shared/calendar/civil-date';
import { vnDayStart } from '../../shared/calendar/vn-time';

const withMakeUpDay = (() => {
  const parsed = parseCalendarConfig({ years: [{ year: 2026, workingDays: [{ date: '2026-11-28' }], daysOff: [{ date: '2026-12-01', name: 'Nghỉ' }] }] });
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return new WorkingCalendar(parsed.value);
})();

function walked(calendar: WorkingCalendar, fromDay: number, toDay: number): number {
  let n = 0;
  for (let d = fromDay + 1; d <= toDay; d++) if (calendar.isWorkingEpochDay(d)) n++;
  return n;
}

describe('working days overdue', () => {
  it('counts the working days begun after the due day: a Friday 17:00 due is 1 day late on Monday 09:00', () => {
    const calendar = WorkingCalendar.standard();
    const friday = new Date('2026-11-27T17:00:00+07:00');
    expect(workingDaysOverdue(calendar, friday, new Date('2026-11-27T16:59:00+07:00'))).toBe(0);
    expect(workingDaysOverdue(calendar, friday, new Date('2026-11-27T23:00:00+07:00'))).toBe(0);
    expect(workingDaysOverdue(calendar, friday, new Date('2026-11-29T12:00:00+07:00'))).toBe(0);
    expect(workingDaysOverdue(calendar, friday, new Date('2026-11-30T09:00:00+07:00'))).toBe(1);
    // A make-up Saturday is a working day; a declared day off is not.
    expect(workingDaysOverdue(withMakeUpDay, friday, new Date('2026-11-28T09:00:00+07:00'))).toBe(1);
    expect(workingDaysOverdue(withMakeUpDay, friday, new Date('2026-12-01T09:00:00+07:00'))).toBe(2);
    // Across Tết 2027 (5–11 February off) and the new year.
    expect(workingDaysOverdue(calendar, new Date('2027-02-04T17:00:00+07:00'), new Date('2027-02-12T09:00:00+07:00'))).toBe(1);
    expect(workingDaysOverdue(calendar, new Date('2026-12-31T17:00:00+07:00'), new Date('2027-01-04T09:00:00+07:00'))).toBe(1);
  });

  it('agrees with walking the days, over any span of 2024–2029', () => {
    const first = epochDayOf(2024, 1, 1);
    const last = epochDayOf(2029, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 1500 }), fc.boolean(), (due, span, makeUp) => {
        const to = Math.min(due + span, last);
        const calendar = makeUp ? withMakeUpDay : WorkingCalendar.standard();
        const dueAt = new Date(vnDayStart(due).getTime() + 10 * 3_600_000);
        const now = new Date(vnDayStart(to).getTime() + 11 * 3_600_000);
        expect(workingDaysOverdue(calendar, dueAt, now)).toBe(walked(calendar, due, to));
      }),
      { numRuns: 300 },
    );
  });
});
