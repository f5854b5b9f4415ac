/** The receipt saved as PDF, and an accessibility check of the main screens. */
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { readPdf } from './support/pdf-reader';
import { receiveViaApi } from './support/receive';
import { saveScreens } from './support/screens';

test('the receipt slip saved as PDF carries the dossier code and a QR code that decodes to it', async ({ loggedIn, dossierDetail, app, page, context }) => {
  const { code, id } = await receiveViaApi(loggedIn, 'Vũ Thị Ngọc Ánh');
  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
  await expect(dossierDetail.code).toHaveText(code);
  await page.getByRole('button', { name: /In phiếu hẹn \(mẫu 01\)/ }).click();
  await expect(page.getByTestId('print-sheet').locator('img.qr')).toBeVisible();
  await saveScreens(app, 'receipt-slip-print-preview');

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const { text, qr, pages } = await readPdf(context, pdf);
  // pdf.js splits runs of a shaped font into pieces; compare without the spaces between them.
  const squeezed = text.replace(/\s+/g, '');
  expect(squeezed).toContain('GIẤYTIẾPNHẬNHỒSƠVÀHẸNTRẢKẾTQUẢ');
  expect(squeezed).toContain(code);
  expect(squeezed).toContain('VũThịNgọcÁnh');
  // This desk has no lookup address: the slip names the code and PIN to give, and the QR holds the code alone.
  expect(squeezed).toContain('Khihỏivềtìnhtrạnghồsơ,xincungcấpmãhồsơvàmãtracứu');
  // One A5 page, and only the slip: nothing of the app around it.
  expect(pages).toBe(1);
  expect(squeezed).not.toContain('Thaotác');
  expect(qr).toBe(code);
});

