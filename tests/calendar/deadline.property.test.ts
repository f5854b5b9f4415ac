import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  dueForReceipt,
  sameDayDue,
  workingMinutesBetween,
} from '../../shared/calendar/deadline';
import { parseCalendarConfig } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { vnEpochDay, vnTimeOfDayMs } from '../../shared/calendar/vn-time';
import { isoWeekdayOf } from '../../shared/calendar/civil-date';

function calendarOf(config: unknown): WorkingCalendar {
  const parsed = parseCalendarConfig(config);
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return new WorkingCalendar(parsed.value);
}

const calendars = {
  standard: WorkingCalendar.standard(),
  withOverrides: calendarOf({
    years: [
      { year: 2026, workingDays: [{ date: '2026-11-28' }], daysOff: [{ date: '2026-12-01', name: 'Nghỉ' }] },
      { year: 2030, replaceComputed: true, daysOff: [{ date: '2030-02-04', name: 'Tết Nguyên đán' }] },
    ],
  }),
  threeSessionsSixDays: calendarOf({
    officeHours: {
      weekdays: [1, 2, 3, 4, 5, 6],
      sessions: [
        { start: '07:30', end: '10:00' },
        { start: '10:15', end: '11:45' },
        { start: '13:00', end: '16:30' },
      ],
    },
  }),
};

const calendarArb = fc.constantFrom(...Object.values(calendars));
// Receipts from 2001 to mid-2098, so that 60 working days still end inside the covered years.
const instantArb = fc
  .integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2098, 5, 1) })
  .map((ms) => new Date(ms - (ms % 1000)));
const processingArb = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map((days) => ({ kind: 'days' as const, days })),
  fc.integer({ min: 1, max: 200 }).map((hours) => ({ kind: 'hours' as const, hours })),
  fc.constant({ kind: 'sameDay' as const }),
);

const RUNS = { numRuns: 400 };

describe('deadline engine properties', () => {
  it('due never falls in a non-working period: the office is open then, or it is a session end', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        processingArb,
        fc.boolean(),
        (calendar, receivedAt, processingTime, fridayNoWait) => {
          const due = dueForReceipt({ receivedAt, processingTime, fridayNoWait, calendar });
          expect(calendar.isWorkingEpochDay(vnEpochDay(due))).toBe(true);
          expect(calendar.isOpenAt(due) || calendar.isSessionEnd(due)).toBe(true);
          expect(due.getTime()).toBeGreaterThan(receivedAt.getTime());
        },
      ),
      RUNS,
    );
  });

  it('more working days never give an earlier due', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (calendar, receivedAt, n, extra) => {
          const due = (days: number) =>
            dueForReceipt({
              receivedAt,
              processingTime: { kind: 'days', days },
              fridayNoWait: false,
              calendar,
            }).getTime();
          expect(due(n)).toBeLessThan(due(n + extra));
        },
      ),
      RUNS,
    );
  });

  it('adding office time in two steps equals adding it at once', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb,
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 6000 }),
        (calendar, from, a, b) => {
          const twoSteps = addWorkingMinutes(calendar, addWorkingMinutes(calendar, from, a), b);
          const once = addWorkingMinutes(calendar, from, a + b);
          expect(twoSteps.getTime()).toBe(once.getTime());
        },
      ),
      RUNS,
    );
  });

  it('workingMinutesBetween measures back exactly what addWorkingMinutes added', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 30_000 }), (calendar, from, minutes) => {
        expect(workingMinutesBetween(calendar, from, addWorkingMinutes(calendar, from, minutes))).toBe(
          minutes,
        );
      }),
      RUNS,
    );
  });

  it('a same-day procedure is due at the closing time of a working day, that day or the next working day', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (calendar, receivedAt) => {
        const due = sameDayDue(calendar, receivedAt);
        const day = vnEpochDay(due);
        expect(due.getTime()).toBe(calendar.closingOf(day).getTime());
        expect(calendar.isWorkingEpochDay(day)).toBe(true);
        const received = vnEpochDay(receivedAt);
        expect(day === received || day === calendar.nextWorkingEpochDay(received)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a listed procedure received on a working Friday is due that day at closing or 09:00 the next working day, or by the ordinary rule when that is earlier', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, processingArb, (calendar, receivedAt, processingTime) => {
        const listed = dueForReceipt({ receivedAt, processingTime, fridayNoWait: true, calendar });
        const ordinary = dueForReceipt({ receivedAt, processingTime, fridayNoWait: false, calendar });
        const day = vnEpochDay(receivedAt);
        if (isoWeekdayOf(day) !== 5 || !calendar.isWorkingEpochDay(day)) {
          expect(listed.getTime()).toBe(ordinary.getTime());
          return;
        }
        const sameDay = calendar.closingOf(day).getTime();
        const nextMorning = calendar.atMinutes(calendar.nextWorkingEpochDay(day), 9 * 60).getTime();
        const friday = vnTimeOfDayMs(receivedAt) < calendar.officeHours.fridayNoWaitCutoff * 60_000 ? sameDay : nextMorning;
        expect(listed.getTime()).toBe(Math.min(friday, ordinary.getTime()));
      }),
      RUNS,
    );
  });
});
