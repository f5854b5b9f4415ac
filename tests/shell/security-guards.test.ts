import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/app-origin';
import { isAllowedExternalUrl, openExternalSafely } from '../../electron/main/external-links';
import {
  guardWebContents,
  isAllowedFrameNavigation,
  isAllowedNavigation,
} from '../../electron/main/navigation-guards';
import { denyAllPermissions } from '../../electron/main/permissions';
import { withSecurityHeaders } from '../../electron/main/security-headers';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security-policy';
import { FakeWebContents } from './fake-electron';

describe('navigation guard', () => {
  it.each([
    ['app://desk/index.html', true],
    ['app://desk/dossiers/000.00.06.H56-231027-2001', true],
    // Chromium lower-cases a standard scheme's host; an upper-case one was made by hand and is refused.
    ['app://DESK/index.html', false],
    ['app://evil/index.html', false],
    ['app://desk.evil/index.html', false],
    ['app://desk:8080/index.html', false],
    ['app://user@desk/index.html', false],
    ['app://evil@desk/index.html', false],
    ['https://example.com@evil.example/', false],
    ['https://dichvucong.gov.vn/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['http://127.0.0.1:3000/', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('the main frame may go to %s: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it.each([
    ['app://desk/preview.html', true],
    ['blob:app://desk/6f1c2a9e-2c1b-4c55-9f59-0c1f3c1e2b7a', true],
    ['blob:app://evil/6f1c2a9e', false],
    ['blob:https://evil.example/6f1c2a9e', false],
    ['javascript:alert(1)', false],
  ])('a sub-frame may go to %s: %s', (url, allowed) => {
    expect(isAllowedFrameNavigation(url)).toBe(allowed);
  });

  function guarded() {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    guardWebContents(contents as never, async (url) => void opened.push(url));
    const navigate = (eventName: string, url: string, extra: Record<string, unknown> = {}) => {
      let prevented = false;
      const event = { preventDefault: () => (prevented = true), url, ...extra };
      contents.emit(eventName, event, url);
      return prevented;
    };
    return { contents, opened, navigate };
  }

  it('lets the window move between our own pages', () => {
    const { navigate, opened } = guarded();
    expect(navigate('will-navigate', 'app://desk/reports')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops navigation away from the app and opens only allow-listed https links in the browser', async () => {
    const { navigate, opened } = guarded();
    expect(navigate('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(navigate('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(navigate('will-redirect', 'https://example.com@evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual(['https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html']);
  });

  it('guards sub-frame navigation too', () => {
    const { navigate } = guarded();
    expect(navigate('will-frame-navigate', 'https://evil.example/', { isMainFrame: false })).toBe(true);
    expect(navigate('will-frame-navigate', 'blob:app://desk/0b6d', { isMainFrame: false })).toBe(false);
    expect(navigate('will-frame-navigate', 'blob:app://desk/0b6d', { isMainFrame: true })).toBe(true);
  });

  it('denies every new window, opening allow-listed links in the browser instead', async () => {
    const { contents, opened } = guarded();
    for (const url of [
      'https://dichvucong.gov.vn/',
      'app://desk/index.html',
      'https://evil.example/',
      'javascript:alert(1)',
      'app://evil/',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://dichvucong.gov.vn/']);
  });

  it('refuses to attach a webview', () => {
    const { navigate } = guarded();
    expect(navigate('will-attach-webview', '')).toBe(true);
  });
});

describe('external links', () => {
  it.each([
    ['https://dichvucong.gov.vn/', true],
    ['https://www.dichvucong.gov.vn/p/home/dvc-trang-chu.html?x=1#top', true],
    ['http://dichvucong.gov.vn/', false],
    ['https://dichvucong.gov.vn.evil.example/', false],
    ['https://evil-dichvucong.gov.vn/', false],
    ['https://evil.example/?https://dichvucong.gov.vn/', false],
    ['https://dichvucong.gov.vn@evil.example/', false],
    ['https://user:pass@dichvucong.gov.vn/', false],
    ['https://dichvucong.gov.vn:8443/', false],
    ['javascript:alert(1)//https://dichvucong.gov.vn/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['app://desk/index.html', false],
    ['smb://10.0.0.1/share', false],
  ])('%s may be opened outside: %s', async (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
    const opened: string[] = [];
    await expect(openExternalSafely(url, async (u) => void opened.push(u))).resolves.toBe(allowed);
    expect(opened).toHaveLength(allowed ? 1 : 0);
  });

  it('opens the parsed form of the address, so what was checked is what opens', async () => {
    const opened: string[] = [];
    await openExternalSafely('https://DICHVUCONG.gov.vn/a/../tra-cuu', async (u) => void opened.push(u));
    expect(opened).toEqual(['https://dichvucong.gov.vn/tra-cuu']);
  });

  it('app origin checks refuse a null or empty sender', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('permissions', () => {
  it('refuses every permission request and check, whatever is asked', () => {
    const hooks: Record<string, (...args: never[]) => unknown> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (hooks.request = h as never),
      setPermissionCheckHandler: (h) => void (hooks.check = h as never),
      setDevicePermissionHandler: (h) => void (hooks.device = h as never),
    });
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'fullscreen',
    ]) {
      const answers: boolean[] = [];
      (hooks.request as unknown as (wc: unknown, p: string, cb: (g: boolean) => void) => void)(
        {},
        permission,
        (g) => answers.push(g),
      );
      expect(answers).toEqual([false]);
      expect((hooks.check as unknown as (wc: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    expect((hooks.device as unknown as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is strict: nothing by default, own scripts only, no inline or eval, no plugins, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });

  it('is put on every response, replacing any weaker policy the response carried', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
      'Content-Type': ['text/html'],
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
