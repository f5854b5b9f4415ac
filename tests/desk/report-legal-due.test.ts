/**
 * A dossier re-appointed (form 04) after its legal due day counts as overdue in the reports, by the legal rule; the
 * lists and the report's drill-down used to show only the new appointment, and it looked on time there. Every list
 * row now carries the legal due and how the report counts it, as the detail page says beside "Hẹn ban đầu".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierSummary } from '../../shared/api/dossier-views';
import { makeTestDesk, receiveDossier, type TestDesk } from './helpers';

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const day = (iso: string) => iso.slice(0, 10);
let t: TestDesk;
const ids = { late: '', lateDue: '', lateNewDue: '', early: '', resolvedLate: '', plain: '' };
let reappointedLate: DossierSummary;

beforeAll(async () => {
  t = await makeTestDesk({ now: '2026-11-02T09:00:00+07:00' });
  const late = await receiveDossier(t, 'Nguyễn Văn An', '001203000021');
  const resolvedLate = await receiveDossier(t, 'Lê Văn Cường', '001203000023');
  const plain = await receiveDossier(t, 'Phạm Thị Dung', '001203000024');
  Object.assign(ids, { late: late.dossier.id, lateDue: late.dueAt, resolvedLate: resolvedLate.dossier.id, plain: plain.dossier.id });
  // Two days past the legal due day: the apology letter and a new appointment a month on.
  t.clock.set(new Date(Date.parse(late.dueAt) + 2 * 86_400_000).toISOString());
  // One received now and re-appointed before its legal due day: the appointment moves, nothing is late yet.
  const early = await receiveDossier(t, 'Trần Thị Bình', '001203000022');
  ids.early = early.dossier.id;
  await t.must('dossiers.reappoint', { dossierId: early.dossier.id, newDueAt: '2026-12-28T09:00:00+07:00', reason: 'Chờ xác minh thực địa' });
  ids.lateNewDue = '2026-12-30T09:00:00+07:00';
  reappointedLate = (await t.must('dossiers.reappoint', { dossierId: late.dossier.id, newDueAt: ids.lateNewDue, reason: 'Chờ ý kiến cơ quan khác' })).dossier;
  await t.must('dossiers.reappoint', { dossierId: resolvedLate.dossier.id, newDueAt: '2026-12-29T09:00:00+07:00', reason: 'Chờ ý kiến cơ quan khác' });
  await t.must('dossiers.resolve', { dossierId: resolvedLate.dossier.id, resultDigitised: false });
});
afterAll(() => t.cleanup());

/** Due Wednesday 11 November, seen on Friday 13: late by Thursday and Friday, the working days since. */
const lateLegalDue = () => ({ at: ids.lateDue, lateness: 'overdue', overdueDays: 2 });

