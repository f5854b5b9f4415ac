// @vitest-environment jsdom
/**
 * The dashboard's report by field as a district officer reconciles it: a row's total is its resolved, in progress,
 * withdrawn and stopped dossiers, each in a column; refusals stand beside it, outside the total, and the line above
 * the table says results handed back are outside it too.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import type { GroupedRow } from '../../../../shared/reports/aggregation-sql';
import { buildReport } from '../../../../shared/reports/build-report';
import { dayNumberOfDateKey } from '../../../../shared/reports/days';
import { initI18n } from '../../i18n';
import { ByFieldTable } from './ByFieldTable';

const civil = seedProcedures.find((p) => p.field === 'Hộ tịch')!;
const land = seedProcedures.find((p) => p.field !== 'Hộ tịch')!;

const zero: Omit<GroupedRow, 'unit_code' | 'procedure_code' | 'channel'> = {
  carried_over: 0,
  received_new: 0,
  resolved_early: 0,
  resolved_on_time: 0,
  resolved_late: 0,
  in_progress_within: 0,
  in_progress_overdue: 0,
  returned: 0,
  withdrawn: 0,
  stopped: 0,
  refused: 0,
  digitised_at_receipt: 0,
  result_digitised: 0,
  received_friday: 0,
};

// Hộ tịch: 3 carried over + 9 new = 12 = 5 resolved (1 late) + 3 in progress + 2 withdrawn + 2 stopped; 4 refused.
// The other field: 6 new = 6 resolved; 1 refused.
const report = buildReport({
  period: { from: '2023-03-01', to: '2023-03-31' },
  previousPeriod: { from: '2022-03-01', to: '2022-03-31' },
  judgedOn: dayNumberOfDateKey('2023-03-31'),
  unitCode: null,
  unitCodes: [],
  units: [],
  procedures: [civil, land],
  current: [
    { ...zero, unit_code: 'U', procedure_code: civil.code, channel: 'in_person', carried_over: 3, received_new: 9, resolved_early: 2, resolved_on_time: 2, resolved_late: 1, in_progress_within: 2, in_progress_overdue: 1, withdrawn: 2, stopped: 2, refused: 4 },
    { ...zero, unit_code: 'U', procedure_code: land.code, channel: 'online', received_new: 6, resolved_on_time: 6, refused: 1 },
  ],
  previous: [],
});

beforeAll(() => {
  initI18n('vi');
});
afterEach(cleanup);

describe('the report by field on the dashboard', () => {
  it('shows every way a dossier of the period ended, so a row adds up to its total; refusals beside it', () => {
    render(<ByFieldTable report={report} />);
    const table = screen.getByTestId('report-by-field');
    const headings = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headings).toEqual([
      'Lĩnh vực',
      'Tổng số hồ sơ trong kỳ',
      'Đã giải quyết',
      'Trong đó quá hạn',
      'Đang giải quyết',
      'Rút hồ sơ',
      'Dừng xử lý',
      'Không được tiếp nhận',
      'Tỷ lệ đúng hạn',
    ]);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent));
    const row = rows.find((r) => r[0] === civil.field)!;
    expect(row.slice(1, 8)).toEqual(['12', '5', '1', '3', '2', '2', '4']);
    for (const r of rows) {
      const n = r.map((text) => Number(text));
      // Total = resolved + in progress + withdrawn + stopped ("of which late" is part of resolved).
      expect(n[2]! + n[4]! + n[5]! + n[6]!, r[0]!).toBe(n[1]);
    }
    expect(screen.getByText(/không tính vào tổng số/)).toBeTruthy();
    expect(table.getAttribute('aria-describedby')).toBe('report-by-field-balance');
  });

  it('says the results handed back, a figure of the report like the refusals, are outside the total too, and why', () => {
    render(<ByFieldTable report={report} />);
    const balance = document.getElementById('report-by-field-balance')!.textContent!;
    // Named as the figure is on the screen and the exports' column ("Đã trả kết quả (ngoài tổng số)").
    expect(balance).toContain('Tổng số hồ sơ trong kỳ = Đã giải quyết + Đang giải quyết + Rút hồ sơ + Dừng xử lý.');
    expect(balance).toMatch(/«Đã trả kết quả» cũng nằm ngoài tổng số/);
    expect(balance).toContain('kỳ này hoặc kỳ trước');
  });
});
