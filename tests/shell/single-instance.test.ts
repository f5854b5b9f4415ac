import { rmSync } from 'node:fs';
import { afterAll, expect, it, vi } from 'vitest';
import { fake } from './electron-stub';

vi.mock('electron', async () => (await import('./electron-stub')).fake.module);

afterAll(() => rmSync(fake.app.userData, { recursive: true, force: true }));

it('a second copy of the app quits at once, without opening the desk or a window', async () => {
  fake.app.hasLock = false;
  const { deskApp } = await import('../../electron/main/index');
  fake.fireReady();
  await deskApp.ready;
  expect(fake.calls).toContain('quit');
  expect(fake.windows).toHaveLength(0);
  expect(fake.ipcHandlers.size).toBe(0);
  expect(deskApp.window()).toBeNull();
});
