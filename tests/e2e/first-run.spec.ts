/** First run of a fresh desk: choose the demo set-up, create the first administrator, then log in. */
import { test, expect } from './support/fixtures';

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
});
