/**
 * A supplement asked for once the dossier was late restarts nothing when it comes (QA): procedure 2.000528 (3 working
 * days) received Monday 04/01/2027 09:00, due Thursday 07/01 09:00, a supplement asked for Friday 08/01 and completed
 * Monday 11/01 09:00. The desk gave it a new appointment (14/01) and "Quá hạn" became "Trong hạn"; resolved 13/01,
 * the January report counted it early. And desk migration 026: a store whose rows and report facts the old fold
 * wrote (that late dossier restarted; a conflict decided "Đã xử lý xong" without the competing resolution's digitised
 * result; a conflict still open, stored without what its deeds recorded) is right once the desk has opened.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DossierEvent } from '../../shared/domain/events';
import type { DossierState } from '../../shared/domain/lifecycle';
import { DossierStatus } from '../../shared/domain/dossier';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { reportFactOf } from '../../shared/reports/facts';
import { factWriter } from '../../electron/desk/reports/fact-tables';
import { invalidateReportCounts } from '../../electron/desk/reports/report-counts-upkeep';
import { refreshReportFacts } from '../../electron/desk/reports/report-facts';
import { at } from '../reports/support/dossier-builder';
import { asTheOldFoldLeftThem, DUE, folded, JANUARY, oldFoldCases, RESTARTED } from '../reports/support/old-fold-cases';
import { storePulled } from '../reports/support/pulled-events';
import { ADMIN, makeTestDesk, receiveDossier, type TestDesk } from './helpers';

const CIVIL = seedProcedures.find((p) => p.code.startsWith('2.000528.'))!;
const papers = { items: ['Bản sao giấy chứng sinh'], reason: 'Thiếu giấy tờ' };

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const resolvedCounts = async (desk: TestDesk) => {
  const { counts } = await desk.must('reports.summary', JANUARY);
  return { ...counts.resolved, resultsDigitised: counts.resultsDigitised };
};

describe('a supplement asked for once the dossier was late, at the desk', () => {
  it('re-appointed before: the event carries the legal due (an older release folds it as such), the dossier keeps its appointment', async () => {
    t = await makeTestDesk({ now: at('2027-01-04') });
    const id = (await receiveDossier(t, 'Lê Văn Cường', '001203000043', CIVIL)).dossier.id;
    t.clock.set(at('2027-01-06'));
    const appointment = '2027-01-20T09:00:00+07:00';
    await t.must('dossiers.reappoint', { dossierId: id, newDueAt: appointment, reason: 'Cần xác minh thêm' });
    t.clock.set(at('2027-01-08'));
    await t.must('dossiers.requestSupplement', { dossierId: id, ...papers });
    t.clock.set(at('2027-01-11'));
    await t.must('dossiers.supplementReceived', { dossierId: id });
    const payload = t.desk.db.prepare<[string], string>("SELECT payload FROM events WHERE dossier_id = ? AND type = 'dossier.supplement_received'").pluck().get(id)!;
    expect(JSON.parse(payload).dueAt).toBe(DUE);
    const { state } = await t.must('dossiers.get', { dossierId: id });
    expect([state.dueAt, state.originalDueAt]).toEqual([appointment, DUE]);
  });

  it('keeps its appointment when it comes: the receipt, the row and the report still say late (QA)', async () => {
    t = await makeTestDesk({ now: at('2027-01-04') });
    const late = (await receiveDossier(t, 'Nguyễn Văn An', '001203000041', CIVIL)).dossier.id;
    const inTime = await receiveDossier(t, 'Trần Thị Bình', '001203000042', CIVIL);
    expect(inTime.dueAt).toBe(DUE);
    t.clock.set(at('2027-01-06'));
    await t.must('dossiers.requestSupplement', { dossierId: inTime.dossier.id, ...papers });
    t.clock.set(at('2027-01-08'));
    await t.must('dossiers.requestSupplement', { dossierId: late, ...papers });
    t.clock.set(at('2027-01-11'));

    const back = (await t.must('dossiers.supplementReceived', { dossierId: late })).dossier;
    expect(back).toMatchObject({ status: DossierStatus.Received, dueAt: DUE, overdue: true });
    const detail = await t.must('dossiers.get', { dossierId: late });
    // What the new receipt (form 01) prints: the appointment kept.
    expect([detail.state.dueAt, detail.state.originalDueAt]).toEqual([DUE, DUE]);
    expect(detail.summary.overdue).toBe(true);
    // The event says the appointment kept too: a replica folding it by the old rule takes no restart from it.
    const payload = t.desk.db.prepare<[string], string>("SELECT payload FROM events WHERE dossier_id = ? AND type = 'dossier.supplement_received'").pluck().get(late)!;
    expect(JSON.parse(payload)).toEqual({ completedAt: at('2027-01-11'), dueAt: DUE });
    expect((await t.must('dossiers.list', { due: 'overdue', limit: 50 })).items.map((d) => d.id)).toEqual([late]);

    // Asked for in time: the deadline restarts from zero, three working days from now.
    const restarted = (await t.must('dossiers.supplementReceived', { dossierId: inTime.dossier.id })).dossier;
    expect(restarted).toMatchObject({ dueAt: RESTARTED, overdue: false });

    t.clock.set(at('2027-01-13'));
    for (const id of [late, inTime.dossier.id]) await t.must('dossiers.resolve', { dossierId: id, resultDigitised: false });
    expect(await resolvedCounts(t)).toMatchObject({ total: 2, early: 1, onTime: 0, late: 1 });
    const askedLateDay = await t.must('reports.summary', { from: '2027-01-08', to: '2027-01-08' });
    expect(askedLateDay.counts.inProgress).toMatchObject({ overdue: 1 });
  });
});

describe('desk migration 026', () => {
  it('refolds the rows and the report facts the old fold wrote: a late supplement, a decided and an open conflict', async () => {
    t = await makeTestDesk({ now: at('2027-01-20') });
    const cases = oldFoldCases();
    const { late, decided, open } = cases;
    const id = (events: DossierEvent[]) => events[0]!.dossierId;
    let db = t.desk.db;
    storePulled(db, Object.values(cases));
    refreshReportFacts(db);
    const old = asTheOldFoldLeftThem(cases);
    const facts = factWriter(db);
    db.transaction(() => {
      for (const state of old) {
        db.prepare('DELETE FROM dossiers WHERE id = ?').run(state.id);
        t!.desk.projector.writePulled(state);
        facts.remove(state.id);
        facts.insert(reportFactOf(state));
      }
      // Written by hand, the rows marked their facts to be refolded (a trigger): the old desk had no such marks.
      db.prepare('DELETE FROM report_facts_stale').run();
    })();
    invalidateReportCounts(db);
    const stored = (events: DossierEvent[]) => db.prepare<[string], { due_at: string; state: string }>('SELECT due_at, state FROM dossiers WHERE id = ?').get(id(events))!;
    const resolvedLate = async () => (await t!.must('dossiers.list', { status: [DossierStatus.Resolved], limit: 50 })).items.find((d) => d.id === id(late))?.resolvedLate;
    expect(stored(late).due_at).toBe(RESTARTED);
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(await resolvedCounts(t)).toMatchObject({ total: 3, early: 3, late: 0, resultsDigitised: 0 });
    expect(await resolvedLate()).toBeUndefined();

    t.desk.db.pragma('user_version = 25');
    t.reopen();
    db = t.desk.db;
    const marked = (table: string) => db.prepare<[], string>(`SELECT dossier_id FROM ${table} ORDER BY dossier_id`).pluck().all();
    // The dossier whose supplement was asked for in time is left alone.
    const expected = [late, decided, open].map(id).sort();
    expect([marked('sync_refold'), marked('report_facts_stale')]).toEqual([expected, expected]);
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await vi.waitFor(() => expect(marked('sync_refold')).toEqual([]));

    expect(stored(late).due_at).toBe(DUE);
    expect(await resolvedLate()).toBe(true);
    expect((JSON.parse(stored(decided).state) as DossierState).resultDigitised).toBe(true);
    expect((JSON.parse(stored(open).state) as DossierState).conflict).toEqual(folded(open).conflict);
    expect(await resolvedCounts(t)).toMatchObject({ total: 3, early: 2, late: 1, resultsDigitised: 1 });
  });
});
