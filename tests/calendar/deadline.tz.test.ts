/**
 * The same answers on a PC set to another time zone. Node re-reads TZ when it is assigned, so this worker runs
 * in New York time from here on; the first test proves the switch took effect before the others rely on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueForReceipt } from '../../shared/calendar/deadline';
import { defaultDaysOff } from '../../shared/calendar/holidays';
import { lunarToSolar } from '../../shared/calendar/lunar';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { fromVnLocal, parseInstant, toVnIso, vnDateKey } from '../../shared/calendar/vn-time';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const at = (iso: string): Date => {
  const read = parseInstant(iso);
  if (!read.ok) throw new Error(read.error.message.en);
  return read.value;
};

describe('deadlines on a machine in America/New_York', () => {
  it('really runs in New York time (UTC−5 in January, UTC−4 in July)', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(300);
    expect(new Date(2026, 6, 15).getTimezoneOffset()).toBe(240);
  });

  it.each([
    ['2026-11-27T09:32:00+07:00', 5, false, '2026-12-04T09:32:00+07:00'],
    ['2026-02-13T10:00:00+07:00', 2, false, '2026-02-24T10:00:00+07:00'],
    ['2026-11-27T15:31:00+07:00', 3, true, '2026-11-30T09:00:00+07:00'],
    // 2026-03-08 is the day New York moves its clocks; Vietnam does not.
    ['2026-03-06T16:00:00+07:00', 1, false, '2026-03-09T16:00:00+07:00'],
  ])('received %s, %i days, Friday rule %s → %s', (receivedAt, days, fridayNoWait, due) => {
    const result = dueForReceipt({
      receivedAt: at(receivedAt),
      processingTime: { kind: 'days', days },
      fridayNoWait,
      calendar: WorkingCalendar.standard(),
    });
    expect(toVnIso(result)).toBe(due);
  });

  it('keeps Vietnam days and the lunar calendar', () => {
    expect(vnDateKey(fromVnLocal(2026, 11, 27, 0, 30))).toBe('2026-11-27');
    expect(lunarToSolar({ year: 2030, month: 1, day: 1, leap: false })).toBe('2030-02-02');
    expect(defaultDaysOff(2026)[1]).toEqual({ date: '2026-02-16', name: 'Tết Nguyên đán' });
  });
});
