import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { parseCalendarConfig, parseCalendarConfigText, parseCalendarEdit } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { fromVnLocal, toVnIso } from '../../shared/calendar/vn-time';

function calendarOf(config: unknown): WorkingCalendar {
  const built = WorkingCalendar.fromDocument(config);
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}

describe('WorkingCalendar', () => {
  const standard = WorkingCalendar.standard();

  it('works Monday to Friday and rests on weekends, holidays and compensatory days', () => {
    expect(standard.isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(standard.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(standard.isWorkingDay('2026-02-18')).toBe(false); // Tết
    expect(standard.isWorkingDay('2026-04-27')).toBe(false); // compensating Hùng Kings' Sunday
    expect(standard.dayOffName('2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(standard.dayOffName('2026-11-28')).toBeUndefined();
    expect(standard.standardDayMinutes).toBe(480);
  });

  it('finds the next opening: after lunch, after closing, over a weekend', () => {
    const at = (y: number, mo: number, d: number, h: number, mi: number) =>
      toVnIso(standard.nextOpening(fromVnLocal(y, mo, d, h, mi)));
    expect(at(2026, 11, 23, 9, 15)).toBe('2026-11-23T09:15:00+07:00');
    expect(at(2026, 11, 23, 11, 30)).toBe('2026-11-23T13:30:00+07:00');
    expect(at(2026, 11, 23, 6, 0)).toBe('2026-11-23T07:00:00+07:00');
    expect(at(2026, 11, 27, 17, 0)).toBe('2026-11-30T07:00:00+07:00');
    expect(at(2026, 2, 13, 17, 5)).toBe('2026-02-23T07:00:00+07:00');
  });

  it("applies a year's overrides: a make-up Saturday, an extra day off, the exact Tết days", () => {
    const calendar = calendarOf({
      years: [
        {
          year: 2026,
          tetDays: ['2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21'],
          daysOff: [{ date: '2026-01-02', name: 'Nghỉ hoán đổi' }],
          workingDays: [{ date: '2026-01-10', name: 'Làm bù ngày 2/1' }],
        },
      ],
    });
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(true);
    // Saturday 21 February is a Tết day: compensated on Monday 23.
    expect(calendar.dayOffName('2026-02-23')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(calendar.daysOff(2026).slice(0, 2)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-01-02', name: 'Nghỉ hoán đổi' },
    ]);
    expect(calendar.makeUpWorkingDays(2026)).toEqual([{ date: '2026-01-10', name: 'Làm bù ngày 2/1' }]);
    // Other years keep the computed holidays.
    expect(calendar.daysOff(2027)).toEqual(standard.daysOff(2027));
  });

  it('replaces the computed holidays of a year entirely when told to', () => {
    const calendar = calendarOf({
      years: [{ year: 2030, replaceComputed: true, daysOff: [{ date: '2030-09-02', name: 'Quốc khánh' }] }],
    });
    expect(calendar.daysOff(2030)).toEqual([{ date: '2030-09-02', name: 'Quốc khánh' }]);
    expect(calendar.isWorkingDay('2030-01-01')).toBe(true);
  });

  it('takes other office hours: a unit that also opens on Saturday mornings', () => {
    const calendar = calendarOf({
      officeHours: {
        weekdays: [1, 2, 3, 4, 5, 6],
        sessions: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
      },
    });
    expect(calendar.isWorkingDay('2026-11-28')).toBe(true);
    expect(calendar.standardDayMinutes).toBe(480);
    expect(toVnIso(calendar.nextOpening(fromVnLocal(2026, 11, 28, 12, 0)))).toBe('2026-11-28T13:00:00+07:00');
  });

  it('refuses a year outside 2000–2099 with a failure a clerk can read', () => {
    try {
      standard.isWorkingDay('2100-01-04');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure);
      expect((e as AppFailure).error.code).toBe('calendar.out_of_range');
      expect((e as AppFailure).error.message.vi).toContain('2000–2099');
    }
  });
});

describe('calendar document validation', () => {
  it.each([
    [
      { years: [{ year: 2026, daysOff: [{ date: '2027-01-04', name: 'x' }] }] },
      'years.0.daysOff.0',
      'not in the year',
    ],
    [
      {
        years: [
          { year: 2026, daysOff: [{ date: '2026-11-28', name: 'x' }], workingDays: [{ date: '2026-11-28' }] },
        ],
      },
      'years.0.workingDays.0',
      'both a day off',
    ],
    [{ years: [{ year: 2150 }] }, 'years.0.year', 'between 2000 and 2099'],
    [{ years: [{ year: 2026 }, { year: 2026 }] }, 'years', 'only once'],
    [
      { officeHours: { sessions: [{ start: '13:30', end: '11:30' }] } },
      'officeHours.sessions',
      'must be in order',
    ],
    [{ officeHours: { sameDayCutoff: '3pm' } }, 'officeHours.sameDayCutoff', 'HH:MM'],
    [{ years: [{ year: 2026, dayOff: [] }] }, 'years.0', 'expected shape'],
    [{ years: [{ year: 2026, tetDays: ['2026-02-30'] }] }, 'years.0.tetDays.0', 'real calendar date'],
  ])('refuses %j at %s', (config, field, words) => {
    const parsed = parseCalendarConfig(config);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('calendar.invalid');
      expect(parsed.error.message.en).toContain(field);
      expect(parsed.error.message.en).toContain(words);
      expect(parsed.error.message.vi.length).toBeGreaterThan(field.length + 5);
    }
  });

  it('refuses, as published or checked, Tết days far from the lunar new year; a calendar already stored still reads', () => {
    // Tết 2027 is on 6 February: "12" typed for "02" would move Tết, and every deadline across it, to December (QA).
    const typo = { years: [{ year: 2027, tetDays: ['2027-02-05', '2027-02-06', '2027-12-07', '2027-02-08', '2027-02-09'] }] };
    const edit = parseCalendarEdit(typo);
    expect(edit.ok).toBe(false);
    if (!edit.ok) {
      expect(edit.error.message.en).toBe("years.0.tetDays.2: A Tết day must fall near that year's lunar new year (no more than 10 days before or after it); check the month typed.");
      expect(edit.error.message.vi).toContain('Ngày Tết phải ở quanh mùng 1 Tết Nguyên đán');
    }
    // One a desk or a server stored before this check (or received since) is read as it is: the desk still opens.
    expect(parseCalendarConfig(typo).ok).toBe(true);
    // 2025's notice: 25 January to 2 February, Tết on 29 January.
    const days = ['2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02'];
    expect(parseCalendarEdit({ years: [{ year: 2025, tetDays: days }] }).ok).toBe(true);
  });

  it('refuses, as published or checked, a cut-off outside the office day; a calendar already stored still reads', () => {
    const late = { officeHours: { sessions: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }], sameDayCutoff: '16:45' } };
    const edit = parseCalendarEdit(late);
    expect(edit.ok).toBe(false);
    if (!edit.ok) {
      expect(edit.error.message.en).toBe('officeHours.sameDayCutoff: This time must be within office hours (between the opening and the closing of the office sessions).');
      expect(edit.error.message.vi).toContain('Giờ này phải nằm trong giờ làm việc');
    }
    expect(parseCalendarConfig(late).ok).toBe(true);
    // Against the standard sessions (07:00–17:00) when none are typed: a next-day time before opening.
    const early = parseCalendarEdit({ officeHours: { fridayNoWaitNextDue: '06:00' } });
    expect(early.ok ? null : early.error.field).toBe('officeHours.fridayNoWaitNextDue');
    expect(parseCalendarEdit({ officeHours: { sameDayCutoff: '16:30', fridayNoWaitCutoff: '17:00', fridayNoWaitNextDue: '07:00' } }).ok).toBe(true);
    // Sessions typed, a time left to its default outside them: opening at 09:30, the next-day time 09:00 by default.
    const lateOpening = parseCalendarEdit({ officeHours: { sessions: [{ start: '09:30', end: '11:30' }, { start: '13:00', end: '16:30' }] } });
    expect(lateOpening.ok ? null : lateOpening.error.message.en).toBe(
      'officeHours.fridayNoWaitNextDue: This time must be within office hours (between the opening and the closing of the office sessions). It is not given, so it is the default 09:00; give one that suits the sessions.',
    );
  });

  it('refuses text that is not JSON, and accepts an empty document as the standard calendar', () => {
    const bad = parseCalendarConfigText('{ years: ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message.vi).toContain('JSON');
    const empty = parseCalendarConfigText('{}');
    expect(empty.ok).toBe(true);
  });
});
