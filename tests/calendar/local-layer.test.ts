/** The desk's calendar layer over the server's document: what wins on a date, and what a server update leaves alone. */
import { describe, expect, it } from 'vitest';
import { localCalendarEditSchema, localCalendarSchema, mergeCalendarLayers, emptyLocalCalendar } from '../../shared/calendar/local-layer';
import { calendarConfigSchema } from '../../shared/calendar/schema';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';

const hours = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [{ start: '07:30', end: '16:30' }],
  sameDayCutoff: '15:00',
  fridayNoWaitCutoff: '15:30',
  fridayNoWaitNextDue: '09:00',
};

describe('mergeCalendarLayers', () => {
  it('is the server document unchanged while the desk has no layer', () => {
    const server = { officeHours: { sameDayCutoff: '14:00' }, years: [{ year: 2027, daysOff: [{ date: '2027-02-15', name: 'Nghỉ Tết bổ sung' }] }] };
    expect(mergeCalendarLayers(server, emptyLocalCalendar())).toEqual(server);
  });

  it('uses the unit’s hours instead of the server’s, whole', () => {
    const merged = mergeCalendarLayers({ officeHours: { sameDayCutoff: '14:00' } }, { ...emptyLocalCalendar(), officeHours: hours });
    expect(merged.officeHours).toEqual(hours);
    expect(new WorkingCalendar(merged).standardDayMinutes).toBe(9 * 60);
  });

  it('lets the unit’s entry for a date beat the server’s, both ways, and stays a valid calendar document', () => {
    const server = {
      years: [{ year: 2026, daysOff: [{ date: '2026-12-12', name: 'Nghỉ theo huyện' }], workingDays: [{ date: '2026-12-19', name: 'Làm bù' }] }],
    };
    const merged = mergeCalendarLayers(server, {
      officeHours: null,
      daysOff: [{ date: '2026-12-19', name: 'Ngày hội xã' }, { date: '2027-01-04', name: 'Kiểm kê cuối năm' }],
      workingDays: [{ date: '2026-12-12' }],
    });
    expect(calendarConfigSchema.safeParse(merged).success).toBe(true);
    const calendar = new WorkingCalendar(merged);
    expect(calendar.isWorkingDay('2026-12-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-19')).toBe(false);
    expect(calendar.dayOffName('2026-12-19')).toBe('Ngày hội xã');
    expect(calendar.dayOffName('2027-01-04')).toBe('Kiểm kê cuối năm');
    // The computed holidays are still there: the layer adds to them.
    expect(calendar.isWorkingDay('2026-09-02')).toBe(false);
  });

  it('keeps the server’s replaceComputed years and adds the unit’s days to them', () => {
    const server = { years: [{ year: 2027, replaceComputed: true, daysOff: [{ date: '2027-05-03', name: 'Nghỉ bù' }] }] };
    const merged = new WorkingCalendar(mergeCalendarLayers(server, { ...emptyLocalCalendar(), daysOff: [{ date: '2027-05-04', name: 'Ngày của xã' }] }));
    expect(merged.daysOff(2027).map((d) => d.date)).toEqual(['2027-05-03', '2027-05-04']);
  });
});

describe('localCalendarSchema', () => {
  it('accepts the form’s layer and refuses a date listed twice, a day both off and worked, and a year outside 2000–2099', () => {
    expect(localCalendarSchema.safeParse({ officeHours: hours, daysOff: [], workingDays: [] }).success).toBe(true);
    const issues = (value: unknown) => (localCalendarSchema.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ officeHours: null, daysOff: [{ date: '2026-12-07', name: 'A' }, { date: '2026-12-07', name: 'B' }], workingDays: [] })).toEqual([
      'daysOff.1.date: calendar.date_twice',
    ]);
    expect(issues({ officeHours: null, daysOff: [{ date: '2026-12-07', name: 'A' }], workingDays: [{ date: '2026-12-07' }] })).toEqual([
      'workingDays.0.date: calendar.off_and_working',
    ]);
    expect(issues({ officeHours: null, daysOff: [{ date: '2100-01-04', name: 'A' }, { date: '2026-02-30', name: ' ' }], workingDays: [] })).toEqual([
      'daysOff.0.date: calendar.year',
      'daysOff.1.date: calendar.date',
      'daysOff.1.name: calendar.day_name',
    ]);
  });

  it('refuses, as saved, a reason with emoji or markup; a layer stored with one still reads', () => {
    const layer = { officeHours: null, daysOff: [{ date: '2026-12-03', name: 'Họp 😀 <b>' }], workingDays: [{ date: '2026-12-05', name: 'Làm bù <i>' }] };
    expect((localCalendarEditSchema.safeParse(layer).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'daysOff.0.name: calendar.day_name_characters',
      'workingDays.0.name: calendar.day_name_characters',
    ]);
    expect(localCalendarSchema.safeParse(layer).success).toBe(true);
    expect(localCalendarEditSchema.safeParse({ ...layer, daysOff: [{ date: '2026-12-03', name: 'Họp HĐND huyện (kỳ họp thứ 12)' }], workingDays: [] }).success).toBe(true);
  });

  it('refuses sessions out of order and cut-offs outside the office day', () => {
    const r = localCalendarSchema.safeParse({
      officeHours: { ...hours, sessions: [{ start: '13:00', end: '12:00' }], fridayNoWaitNextDue: '06:00', weekdays: [] },
      daysOff: [],
      workingDays: [],
    });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'officeHours.weekdays: calendar.weekdays_empty',
      'officeHours.sessions.0.end: calendar.session_span',
    ]);
    const r2 = localCalendarSchema.safeParse({
      officeHours: { ...hours, sessions: [{ start: '13:00', end: '12:00' }], fridayNoWaitNextDue: '06:00' },
      daysOff: [],
      workingDays: [],
    });
    expect(r2.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['officeHours.sessions.0.end: calendar.session_span']);
    const r3 = localCalendarSchema.safeParse({ officeHours: { ...hours, fridayNoWaitNextDue: '06:00' }, daysOff: [], workingDays: [] });
    expect(r3.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['officeHours.fridayNoWaitNextDue: calendar.cutoff_outside']);
  });
});
