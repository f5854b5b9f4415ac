/**
 * The unit's office hours and own days, set by an administrator at the desk (`calendar.setLocal`): validated,
 * administrator only, recorded in the audit trail, used by the next reception, kept over a reopen and over a new
 * calendar document from the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../shared/api/bridge';
import type { LocalCalendar } from '../../shared/calendar/local-layer';
import { allPresent, applicant, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const unitHours = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
  sameDayCutoff: '15:00',
  fridayNoWaitCutoff: '15:30',
  fridayNoWaitNextDue: '09:00',
};
const districtDay = { date: '2026-12-07', name: 'Ngày truyền thống huyện Thanh Hà' };
const localLayer: LocalCalendar = { officeHours: unitHours, daysOff: [districtDay], workingDays: [] };

async function receiveNow(desk: TestDesk) {
  const p = ordinaryProcedure(); // 7 working days
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant('Nguyễn Văn Đức', '001203004567'), components: allPresent(p) });
}

describe('calendar.setLocal', () => {
  it('computes the next appointment with the unit’s hours and its own day off', async () => {
    t = await makeTestDesk(); // Friday 2026-11-27 09:32
    const before = await receiveNow(t);
    expect(before.dueAt).toBe('2026-12-08T09:32:00+07:00');

    const view = await t.must('calendar.setLocal', localLayer);
    expect(view.effective.officeHours).toEqual(unitHours);
    expect(view.local).toMatchObject({ ...localLayer, updatedBy: 'Trần Thị Quản Trị' });
    expect(view.local.updatedAt).toBe('2026-11-27T09:32:00+07:00');

    // Friday 09:32–11:30 and 13:00–17:00 leave 2,002 of the 3,360 minutes for Mon–Fri and Tue (Mon 7 Dec is off):
    // the last 122 minutes run from Wednesday's 07:30 opening.
    const after = await receiveNow(t);
    expect(after.dueAt).toBe('2026-12-09T09:32:00+07:00');
  });

  it('is for administrators only, and a clerk’s attempt changes nothing', async () => {
    t = await makeTestDesk();
    await t.must('users.create', { username: 'canbo', displayName: 'Cán bộ Một', role: 'clerk', password: 'mat-khau-456' });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: 'canbo', password: 'mat-khau-456' });
    const r = await t.call('calendar.setLocal', localLayer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
    // A clerk may read the calendar (the reception screen needs it); it is still the standard one.
    const view = await t.must('calendar.get', {});
    expect(view.effective).toEqual({});
    expect(view.local.updatedAt).toBeNull();
  });

  it('refuses bad hours with the field and words in both languages, and stores nothing', async () => {
    t = await makeTestDesk();
    const bad = {
      ...localLayer,
      officeHours: { ...unitHours, sessions: [{ start: '07:30', end: '11:30' }, { start: '11:00', end: '17:00' }], fridayNoWaitCutoff: '15h30' },
    };
    const r = await t.call('calendar.setLocal', bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    const details = r.error.details as { field: string; message: { vi: string; en: string } }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'officeHours.sessions.1.start', message: expect.objectContaining({ vi: 'Buổi này phải bắt đầu sau khi buổi trước kết thúc.' }) }),
        expect.objectContaining({ field: 'officeHours.fridayNoWaitCutoff', message: expect.objectContaining({ en: 'A time must be HH:MM (24-hour), e.g. 07:30.' }) }),
      ]),
    );
    const late = await t.call('calendar.setLocal', { ...localLayer, officeHours: { ...unitHours, sameDayCutoff: '18:00' } });
    expect(late.ok || late.error.field).toBe('officeHours.sameDayCutoff');
    const both = await t.call('calendar.setLocal', { officeHours: null, daysOff: [districtDay], workingDays: [{ date: districtDay.date }] });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.error.field).toBe('workingDays.0.date');
    expect((await t.must('calendar.get', {})).local.updatedAt).toBeNull();
  });

  it('records who changed what in the audit trail', async () => {
    t = await makeTestDesk();
    await t.must('calendar.setLocal', localLayer);
    await t.must('calendar.setLocal', { ...localLayer, daysOff: [], workingDays: [{ date: '2026-12-12', name: 'Làm bù ngày 07/12' }] });
    const { entries } = await t.must('audit.list', { action: 'settings.set' });
    const calendarEntries = entries.filter((e) => e.targetKind === 'calendar');
    expect(calendarEntries).toHaveLength(2);
    expect(calendarEntries[0]).toMatchObject({ userName: 'Trần Thị Quản Trị' });
    // Newest first: the second change removed the day off and added a make-up Saturday, hours unchanged.
    expect(calendarEntries[0]!.detail).toBe('days off removed: 2026-12-07 Ngày truyền thống huyện Thanh Hà | make-up working days added: 2026-12-12 Làm bù ngày 07/12');
    expect(calendarEntries[1]!.detail).toContain("office hours: server's -> days 12345; 07:30-11:30, 13:00-17:00");
  });

  it('keeps the local layer over a reopen and over a newer server document, and tells the renderer each time', async () => {
    t = await makeTestDesk();
    await t.must('calendar.setLocal', { ...localLayer, workingDays: [{ date: '2026-12-12' }] });
    t.reopen();
    await t.must('auth.login', { username: 'admin', password: 'mat-khau-123' });
    const events: DeskEvent[] = [];
    t.desk.notifications.subscribe((e) => events.push(e));
    // What electron/desk/sync/documents.ts does with a newer calendar from the server: other hours, a holiday,
    // and the server's own entry for a date the unit set differently.
    t.desk.db.transaction(() =>
      t!.desk.calendar.set(
        {
          officeHours: { sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
          years: [{ year: 2026, daysOff: [{ date: '2026-12-12', name: 'Nghỉ theo thông báo của huyện' }, { date: '2026-12-31', name: 'Nghỉ cuối năm' }] }],
        },
        'server',
      ),
    )();
    expect(events).toContainEqual({ type: 'calendar.changed', data: { source: 'server' } });
    const view = await t.must('calendar.get', {});
    expect(view.server.source).toBe('server');
    expect(view.local.daysOff).toEqual([districtDay]);
    expect(view.effective.officeHours).toEqual(unitHours);
    const working = t.desk.calendar.working();
    expect(working.isWorkingDay('2026-12-07')).toBe(false); // the unit's day off
    expect(working.isWorkingDay('2026-12-12')).toBe(true); // the unit's make-up Saturday beats the server's day off
    expect(working.isWorkingDay('2026-12-31')).toBe(false); // the server's new day off applies
    expect((await receiveNow(t)).dueAt).toBe('2026-12-09T09:32:00+07:00');

    // Back to the server's hours: the unit's days stay, the hours follow the server again.
    await t.must('calendar.setLocal', { ...localLayer, officeHours: null });
    expect(events.filter((e) => e.type === 'calendar.changed')).toHaveLength(2);
    expect(t.desk.calendar.working().officeHours.sessions[0]).toEqual({ start: 8 * 60, end: 12 * 60 });
  });
});
