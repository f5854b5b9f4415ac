/**
 * Offline first, seen by the clerk: a desk enrolled with a real district server through the first-run screen keeps
 * receiving while the server is down — the dossier waits as "chờ gửi" — and sends it by itself once the server is
 * back, without the clerk doing anything.
 */
import { test, expect, ADMIN } from './support/fixtures';
import { FAST_SYNC } from './support/desk-host';
import { saveScreens } from './support/screens';
import { topbarRows } from './support/header-rows';
import { LinkProxy } from '../support/link-proxy';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { DistrictServer } from './support/district-server';
import type { AppPage } from './pages/app-page';
import type { FirstRunPage } from './pages/first-run-page';

test.use({ deskSync: FAST_SYNC });

/** A desk enrolled with the district server through the first-run screen, its administrator logged in, online. */
async function enrolledAndOnline({ districtServer, app, firstRun }: { districtServer: DistrictServer; app: AppPage; firstRun: FirstRunPage }): Promise<void> {
  const enrolmentCode = await districtServer.createDesk(1);
  await app.launch();
  await firstRun.chooseRealServer(districtServer.url, enrolmentCode);
  await firstRun.createAdministrator(ADMIN.displayName, ADMIN.username, ADMIN.password);
  await expect(app.page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await app.login(ADMIN.username, ADMIN.password);
  await expect(app.syncIndicator).toHaveAttribute('data-state', 'online');
}

test('a dossier received while the server is stopped shows as pending, and is synced once the server is back', async ({
  deskHost,
  districtServer,
  app,
  firstRun,
  reception,
  dossierList,
  dossierDetail,
  page,
}) => {
  await enrolledAndOnline({ districtServer, app, firstRun });
  await expect(app.syncPending).toHaveText('0 thao tác chờ gửi');

  // The link goes: the server stops while the clerk is at the counter.
  await districtServer.stop();
  await reception.chooseProcedure('khai sinh', 'Thủ tục đăng ký khai sinh');
  await reception.fillApplicant({ name: 'Đặng Thị Hồng Nhung', idNumber: '001203004567' });
  await reception.tickAllComponents();
  const code = await reception.save();
  await reception.closePrint();

  await expect(app.syncIndicator).toHaveAttribute('data-state', 'offline');
  await expect(app.syncIndicator).toContainText('Mất kết nối');
  // Said in the header itself, not only in a tooltip: the clerk goes on serving.
  await expect(page.getByTestId('sync-offline-note')).toHaveText('Vẫn làm việc bình thường, sẽ tự gửi khi có mạng');
  await expect(app.syncPending).toHaveText('1 thao tác chờ gửi');
  // The note and the counts take room; the header stays one bar on the desks' screens, logout and language in it.
  for (const width of [1024, 1280, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    expect(await topbarRows(page), `header at ${width} px while offline`).toBe(1);
    await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeInViewport();
  }
  await app.go('dossiers');
  await dossierList.open(code);
  await expect(dossierDetail.syncState).toHaveText('Đồng bộ: Chờ gửi');
  await expect(dossierDetail.timeline.locator('li').first()).toContainText('Chờ gửi');
  const found = await deskHost.call('dossiers.get', { code });
  expect(found.ok).toBe(true);
  const dossierId = found.ok ? (found.value as { summary: { id: string } }).summary.id : '';
  expect(await districtServer.storage.dossier(dossierId)).toBeUndefined();

  await app.go('sync');
  await expect(page.getByTestId('sync-state')).toHaveText('Mất kết nối');
  await expect(page.getByTestId('sync-page-pending')).toHaveText('1');
  await expect(page.getByTestId('sync-errors')).toContainText('Không kết nối được máy chủ');
  await saveScreens(app, 'sync-offline');

  // The link returns: the desk notices by itself and sends the dossier; nothing is asked of the clerk.
  await districtServer.start();
  await expect(app.syncIndicator).toHaveAttribute('data-state', 'online');
  await expect(app.syncPending).toHaveText('0 thao tác chờ gửi');
  await expect(page.getByTestId('sync-offline-note')).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toHaveText('Trực tuyến');
  await expect(page.getByTestId('sync-page-pending')).toHaveText('0');
  await expect(page.getByTestId('sync-errors')).toHaveCount(0);
  await expect.poll(async () => (await districtServer.storage.dossier(dossierId))?.code ?? null).toBe(code);
  expect(await districtServer.storage.countEvents()).toBe(1);

  await app.go('dossiers');
  await dossierList.open(code);
  await expect(dossierDetail.code).toHaveText(code);
  await expect(dossierDetail.syncState).toHaveText('Đồng bộ: Đã đồng bộ');
  await expect(dossierDetail.timeline).not.toContainText('Chờ gửi');

  // "Đồng bộ ngay" runs a round at once and says so.
  await app.go('sync');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now')).toBeEnabled();
  await expect(page.getByTestId('sync-last-success')).not.toHaveText('Chưa đồng bộ lần nào');
  await saveScreens(app, 'sync');
});

test("the district server moves: an administrator gives the desk its new address and what waited is sent", async ({
  districtServer,
  app,
  firstRun,
  reception,
  page,
}) => {
  // The desk is enrolled at the server's old address (a proxy standing for it), which then goes dark for good.
  const oldAddress = await LinkProxy.start({ target: { host: '127.0.0.1', port: Number(new URL(districtServer.url).port) } });
  const oldUrl = oldAddress.url;
  const enrolmentCode = await districtServer.createDesk(1);
  await app.launch();
  await firstRun.chooseRealServer(oldUrl, enrolmentCode);
  await firstRun.createAdministrator(ADMIN.displayName, ADMIN.username, ADMIN.password);
  await app.login(ADMIN.username, ADMIN.password);
  await expect(app.syncIndicator).toHaveAttribute('data-state', 'online');
  await oldAddress.close();

  await reception.chooseProcedure('khai sinh', 'Thủ tục đăng ký khai sinh');
  await reception.fillApplicant({ name: 'Đặng Thị Hồng Nhung', idNumber: '001203004567' });
  await reception.tickAllComponents();
  await reception.save();
  await reception.closePrint();
  await expect(app.syncIndicator).toHaveAttribute('data-state', 'offline');
  await expect(app.syncPending).toHaveText('1 thao tác chờ gửi');

  await app.go('sync');
  await page.getByRole('button', { name: 'Đổi địa chỉ máy chủ…' }).click();
  const address = page.getByLabel('Địa chỉ mới của máy chủ');
  await expect(address).toHaveValue(oldUrl);
  await address.fill(districtServer.url);
  await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
  await expect(page.getByTestId('server-address-saved')).toContainText('Đã chuyển sang máy chủ');
  await expect(page.getByTestId('sync-server')).toHaveText(new URL(districtServer.url).toString().replace(/\/?$/, '/'));
  await expect(app.syncPending).toHaveText('0 thao tác chờ gửi');
  await expect(app.syncIndicator).toHaveAttribute('data-state', 'online');
  expect(await districtServer.storage.countEvents()).toBe(1);
});

test('a list left open shows an online submission once the desk has pulled it, without the clerk doing anything', async ({
  districtServer,
  app,
  firstRun,
  dossierList,
  page,
}) => {
  await enrolledAndOnline({ districtServer, app, firstRun });
  await app.go('dossiers');
  await expect(dossierList.total).toHaveText('0 hồ sơ');

  // A citizen submits on the national portal while the reception officer looks at the list.
  await districtServer.submitOnline({
    procedureCode: '2.000528.000.00.00.H56',
    applicant: { kind: 'person', name: 'Trần Văn Khải', idNumber: '001203004999' },
    portalRef: 'DVC-2026-004321',
    submittedAt: toVnIso(new Date()),
  });
  await expect(dossierList.row('Trần Văn Khải')).toBeVisible({ timeout: 15_000 });
  await expect(dossierList.total).toHaveText('1 hồ sơ');
  await expect(page.getByRole('heading', { name: 'Danh sách hồ sơ' })).toBeVisible();
});
