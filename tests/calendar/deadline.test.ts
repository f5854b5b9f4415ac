import { describe, expect, it } from 'vitest';
import type { ProcessingTime } from '../../shared/domain/procedure';
import {
  addWorkingMinutes,
  checkReappointment,
  dueAfterFeesPaid,
  dueAfterSupplement,
  dueForReceipt,
  workingMinutesBetween,
} from '../../shared/calendar/deadline';
import { parseCalendarConfig } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { parseInstant, toVnIso } from '../../shared/calendar/vn-time';

const at = (iso: string): Date => {
  const read = parseInstant(iso);
  if (!read.ok) throw new Error(read.error.message.en);
  return read.value;
};
const days = (n: number): ProcessingTime => ({ kind: 'days', days: n });
const hours = (n: number): ProcessingTime => ({ kind: 'hours', hours: n });
const sameDay: ProcessingTime = { kind: 'sameDay' };

function calendarOf(config: unknown): WorkingCalendar {
  const parsed = parseCalendarConfig(config);
  if (!parsed.ok) throw new Error(parsed.error.message.en);
  return new WorkingCalendar(parsed.value);
}

const standard = WorkingCalendar.standard();
// 2026: Tết is Tue 17 Feb (days off Mon 16 – Fri 20); Hùng Kings Sun 26 Apr → off Mon 27; 30/4 Thu, 1/5 Fri;
// 2/9 Wed with 3/9 Thu.
const makeUpSaturday = calendarOf({
  years: [{ year: 2026, workingDays: [{ date: '2026-11-28', name: 'Làm bù' }] }],
});
const extraMondayOff = calendarOf({
  years: [{ year: 2026, daysOff: [{ date: '2026-11-30', name: 'Nghỉ hoán đổi' }] }],
});
const tetMovedLater = calendarOf({
  years: [{ year: 2026, tetDays: ['2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21'] }],
});

type Case = [
  what: string,
  receivedAt: string,
  time: ProcessingTime,
  fridayNoWait: boolean,
  due: string,
  calendar?: WorkingCalendar,
];

