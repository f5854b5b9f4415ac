/**
 * In a browser, a tab left open while the desk program is started again belongs to the old launch: the host refuses
 * it (another page name, no session). Every click used to fail with "Yêu cầu không gửi tới địa chỉ của bàn làm
 * việc…" under a header that still said "Trực tuyến"; the tab now says the desk was started again and what to open.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, ADMIN, seedDesk } from './support/fixtures';
import { startDeskHost } from './support/desk-host';
import { AppPage } from './pages/app-page';

test('a tab of the previous launch says the desk was started again, instead of failing each click', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-restart-'));
  try {
    const first = await startDeskHost({ dataDir });
    await seedDesk(first);
    const app = new AppPage(page, first);
    await app.launch();
    await app.login(ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);

    const port = Number(new URL(first.launchUrl).port);
    await first.close();
    const second = await startDeskHost({ dataDir, port });
    try {
      await page.keyboard.press('Alt+2');
      const notice = page.getByTestId('desk-session-ended');
      await expect(notice).toBeVisible();
      await expect(notice.getByRole('heading')).toHaveText('MotCua Desk đã được khởi động lại');
      await expect(notice).toContainText('Hãy mở MotCua Desk bằng địa chỉ mới');
      // The new launch's address works as before, with the same data.
      await page.goto(second.launchUrl);
      await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
