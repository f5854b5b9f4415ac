// @vitest-environment jsdom
/** The first administrator's form in a DOM, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok, type Result } from '../../../../shared/result';
import type { DeskCall } from '../../../../shared/api/desk-api';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { FirstRunScreen } from './FirstRunScreen';

const calls: { method: string; input: unknown }[] = [];

function deskStandIn(): DeskTransport {
  const call = (async (method: string, input: unknown): Promise<Result<unknown>> => {
    calls.push({ method, input });
    if (method === 'auth.createAdmin') return ok({ id: 'u1', username: 'ttbinh', displayName: 'Trần Thị Bình', role: 'admin' });
    return ok({});
  }) as DeskCall;
  return { kind: 'loopback', call, onDeskEvent: () => () => undefined };
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
});

const errorOf = (input: HTMLElement) => {
  const id = input.getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-error'));
  return id ? document.getElementById(id)?.textContent : undefined;
};

describe('the first administrator form', () => {
  it('marks every missing field at once, in Vietnamese, and sends nothing', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <FirstRunScreen needsIdentity={false} needsAdministrator onDone={() => undefined} />
      </DeskProvider>,
    );
    await user.click(screen.getByTestId('create-admin'));
    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    const username = screen.getByRole('textbox', { name: /Tên đăng nhập/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(name)).toBe('Hãy nhập họ và tên của người quản trị.');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(username)).toBe('Hãy nhập tên đăng nhập.');
    expect(screen.getByText('Mật khẩu cần ít nhất 8 ký tự.')).toBeTruthy();
    expect(calls.map((c) => c.method)).not.toContain('auth.createAdmin');
  });

  it('says a name with emoji or markup cannot be printed, rather than that it is missing', async () => {
    const user = userEvent.setup();
    render(
      <DeskProvider transport={deskStandIn()}>
        <FirstRunScreen needsIdentity={false} needsAdministrator onDone={() => undefined} />
      </DeskProvider>,
    );
    const name = screen.getByRole('textbox', { name: /Họ và tên/ });
    await user.type(name, 'Đinh Thị 🌸 Lan');
    await user.click(screen.getByTestId('create-admin'));
    expect(errorOf(name)).toMatch(/^Họ và tên có ký tự không in được trên phiếu/);
    expect(calls.map((c) => c.method)).not.toContain('auth.createAdmin');
  });

  it('says what a username may hold, and creates the account once every field is right', async () => {
    const user = userEvent.setup();
    let done = false;
    render(
      <DeskProvider transport={deskStandIn()}>
        <FirstRunScreen needsIdentity={false} needsAdministrator onDone={() => (done = true)} />
      </DeskProvider>,
    );
    await user.type(screen.getByRole('textbox', { name: /Họ và tên/ }), 'Trần Thị Bình');
    const username = screen.getByRole('textbox', { name: /Tên đăng nhập/ });
    await user.type(username, 'trần bình');
    await user.type(screen.getByLabelText(/^Mật khẩu/), 'mat-khau-123456');
    await user.type(screen.getByLabelText(/Nhập lại mật khẩu/), 'mat-khau-123456');
    await user.click(screen.getByTestId('create-admin'));
    expect(errorOf(username)).toMatch(/^Tên đăng nhập gồm 3–40 ký tự/);
    expect(screen.getByRole('textbox', { name: /Họ và tên/ }).getAttribute('aria-invalid')).toBeNull();
    expect(calls.map((c) => c.method)).not.toContain('auth.createAdmin');
    await user.clear(username);
    await user.type(username, 'ttbinh');
    await user.click(screen.getByTestId('create-admin'));
    expect(calls.find((c) => c.method === 'auth.createAdmin')?.input).toEqual({ username: 'ttbinh', displayName: 'Trần Thị Bình', password: 'mat-khau-123456' });
    await vi.waitFor(() => expect(done).toBe(true));
  });
});
