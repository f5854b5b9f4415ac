/**
 * Finding dossiers and coming back to them (QA): back from a dossier, the list is as the clerk left it, its search,
 * filters and place kept for the session; and a procedure's national code finds that procedure's dossiers.
 */
import { ADMIN, test, expect } from './support/fixtures';
import { receiveViaApi } from './support/receive';
import { DATASET_ADMIN } from '../../bench/generator/desk-dataset';

const HOA = ['Lê Thị Hoa', 'Lê Thị Hoà', 'Lê Thị Hoa', 'Lê Thị Hoa', 'Lê Thị Hòa'];

test('back from a dossier (Back or Alt+2), the list keeps its search and the keyboard goes on to the next one', async ({ loggedIn, app, dossierList, dossierDetail, page }) => {
  for (const [i, name] of HOA.entries()) await receiveViaApi(loggedIn, name, `00120300456${i}`);
  await receiveViaApi(loggedIn, 'Nguyễn Văn An', '001203004599');
  await app.go('dossiers');
  await dossierList.search.fill('le thi hoa');
  await expect(dossierList.rows).toHaveCount(5);
  const codes = (await dossierList.rows.locator('.dossier-code').allTextContents()).map((c) => c.trim());

  await dossierList.rows.nth(1).click();
  await expect(dossierDetail.code).toHaveText(codes[1]!);
  await page.goBack();
  await expect(dossierList.search).toHaveValue('le thi hoa');
  await expect(dossierList.rows).toHaveCount(5);
  await expect(dossierList.total).toHaveText('5 hồ sơ');
  // The search box has the focus, its text selected; down into the list at the dossier just seen, then the next one.
  await expect(dossierList.search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.dossier-row:focus')).toContainText(codes[1]!);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.dossier-row:focus')).toContainText(codes[2]!);
  await page.keyboard.press('Enter');
  await expect(dossierDetail.code).toHaveText(codes[2]!);

  await page.keyboard.press('Alt+2');
  await expect(dossierList.search).toHaveValue('le thi hoa');
  await expect(dossierList.rows).toHaveCount(5);
  // A new name typed replaces the search kept.
  await page.keyboard.type('nguyen van an');
  await expect(dossierList.search).toHaveValue('nguyen van an');
  await expect(dossierList.rows).toHaveCount(1);

  // Cleared, it stays cleared.
  await page.getByRole('button', { name: 'Xoá bộ lọc' }).click();
  await expect(dossierList.rows).toHaveCount(6);
  await dossierList.rows.first().click();
  await expect(dossierDetail.root).toBeVisible();
  await page.goBack();
  await expect(dossierList.search).toHaveValue('');
  await expect(dossierList.rows).toHaveCount(6);

  // A search can hold a citizen's name: the next clerk to log in does not find it.
  await dossierList.search.fill('le thi hoa');
  await expect(dossierList.rows).toHaveCount(5);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await app.login(ADMIN.username, ADMIN.password);
  await app.go('dossiers');
  await expect(dossierList.search).toHaveValue('');
  await expect(dossierList.rows).toHaveCount(6);
});

test('a procedure’s national code, whole or its start, finds that procedure’s dossiers', async ({ loggedIn, app, dossierList, page }) => {
  for (const [i, name] of HOA.slice(0, 3).entries()) await receiveViaApi(loggedIn, name, `00120300456${i}`);
  const catalog = await loggedIn.call('catalog.procedures', {});
  if (!catalog.ok) throw new Error(catalog.error.message.en);
  const procedures = catalog.value as { code: string; name: string }[];
  const birth = procedures.find((p) => p.name === 'Thủ tục đăng ký khai sinh')!;
  const other = procedures.find((p) => p.code !== birth.code)!;
  await app.go('dossiers');
  for (const query of [birth.code, birth.code.slice(0, 8)]) {
    await dossierList.search.fill(query);
    await expect(dossierList.rows).toHaveCount(3);
  }
  await dossierList.search.fill(other.code);
  await expect(page.getByText('Không có hồ sơ nào khớp')).toBeVisible();
});

test.describe('with a long list', () => {
  test.use({ demoDossiers: 160 });

  test('back from a dossier far down the list, the list is scrolled to where the clerk left it', async ({ deskHost: _desk, app, dossierList, dossierDetail, page }) => {
    await app.launch();
    await app.login(DATASET_ADMIN.username, DATASET_ADMIN.password);
    await app.go('dossiers');
    await expect(dossierList.total).toHaveText('160 hồ sơ');
    const box = page.getByTestId('dossier-scroll');
    await box.evaluate((el) => (el.scrollTop = 44 * 120));
    const row = page.locator('[data-index="124"]');
    await expect(row).toHaveAttribute('data-testid', 'dossier-row');
    const code = (await row.locator('.dossier-code').textContent())!.trim();
    await row.click();
    await expect(dossierDetail.code).toHaveText(code);
    await page.goBack();
    await expect(dossierList.total).toHaveText('160 hồ sơ');
    await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBe(44 * 120);
    await expect(page.locator('[data-index="124"] .dossier-code')).toHaveText(code);
    await expect(page.locator('[data-index="124"]')).toBeInViewport();
  });
});