const cases: Case[] = [
  [
    '5 days from Friday 09:32 is the next Friday 09:32',
    '2026-11-27T09:32:00+07:00',
    days(5),
    false,
    '2026-12-04T09:32:00+07:00',
  ],
  ['the same receipt written in UTC', '2026-11-27T02:32:00Z', days(5), false, '2026-12-04T09:32:00+07:00'],
  [
    '1 day from Friday 16:00 crosses the weekend',
    '2026-11-27T16:00:00+07:00',
    days(1),
    false,
    '2026-11-30T16:00:00+07:00',
  ],
  [
    'received during lunch counts from 13:30 and runs out at 11:30',
    '2026-11-23T12:00:00+07:00',
    days(1),
    false,
    '2026-11-24T11:30:00+07:00',
  ],
  [
    '5 hours from 10:00 run out at 17:00, not at the next opening',
    '2026-11-23T10:00:00+07:00',
    hours(5),
    false,
    '2026-11-23T17:00:00+07:00',
  ],
  [
    '4 hours from lunch: 3.5 h in the afternoon, half an hour next morning',
    '2026-11-23T12:15:00+07:00',
    hours(4),
    false,
    '2026-11-24T07:30:00+07:00',
  ],
  [
    '3 hours from 10:00 skip the lunch break',
    '2026-11-23T10:00:00+07:00',
    hours(3),
    false,
    '2026-11-23T15:00:00+07:00',
  ],
  [
    'received after hours counts from the next morning',
    '2026-11-23T18:45:00+07:00',
    days(1),
    false,
    '2026-11-24T17:00:00+07:00',
  ],
  [
    'received before opening counts from 07:00',
    '2026-11-23T06:00:00+07:00',
    hours(2),
    false,
    '2026-11-23T09:00:00+07:00',
  ],
  [
    'received on a Saturday counts from Monday',
    '2026-11-28T10:00:00+07:00',
    days(1),
    false,
    '2026-11-30T17:00:00+07:00',
  ],
  ['2 days over Tết 2026', '2026-02-13T10:00:00+07:00', days(2), false, '2026-02-24T10:00:00+07:00'],
  [
    '3 days from the Thursday before Tết',
    '2026-02-12T08:00:00+07:00',
    days(3),
    false,
    '2026-02-24T08:00:00+07:00',
  ],
  ['2 days over 30/4 and 1/5', '2026-04-29T14:00:00+07:00', days(2), false, '2026-05-05T14:00:00+07:00'],
  [
    "1 day over Hùng Kings' compensatory Monday",
    '2026-04-24T10:00:00+07:00',
    days(1),
    false,
    '2026-04-28T10:00:00+07:00',
  ],
  ['1 day over 2/9 and 3/9', '2026-09-01T16:00:00+07:00', days(1), false, '2026-09-04T16:00:00+07:00'],
  ['1 day over New Year', '2026-12-31T10:00:00+07:00', days(1), false, '2027-01-04T10:00:00+07:00'],
  [
    'Friday without waiting, 15:29: closing time that Friday',
    '2026-11-27T15:29:00+07:00',
    days(3),
    true,
    '2026-11-27T17:00:00+07:00',
  ],
  [
    'Friday without waiting, 15:30:00 exactly counts as after',
    '2026-11-27T15:30:00+07:00',
    days(3),
    true,
    '2026-11-30T09:00:00+07:00',
  ],
  [
    'Friday without waiting, 15:31: 09:00 the next working day',
    '2026-11-27T15:31:00+07:00',
    days(3),
    true,
    '2026-11-30T09:00:00+07:00',
  ],
  [
    'Friday without waiting after closing',
    '2026-11-27T18:00:00+07:00',
    days(3),
    true,
    '2026-11-30T09:00:00+07:00',
  ],
  [
    'Friday without waiting when the next Monday is a day off',
    '2026-04-24T15:31:00+07:00',
    days(3),
    true,
    '2026-04-28T09:00:00+07:00',
  ],
  [
    'an unlisted procedure on Friday follows the ordinary rule',
    '2026-11-27T10:00:00+07:00',
    days(3),
    false,
    '2026-12-02T10:00:00+07:00',
  ],
  [
    'a listed procedure on Thursday follows the ordinary rule',
    '2026-11-26T10:00:00+07:00',
    days(3),
    true,
    '2026-12-01T10:00:00+07:00',
  ],
  [
    'a listed procedure on a holiday Friday follows the ordinary rule',
    '2026-05-01T10:00:00+07:00',
    days(3),
    true,
    '2026-05-06T17:00:00+07:00',
  ],
  [
    'Friday without waiting never makes a short procedure wait longer than its own time: 2 hours from 09:00 is 11:00',
    '2026-11-27T09:00:00+07:00',
    hours(2),
    true,
    '2026-11-27T11:00:00+07:00',
  ],
  [
    'Friday without waiting, 4 hours from 08:00: 14:00, not closing time',
    '2026-12-04T08:00:00+07:00',
    hours(4),
    true,
    '2026-12-04T14:00:00+07:00',
  ],
  [
    'Friday without waiting, 4 hours from 15:00: closing time, before the ordinary Monday 10:30',
    '2026-12-04T15:00:00+07:00',
    hours(4),
    true,
    '2026-12-04T17:00:00+07:00',
  ],
  [
    'Friday without waiting, 2-hour procedure at 15:40: its own time runs out Monday 07:40, before the rule\'s 09:00',
    '2026-11-27T15:40:00+07:00',
    hours(2),
    true,
    '2026-11-30T07:40:00+07:00',
  ],
  [
    'same-day, 14:59: closing time today',
    '2026-11-26T14:59:00+07:00',
    sameDay,
    false,
    '2026-11-26T17:00:00+07:00',
  ],
  [
    'same-day, 15:00: closing time of the next working day',
    '2026-11-26T15:00:00+07:00',
    sameDay,
    false,
    '2026-11-27T17:00:00+07:00',
  ],
  [
    'same-day before opening: closing time today',
    '2026-11-26T06:30:00+07:00',
    sameDay,
    false,
    '2026-11-26T17:00:00+07:00',
  ],
  [
    'same-day on a Saturday: closing time on Monday',
    '2026-11-28T09:00:00+07:00',
    sameDay,
    false,
    '2026-11-30T17:00:00+07:00',
  ],
  [
    'same-day on the Friday before Tết after the cut-off',
    '2026-02-13T15:10:00+07:00',
    sameDay,
    false,
    '2026-02-23T17:00:00+07:00',
  ],
  [
    'same-day listed Friday after the cut-off but before 15:30',
    '2026-11-27T15:10:00+07:00',
    sameDay,
    true,
    '2026-11-27T17:00:00+07:00',
  ],
  [
    'a make-up Saturday is counted',
    '2026-11-27T16:00:00+07:00',
    days(1),
    false,
    '2026-11-28T16:00:00+07:00',
    makeUpSaturday,
  ],
  [
    'Friday without waiting before a make-up Saturday',
    '2026-11-27T15:31:00+07:00',
    days(3),
    true,
    '2026-11-28T09:00:00+07:00',
    makeUpSaturday,
  ],
  [
    'an extra day off in an override is skipped',
    '2026-11-27T16:00:00+07:00',
    days(1),
    false,
    '2026-12-01T16:00:00+07:00',
    extraMondayOff,
  ],
  [
    'an override year with other Tết days',
    '2026-02-13T10:00:00+07:00',
    days(1),
    false,
    '2026-02-16T10:00:00+07:00',
    tetMovedLater,
  ],
  [
    'default Tết for the same receipt',
    '2026-02-13T10:00:00+07:00',
    days(1),
    false,
    '2026-02-23T10:00:00+07:00',
  ],
];

