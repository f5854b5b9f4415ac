// @vitest-environment jsdom
/**
 * Logging in with the keyboard: a field left empty is named where it is, and the keyboard is put in it; a wrong
 * password is said without saying which part.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import { loginInputSchema } from '../../../../shared/api/admin-inputs';
import { apiValidationError } from '../../../../shared/api/api-messages';
import { DeskProvider } from '../../desk-context';
import { initI18n } from '../../i18n';
import { standInDesk } from '../../test-support/stand-in-desk';
import { LoginScreen } from './LoginScreen';

beforeAll(() => initI18n('vi'));
afterEach(cleanup);

const user = { id: 'u1', username: 'thuky', displayName: 'Trần Thị Bình', role: 'clerk' as const };

/** The desk's own answers: its validation of the input, then one password. */
const desk = () =>
  standInDesk((method, input) => {
    if (method !== 'auth.login') return undefined;
    const parsed = loginInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: apiValidationError(parsed.error) };
    if (parsed.data.password !== 'matkhau-quay-1')
      return { ok: false, error: { code: 'invalid_credentials', message: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' } } };
    return ok(user);
  });

const renderLogin = (onLoggedIn = vi.fn()) =>
  render(
    <DeskProvider transport={desk()}>
      <LoginScreen onLoggedIn={onLoggedIn} />
    </DeskProvider>,
  );

/** The words the field is described by, as a screen reader says them with it. */
const describedBy = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the login screen', () => {
  it('marks an empty password as the field to fill in, and puts the keyboard there', async () => {
    const u = userEvent.setup();
    renderLogin();
    await u.type(screen.getByRole('textbox', { name: 'Tên đăng nhập' }), 'thuky{Enter}');
    const password = screen.getByLabelText('Mật khẩu');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(password)).toBe('Trường này không được để trống.');
    expect(document.activeElement).toBe(password);
    // Said once, under the field, not again in a banner that names no field.
    expect(screen.getAllByText('Trường này không được để trống.')).toHaveLength(1);
    expect(screen.getByRole('textbox', { name: 'Tên đăng nhập' }).getAttribute('aria-invalid')).toBeNull();
  });

  it('says a wrong password in a banner, naming neither field', async () => {
    const u = userEvent.setup();
    const onLoggedIn = vi.fn();
    renderLogin(onLoggedIn);
    await u.type(screen.getByRole('textbox', { name: 'Tên đăng nhập' }), 'thuky');
    await u.type(screen.getByLabelText('Mật khẩu'), 'sai{Enter}');
    expect(await screen.findByText('Sai tên đăng nhập hoặc mật khẩu.')).toBeTruthy();
    expect(screen.getByLabelText('Mật khẩu').getAttribute('aria-invalid')).toBeNull();
    await u.clear(screen.getByLabelText('Mật khẩu'));
    await u.type(screen.getByLabelText('Mật khẩu'), 'matkhau-quay-1{Enter}');
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledWith(user));
  });
});
