/**
 * The desk ends the session by itself (a restore from a backup logs everyone out, as its dialog says). The page went
 * on as if logged in: the header kept the clerk's name and every screen failed with "Bạn cần đăng nhập…" over stale
 * rows (QA). The next thing the clerk does now leads to the login screen.
 */
import { test, expect, ADMIN } from './support/fixtures';

test('a session the desk ended leads the page to the login at the next step, not to failing screens', async ({ loggedIn, app, page }) => {
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);
  // As a restore does: the desk logs everyone out, without the page taking part.
  expect((await loggedIn.call('auth.logout', {})).ok).toBe(true);
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  await app.login(ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);
});
