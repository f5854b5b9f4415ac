import { describe, expect, it } from 'vitest';
import type { ReportMonth } from '../../../../shared/api/report-months';
import { HEADROOM, monthBars, monthNames } from './month-chart';

const month = (key: string, received: number, early: number, onTime: number, late: number): ReportMonth => ({
  month: key,
  period: { from: `${key}-01`, to: `${key}-28` },
  received,
  resolved: { total: early + onTime + late, early, onTime, late },
  onTimeRate: early + onTime + late === 0 ? null : 0,
});

describe('the chart by month', () => {
  it('names months in Vietnamese with diacritics and in English', () => {
    expect(monthNames('2026-03', 'vi')).toEqual({ short: 'T3', full: 'Tháng 3/2026' });
    expect(monthNames('2026-12', 'en')).toEqual({ short: 'Dec', full: 'December 2026' });
  });

  it('scales every bar to the tallest one and splits resolved into in time and late', () => {
    const bars = monthBars([month('2026-01', 40, 5, 15, 10), month('2026-02', 10, 0, 20, 40)], 'vi');
    // The tallest bar of the chart is February's 60 resolved.
    expect(bars[1]!.resolved).toBe(60);
    expect(bars[1]!.inTimeHeight + bars[1]!.lateHeight).toBeCloseTo(HEADROOM);
    expect(bars[0]!.receivedHeight).toBeCloseTo((40 / 60) * HEADROOM);
    expect(bars[0]!.inTime).toBe(20);
    expect(bars[0]!.late).toBe(10);
    expect(bars[0]!.inTimeHeight).toBeCloseTo((20 / 60) * HEADROOM);
  });

  it('shows the year under the first month and under each January only', () => {
    const bars = monthBars([month('2025-11', 1, 0, 0, 0), month('2025-12', 1, 0, 0, 0), month('2026-01', 1, 0, 0, 0)], 'en');
    expect(bars.map((b) => b.year)).toEqual(['2025', null, '2026']);
  });

  it('draws empty months flat instead of dividing by zero', () => {
    const bars = monthBars([month('2026-01', 0, 0, 0, 0)], 'vi');
    expect(bars[0]!.receivedHeight).toBe(0);
    expect(bars[0]!.inTimeHeight).toBe(0);
  });
});