describe('dueForReceipt', () => {
  it.each(cases)('%s', (_what, receivedAt, processingTime, fridayNoWait, due, calendar = standard) => {
    expect(
      toVnIso(dueForReceipt({ receivedAt: at(receivedAt), processingTime, fridayNoWait, calendar })),
    ).toBe(due);
  });

  it("counts a working day as the unit's office day: 8 h of 07:30–11:30 and 13:00–17:00", () => {
    const calendar = calendarOf({
      officeHours: {
        sessions: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
      },
    });
    const due = dueForReceipt({
      receivedAt: at('2026-11-23T07:30:00+07:00'),
      processingTime: days(1),
      fridayNoWait: false,
      calendar,
    });
    expect(toVnIso(due)).toBe('2026-11-23T17:00:00+07:00');
  });

  it('never promises a same-day or Friday result before the receipt, whatever cut-off a stored calendar holds', () => {
    // Stored before the edit refused it (parseCalendarEdit): closing at 16:30 with the cut-offs after it.
    const calendar = calendarOf({
      officeHours: { sessions: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }], sameDayCutoff: '16:45', fridayNoWaitCutoff: '16:50' },
    });
    const due = (receivedAt: string, fridayNoWait = false) =>
      toVnIso(dueForReceipt({ receivedAt: at(receivedAt), processingTime: sameDay, fridayNoWait, calendar }));
    // Thursday 16:40, after closing: the next working day's closing, not 16:30 that Thursday.
    expect(due('2026-11-26T16:40:00+07:00')).toBe('2026-11-27T16:30:00+07:00');
    expect(due('2026-11-26T16:00:00+07:00')).toBe('2026-11-26T16:30:00+07:00');
    // Friday without waiting, 16:40: the next working day's morning.
    expect(due('2026-11-27T16:40:00+07:00', true)).toBe('2026-11-30T09:00:00+07:00');
  });

  it('refuses to count past 2099', () => {
    expect(() =>
      dueForReceipt({
        receivedAt: at('2099-12-30T10:00:00+07:00'),
        processingTime: days(5),
        fridayNoWait: false,
        calendar: standard,
      }),
    ).toThrow(/2000–2099/);
  });
});

