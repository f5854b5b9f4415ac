// @vitest-environment jsdom
/**
 * A supplement or fees asked for only after a dossier's due has passed stop nothing: the reports count it in
 * progress and overdue ("Đang giải quyết quá hạn"), as the law does. The list's "Quá hạn", the home screen's count
 * and its list, the search under "Quá hạn" and every row's badge said it was not overdue (it was "Tạm dừng tính
 * hạn"), so a supervisor found fewer overdue dossiers on the desk than in the month's report. One asked for in time
 * still stops the clock; a supplement asked for late restarts nothing when it comes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import type { DossierSummary } from '../../shared/api/dossier-views';
import { initI18n } from '../../renderer/src/i18n';
import { DueBadge } from '../../renderer/src/components/badges';
import { makeTestDesk, receiveDossier, type TestDesk } from './helpers';

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
let t: TestDesk;
const ids = { supplementLate: '', feesLate: '', pausedInTime: '', running: '' };
let requestedLate: DossierSummary;

beforeAll(async () => {
  initI18n('vi');
  t = await makeTestDesk({ now: '2026-11-02T09:00:00+07:00' });
  const supplementLate = await receiveDossier(t, 'Nguyễn Văn An', '001203000031');
  const feesLate = await receiveDossier(t, 'Trần Thị Bình', '001203000032');
  const pausedInTime = await receiveDossier(t, 'Lê Văn Cường', '001203000033');
  Object.assign(ids, { supplementLate: supplementLate.dossier.id, feesLate: feesLate.dossier.id, pausedInTime: pausedInTime.dossier.id });
  // Asked for the same morning: the clock stops before it runs out.
  await t.must('dossiers.requestSupplement', { dossierId: ids.pausedInTime, items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' });
  // Two days past the due: the other two are paused only now.
  t.clock.set(new Date(Date.parse(supplementLate.dueAt) + 2 * 86_400_000).toISOString());
  requestedLate = (await t.must('dossiers.requestSupplement', { dossierId: ids.supplementLate, items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' })).dossier;
  await t.must('dossiers.requestFees', { dossierId: ids.feesLate, amountVnd: 50_000, reason: 'Lệ phí' });
  // And one received today, running and within time.
  ids.running = (await receiveDossier(t, 'Phạm Thị Dung', '001203000034')).dossier.id;
});
afterAll(() => t.cleanup());
afterEach(() => cleanup());

const sorted = (list: readonly string[]) => [...list].sort();

describe('a dossier paused after its due', () => {
  it('is overdue in the list, on the home screen and in the report alike; one paused in time is not', async () => {
    const summary = await t.must('reports.summary', NOVEMBER);
    expect(summary.counts.inProgress.overdue).toBe(2);
    const drill = await t.must('reports.dossiers', { ...NOVEMBER, figure: 'in_progress_overdue' });
    const late = sorted([ids.supplementLate, ids.feesLate]);
    expect(sorted(drill.items.map((d) => d.id))).toEqual(late);
    // The report's drill-down rows say overdue too (the badge reads it).
    expect(drill.items.every((d) => d.overdue)).toBe(true);

    const overdue = await t.must('dossiers.list', { due: 'overdue', limit: 50 });
    expect([sorted(overdue.items.map((d) => d.id)), overdue.total]).toEqual([late, 2]);
    const byDue = await t.must('dossiers.list', { due: 'overdue', sort: 'due_asc', limit: 50 });
    expect(sorted(byDue.items.map((d) => d.id))).toEqual(late);
    // A status chosen with the filter: "Yêu cầu bổ sung" keeps the one whose supplement came late, not the other.
    const supplement = await t.must('dossiers.list', { due: 'overdue', status: [5], limit: 50 });
    expect(supplement.items.map((d) => d.id)).toEqual([ids.supplementLate]);

    const home = await t.must('dossiers.dueSoon', {});
    expect(home.overdue).toBe(summary.counts.inProgress.overdue);
    expect(sorted(home.items.filter((d) => d.overdue).map((d) => d.id))).toEqual(late);
  });

  it('is found by a search under "Quá hạn", and every row that shows it says overdue', async () => {
    expect((await t.must('dossiers.search', { query: 'Nguyễn Văn An', due: 'overdue' })).map((d) => d.id)).toEqual([ids.supplementLate]);
    expect(await t.must('dossiers.search', { query: 'Lê Văn Cường', due: 'overdue' })).toEqual([]);
    const all = new Map((await t.must('dossiers.list', { limit: 50 })).items.map((d) => [d.id, d.overdue]));
    expect(Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, all.get(id)]))).toEqual({
      supplementLate: true,
      feesLate: true,
      pausedInTime: false,
      running: false,
    });
    // The row the request returned and the detail's summary say the same.
    expect(requestedLate.overdue).toBe(true);
    expect((await t.must('dossiers.get', { dossierId: ids.feesLate })).summary.overdue).toBe(true);
    expect((await t.must('dossiers.get', { dossierId: ids.pausedInTime })).summary.overdue).toBe(false);
  });

  it('wears the red "Quá hạn" badge, which says why, where one paused in time says the clock is paused', async () => {
    const rows = new Map((await t.must('dossiers.list', { limit: 50 })).items.map((d) => [d.id, d]));
    const badge = (id: string) => {
      const { container, unmount } = render(<DueBadge dossier={rows.get(id)!} now={t.clock.now()} />);
      const span = container.querySelector('.badge')!;
      const seen = [span.getAttribute('data-due'), span.textContent, span.getAttribute('title')];
      unmount();
      return seen;
    };
    const [due, text, why] = badge(ids.supplementLate);
    expect([due, text]).toEqual(['overdue', 'Quá hạn 2 ngày']);
    expect(why).toContain('không dừng tính hạn');
    expect(badge(ids.pausedInTime)).toEqual(['paused', 'Tạm dừng tính hạn', null]);
  });

  it('is still overdue once the supplement comes: asked for late, it restarts nothing', async () => {
    await t.must('dossiers.supplementReceived', { dossierId: ids.supplementLate });
    const overdue = await t.must('dossiers.list', { due: 'overdue', limit: 50 });
    expect(sorted(overdue.items.map((d) => d.id))).toEqual(sorted([ids.supplementLate, ids.feesLate]));
    expect((await t.must('dossiers.dueSoon', {})).overdue).toBe(2);
  });
});
