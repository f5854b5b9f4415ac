// @vitest-environment jsdom
/** The always-visible sync indicator, fed from the sync store as the desk's events feed it. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { changeLanguage, initI18n } from '../i18n';
import { useSyncState, type SyncSnapshot } from '../store/sync';
import { SyncIndicator, useSyncFeed } from './SyncIndicator';
import { DeskProvider } from '../desk-context';
import type { DeskTransport } from '../bridge';
import type { SyncStatusView } from '../../../shared/api/desk-views';
import { ok } from '../../../shared/result';
import { announcingStandInDesk, standInDesk } from '../test-support/stand-in-desk';

const inStep: SyncSnapshot = { state: 'online', pending: 0, lastSyncAt: '2026-11-29T03:13:00+07:00' };
const conflicts = {
  vi: '2 hồ sơ có xung đột cần cán bộ phụ trách xem xét.',
  en: '2 dossiers are in conflict and wait for a supervisor.',
};
const clockWarning = {
  vi: 'Đồng hồ máy tính này đang chậm ít nhất 5 ngày: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (03:31 01/12/2026). Thời gian in trên phiếu và ghi vào hồ sơ sẽ bị sai.',
  en: "This PC's clock is at least 5 days behind.",
};
/** The desk's finding after a restart offline, 5 days slow: from the server's last answer it holds (clock-evidence.ts). */
const fiveDaysSlow = { basis: 'server_time', skewSeconds: -(4 * 86_400 + 18 * 3600 + 31 * 60), since: '2026-12-01T03:31:00+07:00' } as const;

const unreachable = {
  vi: 'Không kết nối được máy chủ. Dữ liệu vẫn được lưu an toàn trên máy này và sẽ tự gửi khi có mạng trở lại.',
  en: 'Cannot reach the server. Data is kept safely on this PC and will be sent automatically when the connection returns.',
};
const catchUp = {
  vi: 'Quầy vừa khôi phục dữ liệu từ bản sao lưu và đang lấy lại từ máy chủ những thay đổi đã gửi sau bản sao lưu đó. Chưa ghi được hồ sơ mới cho đến khi đồng bộ xong; hãy kết nối mạng.',
  en: 'This desk was restored from a backup and is fetching from the server the changes it sent after that backup. New records wait until that sync is done; connect to the network.',
};
const notEnrolled = {
  vi: 'Quầy chưa kết nối với máy chủ của đơn vị; dữ liệu chỉ lưu trên máy này.',
  en: "This desk is not connected to the unit's server; data stays on this PC only.",
};

function showing(snapshot: SyncSnapshot): HTMLElement {
  act(() => useSyncState.getState().set(snapshot));
  render(<SyncIndicator />);
  return screen.getByTestId('sync-indicator');
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  useSyncState.setState({ snapshot: null });
});

