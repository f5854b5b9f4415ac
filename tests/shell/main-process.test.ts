/**
 * The real main-process entry (electron/main/index.ts) with the real desk backend behind it, under Node with a
 * recording Electron: what a clerk's PC would do at start-up, minus the Chromium window itself.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DESK_EVENT_CHANNEL, deskCallChannel } from '../../shared/api/bridge';
import { deskApiMethods } from '../../shared/api/desk-api';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security-policy';
import { forwardDeskEvents } from '../../electron/main/desk-events';
import { fake } from './electron-stub';
import { FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./electron-stub')).fake.module);

const { deskApp } = await import('../../electron/main/index');

afterAll(() => {
  fake.app.emit('will-quit');
  rmSync(fake.app.userData, { recursive: true, force: true });
});

const topFrame = { url: 'app://desk/index.html', parent: null };
const invoke = (method: string, input: unknown, senderFrame: unknown = topFrame) =>
  fake.ipcHandlers.get(deskCallChannel(method as never))!({ senderFrame, sender: {} }, input);

describe('before Electron is ready', () => {
  it('registers app:// as privileged, sandboxes every renderer and takes the single-instance lock, and opens no window', () => {
    expect(fake.calls.slice(0, 3)).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});

describe('after ready', () => {
  it('opens one hardened window on app://desk and shows it when it is ready', async () => {
    fake.fireReady();
    await deskApp.ready;
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/motcua-desk/out/preload/index.cjs',
    });
    expect(window.loadedUrl).toBe('app://desk/index.html');
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('registers an IPC handler for every method of the desk API, served by the real desk', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(deskApiMethods.map(deskCallChannel).sort());
    const info = (await invoke('app.info', {})) as { ok: boolean; value: { version: string } };
    expect(info).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    const bad = await invoke('dossiers.get', { id: 5, extra: '<script>' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses calls from a sub-frame or another origin before they reach the desk', async () => {
    const fromFrame = await invoke('app.info', {}, { url: 'app://desk/preview.html', parent: topFrame });
    expect(fromFrame).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const fromWeb = await invoke('app.info', {}, { url: 'https://evil.example/', parent: null });
    expect(fromWeb).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('denies every permission and puts the CSP on every response of the session', () => {
    const granted: boolean[] = [];
    fake.sessionHooks.permissionRequest!({}, 'media', (g) => granted.push(g), {});
    expect(granted).toEqual([false]);
    expect(fake.sessionHooks.permissionCheck!({}, 'clipboard-read')).toBe(false);
    let headers: Record<string, string[]> = {};
    fake.sessionHooks.headersReceived!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('serves app:// itself, with the CSP, saying so when the renderer is not built', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const res = await handler({ url: 'app://desk/index.html' });
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('Giao diện chưa được xây dựng');
  });

  it('guards every web contents Electron creates', () => {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('has the Vietnamese menu, whose "In…" prints the window on A5', () => {
    const template = fake.menu.template as {
      label: string;
      submenu: { label?: string; click?: () => void }[];
    }[];
    expect(template.map((m) => m.label)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
    template[0]!.submenu.find((i) => i.label === 'In…')!.click!();
    expect(fake.windows[0]!.webContents.printCalls).toEqual([expect.objectContaining({ pageSize: 'A5' })]);
  });

  it('focuses the existing window when a second copy is started', () => {
    const before = fake.calls.filter((c) => c === 'focus').length;
    fake.app.emit('second-instance');
    expect(fake.calls.filter((c) => c === 'focus').length).toBe(before + 1);
  });

  it('forwards desk events to the window until it is destroyed', () => {
    const listeners = new Set<(e: unknown) => void>();
    const source = {
      subscribe: (l: (e: never) => void) => (
        listeners.add(l as never),
        () => void listeners.delete(l as never)
      ),
    };
    const contents = new FakeWebContents();
    forwardDeskEvents(source as never, contents as never);
    for (const l of listeners)
      l({
        type: 'scan.added',
        data: { fileName: 'a.pdf', size: 1, receivedAt: '2025-01-03T08:00:00+07:00' },
      });
    expect(contents.sent).toEqual([
      { channel: DESK_EVENT_CHANNEL, args: [expect.objectContaining({ type: 'scan.added' })] },
    ]);
    contents.emit('destroyed');
    expect(listeners.size).toBe(0);
  });

  it('on quit removes the IPC handlers and closes the desk', () => {
    fake.app.emit('will-quit');
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