describe('pauses and re-appointment', () => {
  it('fees requested pause the clock; payment carries the office time that was left', () => {
    const receivedAt = at('2026-11-23T07:00:00+07:00');
    const dueAt = dueForReceipt({
      receivedAt,
      processingTime: days(5),
      fridayNoWait: false,
      calendar: standard,
    });
    expect(toVnIso(dueAt)).toBe('2026-11-27T17:00:00+07:00');
    const requestedAt = at('2026-11-25T07:00:00+07:00');
    expect(workingMinutesBetween(standard, requestedAt, dueAt)).toBe(3 * 480);
    const newDue = dueAfterFeesPaid({
      requestedAt,
      paidAt: at('2026-11-30T13:30:00+07:00'),
      dueAt,
      calendar: standard,
    });
    expect(toVnIso(newDue)).toBe('2026-12-03T11:30:00+07:00');
  });

  it('a dossier already late when fees are requested keeps its due', () => {
    const dueAt = at('2026-11-27T17:00:00+07:00');
    const newDue = dueAfterFeesPaid({
      requestedAt: at('2026-11-30T08:00:00+07:00'),
      paidAt: at('2026-12-02T08:00:00+07:00'),
      dueAt,
      calendar: standard,
    });
    expect(toVnIso(newDue)).toBe('2026-11-27T17:00:00+07:00');
  });

  it('a completed supplement restarts the clock from zero', () => {
    const due = dueAfterSupplement({
      completedAt: at('2026-12-01T14:00:00+07:00'),
      processingTime: days(5),
      fridayNoWait: false,
      calendar: standard,
    });
    expect(toVnIso(due)).toBe('2026-12-08T14:00:00+07:00');
  });

  it('allows one re-appointment, later than the current due, at a time the office is open', () => {
    const base = {
      currentDueAt: at('2026-11-27T17:00:00+07:00'),
      alreadyReappointed: false,
      calendar: standard,
      now: at('2026-11-27T10:00:00+07:00'),
    };
    expect(checkReappointment({ ...base, newDueAt: at('2026-12-02T10:00:00+07:00') }).ok).toBe(true);
    expect(checkReappointment({ ...base, newDueAt: at('2026-12-02T17:00:00+07:00') }).ok).toBe(true);
    const again = checkReappointment({
      ...base,
      alreadyReappointed: true,
      newDueAt: at('2026-12-02T10:00:00+07:00'),
    });
    expect(!again.ok && again.error.code).toBe('reappointment.once');
    const earlier = checkReappointment({ ...base, newDueAt: at('2026-11-26T10:00:00+07:00') });
    expect(!earlier.ok && earlier.error.code).toBe('reappointment.not_later');
    const sunday = checkReappointment({ ...base, newDueAt: at('2026-11-29T10:00:00+07:00') });
    expect(!sunday.ok && sunday.error.code).toBe('reappointment.closed');
    const lunch = checkReappointment({ ...base, newDueAt: at('2026-12-02T12:00:00+07:00') });
    expect(!lunch.ok && lunch.error.message.vi).toContain('không làm việc');
  });

  it('refuses a re-appointment more than a year ahead (a year typed wrong would stay on the apology letter)', () => {
    const base = { currentDueAt: at('2026-11-27T17:00:00+07:00'), alreadyReappointed: false, calendar: standard, now: at('2026-11-27T10:00:00+07:00') };
    expect(checkReappointment({ ...base, newDueAt: at('2027-11-26T09:00:00+07:00') }).ok).toBe(true);
    const typo = checkReappointment({ ...base, newDueAt: at('2062-12-01T09:00:00+07:00') });
    expect(!typo.ok && typo.error.code).toBe('reappointment.too_far');
    expect(!typo.ok && typo.error.message.vi).toContain('kiểm tra lại năm');
    // Long overdue: the year counts from today, not from the appointment missed.
    const late = { ...base, currentDueAt: at('2024-03-01T09:00:00+07:00') };
    expect(checkReappointment({ ...late, newDueAt: at('2027-06-01T09:00:00+07:00') }).ok).toBe(true);
    expect(!checkReappointment({ ...late, newDueAt: at('2028-06-01T09:00:00+07:00') }).ok).toBe(true);
  });

  it('adds and measures office minutes across a weekend', () => {
    const from = at('2026-11-27T16:30:00+07:00');
    const to = addWorkingMinutes(standard, from, 60);
    expect(toVnIso(to)).toBe('2026-11-30T07:30:00+07:00');
    expect(workingMinutesBetween(standard, from, to)).toBe(60);
    expect(workingMinutesBetween(standard, to, from)).toBe(-60);
  });
});
