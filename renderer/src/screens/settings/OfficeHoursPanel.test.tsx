// @vitest-environment jsdom
/** The office-hours form in a DOM, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import { mergeCalendarLayers, type LocalCalendar } from '../../../../shared/calendar/local-layer';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useWorkingCalendarStore } from '../../store/working-calendar';
import { OfficeHoursPanel } from './OfficeHoursPanel';
import { standInDesk } from '../../test-support/stand-in-desk';

const calls: { method: string; input: unknown }[] = [];
/** How many running dossiers the desk finds with an appointment on a day off; undefined: it does not answer. */
let appointmentsOnDaysOff: number | undefined;
const view: CalendarView = {
  effective: {},
  server: { config: {}, source: 'seed', updatedAt: '2026-11-01T08:00:00+07:00' },
  local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null },
};

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    calls.push({ method, input });
    if (method === 'calendar.get') return ok(view);
    if (method === 'dossiers.appointmentsOnDaysOff' && appointmentsOnDaysOff !== undefined) return ok({ count: appointmentsOnDaysOff, items: [] });
    if (method === 'calendar.setLocal') {
      const layer = input as LocalCalendar;
      return ok({ ...view, effective: mergeCalendarLayers(view.server.config, layer), local: { ...layer, updatedAt: '2026-11-28T09:00:00+07:00', updatedBy: 'Quản trị' } });
    }
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
  appointmentsOnDaysOff = undefined;
  useWorkingCalendarStore.setState({ view: null, calendar: null, error: null });
});

const renderPanel = (canEdit: boolean) =>
  render(
    <DeskProvider transport={deskStandIn()}>
      <OfficeHoursPanel canEdit={canEdit} />
    </DeskProvider>,
  );

describe('the office-hours form', () => {
  it('is read-only for a clerk, with the reason said', async () => {
    renderPanel(false);
    expect(await screen.findByText('Chỉ quản trị viên được thay đổi giờ làm việc.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Buổi 1: giờ bắt đầu' }) as HTMLInputElement).matches(':disabled')).toBe(true);
    expect((screen.getByRole('radio', { name: /Giờ riêng của đơn vị/ }) as HTMLInputElement).matches(':disabled')).toBe(true);
    expect(screen.queryByTestId('office-hours-save')).toBeNull();
  });

  it('shows a bad time under its field and sends nothing; a good one is sent as the whole layer', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.click(await screen.findByRole('radio', { name: /Giờ riêng của đơn vị/ }));
    const start = screen.getByRole('textbox', { name: 'Buổi 2: giờ bắt đầu' });
    await user.clear(start);
    await user.type(start, '11:00');
    await user.click(screen.getByTestId('office-hours-save'));
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Buổi này phải bắt đầu sau khi buổi trước kết thúc.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(start));
    expect(calls.some((c) => c.method === 'calendar.setLocal')).toBe(false);

    await user.clear(start);
    await user.type(start, '13:00');
    await user.click(screen.getByRole('button', { name: 'Thêm ngày làm bù' }));
    await user.type(screen.getByRole('textbox', { name: 'Ngày (dd/mm/yyyy)' }), '12/12/2026');
    await user.click(screen.getByTestId('office-hours-save'));
    await screen.findByText('Đã lưu. Ngày hẹn của các hồ sơ tiếp nhận từ bây giờ dùng lịch mới.');
    expect(calls.find((c) => c.method === 'calendar.setLocal')?.input).toEqual({
      officeHours: {
        weekdays: [1, 2, 3, 4, 5],
        sessions: [
          { start: '07:00', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
        sameDayCutoff: '15:00',
        fridayNoWaitCutoff: '15:30',
        fridayNoWaitNextDue: '09:00',
      },
      daysOff: [],
      workingDays: [{ date: '2026-12-12' }],
    });
    // The reception screen's calendar takes the desk's answer at once.
    expect(useWorkingCalendarStore.getState().calendar?.isWorkingDay('2026-12-12')).toBe(true);
  });

  it('says after a save how many running dossiers now have their appointment on a day off', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.click(await screen.findByRole('button', { name: 'Thêm ngày nghỉ' }));
    await user.type(screen.getByRole('textbox', { name: 'Ngày (dd/mm/yyyy)' }), '08/12/2026');
    await user.type(screen.getByRole('textbox', { name: /Lý do nghỉ/ }), 'Ngày truyền thống huyện');
    appointmentsOnDaysOff = 3;
    await user.click(screen.getByTestId('office-hours-save'));
    await screen.findByText(
      'Đã lưu. Ngày hẹn của các hồ sơ tiếp nhận từ bây giờ dùng lịch mới. 3 hồ sơ đang giải quyết có ngày hẹn trả rơi vào ngày nghỉ theo lịch hiện tại: xem danh sách ở màn hình Hồ sơ, báo cho công dân và hẹn lại nếu cần.',
    );
    expect(calls.map((c) => c.method).slice(-2)).toEqual(['calendar.setLocal', 'dossiers.appointmentsOnDaysOff']);

    // The day off taken back: the plain message again.
    await user.click(screen.getByRole('button', { name: 'Xoá ngày 1' }));
    appointmentsOnDaysOff = 0;
    await user.click(screen.getByTestId('office-hours-save'));
    await screen.findByText('Đã lưu. Ngày hẹn của các hồ sơ tiếp nhận từ bây giờ dùng lịch mới.');
  });
});
