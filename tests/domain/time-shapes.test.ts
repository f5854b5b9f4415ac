/**
 * `isRealDate` counts days without a Date for whole years 100–9999 (every instant of an import or a sync goes
 * through it): it must answer exactly as the first version, which asked Date.UTC, for every input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDate } from '../../shared/domain/time';

/** The first version, kept as the reference. */
function firstIsRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

describe('isRealDate', () => {
  it('agrees with the Date.UTC rule on every day of years 0–2500 and around 9999, and on out-of-range parts', () => {
    const years = [...Array.from({ length: 2501 }, (_, i) => i), 9998, 9999, 10000, 10001, 275760, -1, -400];
    let checked = 0;
    const disagreements: string[] = [];
    for (const year of years) {
      for (let month = -1; month <= 14; month++) {
        for (let day = -1; day <= 33; day++) {
          if (isRealDate(year, month, day) !== firstIsRealDate(year, month, day)) disagreements.push(`${year}-${month}-${day}`);
          checked++;
        }
      }
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(1_000_000);
    // The cases that matter: leap days of century years, and Date.UTC's reading of years 0–99 as 1900–1999.
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(2100, 2, 29)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
    expect(isRealDate(0, 2, 29)).toBe(false);
  });

  it('agrees with the Date.UTC rule on any numbers, fractional and non-finite included', () => {
    const part = fc.oneof(fc.integer({ min: -20, max: 12000 }), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 2.5, 1e21));
    fc.assert(fc.property(part, part, part, (y, m, d) => isRealDate(y, m, d) === firstIsRealDate(y, m, d)), { numRuns: 20_000 });
  });
});
