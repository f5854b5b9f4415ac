import os from 'node:os';
import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appSchemePrivileges,
  registerAppScheme,
  resolveRendererFile,
  serveRendererRequest,
} from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security-policy';

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'motcua-app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Tiếp nhận hồ sơ</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app-3f2a.js'), 'export const desk = 1;');
  writeFileSync(path.join(root, 'desk.sqlite'), 'the database, outside the renderer folder');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the app:// scheme', () => {
  it('is registered before ready as standard and secure, without bypassing CSP', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void registered.push(...schemes) });
    expect(registered).toEqual([appSchemePrivileges]);
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
    expect(appSchemePrivileges.privileges).not.toHaveProperty('bypassCSP');
    expect(appSchemePrivileges.privileges).not.toHaveProperty('corsEnabled');
  });

  it.each([
    'app://desk/../desk.sqlite',
    'app://desk/%2e%2e/desk.sqlite',
    'app://desk/assets/%2e%2e%2f%2e%2e%2fdesk.sqlite',
    'app://desk/..%5cdesk.sqlite',
    'app://desk/%2Fetc%2Fpasswd',
  ])('refuses %s, which would leave the renderer folder', async (url) => {
    const resolved = resolveRendererFile(rendererDir, url);
    if (resolved.ok) expect(path.relative(rendererDir, resolved.file).startsWith('..')).toBe(false);
    const res = await serveRendererRequest(rendererDir, url);
    expect(await res.text()).not.toContain('the database');
  });

  it.each([
    ['another host', 'app://evil/index.html', 403],
    ['user info', 'app://x@desk/index.html', 403],
    ['a broken escape', 'app://desk/%E0%A4%A', 400],
    ['a NUL byte', 'app://desk/index.html%00.js', 400],
  ])('refuses %s', async (_label, url, status) => {
    const res = await serveRendererRequest(rendererDir, url);
    expect(res.status).toBe(status);
  });

  it('serves the renderer with the strict CSP and the right type', async () => {
    const index = await serveRendererRequest(rendererDir, 'app://desk/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('Tiếp nhận hồ sơ');

    const script = await serveRendererRequest(rendererDir, 'app://desk/assets/app-3f2a.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('gives client-side screens index.html, even with dots in a dossier code, but a missing script is a 404', async () => {
    const screen = await serveRendererRequest(rendererDir, 'app://desk/dossiers/000.00.06.H56-231027-2001');
    expect(await screen.text()).toContain('Tiếp nhận hồ sơ');
    const root = await serveRendererRequest(rendererDir, 'app://desk/');
    expect(await root.text()).toContain('Tiếp nhận hồ sơ');
    const missing = await serveRendererRequest(rendererDir, 'app://desk/assets/missing.js');
    expect(missing.status).toBe(404);
  });

  it('says the UI is not built when the renderer folder is missing', async () => {
    const res = await serveRendererRequest(path.join(root, 'nowhere'), 'app://desk/index.html');
    expect(await res.text()).toContain('Giao diện chưa được xây dựng');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