test('with a lookup address, the printed QR code opens the lookup page with the dossier code, never the PIN', async ({ loggedIn, dossierDetail, page, context }) => {
  const { code, id } = await receiveViaApi(loggedIn, 'Trương Văn Lộc');
  const set = await loggedIn.call('settings.set', { publicLookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' });
  expect(set.ok).toBe(true);
  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
  await expect(dossierDetail.code).toHaveText(code);
  await page.getByRole('button', { name: /In phiếu hẹn \(mẫu 01\)/ }).click();
  await expect(page.getByTestId('print-sheet').locator('img.qr')).toBeVisible();
  const { text, qr } = await readPdf(context, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(qr).toBe(`https://dichvucong.haiduong.gov.vn/tra-cuu?ma=${code}`);
  expect(text.replace(/\s+/g, '')).toContain('quétmãQRtrênphiếunàybằngđiệnthoạirồinhậpmãtracứu');
});

test('the main screens have no serious or critical accessibility violations', async ({ loggedIn, app, page }) => {
  const { id } = await receiveViaApi(loggedIn, 'Bùi Quang Huy');
  const check = async (screen: string) => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await check('reception');
  await app.go('dossiers');
  await expect(page.getByTestId('dossier-row')).toHaveCount(1);
  await check('dossiers');
  await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
  await expect(page.getByTestId('dossier-detail')).toBeVisible();
  await check('detail');
  for (const screen of ['results', 'friday', 'sync', 'reports', 'settings']) {
    await app.go(screen);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await check(screen);
    // The other screens' pictures come from specs that fill them (demo dossiers, an enrolled desk).
    if (screen === 'friday') await saveScreens(app, screen);
  }
});

test('the tracking logbook (form 06) saved as PDF: this month’s dossiers, numbered, on a landscape A4 page', async ({ loggedIn, app, page, context }) => {
  const first = await receiveViaApi(loggedIn, 'Đỗ Minh Khoa');
  const second = await receiveViaApi(loggedIn, 'Lý Thị Hồng');
  await app.go('dossiers');
  await page.getByTestId('open-logbook').click();
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet.getByText('SỔ THEO DÕI HỒ SƠ')).toBeVisible();
  await expect(sheet.getByRole('row')).toHaveCount(4);
  await saveScreens(app, 'logbook-print-preview');

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const { text, pages, width, height } = await readPdf(context, pdf);
  const squeezed = text.replace(/\s+/g, '');
  expect(squeezed).toContain('SỔTHEODÕIHỒSƠ');
  expect(squeezed).toContain(first.code);
  expect(squeezed).toContain(second.code);
  expect(squeezed).toContain('ĐỗMinhKhoa');
  expect(pages).toBe(1);
  expect(squeezed).not.toContain('Thaotác');
  // Landscape A4: 842 × 595 points.
  expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
});

/**
 * The QA's clerks: a 1366×768 screen at 125% scaling (1,093 × 614 CSS px), and one at 200% browser zoom (half that).
 * Zoom only changes the CSS viewport, so the window's size stands for it.
 */
test('on a small screen and at 200% zoom: the ID field shows 12 digits, every tab is in sight, the list scrolls sideways to its appointment column, the slip fits', async ({
  loggedIn,
  app,
  reception,
  dossierList,
  page,
}) => {
  const { id } = await receiveViaApi(loggedIn, 'Đặng Thị Thu Hà');
  const boxOf = async (locator: Locator) => (await locator.boundingBox())!;
  for (const size of [
    { width: 1093, height: 614 },
    { width: 547, height: 307 },
  ]) {
    const at = `${size.width}×${size.height}`;
    await page.setViewportSize(size);
    await page.goto(`${loggedIn.host.pageOrigin}/#/reception`);
    // A căn cước's 12 digits and a passport's number, whole (at 1,093 px the paper's name beside it left 10 digits).
    for (const number of ['034195001234', 'C1234567890123']) {
      await reception.idNumberField.fill(number);
      expect(await reception.idNumberField.evaluate((e: HTMLInputElement) => e.scrollWidth <= e.clientWidth), `${at}: ${number}`).toBe(true);
    }
    // The tabs wrap rather than hide past the edge in a strip with no cue (the page's top, above the filled field).
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const route of ['reception', 'dossiers', 'results', 'friday', 'sync', 'reports', 'settings']) await expect(app.nav(route), `${at}: ${route}`).toBeInViewport({ ratio: 1 });

    await app.go('dossiers');
    const row = dossierList.rows.first();
    await expect(row).toBeVisible();
    const dueAt = row.getByRole('cell').nth(4);
    await expect(dueAt).toHaveText(/\d\d\/\d\d\/\d{4}/);
    await dueAt.scrollIntoViewIfNeeded();
    // In sight, inside the card and not cut by its row; its header scrolled along with it.
    const cell = await boxOf(dueAt);
    const card = await boxOf(page.getByRole('table', { name: 'Danh sách hồ sơ' }));
    const rowBox = await boxOf(row);
    expect(cell.x, at).toBeGreaterThanOrEqual(Math.max(0, card.x));
    expect(cell.x + cell.width, at).toBeLessThanOrEqual(Math.min(size.width, card.x + card.width, rowBox.x + rowBox.width));
    const header = await boxOf(page.getByRole('columnheader').nth(4));
    expect(Math.abs(header.x - cell.x), at).toBeLessThan(1);

    // The receipt slip is scaled to the window on screen (on paper it stays A5: the first test).
    await page.goto(`${loggedIn.host.pageOrigin}/#/dossier/${id}`);
    await page.getByRole('button', { name: /In phiếu hẹn \(mẫu 01\)/ }).click();
    await expect(page.getByTestId('print-sheet')).toBeVisible();
    const sheet = await boxOf(page.getByTestId('print-sheet'));
    expect(sheet.x, at).toBeGreaterThanOrEqual(0);
    expect(sheet.x + sheet.width, at).toBeLessThanOrEqual(size.width);
    await page.keyboard.press('Escape');
  }
});
