// @vitest-environment jsdom
/**
 * QA with faketime: the desk synced at 03:31 01/12, the server went away, the PC was restarted 5 days slow and a
 * dossier was received without a word (the slip said received 26/11, due 02/12). The desk has measured nothing in
 * this run, but it tells from what the server told it before that its clock is at least 5 days slow: the reception
 * screen warns and asks before F2 prints, exactly as for a measured skew. The desk is a stand-in.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { ok } from '../../../../shared/result';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { useSyncState, type SyncSnapshot } from '../../store/sync';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import { standInDesk } from '../../test-support/stand-in-desk';
import { ReceptionScreen } from './ReceptionScreen';

const calls: { method: string; input: unknown }[] = [];
const calendar: CalendarView = {
  effective: {},
  server: { config: {}, source: 'seed', updatedAt: '2026-11-01T08:00:00+07:00' },
  local: { officeHours: null, daysOff: [], workingDays: [], updatedAt: null, updatedBy: null },
};
const RECEIPT = { code: '000.00.06.H56-261126-1001', pin: '123456', receivedAt: '2026-11-26T09:00:00+07:00', dueAt: '2026-12-02T09:00:00+07:00' };
/** The draft store's reads the screen started: awaited before the page goes. */
const reads: Promise<unknown>[] = [];

function renderScreen(dbName: string) {
  const opened = openDraftStore(dbName);
  const track = <T,>(read: Promise<T>): Promise<T> => (reads.push(read), read);
  const drafts: DraftStore = { ...opened, load: (key) => track(opened.load(key)), list: (prefix) => track(opened.list(prefix)) };
  const transport = standInDesk((method, input) => {
    calls.push({ method, input });
    if (method === 'catalog.procedures') return ok(seedProcedures);
    if (method === 'calendar.get') return ok(calendar);
    if (method === 'app.info') return ok({ version: 'test', deviceId: 'd1', unitCode: '000.00.06.H56', deskNumber: 1 });
    if (method === 'attachments.inbox') return ok({ folder: '/scans', missing: false, files: [] });
    if (method === 'settings.get') return ok({ scanInboxDir: '/scans', dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: null, language: 'vi' });
    if (method === 'dossiers.receive') return ok({ eventId: 'e1', ...RECEIPT, dossier: { id: 'dossier-1', version: 1 } });
    return undefined;
  });
  render(
    <DeskProvider transport={transport}>
      <ReceptionScreen drafts={drafts} />
    </DeskProvider>,
  );
}

beforeAll(() => {
  initI18n('vi');
  useSession.setState({ user: { id: 'u71', username: 'canbo-u71', displayName: 'Phan Thị Hoa', role: 'clerk' } });
});
afterEach(async () => {
  await act(async () => {
    await Promise.allSettled(reads.splice(0));
  });
  cleanup();
  calls.length = 0;
  useSyncState.setState({ snapshot: null });
});

describe('a reception on a clock the desk finds slow without asking the server', () => {
  it('warns above the form, saying how it knows, and asks before F2 records and prints', async () => {
    const restartedOffline: SyncSnapshot = {
      state: 'offline', enrolled: true, pending: 0, lastSyncAt: '2026-12-01T03:31:00+07:00',
      clockCheck: { basis: 'server_time', skewSeconds: -(4 * 86_400 + 18 * 3600 + 31 * 60), since: '2026-12-01T03:31:00+07:00' },
    };
    useSyncState.getState().set(restartedOffline);
    const user = userEvent.setup();
    renderScreen('reception-clock-evidence');
    const warning = await screen.findByTestId('reception-clock-skew');
    expect(warning.textContent).toContain('Đồng hồ máy tính này đang chậm ít nhất 5 ngày: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (03:31 01/12/2026).');
    expect(warning.textContent).toContain('Giờ nhận và ngày hẹn trả in trên phiếu hẹn sẽ bị sai.');

    const birth = seedProcedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
    await user.type(await screen.findByTestId('procedure-search'), 'dang ky khai sinh');
    await user.click(screen.getAllByRole('option').find((o) => o.querySelector('.procedure-name')?.textContent === birth.name)!);
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn Đức');
    for (const box of screen.getAllByRole('checkbox')) await user.click(box);
    await user.keyboard('{F2}');
    const question = screen.getByTestId('clock-skew-question');
    expect(question.textContent).toContain('Vẫn lưu hồ sơ và in phiếu khi đồng hồ máy tính đang sai?');
    expect(calls.some((c) => c.method === 'dossiers.receive')).toBe(false);

    await user.click(within(question).getByRole('button', { name: 'Vẫn lưu và in phiếu' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'dossiers.receive')).toHaveLength(1));
  });
});
