// @vitest-environment jsdom
/**
 * How many days late a dossier is, as the badge of every row the clerk sees says it (list, detail, home screen):
 * working days of the desk's working calendar, as deadlines are counted. The QA walk-through found "Quá hạn 3 ngày"
 * on a Monday for a dossier due the Friday before, one working day earlier. The rows come from a real desk and the
 * badge is the renderer's.
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
async function dueFridayAtFive(desk: TestDesk): Promise<string> {
  const received = await receiveDossier(desk, 'Nguyễn Văn An', '001203000041', fridayProcedure());
  expect(received.dueAt.slice(11)).toBe('17:00:00+07:00');
  return received.dossier.id;
}

/** The dossier's row in the list's "Quá hạn", on its detail page and on the home screen's list. */
async function rowsOf(desk: TestDesk, id: string): Promise<DossierSummary[]> {
  const list = (await desk.must('dossiers.list', { due: 'overdue', limit: 50 })).items.filter((d) => d.id === id);
  const detail = (await desk.must('dossiers.get', { dossierId: id })).summary;
  const home = (await desk.must('dossiers.dueSoon', {})).items.filter((d) => d.id === id);
  expect([list.length, home.length]).toEqual([1, 1]);
  return [list[0]!, detail, home[0]!];
}

/** The due badge of each of those rows at `now`, as the clerk reads it. */
async function badgesAt(desk: TestDesk, id: string, now: string): Promise<string[]> {
  desk.clock.set(now);
  const rows = await rowsOf(desk, id);
  return rows.map((row) => {
    const { container, unmount } = render(<DueBadge dossier={row} now={desk.clock.now()} />);
    const text = container.querySelector('[data-due="overdue"]')?.textContent ?? container.textContent ?? '';
    unmount();
    return text;
  });
}

const thrice = (text: string) => [text, text, text];

describe('the days a dossier is overdue', () => {
  it('are working days: due Friday 17:00, none on the weekend, one on Monday morning, two on Tuesday', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    const id = await dueFridayAtFive(t);
    expect(await badgesAt(t, id, '2026-11-27T17:30:00+07:00')).toEqual(thrice('Quá hạn'));
    expect(await badgesAt(t, id, '2026-11-28T10:00:00+07:00')).toEqual(thrice('Quá hạn'));
    expect(await badgesAt(t, id, '2026-11-30T09:00:00+07:00')).toEqual(thrice('Quá hạn 1 ngày'));
    expect(await badgesAt(t, id, '2026-12-01T08:00:00+07:00')).toEqual(thrice('Quá hạn 2 ngày'));
  });

  it('leave out holidays and compensatory days: Hùng Kings’ day, 30 April and 1 May 2026', async () => {
    // Friday 24 April; Monday 27 is the day off for Hùng Kings' day (Sunday 26), Thursday 30 and Friday 1 May are off.
    t = await makeTestDesk({ now: '2026-04-24T10:00:00+07:00' });
    const id = await dueFridayAtFive(t);
    expect(await badgesAt(t, id, '2026-04-27T10:00:00+07:00')).toEqual(thrice('Quá hạn'));
    expect(await badgesAt(t, id, '2026-04-28T09:00:00+07:00')).toEqual(thrice('Quá hạn 1 ngày'));
    // Tuesday 28, Wednesday 29 and Monday 4 May: ten calendar days, three working days.
    expect(await badgesAt(t, id, '2026-05-04T09:00:00+07:00')).toEqual(thrice('Quá hạn 3 ngày'));
  });

  it('follow the desk’s own calendar: a day off the unit declared is not a day late', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    await t.must('calendar.setLocal', { officeHours: null, daysOff: [{ date: '2026-11-30', name: 'Ngày truyền thống huyện' }], workingDays: [] });
    const id = await dueFridayAtFive(t);
    expect(await badgesAt(t, id, '2026-11-30T09:00:00+07:00')).toEqual(thrice('Quá hạn'));
    expect(await badgesAt(t, id, '2026-12-01T09:00:00+07:00')).toEqual(thrice('Quá hạn 1 ngày'));
  });

  it('past the first appointment of a re-appointed dossier, are counted the same way', async () => {
    t = await makeTestDesk({ now: '2026-11-27T14:10:00+07:00' });
    const id = await dueFridayAtFive(t);
    t.clock.set('2026-11-30T08:00:00+07:00');
    await t.must('dossiers.reappoint', { dossierId: id, newDueAt: '2026-12-10T09:00:00+07:00', reason: 'Chờ ý kiến cơ quan khác' });
    expect(await badgesAt(t, id, '2026-11-30T09:00:00+07:00')).toEqual(thrice('Quá hẹn ban đầu 1 ngày'));
    for (const row of await rowsOf(t, id)) {
      expect(row.overdue).toBe(false);
      expect(row.legalDue).toEqual({ at: '2026-11-27T17:00:00+07:00', lateness: 'overdue', overdueDays: 1 });
    }
  });
});

describe('the days left before a dossier falls due', () => {
  it('are working days too: due Monday, "Còn 1 ngày" on the Friday before, not three', async () => {
    // Past the Friday cut-off: a Friday-without-waiting dossier is due the next working day, Monday.
    t = await makeTestDesk({ now: '2026-11-27T16:00:00+07:00' });
    const received = await receiveDossier(t, 'Trần Thị Bình', '001203000042', fridayProcedure());
    expect(received.dueAt.slice(0, 10)).toBe('2026-11-30');
    const row = (await t.must('dossiers.list', { due: 'soon' })).items.find((d) => d.id === received.dossier.id)!;
    expect([row.dueSoon, row.dueInDays]).toEqual([true, 1]);
    const { container } = render(<DueBadge dossier={row} now={t.clock.now()} />);
    expect(container.textContent).toBe('Còn 1 ngày');
  });
});
