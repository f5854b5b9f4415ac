import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeskDataset } from '../../bench/generator/desk-dataset';
import { openDesk } from '../../electron/desk/desk';
import { deskReportMonths, monthsOfPeriod } from '../../electron/desk/reports/desk-months';
import { deskReport } from '../../electron/desk/reports/desk-report';
import { makeTestDesk, receiveDossier, tempDir, UNIT, type TestDesk } from './helpers';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const COMMUNE = '000.02.06.H56';

let t: TestDesk;

/** Two dossiers received in March (one resolved the same day) and one in May that is resolved in June. */
beforeAll(async () => {
  t = await makeTestDesk({ now: '2026-03-02T09:00:00+07:00' });
  const receive = (name: string, id: string) => receiveDossier(t, name, id);
  const march = await receive('Nguyễn Văn An', '001203000001');
  await receive('Trần Thị Bình', '001203000002');
  t.clock.advanceMinutes(60);
  await t.must('dossiers.resolve', { dossierId: march.dossier.id, resultDigitised: true });
  t.clock.set('2026-05-29T09:00:00+07:00');
  const may = await receive('Lê Văn Cường', '001203000003');
  t.clock.set('2026-06-02T09:00:00+07:00');
  await t.must('dossiers.resolve', { dossierId: may.dossier.id, resultDigitised: false });
  t.clock.set('2026-11-27T10:00:00+07:00');
});
afterAll(() => t.cleanup());

describe('the months of a period', () => {
  it('cuts a period into calendar months clipped to it, across a year end and a leap February', () => {
    expect(monthsOfPeriod({ from: '2023-12-15', to: '2024-03-02' })).toEqual([
      { month: '2023-12', period: { from: '2023-12-15', to: '2023-12-31' } },
      { month: '2024-01', period: { from: '2024-01-01', to: '2024-01-31' } },
      { month: '2024-02', period: { from: '2024-02-01', to: '2024-02-29' } },
      { month: '2024-03', period: { from: '2024-03-01', to: '2024-03-02' } },
    ]);
    expect(monthsOfPeriod({ from: '2026-07-04', to: '2026-07-04' })).toEqual([
      { month: '2026-07', period: { from: '2026-07-04', to: '2026-07-04' } },
    ]);
  });
});

describe('reports by month in the desk API', () => {
  it('gives each month the figures of that month’s own report', async () => {
    const months = await t.must('reports.months', YEAR);
    // December has not begun on 27 November: it has no bar (its own report is refused as not begun).
    expect(months.map((m) => m.month)).toEqual(monthsOfPeriod(YEAR).map((m) => m.month).filter((m) => m !== '2026-12'));
    const december = monthsOfPeriod(YEAR).at(-1)!.period;
    const refused = await t.call('reports.summary', december);
    expect(refused.ok ? null : refused.error.code).toBe('report_period_not_started');
    for (const m of months) {
      const report = await t.must('reports.summary', m.period);
      expect({ month: m.month, received: m.received, resolved: m.resolved }).toEqual({
        month: m.month,
        received: report.counts.received.total,
        resolved: report.counts.resolved,
      });
    }
    const byKey = new Map(months.map((m) => [m.month, m]));
    expect(byKey.get('2026-03')?.received).toBe(2);
    expect(byKey.get('2026-03')?.resolved.total).toBe(1);
    expect(byKey.get('2026-05')?.received).toBe(1);
    expect(byKey.get('2026-05')?.resolved.total).toBe(0);
    expect(byKey.get('2026-06')?.resolved.total).toBe(1);
    expect(months.reduce((n, m) => n + m.received, 0)).toBe(3);
  });

  it('offers the desk’s unit first and its communes, marks the communes it holds no dossiers of, and refuses them', async () => {
    const units = await t.must('reports.units', {});
    expect(units[0]).toMatchObject({ code: UNIT, name: 'Huyện Thanh Hà', depth: 0, heldHere: true });
    expect(units.slice(1).every((u) => u.depth === 1)).toBe(true);
    expect(units.map((u) => u.name)).toContain('Xã Thanh Hồng');
    // Every dossier was received at the district's desk: a commune's report here would be zeros, not its figures.
    expect(units.slice(1).every((u) => !u.heldHere)).toBe(true);
    const commune = await t.call('reports.months', { ...YEAR, unitCode: COMMUNE });
    expect(commune.ok ? null : [commune.error.code, commune.error.field]).toEqual(['report_unit_outside', 'unitCode']);
    const district = await t.must('reports.months', { ...YEAR, unitCode: UNIT });
    expect(district.reduce((n, m) => n + m.received, 0)).toBe(3);
  });

  it('refuses a unit outside the desk and a reversed period like the summary does', async () => {
    const outside = await t.call('reports.months', { ...YEAR, unitCode: '99999' });
    expect(outside.ok ? null : [outside.error.code, outside.error.field]).toEqual(['report_unit_outside', 'unitCode']);
    const reversed = await t.call('reports.months', { from: '2026-12-31', to: '2026-01-01' });
    expect(reversed.ok ? null : [reversed.error.code, reversed.error.field]).toEqual(['report_period_reversed', 'from']);
    // The clerk typed dd/mm/yyyy and reads the dates back the same way, not as ISO keys.
    expect(reversed.ok ? null : reversed.error.message).toEqual({
      vi: 'Kỳ báo cáo không hợp lệ: ngày bắt đầu 31/12/2026 sau ngày kết thúc 01/01/2026.',
      en: 'The report period is not valid: its first day 31/12/2026 is after its last day 01/01/2026.',
    });
  });
});

describe('reports by month over a generated year of dossiers', () => {
  it('equal, month by month, the summary of each month, for the district and for a commune', async () => {
    const dataDir = tempDir('motcua-months-');
    await generateDeskDataset({ dataDir, dossiers: 400, years: 1, seed: 11, end: new Date('2026-11-20T07:00:00+07:00') });
    const desk = openDesk({ dataDir, autoBackup: false, now: () => new Date('2026-11-27T10:00:00+07:00') });
    try {
      for (const unitCode of [UNIT, COMMUNE]) {
        const request = { period: { from: '2025-12-10', to: '2026-11-27' }, unitCode, today: '2026-11-27' };
        const months = await deskReportMonths(desk.db, request);
        expect(months).toHaveLength(12);
        for (const m of months) {
          const report = await deskReport(desk.db, { ...request, period: m.period });
          expect(m).toEqual({
            month: m.month,
            period: report.period,
            received: report.counts.received.total,
            resolved: report.counts.resolved,
            onTimeRate: report.rates.onTimeRate,
          });
        }
        const total = months.reduce((n, m) => n + m.received, 0);
        expect(total).toBe((await deskReport(desk.db, request)).counts.received.total);
        if (unitCode === UNIT) expect(total).toBeGreaterThan(100);
      }
    } finally {
      desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
