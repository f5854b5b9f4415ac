// @vitest-environment jsdom
/** The Friday-without-waiting board in a DOM, against a stand-in desk with the standard calendar (7:00–11:30, 13:30–17:00). */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { ok } from '../../../../shared/result';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useWorkingCalendarStore } from '../../store/working-calendar';
import { FridayBoardScreen } from './FridayBoardScreen';
import { standInDesk } from '../../test-support/stand-in-desk';

const view: CalendarView = {
  effective: {},
  server: { config: {}, source: 'seed', updatedAt: '2026-11-01T08:00:00+07:00' },
  local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null },
};

const row = (id: string, applicantName: string, dueAt: string): DossierSummary => ({
  id,
  code: `000.00.06.H56-261127-${id}`,
  status: 1,
  statusLabel: { vi: 'Đã tiếp nhận', en: 'Received' },
  procedureCode: '1.001193',
  procedureName: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  channel: 'in_person',
  applicantName,
  receivedAt: '2026-11-27T09:00:00+07:00',
  dueAt,
  overdue: false,
  fridayNoWait: true,
  syncState: 'synced',
  version: 1,
});

function deskStandIn(items: DossierSummary[], day = { date: '2026-11-27', isFriday: true }): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'calendar.get') return ok(view);
    if (method === 'dossiers.fridayQueue') return ok({ ...day, items });
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useWorkingCalendarStore.setState({ view: null, calendar: null, error: null });
});

describe('the Friday-without-waiting board', () => {
  it('on another day, says the rule does not apply today, and what the dossiers it lists are', async () => {
    render(
      <DeskProvider transport={deskStandIn([row('1001', 'Nguyễn Văn An', '2026-12-02T17:00:00+07:00')], { date: '2026-11-29', isFriday: false })}>
        <FridayBoardScreen />
      </DeskProvider>,
    );
    expect((await screen.findByRole('status')).textContent).toBe(
      'Hôm nay không phải Thứ Sáu: hồ sơ của thủ tục Thứ Sáu không chờ được hẹn trả theo thời hạn thông thường của thủ tục.',
    );
    expect(screen.getByTestId('friday-listed').textContent).toBe(
      'Hồ sơ của thủ tục Thứ Sáu không chờ tiếp nhận hôm nay, hoặc bổ sung đủ hôm nay, theo thứ tự đến.',
    );
    expect(screen.getByText('Nguyễn Văn An')).toBeTruthy();
  });

  it('on another day with nothing to list, speaks of no dossiers "below"', async () => {
    render(
      <DeskProvider transport={deskStandIn([], { date: '2026-11-29', isFriday: false })}>
        <FridayBoardScreen />
      </DeskProvider>,
    );
    expect((await screen.findByRole('status')).textContent).not.toMatch(/dưới đây/);
    expect(screen.getByText('Hôm nay chưa có hồ sơ nào của thủ tục Thứ Sáu không chờ được tiếp nhận hoặc bổ sung đủ.')).toBeTruthy();
    expect(screen.queryByTestId('friday-listed')).toBeNull();
  });

  it('counts the time left in office time, as a clerk does, not in calendar hours', async () => {
    // Friday 27/11/2026, 09:00 in Hà Nội.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T09:00:00+07:00'));
    render(
      <DeskProvider
        transport={deskStandIn([
          // Three working days: Friday, Monday, Tuesday (120 calendar hours).
          row('1001', 'Nguyễn Văn An', '2026-12-02T09:00:00+07:00'),
          // Friday 09:00–11:30 and 13:30–17:00, then Monday 07:00–11:00 (74 calendar hours).
          row('1002', 'Trần Thị Bích', '2026-11-30T11:00:00+07:00'),
          // Today across the lunch break: 2 h 30 + 3 h (7 h 30 by the clock).
          row('1003', 'Lê Văn Cường', '2026-11-27T16:30:00+07:00'),
          row('1004', 'Phạm Thị Dung', '2026-11-27T08:30:00+07:00'),
        ])}
      >
        <FridayBoardScreen />
      </DeskProvider>,
    );
    const leftFor = async (name: string) => within((await screen.findByText(name)).closest('tr')!).findByText(/^Còn|quá giờ/);
    expect((await leftFor('Nguyễn Văn An')).textContent).toBe('Còn 3 ngày làm việc');
    expect((await leftFor('Trần Thị Bích')).textContent).toBe('Còn 1 ngày 2 giờ làm việc');
    expect((await leftFor('Lê Văn Cường')).textContent).toBe('Còn 5 giờ 30 phút làm việc');
    expect((await leftFor('Phạm Thị Dung')).textContent).toBe('Đã quá giờ hẹn');
    expect(screen.getByRole('columnheader', { name: 'Thời gian làm việc còn lại' })).toBeTruthy();
  });
});