describe('the sync indicator', () => {
  it('online and in step: "Trực tuyến" and nothing more to look at', () => {
    const indicator = showing(inStep);
    expect(indicator.textContent).toContain('Trực tuyến');
    expect(screen.queryByTestId('sync-warning')).toBeNull();
  });

  it('online with dossiers in conflict: a visible warning beside "Trực tuyến", the words in its tooltip', () => {
    const indicator = showing({ ...inStep, message: conflicts });
    expect(indicator.textContent).toContain('Trực tuyến');
    expect(screen.getByTestId('sync-warning').textContent).toBe('⚠ Có cảnh báo');
    expect(indicator.getAttribute('title')).toBe(conflicts.vi);
    expect(screen.queryByTestId('sync-clock-warning')).toBeNull();
  });

  it('online with the PC clock measured 2 days behind: the header names the clock, how far off on hover', () => {
    showing({ ...inStep, message: conflicts, clockCheck: { basis: 'measured', skewSeconds: -2 * 86_400, since: inStep.lastSyncAt! } });
    const clock = screen.getByTestId('sync-clock-warning');
    expect(clock.textContent).toBe('⚠ Đồng hồ máy tính đang sai');
    expect(clock.getAttribute('title')).toBe('Đồng hồ máy tính này đang chậm 2 ngày so với máy chủ.');
    expect(screen.queryByTestId('sync-warning')).toBeNull();
  });

  it('offline with a clock the desk finds 5 days slow: the header warns about the clock too, beside "work goes on"', () => {
    // The desk's message offline is the lost link, not the clock: the warning comes from the finding itself.
    showing({ ...inStep, state: 'offline', enrolled: true, message: unreachable, clockCheck: fiveDaysSlow });
    expect(screen.getByTestId('sync-indicator').textContent).toContain('Mất kết nối');
    const clock = screen.getByTestId('sync-clock-warning');
    expect(clock.textContent).toBe('⚠ Đồng hồ máy tính đang sai');
    expect(clock.getAttribute('title')).toBe(
      'Đồng hồ máy tính này đang chậm ít nhất 5 ngày: giờ trên máy còn sớm hơn thời điểm máy chủ đã báo cho quầy (03:31 01/12/2026).',
    );
    expect(screen.getByTestId('sync-offline-note')).toBeTruthy();

    // Set right: the desk's next status has no finding, and the warning goes.
    act(() => useSyncState.getState().set({ ...inStep, state: 'offline', enrolled: true, message: unreachable, clockCheck: null }));
    expect(screen.queryByTestId('sync-clock-warning')).toBeNull();
    expect(screen.getByTestId('sync-offline-note')).toBeTruthy();
  });

  it('offline, in English: "The PC\'s clock is wrong"', async () => {
    await act(() => changeLanguage('en'));
    try {
      showing({ ...inStep, state: 'offline', enrolled: true, message: unreachable, clockCheck: fiveDaysSlow });
      expect(screen.getByTestId('sync-clock-warning').textContent).toBe("⚠ The PC's clock is wrong");
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it('offline: the state itself says it, with no second warning', () => {
    showing({ ...inStep, state: 'offline', enrolled: true, message: unreachable });
    expect(screen.getByTestId('sync-indicator').textContent).toContain('Mất kết nối');
    expect(screen.queryByTestId('sync-warning')).toBeNull();
  });

  it('offline: the header itself says work goes on and will be sent, the tooltip still explains, and online it goes', () => {
    const indicator = showing({ ...inStep, state: 'offline', enrolled: true, pending: 2, message: unreachable });
    expect(screen.getByTestId('sync-offline-note').textContent).toBe('Vẫn làm việc bình thường, sẽ tự gửi khi có mạng');
    expect(screen.getByTestId('sync-pending').textContent).toBe('2 thao tác chờ gửi');
    expect(indicator.getAttribute('title')).toBe(unreachable.vi);

    act(() => useSyncState.getState().set(inStep));
    expect(indicator.textContent).toContain('Trực tuyến');
    expect(screen.queryByTestId('sync-offline-note')).toBeNull();

    // A desk not connected to any server yet has nowhere to send to: nothing is promised.
    act(() => useSyncState.getState().set({ ...inStep, state: 'offline', enrolled: false, lastSyncAt: null, message: notEnrolled }));
    expect(indicator.textContent).toContain('Mất kết nối');
    expect(screen.queryByTestId('sync-offline-note')).toBeNull();
  });

  it('server busy (it answered, but asked the desk to wait): not "no connection", and the work still goes on', async () => {
    const busy = { vi: 'Máy gửi quá nhiều yêu cầu; hãy thử lại sau 30 giây.', en: 'Too many requests from this client; try again in 30 seconds.' };
    const indicator = showing({ ...inStep, state: 'waiting', enrolled: true, pending: 3, message: busy });
    expect(indicator.textContent).toContain('Máy chủ bận');
    expect(indicator.textContent).not.toContain('Mất kết nối');
    expect(screen.getByTestId('sync-offline-note').textContent).toBe('Vẫn làm việc bình thường, sẽ tự gửi lại khi máy chủ nhận');
    expect(screen.queryByTestId('sync-warning')).toBeNull();
    expect(indicator.getAttribute('title')).toBe(busy.vi);
    await act(() => changeLanguage('en'));
    try {
      expect(indicator.textContent).toContain('Server busy');
      expect(screen.getByTestId('sync-offline-note').textContent).toBe('Work goes on; all is sent again when the server takes it');
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it('offline, in English: the same reassurance in English', async () => {
    await act(() => changeLanguage('en'));
    try {
      showing({ ...inStep, state: 'offline', enrolled: true, message: unreachable });
      expect(screen.getByTestId('sync-offline-note').textContent).toBe('Work goes on; all is sent when the link returns');
    } finally {
      await act(() => changeLanguage('vi'));
    }
  });

  it("a first pull's progress in Vietnamese numbers, against its whole length", () => {
    showing({ ...inStep, state: 'syncing', progress: { done: 120_000, total: 263_860 } });
    expect(screen.getByTestId('sync-progress').textContent).toBe('120.000/263.860');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuemax')).toBe('263860');
  });

  it('after a restore not yet caught up: offline, the header says no new dossier can be recorded, not that work goes on', () => {
    showing({ ...inStep, state: 'offline', enrolled: true, pending: 1, message: catchUp, catchingUpAfterRestore: true });
    expect(screen.getByTestId('sync-catch-up-note').textContent).toBe('⚠ Chưa ghi được hồ sơ mới cho tới khi quầy kết nối được máy chủ');
    expect(screen.queryByTestId('sync-offline-note')).toBeNull();
    expect(screen.getByTestId('sync-pending').textContent).toBe('1 thao tác chờ gửi');

    act(() => useSyncState.getState().set({ ...inStep, state: 'offline', enrolled: true, pending: 1, message: unreachable }));
    expect(screen.queryByTestId('sync-catch-up-note')).toBeNull();
    expect(screen.getByTestId('sync-offline-note')).toBeTruthy();
  });

  it('on a PC another PC also works as: online or not, the header says it records nothing more, not that work goes on', () => {
    showing({ ...inStep, state: 'online', enrolled: true, pending: 1, identityInUseElsewhere: true });
    expect(screen.getByTestId('sync-in-use-elsewhere-note').textContent).toBe(
      '⚠ Máy khác đang làm cùng quầy này: không ghi được hồ sơ mới, hãy báo quản trị hệ thống',
    );
    act(() => useSyncState.getState().set({ ...inStep, state: 'offline', enrolled: true, pending: 1, identityInUseElsewhere: true }));
    expect(screen.getByTestId('sync-in-use-elsewhere-note')).toBeTruthy();
    expect(screen.queryByTestId('sync-offline-note')).toBeNull();
  });

  it("follows the desk's events for a restore's catch-up: the note comes and goes with them, without another read", async () => {
    const status: SyncStatusView = {
      online: false, state: 'offline', enrolled: true, pending: 1, quarantined: 0, lastSyncAt: null,
      errors: [], clockSkewSeconds: null, catchingUpAfterRestore: false,
    };
    let reads = 0;
    const desk = announcingStandInDesk((method) => {
      if (method !== 'sync.status') throw new Error(method);
      reads += 1;
      return ok(status);
    });
    renderHeader(desk.transport);
    await screen.findByText(/Vẫn làm việc bình thường/);
    const read = reads;
    const emit = (data: SyncSnapshot) => act(() => desk.announce({ type: 'sync.status', data }));
    // Restored from a backup: the desk's event says it holds receptions, and the header stops saying work goes on.
    emit({ state: 'offline', enrolled: true, pending: 1, lastSyncAt: null, message: catchUp, catchingUpAfterRestore: true });
    expect(screen.getByTestId('sync-catch-up-note')).toBeTruthy();
    expect(screen.queryByText(/Vẫn làm việc bình thường/)).toBeNull();
    // Caught up: the next event lifts it.
    emit({ state: 'online', enrolled: true, pending: 0, lastSyncAt: '2026-11-29T03:13:00+07:00', catchingUpAfterRestore: false });
    expect(screen.queryByTestId('sync-catch-up-note')).toBeNull();
    expect(reads).toBe(read);
  });

  it("warns about the clock from the desk's own answer, offline a day after a restart with nothing measured", async () => {
    // What the sync client answers then (electron/desk/sync/sync-client.ts): the lost link comes first in its
    // messages, the clock second; the header reads the finding, not the first message.
    const status: SyncStatusView = {
      online: false, state: 'offline', enrolled: true, pending: 3, quarantined: 0, lastSyncAt: '2026-12-01T03:31:00+07:00',
      errors: [unreachable, clockWarning], message: unreachable, clockSkewSeconds: null, clockCheck: fiveDaysSlow,
    };
    renderHeader(
      standInDesk((method) => {
        if (method !== 'sync.status') throw new Error(method);
        return ok(status);
      }),
    );
    expect((await screen.findByTestId('sync-clock-warning')).textContent).toBe('⚠ Đồng hồ máy tính đang sai');
    expect(screen.getByTestId('sync-indicator').textContent).toContain('Mất kết nối');
    expect(screen.getByTestId('sync-offline-note')).toBeTruthy();
  });
});

/** The header as the app mounts it: the indicator, fed by the desk's sync status and its events. */
function renderHeader(transport: DeskTransport): void {
  function Header() {
    useSyncFeed();
    return <SyncIndicator />;
  }
  render(
    <DeskProvider transport={transport}>
      <Header />
    </DeskProvider>,
  );
}
