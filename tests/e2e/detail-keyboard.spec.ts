/**
 * The dossier detail with the keyboard alone, on a small laptop screen, in a real browser: what jsdom cannot show
 * (that `inert` holds Tab in the print preview, that a field the keyboard is put in is in sight).
 */
import { test, expect } from './support/fixtures';
import { receiveViaApi } from './support/receive';

/** The QA's laptop: 1366×768 at 125 % scaling. */
const smallScreen = { width: 1093, height: 614 };

test('Tab stays in the print preview, and closing it gives the keyboard back to the button that opened it', async ({ loggedIn, dossierDetail, page }) => {
  const { code, id } = await receiveViaApi(loggedIn, 'Vũ Thị Ngọc Ánh');
  await page.setViewportSize(smallScreen);
  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
  await expect(dossierDetail.code).toHaveText(code);
  const opener = page.getByRole('button', { name: /In phiếu hẹn \(mẫu 01\)/ });
  await opener.focus();
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog');
  await expect(preview.getByRole('button', { name: /^In/ })).toBeFocused();
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    // Outside the preview the focus may rest on the browser itself (<body>), never on the page behind it.
    expect(await page.evaluate(() => !!document.activeElement?.closest('#root')), `after ${key}`).toBe(false);
  }
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(opener).toBeFocused();
});

test('an action form brings its first field into sight, and Escape gives it up as "Huỷ" does', async ({ loggedIn, dossierDetail, page }) => {
  const { code, id } = await receiveViaApi(loggedIn, 'Trần Văn Bình');
  await page.setViewportSize(smallScreen);
  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
  await expect(dossierDetail.code).toHaveText(code);
  const supplement = dossierDetail.action(/Yêu cầu bổ sung/);
  await supplement.focus();
  await page.keyboard.press('Enter');
  const items = page.getByRole('textbox', { name: /^Giấy tờ cần bổ sung/ });
  await expect(items).toBeFocused();
  await expect(items).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-form')).toBeHidden();
  await expect(supplement).toBeFocused();

  const transfer = dossierDetail.action(/Chuyển xử lý/);
  await transfer.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: /^Chuyển đến/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-form')).toBeHidden();
  await expect(transfer).toBeFocused();
});
