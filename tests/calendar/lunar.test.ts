import { describe, expect, it } from 'vitest';
import { formatDateKey } from '../../shared/calendar/civil-date';
import {
  LunisolarCalendar,
  lunarNewYearDay,
  lunarToSolar,
  solarToLunar,
  vietnameseCalendar,
} from '../../shared/calendar/lunar';

/**
 * Tết (1st day of the 1st lunar month) in Vietnam, 2000–2040, as published in the table of Tết dates of the
 * Wikipedia article "Tết" (Vietnamese calendar, UTC+7). The web is not reachable from the build machines, so the
 * table was transcribed rather than fetched; the years where Vietnam and China differ are confirmed by
 * kientruc2014.com, "What year is it in Vietnam?" ("In 2007 the Vietnamese New Year is on 17/02/2007, the Chinese
 * one on 18/02/2007. In 2030 the dates are 02/02/2030 and 03/02/2030, and in 2053 18/02/2053 and 19/02/2053").
 */
const TET_2000_2040: Record<number, string> = {
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};

/**
 * Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month), as announced in the government's yearly holiday notices
 * (e.g. 2023: Saturday 29 April, compensated on 2 May; 2025: Monday 7 April).
 */
const HUNG_KINGS: Record<number, string> = {
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
};

describe('Vietnamese lunar calendar', () => {
  it.each(Object.entries(TET_2000_2040))('Tết %s falls on %s', (year, date) => {
    expect(formatDateKey(lunarNewYearDay(Number(year)))).toBe(date);
    expect(solarToLunar(date)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
  });

  it.each([
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
    [2053, '2053-02-18', '2053-02-19'],
  ])(
    'Tết %i differs from the Chinese new year (VN %s, CN %s): same rules, UTC+7 against UTC+8',
    (year, vn, cn) => {
      expect(formatDateKey(lunarNewYearDay(year))).toBe(vn);
      expect(formatDateKey(lunarNewYearDay(year, new LunisolarCalendar(8)))).toBe(cn);
    },
  );

  it('agrees with the Chinese new year in the other years 2000–2040', () => {
    const china = new LunisolarCalendar(8);
    const differing = Object.keys(TET_2000_2040)
      .map(Number)
      .filter((y) => lunarNewYearDay(y) !== lunarNewYearDay(y, china));
    expect(differing).toEqual([2007, 2030]);
  });

  it.each(Object.entries(HUNG_KINGS))("Hùng Kings' day %s is %s", (year, date) => {
    expect(lunarToSolar({ year: Number(year), month: 3, day: 10, leap: false })).toBe(date);
  });

  it.each([
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2033, 11, '2033-12-22'],
  ])('lunar year %i has leap month %i, starting %s', (year, month, start) => {
    expect(vietnameseCalendar.leapMonthOf(year)).toBe(month);
    expect(lunarToSolar({ year, month, day: 1, leap: true })).toBe(start);
    expect(solarToLunar(start)).toEqual({ year, month, day: 1, leap: true });
  });

  it('has no leap month in ordinary years, and refuses lunar dates that do not exist', () => {
    expect(vietnameseCalendar.leapMonthOf(2024)).toBeNull();
    expect(lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toBeUndefined();
    // Tháng Chạp of Ất Tỵ (2025) has 29 days: Tết 2026 follows the 29th.
    expect(lunarToSolar({ year: 2025, month: 12, day: 29, leap: false })).toBe('2026-02-16');
    expect(lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).toBeUndefined();
    expect(lunarToSolar({ year: 2025, month: 13, day: 1, leap: false })).toBeUndefined();
  });

  it('converts every day of 2000–2099 to a lunar date and back, with days running 1, 2, 3 … within a month', () => {
    const first = Date.UTC(2000, 0, 1) / 86_400_000;
    const last = Date.UTC(2099, 11, 31) / 86_400_000;
    let previous = vietnameseCalendar.fromEpochDay(first - 1);
    for (let day = first; day <= last; day++) {
      const lunar = vietnameseCalendar.fromEpochDay(day);
      if (lunar.day !== 1) expect(lunar.day).toBe(previous.day + 1);
      else expect([29, 30]).toContain(previous.day);
      expect(vietnameseCalendar.toEpochDay(lunar)).toBe(day);
      previous = lunar;
    }
  });
});
