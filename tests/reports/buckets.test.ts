/**
 * Calendar buckets: the key ranges of a run of days must cover exactly those days (each once, under one of its
 * day, month or year keys), whatever the run — across months, years, leap days.
 */
import { describe, expect, it } from 'vitest';
import { bucketRanges, bucketRangesBefore, mergeBucketRanges, nextDay, type BucketRange } from '../../shared/reports/buckets';
import { bucketsOfDay } from '../../shared/reports/counts';
import { seeded } from './support/random-dossiers';

/** Every real day from 2019 to 2026. */
const DAYS: number[] = [];
for (let d = 20190101; d < 20270101; d = nextDay(d)) DAYS.push(d);

const hits = (ranges: readonly BucketRange[], day: number) =>
  bucketsOfDay(day).filter((key) => ranges.some(([lo, hi]) => key >= lo && key <= hi)).length;

describe('report buckets', () => {
  it('the next day crosses months, years and 29 February', () => {
    expect([nextDay(20231231), nextDay(20240228), nextDay(20240229), nextDay(20230228), nextDay(20230430)]).toEqual([
      20240101, 20240229, 20240301, 20230301, 20230501,
    ]);
  });

  it('a full year is one key; a period over a year end is days, months and a year', () => {
    expect(bucketRanges(20230101, 20240101)).toEqual([[2023, 2023]]);
    expect(bucketRanges(20221215, 20240215)).toEqual([
      [20221215, 20221231],
      [2023, 2023],
      [202401, 202401],
      [20240201, 20240214],
    ]);
  });

  it('random periods and prefixes cover exactly their days, each once', () => {
    const random = seeded(3);
    for (let i = 0; i < 300; i++) {
      const a = Math.floor(random() * (DAYS.length - 1));
      const b = a + 1 + Math.floor(random() * Math.min(900, DAYS.length - a - 1));
      const period = bucketRanges(DAYS[a]!, DAYS[b]!);
      const before = bucketRangesBefore(DAYS[a]!);
      const merged = mergeBucketRanges([...period, ...before]);
      const wrong: string[] = [];
      DAYS.forEach((day, j) => {
        if (hits(period, day) !== (j >= a && j < b ? 1 : 0)) wrong.push(`${day} in [${DAYS[a]}, ${DAYS[b]})`);
        if (hits(before, day) !== (j < a ? 1 : 0)) wrong.push(`${day} before ${DAYS[a]}`);
        if (hits(merged, day) > 0 !== j < b) wrong.push(`${day} merged`);
      });
      expect(wrong).toEqual([]);
    }
  });
});
