import { describe, expect, it } from 'vitest';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import { calendarInput, formFromView, withServerHours } from './calendar-form';

const view = (local: Partial<CalendarView['local']> = {}, server: CalendarView['server']['config'] = {}): CalendarView => ({
  effective: {},
  server: { config: server, source: 'server', updatedAt: '2026-11-01T08:00:00+07:00' },
  local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null, ...local },
});

describe('the office-hours form', () => {
  it('shows the server’s hours (or the standard ones) while the unit has none of its own', () => {
    const form = formFromView(view({}, { officeHours: { sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] } }));
    expect(form).toMatchObject({
      useServerHours: true,
      weekdays: [1, 2, 3, 4, 5],
      sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
      sameDayCutoff: '15:00',
      fridayNoWaitCutoff: '15:30',
      fridayNoWaitNextDue: '09:00',
    });
    // Saving with the server's hours sends none: a later server change of hours then reaches this desk.
    expect(calendarInput(form)).toEqual({ input: { officeHours: null, daysOff: [], workingDays: [] } });
  });

  it('writes dates dd/MM/yyyy on screen and YYYY-MM-DD to the desk', () => {
    const form = formFromView(view({ daysOff: [{ date: '2026-12-07', name: 'Ngày truyền thống' }], workingDays: [{ date: '2026-12-12' }] }));
    expect(form.daysOff).toEqual([{ date: '07/12/2026', name: 'Ngày truyền thống' }]);
    expect(form.workingDays).toEqual([{ date: '12/12/2026', name: '' }]);
    const edited = { ...form, useServerHours: false, sessions: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }], weekdays: [6, 1, 2, 3, 4, 5] };
    expect(calendarInput(edited)).toEqual({
      input: {
        officeHours: { weekdays: [1, 2, 3, 4, 5, 6], sessions: edited.sessions, sameDayCutoff: '15:00', fridayNoWaitCutoff: '15:30', fridayNoWaitNextDue: '09:00' },
        daysOff: [{ date: '2026-12-07', name: 'Ngày truyền thống' }],
        workingDays: [{ date: '2026-12-12' }],
      },
    });
  });

  it('names each problem under its own field, in both languages', () => {
    const form = {
      ...formFromView(view()),
      useServerHours: false,
      sessions: [{ start: '7:30', end: '11:30' }, { start: '11:00', end: '17:00' }],
      daysOff: [{ date: '31/02/2026', name: 'Nghỉ' }, { date: '07/12/2026', name: '' }],
      workingDays: [{ date: '07/12/2026', name: '' }],
    };
    const result = calendarInput(form);
    if (!('errors' in result)) throw new Error('expected errors');
    expect(Object.keys(result.errors).sort()).toEqual([
      'daysOff.0.date',
      'daysOff.1.name',
      'officeHours.sessions.0.start',
      'officeHours.sessions.1.start',
      'workingDays.0.date',
    ]);
    expect(result.errors['daysOff.0.date']!.vi).toBe('Ngày phải có dạng dd/mm/yyyy và là một ngày có thật.');
    expect(result.errors['officeHours.sessions.0.start']!.en).toBe('A time must be HH:MM (24-hour), e.g. 07:30.');
    expect(result.errors['workingDays.0.date']!.vi).toBe('Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.');
  });

  it('goes back to the server’s hours when the administrator chooses them again', () => {
    const v = view({ officeHours: { weekdays: [1, 2, 3, 4, 5, 6], sessions: [{ start: '07:00', end: '16:00' }], sameDayCutoff: '14:00', fridayNoWaitCutoff: '15:00', fridayNoWaitNextDue: '08:00' } });
    const form = formFromView(v);
    expect(form.useServerHours).toBe(false);
    expect(withServerHours(form, v)).toMatchObject({ useServerHours: true, sessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], weekdays: [1, 2, 3, 4, 5] });
  });
});
