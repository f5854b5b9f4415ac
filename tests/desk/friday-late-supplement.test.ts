/**
 * A supplement asked for once the dossier was late restarts nothing (shared/domain/lifecycle.ts pausedLate), so its
 * completion is not when the deadline last started: the "Thứ Sáu không chờ" badge and the Friday board go by the
 * last completion that restarted the clock, else by the reception (dossiers/summary.ts clockStartedAt). A review
 * found both taking every completion: procedure 2.000528 (listed, 3 working days) received Monday 30/11/2026 09:00,
 * due Thursday 03/12 09:00, a supplement asked for Monday 07/12 and completed Friday 11/12 showed the badge beside
 * the Thursday due, and a re-appointed one came onto that Friday's board as started that day; one received on
 * Friday 27/11 under the rule lost its badge when a late supplement came on a Tuesday.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DossierState } from '../../shared/domain/lifecycle';
import { ADMIN, fridayProcedure, makeTestDesk, receiveDossier, type TestDesk } from './helpers';

const papers = { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' };

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** The badge as the command's answer, the list and the detail page carry it. */
async function badges(desk: TestDesk, id: string, answer: { fridayNoWait: boolean }): Promise<boolean[]> {
  const listed = (await desk.must('dossiers.list', { limit: 50 })).items.find((d) => d.id === id)!;
  const detail = (await desk.must('dossiers.get', { dossierId: id })).summary;
  return [answer.fridayNoWait, listed.fridayNoWait, detail.fridayNoWait];
}

const board = async (desk: TestDesk) => (await desk.must('dossiers.fridayQueue', {})).items.map((d) => d.id);

const storedState = (desk: TestDesk, id: string) =>
  JSON.parse(desk.desk.db.prepare<[string], string>('SELECT state FROM dossiers WHERE id = ?').pluck().get(id)!) as DossierState;

