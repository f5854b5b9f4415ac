/**
 * The reports dashboard over a desk filled with demo dossiers: the headline figures of the district report,
 * a drill-down from one figure to its dossiers and on to one dossier, and the same screen in English.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';
import { DATASET_ADMIN } from '../../bench/generator/desk-dataset';

test.use({ demoDossiers: 60 });

const numberIn = async (text: Promise<string>): Promise<number> => Number((await text).replace(/\D/g, ''));

test('the dashboard shows the period’s figures and lists the dossiers behind one', async ({
  deskHost: _desk,
  app,
  page,
}) => {
  await app.openAs(DATASET_ADMIN, 'reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo' })).toBeVisible();
  // Default period: 1 January of this year to today, shown dd/MM/yyyy.
  await expect(page.getByLabel('Từ ngày')).toHaveValue(/^01\/01\/\d{4}$/);

  const received = page.getByTestId('report-received');
  await expect(received).toContainText('Tổng số hồ sơ trong kỳ');
  const total = await numberIn(received.locator('.value').innerText());
  const fresh = await numberIn(page.getByTestId('figure-received_new').locator('.value').innerText());
  const carried = await numberIn(page.getByTestId('figure-carried_over').locator('.value').innerText());
  expect(total).toBeGreaterThan(0);
  expect(total).toBe(carried + fresh);
  await expect(page.getByTestId('rate-onTimeRate')).toContainText(/Tỷ lệ đúng hạn\s*[\d,]+ %|—/);
  await expect(page.getByTestId('report-by-field').locator('tbody tr').first()).toBeVisible();

  // Drill down: the new dossiers of the period, as many as the figure says (one page of 50 at most).
  await page.getByTestId('figure-received_new').click();
  const rows = page.getByTestId('report-dossier');
  await expect(rows.first()).toBeVisible();
  await expect(rows).toHaveCount(Math.min(fresh, 50));
  // The in-person card lists only the dossiers received at the desk.
  const inPerson = await numberIn(
    page.getByTestId('figure-received_new-in_person').locator('.value').innerText(),
  );
  await page.getByTestId('figure-received_new-in_person').click();
  await expect(page.getByTestId('report-drill-down')).toContainText('Trực tiếp');
  await expect(rows).toHaveCount(Math.min(inPerson, 50));
  const code = (await rows.first().locator('td').first().innerText()).trim();
  await rows.first().click();
  await expect(page.getByTestId('dossier-detail')).toBeVisible();
  await expect(page.getByTestId('dossier-detail')).toContainText(code);

  await app.go('reports');
  await app.switchLanguage('en');
  await expect(page.getByTestId('rate-onTimeRate')).toContainText('On-time rate');
  await expect(page.getByTestId('report-received')).toContainText('Dossiers in the period');
});

test('a reversed period is refused next to its field and nothing is shown', async ({
  deskHost: _desk,
  app,
  page,
}) => {
  await app.openAs(DATASET_ADMIN, 'reports');
  await expect(page.getByTestId('report-received')).toBeVisible();
  await page.getByLabel('Từ ngày').fill('31/12/2026');
  await page.getByLabel('Đến ngày').fill('01/01/2026');
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await expect(page.locator('.field-error')).toContainText('ngày bắt đầu');
  await expect(page.getByTestId('report-received')).toHaveCount(0);
});

test('the dashboard with a drill-down open fits a 1280×720 screen and has no serious accessibility problems', async ({
  deskHost: _desk,
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.openAs(DATASET_ADMIN, 'reports');
  await page.getByTestId('figure-received_new').click();
  await expect(page.getByTestId('report-dossier').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1281);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the dashboard shows the results handed over and the dossiers refused at the desk, as the exports do', async ({
  deskHost,
  app,
  page,
}) => {
  await app.openAs(DATASET_ADMIN, 'reports');
  const from = await page.getByLabel('Từ ngày').inputValue();
  const to = await page.getByLabel('Đến ngày').inputValue();
  const key = (vn: string) => `${vn.slice(6, 10)}-${vn.slice(3, 5)}-${vn.slice(0, 2)}`;
  const summary = await deskHost.call('reports.summary', { from: key(from), to: key(to) });
  if (!summary.ok) throw new Error(summary.error.message.en);
  const counts = (summary.value as { counts: { returned: number; refused: number } }).counts;
  expect(counts.refused).toBeGreaterThan(0);

  const returned = page.getByTestId('figure-returned');
  await expect(returned).toContainText('Đã trả kết quả');
  expect(await numberIn(returned.locator('.value').innerText())).toBe(counts.returned);
  const refused = page.getByTestId('figure-refused');
  await expect(refused).toContainText('Không được tiếp nhận');
  expect(await numberIn(refused.locator('.value').innerText())).toBe(counts.refused);

  // The refused card opens the refused dossiers (form 03), as many as it says (one page of 50 at most).
  await refused.click();
  await expect(page.getByTestId('report-drill-down')).toContainText('Không được tiếp nhận');
  await expect(page.getByTestId('report-dossier')).toHaveCount(Math.min(counts.refused, 50));
});
