// @vitest-environment jsdom
/** User administration in the Settings screen, in Vietnamese, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type AppError } from '../../../../shared/result';
import type { UserView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession, type SessionUser } from '../../store/session';
import { SettingsScreen } from './SettingsScreen';
import { UsersPanel } from './UsersPanel';
import { standInDesk } from '../../test-support/stand-in-desk';

const ADMIN: SessionUser = { id: '0b6f7d0e-3c1a-4c55-9a43-5f1d2b7e0a01', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'administrator' };
const CLERK: SessionUser = { id: '0b6f7d0e-3c1a-4c55-9a43-5f1d2b7e0a02', username: 'nvan', displayName: 'Nguyễn Văn An', role: 'clerk' };
const view = (u: SessionUser, more: Partial<UserView> = {}): UserView => ({ ...u, active: true, lockedUntil: null, createdAt: '2026-11-01T08:00:00+07:00', ...more });

const calls: { method: string; input: unknown }[] = [];
let users: UserView[] = [];
/** What the desk answers to the next call of a method, instead of succeeding. */
const failures = new Map<string, AppError>();

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    calls.push({ method, input });
    const failure = failures.get(method);
    if (failure) return { ok: false, error: failure };
    if (method === 'users.list') return ok(users);
    if (method === 'users.create') {
      const created = { ...(input as Omit<UserView, 'id'>), id: '0b6f7d0e-3c1a-4c55-9a43-5f1d2b7e0a09', active: true, lockedUntil: null, createdAt: '2026-11-28T09:00:00+07:00' };
      users = [...users, created];
      return ok(created);
    }
    if (method === 'users.resetPassword') {
      users = users.map((u) => (u.id === (input as { id: string }).id ? { ...u, lockedUntil: null } : u));
      return ok({ reset: true });
    }
    if (method === 'users.update') {
      const { id, ...changes } = input as { id: string } & Partial<UserView>;
      users = users.map((u) => (u.id === id ? { ...u, ...changes } : u));
      return ok(users.find((u) => u.id === id));
    }
    if (method === 'settings.get') return ok({ scanInboxDir: null, dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: null, language: 'vi' });
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
  failures.clear();
});

const renderWith = (who: SessionUser, ui = <UsersPanel />, clerkLockedUntil: string | null = '2026-11-28T10:15:00+07:00') => {
  useSession.setState({ user: who });
  users = [view(ADMIN), view(CLERK, { lockedUntil: clerkLockedUntil })];
  return render(<DeskProvider transport={deskStandIn()}>{ui}</DeskProvider>);
};

