// @vitest-environment jsdom
/**
 * The dossiers behind a report figure: a dossier re-appointed after its first appointment had passed counts as
 * overdue in the report, so its row says the first appointment and that the report counts it overdue (it showed
 * only the new appointment and looked on time), in the detail page's words.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { standInDesk } from '../../test-support/stand-in-desk';
import { DrillDown } from './DrillDown';

const row = (over: Partial<DossierSummary>): DossierSummary => ({
  id: 'd-1',
  code: 'H56.06-261102-0001',
  status: 4,
  statusLabel: { vi: 'Đang xử lý', en: 'Processing' },
  procedureCode: '2.000528',
  procedureName: 'Đăng ký khai sinh',
  field: 'Hộ tịch',
  channel: 'in_person',
  applicantName: 'Nguyễn Văn An',
  receivedAt: '2026-11-02T09:00:00+07:00',
  dueAt: '2026-11-05T09:00:00+07:00',
  overdue: true,
  fridayNoWait: false,
  syncState: 'synced',
  version: 3,
  ...over,
});

const items = [
  row({ id: 'd-1', dueAt: '2026-12-30T09:00:00+07:00', overdue: false, legalDue: { at: '2026-11-05T09:00:00+07:00', lateness: 'overdue' } }),
  row({ id: 'd-2', code: 'H56.06-261102-0002', applicantName: 'Trần Thị Bình' }),
  row({ id: 'd-3', code: 'H56.06-261102-0003', status: 5, dueAt: '2026-12-29T09:00:00+07:00', overdue: false, legalDue: { at: '2026-11-05T09:00:00+07:00', lateness: 'resolvedLate' } }),
];

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('the drill-down of a report figure', () => {
  it('shows a re-appointed dossier’s first appointment and that the report counts it overdue', async () => {
    const desk = standInDesk((method) => (method === 'reports.dossiers' ? ok({ items, offset: 0, hasMore: false }) : undefined));
    render(
      <DeskProvider transport={desk}>
        <DrillDown query={{ from: '2026-11-01', to: '2026-11-30' }} target={{ figure: 'in_progress_overdue' }} title="Quá hạn" />
      </DeskProvider>,
    );
    const rows = await screen.findAllByTestId('report-dossier');
    const dueCell = (r: HTMLElement) => within(r).getAllByRole('cell')[4]!.textContent;
    expect(dueCell(rows[0]!)).toBe('30/12/2026Hẹn ban đầu: 05/11/2026Đã quá hẹn ban đầu: báo cáo tính là quá hạn');
    // A dossier never re-appointed: its appointment is its legal due, nothing more to say.
    expect(dueCell(rows[1]!)).toBe('05/11/2026');
    expect(within(rows[1]!).queryByTestId('report-legal-due')).toBeNull();
    expect(dueCell(rows[2]!)).toBe('29/12/2026Hẹn ban đầu: 05/11/2026Giải quyết sau hẹn ban đầu: báo cáo tính là quá hạn');
  });
});
