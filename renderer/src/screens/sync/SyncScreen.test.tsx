// @vitest-environment jsdom
/** The sync page in a DOM, against a stand-in desk that is in step with its server. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, ok } from '../../../../shared/result';
import type { SyncStatusView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { SyncScreen } from './SyncScreen';
import { useSession } from '../../store/session';
import { standInDesk } from '../../test-support/stand-in-desk';

const status: SyncStatusView = {
  online: true,
  pending: 0,
  quarantined: 0,
  conflicts: 0,
  lastSyncAt: '2026-11-27T09:00:00+07:00',
  errors: [],
  state: 'online',
  enrolled: true,
  serverUrl: 'https://motcua.thanhha.gov.vn',
};

function deskStandIn(view: SyncStatusView = status): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'sync.status') return ok(view);
    if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
    return undefined;
  });
}

/** The sync page on a stand-in desk. */
const renderSyncPage = (transport: DeskTransport) =>
  render(
    <DeskProvider transport={transport}>
      <SyncScreen />
    </DeskProvider>,
  );

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

describe('the sync page', () => {
  it('says "Tình trạng đồng bộ" once, as the label of the state, and names its section with it', async () => {
    renderSyncPage(deskStandIn());
    expect((await screen.findByTestId('sync-state')).textContent).toBe('Trực tuyến');
    expect(screen.getAllByText('Tình trạng đồng bộ')).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Tình trạng đồng bộ' })).toBeTruthy();
  });

  it('a server that asks the desk to wait: "Máy chủ bận", its words as a warning, not as a fault; a lost link is one', async () => {
    const busy = { vi: 'Máy gửi quá nhiều yêu cầu; hãy thử lại sau 30 giây.', en: 'Too many requests from this client; try again in 30 seconds.' };
    renderSyncPage(deskStandIn({ ...status, online: false, state: 'waiting', pending: 2, errors: [busy] }));
    // Waited for: until the desk's status comes, the state reads "Chưa rõ" (CI under load saw it).
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toBe('Máy chủ bận'));
    const said = await screen.findByText(busy.vi);
    expect(said.className).toContain('banner-warning');
    expect(said.className).not.toContain('banner-error');
    cleanup();
    const unreachable = { vi: 'Không kết nối được máy chủ.', en: 'Cannot reach the server.' };
    renderSyncPage(deskStandIn({ ...status, online: false, state: 'offline', errors: [unreachable] }));
    expect((await screen.findByText(unreachable.vi)).className).toContain('banner-error');
  });

  it('a desk the server revoked: "Đồng bộ ngay" is disabled and says why and who can help; its shortcut does nothing', async () => {
    const revoked: SyncStatusView = {
      ...status,
      online: false,
      state: 'error',
      revoked: true,
      errors: [{ vi: 'Máy này đã bị quản trị viên thu hồi quyền đồng bộ. Hãy liên hệ quản trị viên để đăng ký lại.', en: 'This device was revoked.' }],
    };
    const calls: string[] = [];
    const desk = standInDesk((method: string) => {
      calls.push(method);
      if (method === 'sync.status') return ok(revoked);
      if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
      if (method === 'sync.now') return ok(revoked);
      return undefined;
    });
    renderSyncPage(desk);
    expect(await screen.findByTestId('sync-now-why')).toBeTruthy();
    const button = screen.getByRole('button', { name: /Đồng bộ ngay/ }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByRole('button', { name: /Đồng bộ ngay/, description: /thu hồi quyền đồng bộ của quầy này.*Hồ sơ chưa gửi vẫn được giữ.*quản trị viên huyện khôi phục quầy/ })).toBe(button);
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', altKey: true });
    fireEvent.click(button);
    await act(async () => undefined);
    expect(calls).not.toContain('sync.now');
  });

  it('a press that finds the desk revoked: the button goes disabled and the reason takes the keyboard focus', async () => {
    const revoked: SyncStatusView = { ...status, online: false, state: 'error', revoked: true };
    let view = status;
    const desk = standInDesk((method: string) => {
      if (method === 'sync.now') view = revoked;
      if (method === 'sync.status' || method === 'sync.now') return ok(view);
      if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
      return undefined;
    });
    renderSyncPage(desk);
    await screen.findByTestId('sync-server');
    const button = screen.getByRole('button', { name: /Đồng bộ ngay/ }) as HTMLButtonElement;
    act(() => button.focus());
    fireEvent.click(button);
    const why = await screen.findByTestId('sync-now-why');
    expect(button.disabled).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(why));
  });

  it('a desk in step with its server: "Đồng bộ ngay" is enabled and runs a round', async () => {
    const calls: string[] = [];
    const desk = standInDesk((method: string) => {
      calls.push(method);
      if (method === 'sync.status' || method === 'sync.now') return ok(status);
      if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
      return undefined;
    });
    renderSyncPage(desk);
    await screen.findByTestId('sync-server');
    const button = screen.getByRole('button', { name: /Đồng bộ ngay/ }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(screen.queryByTestId('sync-now-why')).toBeNull();
    fireEvent.click(button);
    await act(async () => undefined);
    expect(calls).toContain('sync.now');
  });

  it('tells a clock two days behind as "Chậm 2 ngày", in the words of the warning, not as "-2880 phút"', async () => {
    const skewed: SyncStatusView = { ...status, clockSkewSeconds: -2 * 86_400, clockCheck: { basis: 'measured', skewSeconds: -2 * 86_400, since: '2026-11-29T09:00:00+07:00' } };
    renderSyncPage(deskStandIn(skewed));
    expect((await screen.findByTestId('sync-clock-skew')).textContent).toBe('Chậm 2 ngày — hãy chỉnh lại đồng hồ máy tính');
  });

  it('tells a clock 7 minutes ahead as "Nhanh 7 phút"', async () => {
    renderSyncPage(deskStandIn({ ...status, clockSkewSeconds: 7 * 60 + 10, clockCheck: { basis: 'measured', skewSeconds: 7 * 60 + 10, since: '2026-11-29T09:00:00+07:00' } }));
    expect((await screen.findByTestId('sync-clock-skew')).textContent).toBe('Nhanh 7 phút — hãy chỉnh lại đồng hồ máy tính');
  });

  it('says the last attempt is by this PC’s clock when the clock is wrong, so it may read before the last success', async () => {
    renderSyncPage(
      deskStandIn({
        ...status,
        online: false,
        state: 'offline',
        lastSyncAt: '2026-12-01T08:02:00+07:00',
        lastAttemptAt: '2026-11-29T08:03:00+07:00',
        clockCheck: { basis: 'server_time', skewSeconds: -2 * 86_400, since: '2026-12-01T08:02:00+07:00' },
      }),
    );
    expect((await screen.findByTestId('sync-last-attempt')).textContent).toBe('08:03 29/11/2026 (theo đồng hồ máy này, đang sai)');
  });

  it('says nothing of the wrong clock beside a last attempt the desk gave in the server’s time (a skew measured)', async () => {
    renderSyncPage(
      deskStandIn({
        ...status,
        lastSyncAt: '2026-12-08T09:06:00+07:00',
        lastAttemptAt: '2026-12-08T09:06:00+07:00',
        lastAttemptOnServerTime: true,
        clockSkewSeconds: -86_400,
        clockCheck: { basis: 'measured', skewSeconds: -86_400, since: '2026-12-08T09:06:00+07:00' },
      }),
    );
    expect((await screen.findByTestId('sync-last-attempt')).textContent).toBe('09:06 08/12/2026');
  });

  it('shows a clock 2 minutes behind as within what is allowed, not as a fault the header does not mention', async () => {
    renderSyncPage(deskStandIn({ ...status, clockSkewSeconds: -(2 * 60 + 5), clockCheck: null }));
    expect((await screen.findByTestId('sync-clock-skew')).textContent).toBe('Chậm 2 phút (trong mức cho phép: quầy chỉ cảnh báo khi lệch quá 5 phút)');
  });

  it('an offline desk that keeps trying: the last attempt shown moves on without anything else changing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let view: SyncStatusView = { ...status, online: false, state: 'offline', lastAttemptAt: '2026-11-29T03:11:00+07:00' };
      const desk = standInDesk((method: string) => {
        if (method === 'sync.status') return ok(view);
        if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
        return undefined;
      });
      renderSyncPage(desk);
      expect(await screen.findByText('03:11 29/11/2026')).toBeTruthy();
      view = { ...view, lastAttemptAt: '2026-11-29T03:41:30+07:00' };
      await act(async () => {
        await vi.advanceTimersByTimeAsync(15_000);
      });
      expect(await screen.findByText('03:41 29/11/2026')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it("an administrator moves the desk to its server's new address; a refusal is told at the field, a clerk is not offered it", async () => {
    useSession.setState({ user: { id: 'u-admin', username: 'admin', displayName: 'Trần Thị Quản Trị', role: 'administrator' } });
    const asked: unknown[] = [];
    let view = status;
    const desk = standInDesk((method: string, input: unknown) => {
      if (method === 'sync.status') return ok(view);
      if (method === 'dossiers.syncProblems') return ok({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
      if (method === 'sync.setServer') {
        asked.push(input);
        const { serverUrl } = input as { serverUrl: string };
        if (serverUrl.includes('10.0.0.9')) {
          return fail('server_does_not_know_desk', 'Máy chủ ở địa chỉ này không nhận quầy này. Chưa có gì bị thay đổi.', 'The server at this address does not accept this desk.', { field: 'serverUrl' });
        }
        view = { ...status, serverUrl: 'http://10.0.0.7:8470/' };
        return ok(view);
      }
      return undefined;
    });
    renderSyncPage(desk);
    fireEvent.click(await screen.findByRole('button', { name: 'Đổi địa chỉ máy chủ…' }));
    const field = screen.getByLabelText(/Địa chỉ mới của máy chủ/) as HTMLInputElement;
    expect(field.value).toBe('https://motcua.thanhha.gov.vn');
    fireEvent.change(field, { target: { value: 'http://10.0.0.9:8470' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra và lưu' }));
    expect((await screen.findByRole('alert')).textContent).toContain('không nhận quầy này');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(field, { target: { value: 'http://10.0.0.7:8470' } });
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra và lưu' }));
    expect((await screen.findByTestId('server-address-saved')).textContent).toBe('Đã chuyển sang máy chủ http://10.0.0.7:8470/.');
    await waitFor(() => expect(screen.getByTestId('sync-server').textContent).toBe('http://10.0.0.7:8470/'));
    expect(asked).toEqual([{ serverUrl: 'http://10.0.0.9:8470' }, { serverUrl: 'http://10.0.0.7:8470' }]);

    cleanup();
    useSession.setState({ user: { id: 'u-clerk', username: 'canbo1', displayName: 'Phạm Văn Bình', role: 'clerk' } });
    renderSyncPage(deskStandIn());
    expect((await screen.findByTestId('sync-state')).textContent).toBe('Trực tuyến');
    expect(screen.queryByRole('button', { name: 'Đổi địa chỉ máy chủ…' })).toBeNull();
    useSession.setState({ user: null });
  });
});
