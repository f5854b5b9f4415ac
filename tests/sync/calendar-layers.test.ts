/**
 * A district administrator publishes a new calendar on the server after a commune desk set its own office hours
 * and days: the desk takes the server's holidays and keeps the unit's layer, and its next appointment uses both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { dueForReceipt } from '../../shared/calendar/deadline';
import { admin } from '../server/support';
import { COMMUNE_A, makeSyncDesk, ordinaryProcedure, receive, startSyncServer, type SyncDesk, type SyncServer } from './support/harness';

let server: SyncServer;
let desk: SyncDesk | undefined;
beforeEach(async () => {
  server = await startSyncServer();
});
afterEach(async () => {
  await desk?.close();
  desk = undefined;
  await server.close();
});

const unitHours = {
  weekdays: [1, 2, 3, 4, 5, 6],
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  sameDayCutoff: '15:00',
  fridayNoWaitCutoff: '15:30',
  fridayNoWaitNextDue: '09:00',
};

describe('the calendar from the server and the desk’s own layer', () => {
  it('a newer server calendar after a local edit: server holidays arrive, the unit’s hours and days stay', async () => {
    desk = await makeSyncDesk(server, { unitCode: COMMUNE_A, deskNumber: 1 });
    await desk.must('sync.now', {});
    const year = new Date().getUTCFullYear() + 1;
    await desk.must('calendar.setLocal', { officeHours: unitHours, daysOff: [{ date: `${year}-03-10`, name: 'Lễ hội truyền thống xã' }], workingDays: [] });

    const published = await admin(server.app, 'PUT', '/v1/admin/calendar', {
      officeHours: { sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
      years: [{ year, daysOff: [{ date: `${year}-03-11`, name: 'Nghỉ theo quyết định của huyện' }] }],
    });
    expect(published.statusCode).toBe(200);
    await desk.must('sync.now', {});

    const view = await desk.must('calendar.get', {});
    expect(view.server.source).toBe('server');
    expect(view.server.config.officeHours?.sessions?.[0]).toEqual({ start: '08:00', end: '12:00' });
    expect(view.effective.officeHours).toEqual(unitHours);
    const effective = new WorkingCalendar(view.effective);
    expect(effective.dayOffName(`${year}-03-10`)).toBe('Lễ hội truyền thống xã');
    expect(effective.dayOffName(`${year}-03-11`)).toBe('Nghỉ theo quyết định của huyện');

    // The next reception's appointment is computed with the merged calendar, not the server's hours alone.
    const { dossierId } = await receive(desk);
    const detail = await desk.must('dossiers.get', { dossierId });
    const expected = dueForReceipt({
      receivedAt: new Date(detail.state.receivedAt!),
      processingTime: ordinaryProcedure.processingTime,
      fridayNoWait: ordinaryProcedure.fridayNoWait,
      calendar: effective,
    });
    expect(new Date(detail.state.dueAt!).getTime()).toBe(expected.getTime());
    const serverOnly = dueForReceipt({
      receivedAt: new Date(detail.state.receivedAt!),
      processingTime: ordinaryProcedure.processingTime,
      fridayNoWait: ordinaryProcedure.fridayNoWait,
      calendar: new WorkingCalendar(view.server.config),
    });
    // Saturdays are working days for this unit, so the appointment differs from the server's calendar alone.
    expect(expected.getTime()).not.toBe(serverOnly.getTime());
  });
});
