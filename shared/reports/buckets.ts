/**
 * Calendar buckets for pre-aggregated report counts. A count kept for a day is also kept for its month and its
 * year, under one integer key whose width says which: `2023` (a year), `202310` (a month), `20231027` (a day).
 * Any run of whole days is then covered exactly by a few key ranges — a full year is one key instead of 365 —
 * so a report reads a few rows per group however long its period.
 */
import type { DayNumber } from './days';

/** An inclusive range of bucket keys, all of one width. */
export type BucketRange = readonly [lo: number, hi: number];

const year = (d: DayNumber) => Math.floor(d / 10000);
const month = (d: DayNumber) => Math.floor(d / 100) % 100;
const dayOfMonth = (d: DayNumber) => d % 100;
const dayNumberOfUtc = (t: Date): DayNumber => t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();

/** The calendar day after `d` (31 December 2023 → 1 January 2024). */
export function nextDay(d: DayNumber): DayNumber {
  return dayNumberOfUtc(new Date(Date.UTC(year(d), month(d) - 1, dayOfMonth(d) + 1)));
}

/** The first day of the month after `d`'s month. */
const nextMonthStart = (d: DayNumber): DayNumber => (month(d) === 12 ? (year(d) + 1) * 10000 + 101 : year(d) * 10000 + (month(d) + 1) * 100 + 1);

/** Key ranges covering exactly the days `from` ≤ day < `until` (both real days). */
export function bucketRanges(from: DayNumber, until: DayNumber): BucketRange[] {
  const ranges: BucketRange[] = [];
  let cur = from;
  while (cur < until) {
    if (month(cur) === 1 && dayOfMonth(cur) === 1 && (year(cur) + 1) * 10000 + 101 <= until) {
      let last = year(cur);
      while ((last + 2) * 10000 + 101 <= until) last++;
      ranges.push([year(cur), last]);
      cur = (last + 1) * 10000 + 101;
    } else if (dayOfMonth(cur) === 1 && nextMonthStart(cur) <= until) {
      // Whole months, within this year (a whole year is taken above).
      let last = cur;
      while (month(last) !== 12 && nextMonthStart(nextMonthStart(last)) <= until) last = nextMonthStart(last);
      ranges.push([Math.floor(cur / 100), Math.floor(last / 100)]);
      cur = nextMonthStart(last);
    } else {
      const end = Math.min(until, nextMonthStart(cur));
      // Day keys of one month are consecutive integers; `end` is the next month's first day or `until`.
      ranges.push([cur, end === nextMonthStart(cur) ? Math.floor(cur / 100) * 100 + 31 : end - 1]);
      cur = end;
    }
  }
  return ranges;
}

/** Key ranges covering every day before `until`, from the beginning of time. */
export function bucketRangesBefore(until: DayNumber): BucketRange[] {
  const ranges: BucketRange[] = [[0, year(until) - 1]];
  if (month(until) > 1) ranges.push([year(until) * 100 + 1, year(until) * 100 + month(until) - 1]);
  if (dayOfMonth(until) > 1) ranges.push([Math.floor(until / 100) * 100 + 1, until - 1]);
  return ranges;
}

/** The same keys as the union of `ranges`, overlapping ranges merged (so a query reads each row once). */
export function mergeBucketRanges(ranges: readonly BucketRange[]): BucketRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