describe('a late supplement and the Friday-without-waiting rule', () => {
  it('completed on a Friday gives no badge and no place on that Friday’s board: nothing restarted', async () => {
    t = await makeTestDesk({ now: '2026-11-30T09:00:00+07:00' }); // Monday
    const late = await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure());
    const reappointed = await receiveDossier(t, 'Trần Thị Bình', '001203000052', fridayProcedure());
    expect([late.dueAt, late.dossier.fridayNoWait]).toEqual(['2026-12-03T09:00:00+07:00', false]);
    t.clock.set('2026-12-03T10:00:00+07:00'); // Thursday, an hour late
    await t.must('dossiers.reappoint', { dossierId: reappointed.dossier.id, newDueAt: '2026-12-16T17:00:00+07:00', reason: 'Chờ xác minh' });
    t.clock.set('2026-12-07T09:00:00+07:00'); // the next Monday: both late
    for (const d of [late, reappointed]) await t.must('dossiers.requestSupplement', { dossierId: d.dossier.id, ...papers });

    t.clock.set('2026-12-11T10:00:00+07:00'); // Friday, before the cut-off
    const back = (await t.must('dossiers.supplementReceived', { dossierId: late.dossier.id })).dossier;
    expect([back.dueAt, back.overdue]).toEqual(['2026-12-03T09:00:00+07:00', true]);
    expect(await badges(t, late.dossier.id, back)).toEqual([false, false, false]);
    const backReappointed = (await t.must('dossiers.supplementReceived', { dossierId: reappointed.dossier.id })).dossier;
    expect(backReappointed.dueAt).toBe('2026-12-16T17:00:00+07:00');
    expect(await badges(t, reappointed.dossier.id, backReappointed)).toEqual([false, false, false]);

    // That Friday's board has the dossier received that day, not the two whose late supplement came.
    t.clock.set('2026-12-11T10:30:00+07:00');
    const today = await receiveDossier(t, 'Lê Văn Cường', '001203000053', fridayProcedure());
    expect(await board(t)).toEqual([today.dossier.id]);
    expect(storedState(t, late.dossier.id).supplementsReceived).toEqual([
      { requestedAt: '2026-12-07T09:00:00+07:00', receivedAt: '2026-12-11T10:00:00+07:00', items: papers.items, restarted: false },
    ]);
  });

  it('completed on a Tuesday leaves the badge of a dossier received on a Friday under the rule: its due is still that Friday’s', async () => {
    t = await makeTestDesk({ now: '2026-11-27T10:00:00+07:00' }); // Friday
    const received = await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure());
    const id = received.dossier.id;
    expect([received.dueAt, received.dossier.fridayNoWait]).toEqual(['2026-11-27T17:00:00+07:00', true]);
    t.clock.set('2026-11-30T09:00:00+07:00'); // Monday: late
    await t.must('dossiers.requestSupplement', { dossierId: id, ...papers });
    t.clock.set('2026-12-01T09:00:00+07:00'); // Tuesday
    const back = (await t.must('dossiers.supplementReceived', { dossierId: id })).dossier;
    expect([back.dueAt, back.overdue]).toEqual(['2026-11-27T17:00:00+07:00', true]);
    expect(await badges(t, id, back)).toEqual([true, true, true]);
    // Tuesday's board lists the listed dossiers whose deadline started that day: not this one.
    expect(await board(t)).toEqual([]);
  });

  it('goes by the last completion that restarted the clock, not by a late one after it', async () => {
    t = await makeTestDesk({ now: '2026-11-30T09:00:00+07:00' }); // Monday
    const id = (await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure())).dossier.id;
    t.clock.set('2026-12-01T09:00:00+07:00'); // in time
    await t.must('dossiers.requestSupplement', { dossierId: id, ...papers });
    t.clock.set('2026-12-04T10:00:00+07:00'); // Friday: restarted under the rule
    const restarted = (await t.must('dossiers.supplementReceived', { dossierId: id })).dossier;
    expect([restarted.dueAt, restarted.fridayNoWait]).toEqual(['2026-12-04T17:00:00+07:00', true]);
    t.clock.set('2026-12-07T09:00:00+07:00'); // Monday: late
    await t.must('dossiers.requestSupplement', { dossierId: id, ...papers });
    t.clock.set('2026-12-08T09:00:00+07:00'); // Tuesday
    const back = (await t.must('dossiers.supplementReceived', { dossierId: id })).dossier;
    expect(back.dueAt).toBe('2026-12-04T17:00:00+07:00');
    expect(await badges(t, id, back)).toEqual([true, true, true]);
    expect(storedState(t, id).supplementsReceived?.map((s) => s.restarted)).toEqual([undefined, false]);
  });

  it('desk migration 026 refolds a listed dossier whose late completion the old fold stored as a restart', async () => {
    t = await makeTestDesk({ now: '2026-11-30T09:00:00+07:00' }); // Monday
    const id = (await receiveDossier(t, 'Nguyễn Văn An', '001203000051', fridayProcedure())).dossier.id;
    t.clock.set('2026-12-07T09:00:00+07:00');
    await t.must('dossiers.requestSupplement', { dossierId: id, ...papers });
    t.clock.set('2026-12-11T10:00:00+07:00'); // Friday
    await t.must('dossiers.supplementReceived', { dossierId: id });
    // The row as a desk before the mark left it: its completions carry no `restarted`.
    const db = t.desk.db;
    const state = storedState(t, id);
    state.supplementsReceived = state.supplementsReceived!.map(({ restarted: _, ...s }) => s);
    db.prepare('UPDATE dossiers SET state = ? WHERE id = ?').run(JSON.stringify(state), id);
    expect((await t.must('dossiers.get', { dossierId: id })).summary.fridayNoWait).toBe(true);

    db.pragma('user_version = 25');
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(() => expect(t!.desk.db.prepare('SELECT count(*) FROM sync_refold').pluck().get()).toBe(0));
    expect((await t.must('dossiers.get', { dossierId: id })).summary.fridayNoWait).toBe(false);
    expect(storedState(t, id).supplementsReceived?.map((s) => s.restarted)).toEqual([false]);
  });
});
