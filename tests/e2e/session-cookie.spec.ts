/**
 * The desk's session cookie stays with the desk. Cookies ignore ports, so a cookie kept under 127.0.0.1 went to every
 * other server on 127.0.0.1 the clerk's browser visited, another local account's included, which could then drive
 * the desk with it (session 32's security review). The browser keeps it under the launch's own page host instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, ADMIN } from './support/fixtures';

/** Another program's page on loopback, recording the Cookie header of every request the browser sends it. */
async function startCookieCatcher(): Promise<{ port: number; cookies: string[]; close(): Promise<void> }> {
  const cookies: string[] = [];
  const server = http.createServer((req, res) => {
    cookies.push(req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Tin tức</title><p>Tin tức</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cookies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('another server on loopback never receives the desk session cookie', async ({ seededDesk, app, page }) => {
  const catcher = await startCookieCatcher();
  try {
    // seededDesk opened the launch link: the app is on screen, so the session cookie is set.
    expect(new URL(page.url()).origin).toBe(seededDesk.host.pageOrigin);
    for (const name of ['127.0.0.1', 'localhost']) {
      await page.goto(`http://${name}:${catcher.port}/`);
      await expect(page.getByText('Tin tức')).toBeVisible();
    }
    expect(catcher.cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of catcher.cookies) expect(cookie).not.toContain('motcua_session');
    expect(catcher.cookies.join(' ')).not.toContain(seededDesk.host.secret);

    // The desk itself still knows the browser.
    await page.goto(`${seededDesk.host.pageOrigin}/`);
    await app.login(ADMIN.username, ADMIN.password);
  } finally {
    await catcher.close();
  }
});

test('a launch link under 127.0.0.1 (an older printout) leads on to the page host and the app', async ({ deskHost, page, context }) => {
  await page.goto(`${deskHost.host.origin}/launch/${deskHost.host.secret}`);
  await expect(page.locator('h1').first()).toBeVisible();
  expect(new URL(page.url()).origin).toBe(deskHost.host.pageOrigin);
  expect(await context.cookies(deskHost.host.origin)).toEqual([]);
});
