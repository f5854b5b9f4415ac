import { describe, expect, it } from 'vitest';
import { formatDateKey, isoWeekdayOf, parseDateKey } from '../../shared/calendar/civil-date';
import { defaultDaysOff, holidaysWithCompensation, nationalDayCompanion, statutoryHolidays } from '../../shared/calendar/holidays';

const dates = (year: number) => defaultDaysOff(year).map((d) => d.date);

describe('default public holidays (Labour Code 2019, art. 112)', () => {
  it('2025: Tết from the 29th of tháng Chạp, its Saturday compensated on Monday 3 February, 1–2 September', () => {
    expect(defaultDaysOff(2025)).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch' },
      { date: '2025-01-28', name: 'Tết Nguyên đán' },
      { date: '2025-01-29', name: 'Tết Nguyên đán' },
      { date: '2025-01-30', name: 'Tết Nguyên đán' },
      { date: '2025-01-31', name: 'Tết Nguyên đán' },
      { date: '2025-02-01', name: 'Tết Nguyên đán' },
      { date: '2025-02-03', name: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2025-09-01', name: 'Quốc khánh' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ]);
  });

  it('2023: Hùng Kings (Sat) and 30 April (Sun) are compensated after 1 May, on 2 and 3 May', () => {
    const days = defaultDaysOff(2023);
    expect(days.filter((d) => d.date >= '2023-04-01' && d.date <= '2023-05-31')).toEqual([
      { date: '2023-04-29', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2023-04-30', name: 'Ngày Chiến thắng' },
      { date: '2023-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2023-05-02', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2023-05-03', name: 'Nghỉ bù Ngày Chiến thắng' },
    ]);
    // 1 January 2023 was a Sunday.
    expect(days[1]).toEqual({ date: '2023-01-02', name: 'Nghỉ bù Tết Dương lịch' });
  });

  it('Tết 2024 (Saturday 10 February): the weekend days of Tết are compensated after the fifth Tết day', () => {
    expect(dates(2024).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
    ]);
  });

  it('Tết as a notice lists it: its weekend days are owed only as far as it leaves fewer than five weekdays', () => {
    const february = (year: number, tetDays: string[]) =>
      [...holidaysWithCompensation(year, tetDays).keys()].map(formatDateKey).filter((d) => d.startsWith(`${year}-02`)).sort();
    // 2026's notice typed whole (14–22 February: nine days, five of them weekdays): nothing after it.
    const notice = ['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => `2026-02-${d}`);
    expect(february(2026, notice)).toEqual(notice);
    // The five statutory days of 2027 typed (5–9 February, a weekend inside): the weekend is given on 10 and 11.
    const statutory = ['05', '06', '07', '08', '09'].map((d) => `2027-02-${d}`);
    expect(february(2027, statutory)).toEqual([...statutory, '2027-02-10', '2027-02-11']);
    // Six days with a weekend (four weekdays): one day owed. Seven from Thursday 4 hold five weekdays: none.
    const six = ['05', '06', '07', '08', '09', '10'].map((d) => `2027-02-${d}`);
    expect(february(2027, six)).toEqual([...six, '2027-02-11']);
    expect(february(2027, ['04', ...six.map((d) => d.slice(8))].map((d) => `2027-02-${d}`))).toEqual(['2027-02-04', ...six]);
  });

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
  ])("pairs 2 September %i with %s, as that year's notice did", (year, companion) => {
    expect(formatDateKey(nationalDayCompanion(year))).toBe(companion);
  });

  it('every year 2000–2099 has 11 statutory holiday days and one compensatory day per holiday on a weekend', () => {
    for (let year = 2000; year <= 2099; year++) {
      const statutory = statutoryHolidays(year);
      expect(statutory.size, String(year)).toBe(11);
      const onWeekend = [...statutory.keys()].filter((d) => isoWeekdayOf(d) >= 6).length;
      const days = defaultDaysOff(year);
      expect(days.filter((d) => d.name.startsWith('Nghỉ bù')).length, String(year)).toBe(onWeekend);
      for (const d of days.filter((x) => x.name.startsWith('Nghỉ bù'))) {
        expect(isoWeekdayOf(parseDateKey(d.date)!), `${d.date} is a weekday`).toBeLessThanOrEqual(5);
      }
      expect(days.every((d) => d.date.startsWith(String(year)))).toBe(true);
    }
  });

  it('refuses years outside 2000–2099 with a clear failure', () => {
    expect(() => defaultDaysOff(1999)).toThrow(/2000–2099/);
    expect(() => defaultDaysOff(2100)).toThrow(/2000–2099/);
  });
});
