/**
 * The reports dashboard's cards, computed from a real desk's report: every dossier of the period is in exactly one
 * outcome card, so a district officer can reconcile the total on screen (a withdrawn or stopped dossier used to
 * be in the total and in no card).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlineCounts } from '../../renderer/src/screens/reports/report-figures';
import { makeTestDesk, receiveDossier, type TestDesk } from './helpers';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
let t: TestDesk;

beforeAll(async () => {
  t = await makeTestDesk({ now: '2026-03-02T09:00:00+07:00' });
  const receive = (name: string, id: string) => receiveDossier(t, name, id);
  const resolved = await receive('Nguyễn Văn An', '001203000011');
  const withdrawn = await receive('Trần Thị Bình', '001203000012');
  const stopped = await receive('Lê Văn Cường', '001203000013');
  await receive('Phạm Thị Dung', '001203000014');
  t.clock.advanceMinutes(60);
  await t.must('dossiers.resolve', { dossierId: resolved.dossier.id, resultDigitised: false });
  await t.must('dossiers.withdraw', { dossierId: withdrawn.dossier.id, reason: 'Công dân rút hồ sơ' });
  await t.must('dossiers.stop', { dossierId: stopped.dossier.id, reason: 'Người nộp không bổ sung' });
  t.clock.set('2026-11-27T10:00:00+07:00');
});
afterAll(() => t.cleanup());

describe('the reports dashboard', () => {
  it('shows withdrawn and stopped dossiers, so its outcome cards add up to the period’s total', async () => {
    const report = await t.must('reports.summary', YEAR);
    const cards = new Map(headlineCounts(report).map((h) => [h.label, h]));
    expect(cards.get('withdrawn')).toMatchObject({ value: 1, target: { figure: 'withdrawn' } });
    expect(cards.get('stopped')).toMatchObject({ value: 1, target: { figure: 'stopped' } });
    const outcomes = ['resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressWithin', 'inProgressOverdue', 'withdrawn', 'stopped'];
    expect(outcomes.reduce((n, label) => n + cards.get(label)!.value, 0)).toBe(report.counts.inPeriod);
    expect(report.counts.inPeriod).toBe(4);
    // Each card opens the dossiers behind it.
    const listed = await t.must('reports.dossiers', { ...YEAR, figure: cards.get('stopped')!.target.figure });
    expect(listed.items.map((d) => d.applicantName)).toEqual(['Lê Văn Cường']);
  });
});
