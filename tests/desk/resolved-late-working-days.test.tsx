// @vitest-environment jsdom
/**
 * How many days late a finished dossier was, as its badge says it ("Đã xong, trễ N ngày"): working days of the
 * desk's working calendar, as the overdue badge counts them while it is still open. A dossier due Friday showed
 * "Quá hạn 1 ngày" on Monday and, resolved that Monday, "Đã xong, trễ 3 ngày": the calendar days since. Whether it
 * was late stays the reports' judgement (a later Vietnam day than the due day), so the month's count does not move.
 * The rows come from a real desk and the badge is the renderer's.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import type { DossierSummary } from '../../shared/api/dossier-views';
import { initI18n } from '../../renderer/src/i18n';
import { DueBadge } from '../../renderer/src/components/badges';
import { fridayProcedure, makeTestDesk, receiveDossier, type TestDesk } from './helpers';

let t: TestDesk | undefined;
beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  t?.cleanup();
  t = undefined;
});

/** A Friday-without-waiting dossier received on a working Friday before 15:30: due at 17:00 that day. */
async function dueFridayAtFive(desk: TestDesk, idNumber: string): Promise<string> {
  const received = await receiveDossier(desk, 'Nguyễn Văn An', idNumber, fridayProcedure());
  expect(received.dueAt.slice(11)).toBe('17:00:00+07:00');
  return received.dossier.id;
}

/** Resolves the dossier at `at` and returns its row as the list and the detail page give it (they must agree). */
async function resolvedAt(desk: TestDesk, id: string, at: string): Promise<DossierSummary> {
  desk.clock.set(at);
  const returned = (await desk.must('dossiers.resolve', { dossierId: id, resultDigitised: false })).dossier;
  const listed = (await desk.must('dossiers.list', { status: [9], limit: 50 })).items.find((d) => d.id === id)!;
  const detail = (await desk.must('dossiers.get', { dossierId: id })).summary;
  expect(listed).toEqual(returned);
  expect(detail).toEqual(returned);
  return listed;
}

/** The due badge of a row, as the clerk reads it. */
function badgeOf(row: DossierSummary, now: Date): string {
  const { container, unmount } = render(<DueBadge dossier={row} now={now} />);
  const text = container.textContent ?? '';
  unmount();
  return text;
}

const lateness = (row: DossierSummary) => [row.resolvedLate, row.resolvedLateDays];

describe('the days a finished dossier was late', () => {
  it('are working days: due Friday and resolved on Monday, one day late, as it was one day overdue that morning', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    const id = await dueFridayAtFive(t, '001203000051');
    t.clock.set('2026-11-30T09:00:00+07:00');
    const open = (await t.must('dossiers.get', { dossierId: id })).summary;
    expect(badgeOf(open, t.clock.now())).toBe('Quá hạn 1 ngày');
    const row = await resolvedAt(t, id, '2026-11-30T10:00:00+07:00');
    expect(badgeOf(row, t.clock.now())).toBe('Đã xong, trễ 1 ngày');
    expect(lateness(row)).toEqual([true, 1]);
  });

  it('leave out holidays and compensatory days: Hùng Kings’ day, 30 April and 1 May 2026', async () => {
    // Friday 24 April; Monday 27 is the day off for Hùng Kings' day (Sunday 26), Thursday 30 and Friday 1 May are off.
    t = await makeTestDesk({ now: '2026-04-24T10:00:00+07:00' });
    const onTheDayOff = await dueFridayAtFive(t, '001203000052');
    const inMay = await dueFridayAtFive(t, '001203000053');
    // Late for the reports on the compensatory day, but no working day has begun since the due day.
    const first = await resolvedAt(t, onTheDayOff, '2026-04-27T10:00:00+07:00');
    expect(badgeOf(first, t.clock.now())).toBe('Đã xong, trễ hạn');
    expect(lateness(first)).toEqual([true, 0]);
    // Tuesday 28, Wednesday 29 and Monday 4 May: ten calendar days, three working days.
    const second = await resolvedAt(t, inMay, '2026-05-04T09:00:00+07:00');
    expect(badgeOf(second, t.clock.now())).toBe('Đã xong, trễ 3 ngày');
    expect(lateness(second)).toEqual([true, 3]);
  });

  it('are none on the weekend, yet the dossier finished late; on the due day after the due hour it finished in time', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    const onSaturday = await dueFridayAtFive(t, '001203000054');
    const thatEvening = await dueFridayAtFive(t, '001203000055');
    const evening = await resolvedAt(t, thatEvening, '2026-11-27T17:30:00+07:00');
    expect(badgeOf(evening, t.clock.now())).toBe('Đã xong');
    expect(lateness(evening)).toEqual([undefined, undefined]);
    const saturday = await resolvedAt(t, onSaturday, '2026-11-28T10:00:00+07:00');
    expect(badgeOf(saturday, t.clock.now())).toBe('Đã xong, trễ hạn');
    expect(lateness(saturday)).toEqual([true, 0]);
    // The report counts the Saturday one resolved late, the evening one on time, as before: only the days shown changed.
    const report = await t.must('reports.summary', { from: '2026-11-01', to: '2026-11-30' });
    expect([report.counts.resolved.late, report.counts.resolved.onTime]).toEqual([1, 1]);
    const drill = await t.must('reports.dossiers', { from: '2026-11-01', to: '2026-11-30', figure: 'resolved_late' });
    expect(drill.items.map((d) => d.id)).toEqual([onSaturday]);
  });
});
