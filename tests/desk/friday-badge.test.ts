/**
 * The "Thứ Sáu không chờ" badge on a dossier (`DossierSummary.fridayNoWait`) tells the clerk that the Friday rule
 * gave it its appointment: a listed procedure received on a working Friday. The QA walk-through found it on
 * dossiers received on a Monday, whose appointment came from the ordinary processing time. A completed supplement
 * restarts the deadline as if the dossier had been received then, so the rule follows the completion: a review found
 * the badge and the Friday board still going by the first reception.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, applicant, fridayProcedure, makeTestDesk, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** The badge as the receipt's answer, the list and the detail page carry it. */
async function fridayBadgeAt(desk: TestDesk, now: string): Promise<{ dueAt: string; badge: boolean[] }> {
  desk.clock.set(now);
  const received = await receiveDossier(desk, 'Nguyễn Văn An', '001203000051', fridayProcedure());
  const id = received.dossier.id;
  const listed = (await desk.must('dossiers.list', { limit: 50 })).items.find((d) => d.id === id)!;
  const detail = (await desk.must('dossiers.get', { dossierId: id })).summary;
  return { dueAt: received.dueAt, badge: [received.dossier.fridayNoWait, listed.fridayNoWait, detail.fridayNoWait] };
}

describe('the Friday-without-waiting badge of a dossier', () => {
  it('is on a listed dossier received on a working Friday, before the cut-off or after it', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    expect(await fridayBadgeAt(t, '2026-11-27T14:10:00+07:00')).toEqual({ dueAt: '2026-11-27T17:00:00+07:00', badge: [true, true, true] });
    expect(await fridayBadgeAt(t, '2026-11-27T15:40:00+07:00')).toEqual({ dueAt: '2026-11-30T09:00:00+07:00', badge: [true, true, true] });
  });

  it('is not on a listed dossier received on a Monday, nor on a holiday Friday: the ordinary rule gave their appointments', async () => {
    t = await makeTestDesk({ now: '2026-11-30T08:00:00+07:00' });
    const monday = await fridayBadgeAt(t, '2026-11-30T08:00:00+07:00');
    expect(monday.badge).toEqual([false, false, false]);
    expect(monday.dueAt).not.toBe('2026-11-30T17:00:00+07:00');
    // 1 January 2027 is a Friday and New Year's Day.
    const holiday = await fridayBadgeAt(t, '2027-01-01T09:00:00+07:00');
    expect(holiday.badge).toEqual([false, false, false]);
    expect(holiday.dueAt.slice(0, 10)).not.toBe('2027-01-01');
  });

  it('is not on a listed dossier refused at the counter on a Friday: it was never received', async () => {
    t = await makeTestDesk({ now: '2026-11-27T10:00:00+07:00' });
    const refused = await t.must('dossiers.refuse', { procedureCode: fridayProcedure().code, applicant: applicant(), reason: 'Không thuộc thẩm quyền' });
    expect(refused.dossier.fridayNoWait).toBe(false);
    expect((await t.must('dossiers.get', { dossierId: refused.dossier.id })).summary.fridayNoWait).toBe(false);
  });

  it("follows a supplement completed on a Friday: badge, appointment at closing and a place on that Friday's board", async () => {
    t = await makeTestDesk({ now: '2026-11-25T10:00:00+07:00' }); // a Wednesday
    const received = await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure());
    const id = received.dossier.id;
    expect(received.dossier.fridayNoWait).toBe(false);
    await t.must('dossiers.requestSupplement', { dossierId: id, items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' });
    // Wednesday's own board (a day that is not Friday lists the day's listed receptions): there, as received today.
    expect((await t.must('dossiers.fridayQueue', {})).items.map((d) => d.id)).toEqual([id]);
    t.clock.set('2026-11-27T10:00:00+07:00'); // Friday, before the cut-off
    const completed = await t.must('dossiers.supplementReceived', { dossierId: id });
    expect(completed.dossier.dueAt).toBe('2026-11-27T17:00:00+07:00');
    const listed = (await t.must('dossiers.list', { limit: 50 })).items.find((d) => d.id === id)!;
    const detail = (await t.must('dossiers.get', { dossierId: id })).summary;
    expect([completed.dossier.fridayNoWait, listed.fridayNoWait, detail.fridayNoWait]).toEqual([true, true, true]);

    // Received this Friday too, a little later: the board lists both in the order their deadlines started.
    t.clock.set('2026-11-27T10:30:00+07:00');
    const later = await receiveDossier(t, 'Trần Thị Bình', '001203000052', fridayProcedure());
    const board = await t.must('dossiers.fridayQueue', {});
    expect(board.items.map((d) => [d.id, d.fridayNoWait])).toEqual([
      [id, true],
      [later.dossier.id, true],
    ]);

    // A desk that folded the row before its state kept the completions: migration 021 refolds it when it opens.
    const db = t.desk.db;
    const state = JSON.parse(db.prepare('SELECT state FROM dossiers WHERE id = ?').pluck().get(id) as string) as Record<string, unknown>;
    delete state.supplementsReceived;
    db.prepare('UPDATE dossiers SET state = ? WHERE id = ?').run(JSON.stringify(state), id);
    expect((await t.must('dossiers.get', { dossierId: id })).summary.fridayNoWait).toBe(false);
    db.pragma('user_version = 20');
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(() => expect(t!.desk.db.prepare('SELECT count(*) FROM sync_refold').pluck().get()).toBe(0));
    expect((await t.must('dossiers.get', { dossierId: id })).summary.fridayNoWait).toBe(true);
    expect((await t.must('dossiers.fridayQueue', {})).items.map((d) => d.id)).toEqual([id, later.dossier.id]);
  });

  it('leaves a dossier received on a Friday whose supplement came on a Tuesday: its new appointment is the ordinary one', async () => {
    t = await makeTestDesk({ now: '2026-11-27T10:00:00+07:00' }); // Friday
    const received = await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure());
    const id = received.dossier.id;
    expect(received.dossier.fridayNoWait).toBe(true);
    t.clock.set('2026-11-27T11:00:00+07:00');
    const asked = await t.must('dossiers.requestSupplement', { dossierId: id, items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' });
    // Paused the same Friday: still that Friday's dossier, on its board.
    expect(asked.dossier.fridayNoWait).toBe(true);
    expect((await t.must('dossiers.fridayQueue', {})).items.map((d) => d.id)).toEqual([id]);
    t.clock.set('2026-12-01T09:00:00+07:00'); // Tuesday
    const completed = await t.must('dossiers.supplementReceived', { dossierId: id });
    expect(completed.dossier.dueAt?.slice(0, 10)).toBe('2026-12-04');
    const listed = (await t.must('dossiers.list', { limit: 50 })).items.find((d) => d.id === id)!;
    const detail = (await t.must('dossiers.get', { dossierId: id })).summary;
    expect([completed.dossier.fridayNoWait, listed.fridayNoWait, detail.fridayNoWait]).toEqual([false, false, false]);
    // Tuesday's board (today's listed dossiers, shown as ordinary on a day that is not Friday) has it: its complete
    // dossier came today.
    expect((await t.must('dossiers.fridayQueue', {})).items.map((d) => d.id)).toEqual([id]);
  });
});
