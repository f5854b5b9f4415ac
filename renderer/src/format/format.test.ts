import { describe, expect, it } from 'vitest';
import { dateInputProblem, dateKeyToVn, formatVnDate, formatVnDateTime, formatVnTime, formatVnd, parseVnDateInput } from './vn-time';
import { dueState } from './due';

describe('dates and times as a Vietnamese clerk reads them', () => {
  it('writes dd/MM/yyyy and 24-hour time in Vietnam time whatever the instant’s offset', () => {
    // 02:32 UTC is 09:32 in Hà Nội; 20:00 UTC on the 26th is already the 27th there.
    expect(formatVnDateTime('2023-10-27T02:32:00Z')).toBe('09:32 27/10/2023');
    expect(formatVnDate('2023-10-26T20:00:00Z')).toBe('27/10/2023');
    expect(formatVnTime('2023-10-27T17:05:00+07:00')).toBe('17:05');
    expect(formatVnDate(null)).toBe('—');
    expect(formatVnDate('not a date')).toBe('—');
  });

  it('reads dd/mm/yyyy typed by a clerk and refuses impossible days', () => {
    expect(parseVnDateInput('27/10/2023')).toBe('2023-10-27');
    expect(parseVnDateInput('1/2/2024')).toBe('2024-02-01');
    expect(parseVnDateInput('30/02/2024')).toBeNull();
    expect(parseVnDateInput('2024-02-01')).toBeNull();
    expect(dateKeyToVn('2024-02-01')).toBe('01/02/2024');
  });

  it('says a year typed out of range is the slip, not a day missing from the calendar', () => {
    // Date.UTC reads the years 0–99 as 1900–1999: "01/01/0001" was told "there is no such date".
    expect(parseVnDateInput('01/01/0001')).toBeNull();
    expect(dateInputProblem('01/01/0001')).toEqual({ vi: 'Năm 0001 không hợp lệ: năm phải từ 1900 đến 2099.', en: 'The year 0001 is not valid: years run from 1900 to 2099.' });
    expect(dateInputProblem('15/03/2206')?.vi).toBe('Năm 2206 không hợp lệ: năm phải từ 1900 đến 2099.');
    expect(dateInputProblem('31/02/2026')?.vi).toBe('Không có ngày 31/02/2026 trong lịch.');
    expect(parseVnDateInput('02/09/1945')).toBe('1945-09-02');
    expect(dateInputProblem('02/09/1945')).toBeNull();
  });

  it('writes money with the Vietnamese thousands separator', () => {
    expect(formatVnd(1500000, 'vi')).toBe('1.500.000 đồng');
    expect(formatVnd(1500000, 'en')).toBe('1,500,000 VND');
  });
});

describe('deadline state', () => {
  const now = new Date('2026-11-24T10:00:00+07:00');
  it('says overdue with the number of days, due today, due soon, or paused', () => {
    // The days are the desk's working days; without its count (fell due while on screen), none yet.
    expect(dueState({ status: 4, dueAt: '2026-11-20T17:00:00+07:00', overdue: true, overdueDays: 2 }, now)).toEqual({ kind: 'overdue', days: 2 });
    expect(dueState({ status: 4, dueAt: '2026-11-20T17:00:00+07:00' }, now)).toEqual({ kind: 'overdue', days: 0 });
    expect(dueState({ status: 2, dueAt: '2026-11-24T09:00:00+07:00' }, now)).toEqual({ kind: 'overdue', days: 0 });
    expect(dueState({ status: 2, dueAt: '2026-11-24T17:00:00+07:00' }, now)).toEqual({ kind: 'today' });
    expect(dueState({ status: 2, dueAt: '2026-11-26T17:00:00+07:00' }, now)).toEqual({ kind: 'soon', days: 2 });
    expect(dueState({ status: 2, dueAt: '2026-12-04T17:00:00+07:00' }, now)).toEqual({ kind: 'ok' });
    expect(dueState({ status: 5, dueAt: '2026-11-21T17:00:00+07:00' }, now)).toEqual({ kind: 'paused' });
    expect(dueState({ status: 10, dueAt: '2026-11-21T17:00:00+07:00' }, now)).toEqual({ kind: 'done' });
    expect(dueState({ status: 9, dueAt: '2026-11-21T17:00:00+07:00' }, now)).toEqual({ kind: 'done' });
    // Ended without a result, or not yet received: never "finished".
    for (const status of [7, 8]) expect(dueState({ status, dueAt: '2026-11-21T17:00:00+07:00' }, now)).toEqual({ kind: 'ended' });
    // Refused at the desk: it never had a deadline, and no badge says it stopped.
    expect(dueState({ status: 3, dueAt: null }, now)).toEqual({ kind: 'none' });
    expect(dueState({ status: 1, dueAt: null }, now)).toEqual({ kind: 'notStarted' });
  });

  it('takes "due soon" from the desk when it says, the horizon of the list\'s "Sắp đến hạn" filter', () => {
    const inTwoDays = { status: 2, dueAt: '2026-11-26T14:36:00+07:00' };
    expect(dueState({ ...inTwoDays, dueSoon: false }, now)).toEqual({ kind: 'ok' });
    expect(dueState({ status: 2, dueAt: '2026-12-04T17:00:00+07:00', dueSoon: true }, now)).toEqual({ kind: 'soon', days: 10 });
    // Due today stays "today" whatever the horizon.
    expect(dueState({ status: 2, dueAt: '2026-11-24T17:00:00+07:00', dueSoon: false }, now)).toEqual({ kind: 'today' });
  });
});