describe('a re-appointed dossier in the lists and the report drill-down', () => {
  it('carries its legal due and that the report counts it overdue, beside the new appointment', async () => {
    const summary = await t.must('reports.summary', NOVEMBER);
    // The re-appointed one and the one past its appointment.
    expect(summary.counts.inProgress.overdue).toBe(2);
    const drill = await t.must('reports.dossiers', { ...NOVEMBER, figure: 'in_progress_overdue' });
    const rows = new Map(drill.items.map((d) => [d.id, [d.dueAt, d.overdue, d.legalDue]]));
    expect(rows.get(ids.late)).toEqual([ids.lateNewDue, false, lateLegalDue()]);
    expect(rows.get(ids.plain)).toEqual([ids.lateDue, true, undefined]);
    // The list's "Quá hạn" and the home screen's count agree with the report: the re-appointed one is in them.
    const overdue = await t.must('dossiers.list', { due: 'overdue', sort: 'due_asc', limit: 50 });
    expect(overdue.items.map((d) => d.id).sort()).toEqual([ids.late, ids.plain].sort());
    expect((await t.must('dossiers.dueSoon', {})).overdue).toBe(summary.counts.inProgress.overdue);

    const list = await t.must('dossiers.list', { limit: 50 });
    const byId = new Map(list.items.map((d) => [d.id, d]));
    expect(byId.get(ids.late)!.legalDue).toEqual(lateLegalDue());
    expect(byId.get(ids.late)!.overdue).toBe(false);
    // Re-appointed within time: the legal due is said, nothing counts late.
    expect(byId.get(ids.early)!.legalDue?.lateness).toBeNull();
    expect(byId.get(ids.plain)).not.toHaveProperty('legalDue');
    // The row a command returns and the detail's summary say the same.
    expect(reappointedLate.legalDue).toEqual(lateLegalDue());
    expect((await t.must('dossiers.get', { dossierId: ids.late })).summary.legalDue).toEqual(lateLegalDue());
  });

  it("lists on the home screen every overdue dossier its count says, the re-appointed one past its first appointment included", async () => {
    const home = await t.must('dossiers.dueSoon', {});
    expect(home.overdue).toBe(2);
    // Overdue first, and the count and the list next to it name the same dossiers; the one re-appointed in time
    // (due a month on) is in neither.
    expect(home.items.map((d) => d.id).sort()).toEqual([ids.late, ids.plain].sort());
    const late = home.items.find((d) => d.id === ids.late)!;
    expect([late.dueAt, late.legalDue]).toEqual([ids.lateNewDue, lateLegalDue()]);
  });

  it('says a dossier resolved after its legal due day counts as resolved late, as the report counts it', async () => {
    const drill = await t.must('reports.dossiers', { ...NOVEMBER, figure: 'resolved_late' });
    expect(drill.items.map((d) => [d.id, d.legalDue?.lateness])).toEqual([[ids.resolvedLate, 'resolvedLate']]);
    expect(day(drill.items[0]!.legalDue!.at) < day(drill.items[0]!.dueAt!)).toBe(true);
  });

  it('marks every dossier the report counts finished late, with its days late, and none finished in time', async () => {
    // A plain dossier (never re-appointed) resolved after its appointment; and one resolved the day it is received.
    await t.must('dossiers.resolve', { dossierId: ids.plain, resultDigitised: false });
    const inTime = await receiveDossier(t, 'Hoàng Văn Em', '001203000025');
    await t.must('dossiers.resolve', { dossierId: inTime.dossier.id, resultDigitised: false });
    const list = await t.must('dossiers.list', { status: [9], limit: 50 });
    const late = new Map(list.items.map((d) => [d.id, [d.resolvedLate, d.resolvedLateDays]]));
    // The clock stands on Friday 13, past the first appointment of both late ones (Wednesday 11): Thursday and
    // Friday are the days since (working days and calendar days alike here: resolved-late-working-days.test.tsx
    // tells the two apart).
    expect(late.get(ids.plain)).toEqual([true, 2]);
    expect(late.get(ids.resolvedLate)).toEqual([true, 2]);
    expect(late.get(inTime.dossier.id)).toEqual([undefined, undefined]);
    const drill = await t.must('reports.dossiers', { ...NOVEMBER, figure: 'resolved_late' });
    expect(drill.items.map((d) => d.id).sort()).toEqual([ids.plain, ids.resolvedLate].sort());
  });
});

describe("the home screen's due list", () => {
  it('puts the overdue first, by the day each became overdue, and a re-appointed one due soon again only once', async () => {
    const home = await makeTestDesk({ now: '2026-11-02T09:00:00+07:00' });
    try {
      const first = await receiveDossier(home, 'Nguyễn Văn An', '001203000031');
      home.clock.set('2026-11-03T09:00:00+07:00');
      const second = await receiveDossier(home, 'Trần Thị Bình', '001203000032');
      // A Monday morning past both appointments: the first is re-appointed to 11:00 today (due soon again, and
      // still overdue by its first appointment, a day before the second's).
      const monday = '2026-11-30T09:00:00+07:00';
      expect(Date.parse(second.dueAt) < Date.parse(monday) && Date.parse(first.dueAt) < Date.parse(second.dueAt)).toBe(true);
      home.clock.set(monday);
      await home.must('dossiers.reappoint', { dossierId: first.dossier.id, newDueAt: '2026-11-30T11:00:00+07:00', reason: 'Chờ ý kiến cơ quan khác' });
      const due = await home.must('dossiers.dueSoon', {});
      expect([due.overdue, due.dueSoon]).toEqual([2, 1]);
      expect(due.items.map((d) => d.id)).toEqual([first.dossier.id, second.dossier.id]);
    } finally {
      home.cleanup();
    }
  });
});
