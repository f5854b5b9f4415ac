// @vitest-environment jsdom
/** Changing one's own password, in Vietnamese, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { ChangePasswordPanel } from './ChangePasswordPanel';
import { standInDesk } from '../../test-support/stand-in-desk';

const calls: { method: string; input: unknown }[] = [];

function deskStandIn(): DeskTransport {
  return standInDesk((method: string, input: unknown) => {
    calls.push({ method, input });
    if (method === 'auth.changePassword') {
      const { currentPassword } = input as { currentPassword: string };
      if (currentPassword !== 'mat-khau-cu-1') return { ok: false, error: { code: 'invalid_credentials', message: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' } } };
      return ok({ changed: true });
    }
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
});

async function fill(current: string, next: string, repeat: string) {
  const user = userEvent.setup();
  useSession.setState({ user: { id: 'u2', username: 'nvan', displayName: 'Nguyễn Văn An', role: 'clerk' } });
  render(
    <DeskProvider transport={deskStandIn()}>
      <ChangePasswordPanel />
    </DeskProvider>,
  );
  await user.type(screen.getByLabelText(/Mật khẩu hiện tại/), current);
  await user.type(screen.getByLabelText(/Mật khẩu mới/), next);
  await user.type(screen.getByLabelText(/Nhập lại mật khẩu/), repeat);
  await user.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));
}

describe('changing one’s own password', () => {
  it('catches a mistyped repeat under its field before calling the desk', async () => {
    await fill('mat-khau-cu-1', 'mat-khau-moi-1', 'mat-khau-moi-2');
    const repeat = screen.getByLabelText(/Nhập lại mật khẩu/);
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Hai mật khẩu không giống nhau.')).toBeTruthy();
    expect(document.activeElement).toBe(repeat);
    expect(calls).toEqual([]);
  });

  it('sends the current and new password and says it is done', async () => {
    await fill('mat-khau-cu-1', 'mat-khau-moi-1', 'mat-khau-moi-1');
    const done = await screen.findByText('Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.');
    // Said under the intro, where the users panel says its outcomes, not between the fields and the button.
    expect(done.compareDocumentPosition(screen.getByLabelText(/Mật khẩu hiện tại/)) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(calls).toEqual([{ method: 'auth.changePassword', input: { currentPassword: 'mat-khau-cu-1', newPassword: 'mat-khau-moi-1' } }]);
  });

  it('puts a wrong current password under that field, in words about that field', async () => {
    await fill('sai-mat-khau', 'mat-khau-moi-1', 'mat-khau-moi-1');
    expect(await screen.findByText('Mật khẩu hiện tại không đúng.')).toBeTruthy();
    const current = screen.getByLabelText(/Mật khẩu hiện tại/) as HTMLInputElement;
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('Sai tên đăng nhập hoặc mật khẩu.')).toBeNull();
    // The cursor waits in the emptied field to type it again; the new password is kept.
    expect(document.activeElement).toBe(current);
    expect(current.value).toBe('');
    expect((screen.getByLabelText(/Mật khẩu mới/) as HTMLInputElement).value).toBe('mat-khau-moi-1');
  });
});
