/**
 * Appointments that a day declared off later leaves on a closed day (`dossiers.appointmentsOnDaysOff`): the desk keeps
 * every printed appointment as it was and names the running dossiers whose appointment now falls on a day the current
 * calendar does not work, from today on, so the clerk can call the citizens and re-appoint them (form 04).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalCalendar } from '../../shared/calendar/local-layer';
import { makeTestDesk, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const dayOff = (date: string): LocalCalendar => ({ officeHours: null, daysOff: [{ date, name: 'Ngày truyền thống huyện Thanh Hà' }], workingDays: [] });
const noDaysOff: LocalCalendar = { officeHours: null, daysOff: [], workingDays: [] };
const listed = async (desk: TestDesk) => {
  const found = await desk.must('dossiers.appointmentsOnDaysOff', {});
  return { count: found.count, ids: found.items.map((d) => d.id) };
};

/**
 * Friday 27/11/2026 09:32: Đức and Hạnh are due Tuesday 08/12 09:32 (7 working days), Hạnh's already resolved;
 * Monday 30/11 09:00: Lan is due Wednesday 09/12 09:00. Đức's is handed to the processing agency.
 */
async function threeDossiers(desk: TestDesk) {
  const duc = (await receiveDossier(desk, 'Nguyễn Văn Đức', '001203004567')).dossier;
  const hanh = (await receiveDossier(desk, 'Trần Thị Hạnh', '001203004568')).dossier;
  desk.clock.set('2026-11-30T09:00:00+07:00');
  const lan = (await receiveDossier(desk, 'Vũ Thị Lan', '001203004569')).dossier;
  expect([duc.dueAt, hanh.dueAt, lan.dueAt]).toEqual(['2026-12-08T09:32:00+07:00', '2026-12-08T09:32:00+07:00', '2026-12-09T09:00:00+07:00']);
  await desk.must('dossiers.transfer', { dossierId: duc.id });
  await desk.must('dossiers.transfer', { dossierId: hanh.id });
  await desk.must('dossiers.resolve', { dossierId: hanh.id, resultDigitised: false });
  return { duc, hanh, lan };
}

describe('dossiers.appointmentsOnDaysOff', () => {
  it('names the running dossier whose appointment falls on a day the unit declared off later, and no other', async () => {
    t = await makeTestDesk();
    const { duc } = await threeDossiers(t);
    expect(await listed(t)).toEqual({ count: 0, ids: [] });

    await t.must('calendar.setLocal', dayOff('2026-12-08'));
    const found = await t.must('dossiers.appointmentsOnDaysOff', {});
    expect(found.count).toBe(1);
    // The appointment the citizen holds is unchanged: the desk does not move it.
    expect(found.items.map((d) => [d.id, d.applicantName, d.dueAt, d.status])).toEqual([[duc.id, 'Nguyễn Văn Đức', '2026-12-08T09:32:00+07:00', 4]]);
    expect((await t.must('dossiers.get', { dossierId: duc.id })).summary.dueAt).toBe('2026-12-08T09:32:00+07:00');

    // The day off taken back: nothing is left to tell.
    await t.must('calendar.setLocal', noDaysOff);
    expect(await listed(t)).toEqual({ count: 0, ids: [] });
  });

  it('follows a new day off in the calendar the server sends, counts all and lists the first by appointment', async () => {
    t = await makeTestDesk();
    const { duc, lan } = await threeDossiers(t);
    t.desk.db.transaction(() =>
      t!.desk.calendar.set({ years: [{ year: 2026, daysOff: [{ date: '2026-12-08', name: 'Nghỉ theo thông báo của huyện' }, { date: '2026-12-09', name: 'Nghỉ theo thông báo của huyện' }] }] }, 'server'),
    )();
    expect(await listed(t)).toEqual({ count: 2, ids: [duc.id, lan.id] });
    const first = await t.must('dossiers.appointmentsOnDaysOff', { limit: 1 });
    expect([first.count, first.items.map((d) => d.id)]).toEqual([2, [duc.id]]);
  });

  it('leaves out an appointment whose day has passed, and keeps one later today', async () => {
    t = await makeTestDesk();
    const { lan } = await threeDossiers(t);
    await t.must('calendar.setLocal', { ...noDaysOff, daysOff: [{ date: '2026-12-08', name: 'Nghỉ' }, { date: '2026-12-09', name: 'Nghỉ' }] });
    // Wednesday 09/12 at 08:00, a day off now: Đức's Tuesday is gone by, Lan's 09:00 is still ahead today.
    t.clock.set('2026-12-09T08:00:00+07:00');
    expect(await listed(t)).toEqual({ count: 1, ids: [lan.id] });
  });
});
