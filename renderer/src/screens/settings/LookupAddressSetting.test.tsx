// @vitest-environment jsdom
/** The lookup address printed on receipts, as an administrator and a clerk see it in Settings. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type Result } from '../../../../shared/result';
import type { DeskSettings, DeskSettingsView } from '../../../../shared/api/desk-settings';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { SettingsScreen } from './SettingsScreen';
import { standInDesk } from '../../test-support/stand-in-desk';

const ADMIN = { id: 'u1', username: 'admin', displayName: 'Quản trị', role: 'administrator' as const };
const CLERK = { id: 'u2', username: 'nvan', displayName: 'Nguyễn Văn An', role: 'clerk' as const };
const refusal: Result<unknown> = {
  ok: false,
  error: {
    code: 'validation',
    field: 'publicLookupUrl',
    message: { vi: 'Địa chỉ tra cứu được in cho công dân nên không được chứa tên đăng nhập hay mật khẩu.', en: 'x' },
  },
};

/** A desk enrolled with `serverUrl` (or not enrolled), whose settings keep what is saved unless `refuse` is set. */
function deskStandIn(options: { serverUrl?: string; lookupUrl?: string | null; districtUrl?: string; refuse?: boolean }) {
  const saves: unknown[] = [];
  let settings: DeskSettingsView = {
    scanInboxDir: null,
    dailyBackup: true,
    dueSoonWorkingHours: 8,
    publicLookupUrl: options.lookupUrl ?? null,
    language: 'vi',
    districtLookupUrl: options.districtUrl ?? null,
  };
  const transport: DeskTransport = standInDesk((method, input) => {
    if (method === 'settings.get') return ok(settings);
    if (method === 'sync.status') {
      return ok({ online: true, pending: 0, quarantined: 0, lastSyncAt: null, errors: [], enrolled: options.serverUrl !== undefined, serverUrl: options.serverUrl ?? null });
    }
    if (method === 'settings.set') {
      saves.push(input);
      if (options.refuse) return refusal;
      settings = { ...settings, ...(input as Partial<DeskSettings>) };
      return ok(settings);
    }
    return undefined;
  });
  return { transport, saves };
}

async function openSettings(transport: DeskTransport, user: typeof ADMIN | typeof CLERK) {
  useSession.setState({ user });
  render(
    <DeskProvider transport={transport}>
      <SettingsScreen />
    </DeskProvider>,
  );
  const panel = await screen.findByTestId('lookup-address-setting');
  return { panel, field: within(panel).getByRole('textbox', { name: 'Địa chỉ tra cứu in trên phiếu hẹn' }) as HTMLInputElement };
}

beforeAll(() => initI18n('vi'));
afterEach(() => cleanup());

describe('the lookup address printed on receipts', () => {
  it('suggests the server\'s lookup page to an administrator, and saves it only when they take it', async () => {
    const user = userEvent.setup();
    const desk = deskStandIn({ serverUrl: 'http://10.8.0.5:8080' });
    const { panel, field } = await openSettings(desk.transport, ADMIN);
    const suggestion = await within(panel).findByTestId('lookup-suggestion');
    expect(suggestion.textContent).toContain('http://10.8.0.5:8080/tra-cuu');
    expect(field.value).toBe('');
    expect(desk.saves).toEqual([]);

    await user.click(within(suggestion).getByRole('button', { name: 'Dùng địa chỉ này' }));
    await waitFor(() => expect(desk.saves).toEqual([{ publicLookupUrl: 'http://10.8.0.5:8080/tra-cuu' }]));
    await waitFor(() => expect(field.value).toBe('http://10.8.0.5:8080/tra-cuu'));
    expect(within(panel).queryByTestId('lookup-suggestion')).toBeNull();
  });

  it('offers no suggestion when the desk is not enrolled with a server', async () => {
    const { panel } = await openSettings(deskStandIn({}).transport, ADMIN);
    await screen.findByText(/Trang web công dân mở để tra cứu hồ sơ/);
    expect(within(panel).queryByTestId('lookup-suggestion')).toBeNull();
  });

  it('saves the address an administrator types, and an emptied field as no address', async () => {
    const user = userEvent.setup();
    const desk = deskStandIn({ lookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' });
    const { panel, field } = await openSettings(desk.transport, ADMIN);
    expect(field.value).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    await user.clear(field);
    await user.type(field, ' https://dichvucong.thanhha.gov.vn/tra-cuu ');
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(desk.saves).toEqual([{ publicLookupUrl: 'https://dichvucong.thanhha.gov.vn/tra-cuu' }]));
    await user.clear(field);
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(desk.saves).toHaveLength(2));
    expect(desk.saves[1]).toEqual({ publicLookupUrl: null });
  });

  it('shows the desk\'s reason under the field when it refuses the address', async () => {
    const user = userEvent.setup();
    const { panel, field } = await openSettings(deskStandIn({ refuse: true }).transport, ADMIN);
    await user.type(field, 'https://quantri:matkhau@dichvucong.haiduong.gov.vn/tra-cuu');
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));
    const error = await within(panel).findByRole('alert');
    expect(error.textContent).toBe('Địa chỉ tra cứu được in cho công dân nên không được chứa tên đăng nhập hay mật khẩu.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('is read-only for a clerk, with no suggestion to take', async () => {
    const { panel, field } = await openSettings(deskStandIn({ serverUrl: 'http://10.8.0.5:8080', lookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' }).transport, CLERK);
    expect(field.value).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    expect(field.disabled).toBe(true);
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Chỉ quản trị viên được đổi địa chỉ tra cứu.');
    expect((within(panel).getByRole('button', { name: 'Lưu' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(within(panel).queryByTestId('lookup-suggestion')).toBeNull());
  });

  it('names the address the district server hands down while the field is empty, and says when there is none', async () => {
    const user = userEvent.setup();
    const district = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
    const desk = deskStandIn({ serverUrl: 'https://dichvucong.haiduong.gov.vn', districtUrl: district, lookupUrl: 'https://tracuu.xathanhan.gov.vn/' });
    const { panel, field } = await openSettings(desk.transport, ADMIN);
    // The desk's own address is printed: the district's is not mentioned.
    expect(field.value).toBe('https://tracuu.xathanhan.gov.vn/');
    expect(within(panel).queryByTestId('lookup-district')).toBeNull();
    await user.clear(field);
    await user.click(within(panel).getByRole('button', { name: 'Lưu' }));
    const line = await within(panel).findByTestId('lookup-district');
    expect(line.textContent).toBe(`Đang để trống: phiếu hẹn in địa chỉ do máy chủ huyện cấp, ${district}.`);
    // The server's own page is the same address: not offered a second time.
    expect(within(panel).queryByTestId('lookup-suggestion')).toBeNull();
    cleanup();

    const none = await openSettings(deskStandIn({}).transport, CLERK);
    expect((await within(none.panel).findByTestId('lookup-district')).textContent).toBe(
      'Đang để trống và máy chủ huyện chưa cấp địa chỉ: phiếu hẹn không in địa chỉ tra cứu.',
    );
  });
});
