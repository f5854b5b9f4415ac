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
import { ReceptionPage } from './pages/reception-page';

test('a tab of the previous launch says the desk was started again, over the form being typed', async ({ page }) => {
  test.setTimeout(60_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-restart-'));
  try {
    const first = await startDeskHost({ dataDir });
    await seedDesk(first);
    const app = new AppPage(page, first);
    const reception = new ReceptionPage(page);
    await app.launch();
    await app.login(ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('current-user')).toContainText(ADMIN.displayName);
    await reception.fillApplicant({ name: 'Đặng Thị Hồng Nhung', idNumber: '001203004567' });

    const port = Number(new URL(first.launchUrl).port);
    await first.close();
    const second = await startDeskHost({ dataDir, port });
    try {
      // The header's sync poll (every 15 s) is the first call of the old page to the new launch.
      const notice = page.getByTestId('desk-session-ended');
      await expect(notice).toBeVisible({ timeout: 20_000 });
      await expect(notice).toContainText('MotCua Desk đã được khởi động lại');
      await expect(notice).toContainText('Hãy mở MotCua Desk bằng địa chỉ mới');
      // Said over the screen, not instead of it: what the clerk typed is still there to copy.
      await expect(page.getByRole('textbox', { name: /^Họ và tên/ })).toHaveValue('Đặng Thị Hồng Nhung');
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