describe('the users panel', () => {
  it('is in the Settings screen for an administrator, with each account’s role and lock-out', async () => {
    renderWith(ADMIN, <SettingsScreen />);
    const panel = await screen.findByTestId('users-panel');
    const clerkRow = await within(panel).findByTestId('user-nvan');
    expect(within(clerkRow).getByRole('combobox', { name: 'Vai trò của Nguyễn Văn An' })).toHaveProperty('value', 'clerk');
    expect(within(clerkRow).getByRole('option', { name: 'Cán bộ tiếp nhận', selected: true })).toBeTruthy();
    expect(clerkRow.textContent).toContain('Đang hoạt động');
    expect(clerkRow.textContent).toContain('Bị khoá đến 10:15 28/11/2026');
    expect(within(panel).getByTestId('user-ttbinh').textContent).not.toContain('Bị khoá');
  });

  it('is not in the Settings screen for a clerk, who can still change their own password', async () => {
    renderWith(CLERK, <SettingsScreen />);
    expect(await screen.findByRole('heading', { name: 'Đổi mật khẩu' })).toBeTruthy();
    expect(screen.queryByTestId('users-panel')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Người dùng' })).toBeNull();
    expect(calls.some((c) => c.method === 'users.list')).toBe(false);
  });

  it('creates a clerk with what the administrator typed, then lists it and says so', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const form = await screen.findByTestId('new-user');
    await user.type(within(form).getByRole('textbox', { name: /Họ và tên/ }), 'Lê Thị Cúc');
    await user.type(within(form).getByRole('textbox', { name: /Tên đăng nhập/ }), 'ltcuc');
    expect(within(form).getByRole('combobox', { name: /Vai trò/ })).toHaveProperty('value', 'clerk');
    await user.type(within(form).getByLabelText(/Mật khẩu ban đầu/), 'mat-khau-cuc-1');
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-cuc-1');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(await screen.findByText('Đã tạo tài khoản ltcuc cho Lê Thị Cúc.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'users.create')?.input).toEqual({ displayName: 'Lê Thị Cúc', username: 'ltcuc', role: 'clerk', password: 'mat-khau-cuc-1' });
    expect(await screen.findByTestId('user-ltcuc')).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement).value).toBe('');
  });

  it('shows the desk’s error under the field it concerns, not in a banner', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    failures.set('users.create', {
      code: 'username_taken',
      message: { vi: 'Tên đăng nhập "nvan" đã có người dùng.', en: 'The username "nvan" is taken.' },
      field: 'username',
    });
    const form = await screen.findByTestId('new-user');
    await user.type(within(form).getByRole('textbox', { name: /Họ và tên/ }), 'Nguyễn Văn An');
    await user.type(within(form).getByRole('textbox', { name: /Tên đăng nhập/ }), 'nvan');
    await user.type(within(form).getByLabelText(/Mật khẩu ban đầu/), 'mat-khau-an-12');
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-an-12');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    const username = within(form).getByRole('textbox', { name: /Tên đăng nhập/ });
    await screen.findByText('Tên đăng nhập "nvan" đã có người dùng.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(username.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Tên đăng nhập "nvan" đã có người dùng.');
    expect(form.querySelector('.banner-error')).toBeNull();
  });

  /** Types a new account into the form and presses "Tạo tài khoản". */
  const tryNewUser = async (user: ReturnType<typeof userEvent.setup>, form: HTMLElement, name: string, username: string, password: string, repeat = password) => {
    for (const box of [within(form).getByRole('textbox', { name: /Họ và tên/ }), within(form).getByRole('textbox', { name: /Tên đăng nhập/ })]) await user.clear(box);
    await user.type(within(form).getByRole('textbox', { name: /Họ và tên/ }), name);
    await user.type(within(form).getByRole('textbox', { name: /Tên đăng nhập/ }), username);
    await user.type(within(form).getByLabelText(/Mật khẩu ban đầu/), password);
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), repeat);
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
  };

  it('takes down the "created" notice when the next account is refused, so the two never stand side by side (QA)', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const form = await screen.findByTestId('new-user');
    await tryNewUser(user, form, 'Lê Thị Cúc', 'ltcuc', 'mat-khau-cuc-1');
    expect(await screen.findByText('Đã tạo tài khoản ltcuc cho Lê Thị Cúc.')).toBeTruthy();
    failures.set('users.create', {
      code: 'username_taken',
      message: { vi: 'Tên đăng nhập "ltcuc" đã có người dùng.', en: 'The username "ltcuc" is taken.' },
      field: 'username',
    });
    await tryNewUser(user, form, 'Lê Văn Cường', 'ltcuc', 'mat-khau-cuong-1');
    expect(await within(form).findByText('Tên đăng nhập "ltcuc" đã có người dùng.')).toBeTruthy();
    expect(screen.queryByText('Đã tạo tài khoản ltcuc cho Lê Thị Cúc.')).toBeNull();
  });

  it('takes down the "created" notice too when the next attempt stops at the form (the repeated password differs)', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const form = await screen.findByTestId('new-user');
    await tryNewUser(user, form, 'Lê Thị Cúc', 'ltcuc', 'mat-khau-cuc-1');
    expect(await screen.findByText('Đã tạo tài khoản ltcuc cho Lê Thị Cúc.')).toBeTruthy();
    await tryNewUser(user, form, 'Phạm Thị Dung', 'ptdung', 'mat-khau-dung-1', 'mat-khau-dung-2');
    expect(within(form).getByText('Hai mật khẩu không giống nhau.')).toBeTruthy();
    expect(screen.queryByText('Đã tạo tài khoản ltcuc cho Lê Thị Cúc.')).toBeNull();
  });

  it('catches a mistyped repeat of the initial password before calling the desk', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const form = await screen.findByTestId('new-user');
    await user.type(within(form).getByLabelText(/Mật khẩu ban đầu/), 'mat-khau-cuc-1');
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-cuc-2');
    await user.click(within(form).getByRole('button', { name: 'Tạo tài khoản' }));
    expect(within(form).getByText('Hai mật khẩu không giống nhau.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'users.create')).toBe(false);
  });

  it('resets a locked-out clerk’s password, which unlocks the account, and says so', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const row = await screen.findByTestId('user-nvan');
    await user.click(within(row).getByRole('button', { name: 'Đặt lại mật khẩu (mở khoá)' }));
    const form = screen.getByTestId('reset-password');
    expect(within(form).getByRole('heading', { name: 'Đặt lại mật khẩu cho Nguyễn Văn An' })).toBeTruthy();
    await user.type(within(form).getByLabelText(/Mật khẩu mới/), 'mat-khau-moi-1');
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-moi-1');
    await user.click(within(form).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect(await screen.findByText('Đã đặt lại mật khẩu cho Nguyễn Văn An. Tài khoản đã được mở khoá.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'users.resetPassword')?.input).toEqual({ id: CLERK.id, password: 'mat-khau-moi-1' });
    expect(screen.queryByTestId('reset-password')).toBeNull();
    await expect.poll(() => document.activeElement?.textContent).toBe('Đặt lại mật khẩu (mở khoá)');
    expect(screen.getByTestId('user-nvan').contains(document.activeElement)).toBe(true);
    await expect.poll(() => screen.getByTestId('user-nvan').textContent).not.toContain('Bị khoá');
  });


  it('resets the password of an account that was not locked without saying it was unlocked', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN, <UsersPanel />, null);
    const row = await screen.findByTestId('user-nvan');
    await user.click(within(row).getByRole('button', { name: 'Đặt lại mật khẩu (mở khoá)' }));
    const form = screen.getByTestId('reset-password');
    await user.type(within(form).getByLabelText(/Mật khẩu mới/), 'mat-khau-moi-1');
    await user.type(within(form).getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-moi-1');
    await user.click(within(form).getByRole('button', { name: 'Đặt lại mật khẩu' }));
    expect(await screen.findByText('Đã đặt lại mật khẩu cho Nguyễn Văn An.')).toBeTruthy();
    expect(screen.queryByText(/đã được mở khoá/)).toBeNull();
  });
  it('changes a role and disables an account through users.update; a refusal is shown in a banner', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const row = await screen.findByTestId('user-nvan');
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Vai trò của Nguyễn Văn An' }), 'supervisor');
    expect(calls.find((c) => c.method === 'users.update')?.input).toEqual({ id: CLERK.id, role: 'supervisor' });
    failures.set('users.update', {
      code: 'last_administrator',
      message: { vi: 'Không thể hạ quyền hoặc khoá quản trị viên cuối cùng của quầy.', en: "The desk's last administrator cannot be demoted or deactivated." },
    });
    await user.click(within(screen.getByTestId('user-ttbinh')).getByRole('button', { name: 'Vô hiệu hoá' }));
    expect(calls.filter((c) => c.method === 'users.update').at(-1)?.input).toEqual({ id: ADMIN.id, active: false });
    expect((await screen.findByRole('alert')).textContent).toBe('Không thể hạ quyền hoặc khoá quản trị viên cuối cùng của quầy.');
  });

  it('renames an account through users.update with only the new name, lists it and says so', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    const row = await screen.findByTestId('user-nvan');
    await user.click(within(row).getByRole('button', { name: 'Đổi tên' }));
    const form = screen.getByTestId('rename-user');
    expect(within(form).getByRole('heading', { name: 'Đổi họ và tên của tài khoản nvan' })).toBeTruthy();
    const name = within(form).getByRole('textbox', { name: /Họ và tên/ });
    expect(document.activeElement).toBe(name);
    await user.clear(name);
    await user.type(name, 'Nguyễn Văn Ân');
    await user.click(within(form).getByRole('button', { name: 'Lưu tên mới' }));
    expect(await screen.findByText('Đã đổi tên tài khoản nvan thành Nguyễn Văn Ân.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'users.update')?.input).toEqual({ id: CLERK.id, displayName: 'Nguyễn Văn Ân' });
    expect(screen.queryByTestId('rename-user')).toBeNull();
    await expect.poll(() => screen.getByTestId('user-nvan').textContent).toContain('Nguyễn Văn Ân');
    // The cursor is back on the button that opened the form, not lost at the top of the page.
    await expect.poll(() => document.activeElement?.textContent).toBe('Đổi tên');
    expect(screen.getByTestId('user-nvan').contains(document.activeElement)).toBe(true);
  });

  it('shows the header’s name anew when administrators rename themselves', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN);
    await user.click(within(await screen.findByTestId('user-ttbinh')).getByRole('button', { name: 'Đổi tên' }));
    const name = within(screen.getByTestId('rename-user')).getByRole('textbox', { name: /Họ và tên/ });
    await user.clear(name);
    await user.type(name, 'Trần Thị Bích{Enter}');
    await expect.poll(() => useSession.getState().user?.displayName).toBe('Trần Thị Bích');
  });

  it('takes an administrator who makes themself a supervisor out of user administration at once', async () => {
    const user = userEvent.setup();
    renderWith(ADMIN, <SettingsScreen />);
    const row = await screen.findByTestId('user-ttbinh');
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Vai trò của Trần Thị Bình' }), 'supervisor');
    await expect.poll(() => useSession.getState().user?.role).toBe('supervisor');
    expect(screen.queryByTestId('users-panel')).toBeNull();
  });
});
