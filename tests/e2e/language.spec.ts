/** Vietnamese by default with correct diacritics; English on request, remembered across a reload. */
import { test, expect } from './support/fixtures';
import { saveScreens } from './support/screens';

test('switching the language changes every label and is remembered', async ({ loggedIn: _d, app, page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(app.nav('reception')).toContainText('Tiếp nhận');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tiếp nhận hồ sơ');

  await app.switchLanguage('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receive a dossier');
  await expect(app.nav('dossiers')).toContainText('Dossiers');
  await expect(app.currentUser).toContainText('Administrator');
  await expect(app.syncIndicator).toContainText('Offline');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receive a dossier');
  await app.go('dossiers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers');
  await saveScreens(app, 'dossiers-english');

  await app.switchLanguage('vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Danh sách hồ sơ');
});

test('a draft survives a reload and is offered back', async ({ loggedIn: _d, reception, page }) => {
  await reception.chooseProcedure('dang ky ket hon', 'Thủ tục đăng ký kết hôn');
  await reception.fillApplicant({ name: 'Đặng Thị Hương', phone: '0912 345 678' });
  await expect(page.getByText(/Đã tự lưu bản nháp/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Có một hồ sơ đang nhập dở lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('');
  await page.getByRole('button', { name: 'Khôi phục' }).click();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Đặng Thị Hương');
  await expect(page.getByTestId('chosen-procedure')).toContainText('Thủ tục đăng ký kết hôn');
});

test('a dossier set aside while the citizen fetches a paper is still there after a reload', async ({ loggedIn: _d, reception, page }) => {
  await reception.chooseProcedure('dang ky ket hon', 'Thủ tục đăng ký kết hôn');
  await reception.fillApplicant({ name: 'Trịnh Văn Quyết' });
  await page.getByRole('button', { name: /Để riêng, tiếp người khác/ }).click();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hồ sơ để riêng (1)' })).toBeVisible();
  await expect(page.getByTestId('parked-reception')).toContainText(/Trịnh Văn QuyếtThủ tục đăng ký kết hônĐể riêng lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await page.getByRole('button', { name: 'Tiếp tục hồ sơ: Trịnh Văn Quyết' }).click();
  await expect(reception.field(/^Họ và tên/)).toHaveValue('Trịnh Văn Quyết');
  await expect(reception.field(/^Họ và tên/)).toBeFocused();
  await expect(page.getByTestId('chosen-procedure')).toContainText('Thủ tục đăng ký kết hôn');
  await expect(page.getByTestId('parked-receptions')).toBeHidden();
});
