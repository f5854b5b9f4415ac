/** First run of a fresh desk: choose the demo set-up, create the first administrator, then log in. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './support/fixtures';
import { FAST_SYNC } from './support/desk-host';

test('a fresh desk walks the clerk through set-up, the first administrator and the login', async ({ deskHost, app, firstRun, page }) => {
  await app.launch();
  await firstRun.expectShown();
  await expect(page.getByText('Bước 1/2')).toBeVisible();
  await app.screenshot('first-run');

  await firstRun.chooseDemo();
  await expect(page.getByRole('heading', { name: 'Tạo tài khoản quản trị đầu tiên' })).toBeVisible();

  // A mistyped repeat is caught next to the field, in Vietnamese, before anything is sent.
  await firstRun.createAdministrator('Trần Thị Bình', 'ttbinh', 'mat-khau-123456', 'mat-khau-654321');
  await expect(page.getByText('Hai mật khẩu không giống nhau.')).toBeVisible();
  const before = await deskHost.call('auth.firstRun', {});
  expect(before.ok && before.value).toEqual({ needsAdministrator: true, needsIdentity: true });

  await firstRun.createAdministrator('Trần Thị Bình', 'ttbinh', 'mat-khau-123456');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  // The login says what just happened and asks only for the password just chosen.
  await expect(page.getByRole('status')).toHaveText('Đã tạo tài khoản quản trị ttbinh. Hãy đăng nhập bằng mật khẩu vừa đặt.');
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('ttbinh');
  await expect(page.getByLabel('Mật khẩu')).toBeFocused();
  const after = await deskHost.call('auth.firstRun', {});
  expect(after.ok && after.value).toEqual({ needsAdministrator: false, needsIdentity: false });

  // A wrong password is refused in plain words; the right one opens the reception screen.
  await page.getByLabel('Tên đăng nhập').fill('ttbinh');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await app.login('ttbinh', 'mat-khau-123456');
  await expect(app.currentUser).toContainText('Trần Thị Bình · Quản trị hệ thống');
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();
  await expect(page.getByTestId('procedure-search')).toBeFocused();

  // The session lives in the desk: a reload keeps the clerk logged in.
  await page.reload();
  await expect(app.currentUser).toContainText('Trần Thị Bình');

  // The administrator adds a clerk in Settings, logs out, and the clerk logs in with the password given; a clerk
  // has no users panel.
  await app.go('settings');
  const newUser = page.getByTestId('new-user');
  await newUser.getByLabel(/^Họ và tên/).fill('Nguyễn Văn An');
  await newUser.getByLabel(/^Tên đăng nhập/).fill('nvan');
  await newUser.getByLabel(/^Vai trò/).selectOption('clerk');
  await newUser.getByLabel(/^Mật khẩu ban đầu/).fill('mat-khau-an-123');
  await newUser.getByLabel(/^Nhập lại mật khẩu/).fill('mat-khau-an-123');
  await newUser.getByTestId('new-user-submit').click();
  await expect(page.getByText('Đã tạo tài khoản nvan cho Nguyễn Văn An.')).toBeVisible();
  await expect(page.getByTestId('user-nvan').getByRole('combobox')).toHaveValue('clerk');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await app.login('nvan', 'mat-khau-an-123');
  await expect(app.currentUser).toContainText('Nguyễn Văn An · Cán bộ tiếp nhận');
  // The clerk starts on the reception screen, not on the page the administrator left open.
  await expect(page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await app.go('settings');
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu' })).toBeVisible();
  await expect(page.getByTestId('users-panel')).toHaveCount(0);
});

test.describe('connecting to the unit’s real server', () => {
  test.use({ deskSync: FAST_SYNC });

  test('a bad address, an unreachable server, a wrong or expired code are explained next to the field; the right code enrols the desk', async ({
    deskHost,
    districtServer,
    app,
    firstRun,
    page,
  }) => {
    await app.launch();
    await firstRun.expectShown();

    // A typing mistake is caught on the PC, before the administrator account exists.
    await firstRun.chooseRealServer('motcua.thanhha.gov.vn', 'K7QM-3XPA-9TRW');
    await expect(firstRun.fieldError(firstRun.serverUrl)).toHaveText(/^Địa chỉ máy chủ không hợp lệ\. Hãy nhập dạng http:\/\/10\.0\.0\.5:8470/);
    await expect(firstRun.fieldError(firstRun.enrolmentCode)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Tạo tài khoản quản trị đầu tiên' })).toBeHidden();
    await app.screenshot('first-run-real-server');

    // The server is down when the clerk connects: the account is created, the desk says what to check.
    const code = await districtServer.createDesk(1);
    await districtServer.stop();
    await firstRun.connect(districtServer.url, code);
    await firstRun.createAdministrator('Trần Thị Bình', 'ttbinh', 'mat-khau-123456');
    await expect(page.getByTestId('admin-created-note')).toBeVisible();
    await expect(firstRun.fieldError(firstRun.serverUrl)).toHaveText(/^Không kết nối được máy chủ ở địa chỉ này\./);
    await expect(firstRun.serverUrl).toHaveValue(districtServer.url);
    await expect(firstRun.serverUrl).toHaveAttribute('aria-invalid', 'true');

    // Something else answers at the address typed (the office router's page): the desk says it is not a MotCua
    // server, not that nothing could be reached (the clerk would check the cable instead of the address).
    const router = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><title>Router</title></html>');
    });
    await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
    try {
      const routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
      await firstRun.connect(routerUrl, code);
      await expect(firstRun.fieldError(firstRun.serverUrl)).toHaveText(/^Ở địa chỉ này có một máy trả lời, nhưng không phải máy chủ MotCua\./);
      await expect(firstRun.serverUrl).toHaveValue(routerUrl);
    } finally {
      await new Promise((resolve) => router.close(resolve));
    }

    // The server is back, but the code was mistyped, then an old one was used: the code field says so.
    await districtServer.start();
    await firstRun.connect(districtServer.url, 'SAI1-SAI2-SAI3');
    await expect(firstRun.fieldError(firstRun.enrolmentCode)).toHaveText(/^Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn\./);
    await expect(firstRun.fieldError(firstRun.serverUrl)).toHaveCount(0);
    const expired = await districtServer.createDesk(2, new Date(Date.now() - 8 * 86_400_000));
    await firstRun.connect(districtServer.url, expired);
    await expect(firstRun.fieldError(firstRun.enrolmentCode)).toHaveText(/^Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn\./);
    let info = await deskHost.call('app.info', {});
    expect(info.ok && info.value).toMatchObject({ deviceId: null });

    // The right code enrols the desk as desk 1 of the district; the clerk then logs in and sees it online.
    await firstRun.connect(districtServer.url, code);
    await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    info = await deskHost.call('app.info', {});
    expect(info.ok && info.value).toMatchObject({ unitCode: '000.00.06.H56', deskNumber: 1 });
    const devices = await districtServer.storage.listDevices();
    expect(devices.find((d) => d.deskNumber === 1)?.enrolledAt).toBeTruthy();

    await app.login('ttbinh', 'mat-khau-123456');
    await expect(app.syncIndicator).toHaveAttribute('data-state', 'online');
    await expect(app.syncIndicator).toContainText('Trực tuyến');
  });
});
