// @vitest-environment jsdom
/** The reports screen as a district officer uses it with the keyboard: where the focus is after a drill-down and an export. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import { buildReport } from '../../../../shared/reports/build-report';
import { dayNumberOfDateKey } from '../../../../shared/reports/days';
import type { ReportUnitChoice } from '../../../../shared/api/report-months';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { standInDesk } from '../../test-support/stand-in-desk';
import { dropFocusFromDisabledButton } from '../../test-support/drop-focus';
import { ReportsScreen, SLOW_REPORT_MS } from './ReportsScreen';

const report = buildReport({
  period: { from: '2026-01-01', to: '2026-11-28' },
  previousPeriod: { from: '2025-01-01', to: '2025-11-28' },
  judgedOn: dayNumberOfDateKey('2026-11-28'),
  unitCode: null,
  unitCodes: [],
  units: [],
  procedures: [],
  current: [],
  previous: [],
});

const desk = () =>
  standInDesk(async (method, input) => {
    if (method === 'reports.summary') {
      const { from, to } = input as { from: string; to: string };
      // As the desk answers a reversed period: after the click, with the field to correct.
      if (from > to) return { ok: false, error: { code: 'report_period_reversed', field: 'from', message: { vi: 'Ngày bắt đầu sau ngày kết thúc.', en: 'The first day is after the last.' } } };
      return ok(report);
    }
    if (method === 'reports.months') return ok([]);
    if (method === 'reports.units') return ok([]);
    if (method === 'reports.dossiers') return ok({ items: [], offset: 0, hasMore: false });
    if (method === 'reports.export') {
      await dropFocusFromDisabledButton();
      return ok({ fileName: 'bao-cao.csv', mime: 'text/csv', dataBase64: btoa('a,b') });
    }
    return undefined;
  });

// jsdom has no object URLs; the download only needs one to put on its link.
const { createObjectURL, revokeObjectURL } = URL;
beforeAll(() => {
  initI18n('vi');
  URL.createObjectURL = () => 'blob:bao-cao';
  URL.revokeObjectURL = () => undefined;
});
afterAll(() => {
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});
afterEach(cleanup);

const renderScreen = () =>
  render(
    <DeskProvider transport={desk()}>
      <ReportsScreen />
    </DeskProvider>,
  );

describe('the reports screen', () => {
  it('says why a report takes long (the desk refolding figures after an upgrade), and takes it away once it comes', async () => {
    let answer: (() => void) | null = null;
    const slowDesk = standInDesk(async (method) => {
      if (method === 'reports.summary') {
        await new Promise<void>((resolve) => (answer = resolve));
        return ok(report);
      }
      if (method === 'reports.months') return ok([]);
      if (method === 'reports.units') return ok([]);
      return undefined;
    });
    render(
      <DeskProvider transport={slowDesk}>
        <ReportsScreen />
      </DeskProvider>,
    );
    const note = /Quầy đang cập nhật số liệu báo cáo từ các hồ sơ vừa thay đổi/;
    expect(screen.queryByText(note)).toBeNull();
    // Not at once: a report that comes within a moment is not announced as slow.
    await new Promise((resolve) => setTimeout(resolve, SLOW_REPORT_MS / 2));
    expect(screen.queryByText(note)).toBeNull();
    expect((await screen.findByText(note, {}, { timeout: SLOW_REPORT_MS * 2 })).getAttribute('role')).toBe('status');
    answer!();
    await screen.findByTestId('figure-resolved_late');
    expect(screen.queryByText(note)).toBeNull();
  });

  it('moves the focus to the list of dossiers behind a figure, which opens below the fold', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByTestId('figure-resolved_late'));
    const heading = await screen.findByRole('heading', { name: 'Hồ sơ thuộc số liệu “Giải quyết quá hạn”' });
    expect(document.activeElement).toBe(heading);
  });

  it('names the resolved figures as resolved, so “late” is not read as the dossiers overdue now', async () => {
    // Beside "Đang giải quyết quá hạn", a card "Quá hạn" read as the overdue dossiers of today; it counts those
    // resolved after their deadline (the report form's "Đã giải quyết: trước hạn / đúng hạn / quá hạn").
    renderScreen();
    const titles = await Promise.all(
      ['figure-resolved_early', 'figure-resolved_on_time', 'figure-resolved_late', 'figure-in_progress_overdue'].map(
        async (id) => (await screen.findByTestId(id)).querySelector('.muted')?.textContent,
      ),
    );
    expect(titles).toEqual(['Giải quyết trước hạn', 'Giải quyết đúng hạn', 'Giải quyết quá hạn', 'Đang giải quyết quá hạn']);
  });

  it('puts the focus on the date to correct when the desk refuses the period', async () => {
    const user = userEvent.setup();
    renderScreen();
    const from = await screen.findByRole('textbox', { name: 'Từ ngày' });
    const to = screen.getByRole('textbox', { name: 'Đến ngày' });
    await user.clear(from);
    await user.type(from, '30/11/2026');
    await user.clear(to);
    await user.type(to, '01/11/2026');
    await user.click(screen.getByRole('button', { name: 'Xem báo cáo' }));
    expect(await screen.findByText('Ngày bắt đầu sau ngày kết thúc.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(from));
  });

  it('puts the focus on a typed date that does not exist', async () => {
    const user = userEvent.setup();
    renderScreen();
    const to = await screen.findByRole('textbox', { name: 'Đến ngày' });
    await user.clear(to);
    await user.type(to, '31/02/2026');
    await user.click(screen.getByRole('button', { name: 'Xem báo cáo' }));
    await waitFor(() => expect(document.activeElement).toBe(to));
    // Said as the list says it: the date has the right form, it is not in the calendar.
    expect(screen.getByText('Không có ngày 31/02/2026 trong lịch.')).toBeTruthy();
  });

  it('asks for a date left empty, rather than calling it not valid', async () => {
    const user = userEvent.setup();
    renderScreen();
    const from = await screen.findByRole('textbox', { name: 'Từ ngày' });
    await user.clear(from);
    await user.click(screen.getByRole('button', { name: 'Xem báo cáo' }));
    await waitFor(() => expect(document.activeElement).toBe(from));
    expect(screen.getByText('Hãy nhập ngày, dạng 31/12/2026.')).toBeTruthy();
    expect(screen.queryByText('Ngày không hợp lệ; hãy viết dạng 31/12/2026.')).toBeNull();
  });

  it('runs the report on Enter in a date, checking the dates as the button does', async () => {
    const asked: unknown[] = [];
    const recording = standInDesk(async (method, input) => {
      if (method === 'reports.summary') asked.push(input);
      return desk().call(method as never, input as never);
    });
    const user = userEvent.setup();
    render(
      <DeskProvider transport={recording}>
        <ReportsScreen />
      </DeskProvider>,
    );
    await screen.findByTestId('report-period');
    const from = screen.getByRole('textbox', { name: 'Từ ngày' });
    const to = screen.getByRole('textbox', { name: 'Đến ngày' });
    await user.clear(to);
    await user.type(to, '31/02/2026{Enter}');
    expect(await screen.findByText('Không có ngày 31/02/2026 trong lịch.')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('report-period')).toBeNull();
    await user.clear(to);
    await user.type(to, '30/11/2026');
    await user.clear(from);
    await user.type(from, '01/11/2026{Enter}');
    await waitFor(() => expect(asked.at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' }));
    expect(await screen.findByTestId('report-period')).toBeTruthy();
  });

  it('takes the last period’s figures off the screen while the dates typed are not a period, and shows them again once they are', async () => {
    const user = userEvent.setup();
    renderScreen();
    await screen.findByTestId('report-period');
    const from = screen.getByRole('textbox', { name: 'Từ ngày' });
    await user.clear(from);
    await user.click(screen.getByRole('button', { name: 'Xem báo cáo' }));
    expect(screen.queryByTestId('report-period')).toBeNull();
    expect(screen.queryByTestId('figure-resolved_late')).toBeNull();
    await user.type(from, '01/11/2026');
    await user.click(screen.getByRole('button', { name: 'Xem báo cáo' }));
    expect(await screen.findByTestId('report-period')).toBeTruthy();
  });

  /** The reports screen on a district desk whose unit choices are `units` (what `reports.units` answers). */
  async function districtDeskWith(units: ReportUnitChoice[]) {
    const districtDesk = standInDesk(async (method) => {
      if (method === 'reports.summary') return ok(report);
      if (method === 'reports.months') return ok([]);
      if (method === 'reports.units') return ok(units);
      return undefined;
    });
    render(
      <DeskProvider transport={districtDesk}>
        <ReportsScreen />
      </DeskProvider>,
    );
    return screen.findByTestId('report-unit');
  }
  const district = { code: '000.00.06.H56', name: 'Huyện Thanh Hà', depth: 0, heldHere: true, onlyTransferred: false };
  const thanhAn = { code: '000.01.06.H56', name: 'Xã Thanh An', depth: 1, heldHere: true, onlyTransferred: true };

  it('on a district desk, does not present a commune’s transferred dossiers as the commune’s figures', async () => {
    // A desk syncs its own unit's dossiers and those transferred to it: of a commune, the district desk holds only
    // what the commune sent up, never the commune's whole month (its birth registrations stay at the commune).
    const picker = await districtDeskWith([district, thanhAn, { code: '000.02.06.H56', name: 'Xã Thanh Bính', depth: 1, heldHere: false, onlyTransferred: false }]);
    const options = [...picker.querySelectorAll('option')].map((o) => o.textContent?.trim());
    expect(options).toEqual(['Huyện Thanh Hà', 'Xã Thanh An (chỉ hồ sơ chuyển đến quầy này)', 'Xã Thanh Bính (không có hồ sơ tại quầy)']);
    expect(screen.queryByText('Số liệu của đơn vị và các đơn vị trực thuộc')).toBeNull();
    expect(screen.getByText(/những hồ sơ các đơn vị trực thuộc đã chuyển đến/)).toBeTruthy();
  });

  it('says the same when every commune has sent the district something', async () => {
    await districtDeskWith([district, thanhAn]);
    expect(screen.queryByText('Số liệu của đơn vị và các đơn vị trực thuộc')).toBeNull();
    expect(screen.getByText(/những hồ sơ các đơn vị trực thuộc đã chuyển đến/)).toBeTruthy();
  });

  it('gives the focus back to the export button once the file is made, not to the top of the page', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'CSV' }));
    expect(await screen.findByText(/bao-cao\.csv/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'CSV' })));
  });
});
