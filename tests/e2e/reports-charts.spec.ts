/**
 * The dashboard's chart by month and its unit picker over a desk filled with demo dossiers (all received at the
 * district's desk): each month's bar carries the figures of that month's own report, a month opens its dossiers,
 * and the communes, whose dossiers the district's desk does not hold, are shown but not reported as zeros.
 */
import { test, expect } from './support/fixtures';
import { ReportsPage } from './pages/reports-page';
import { DATASET_ADMIN } from '../../bench/generator/desk-dataset';

test.use({ demoDossiers: 60 });

test('each month’s bar shows the figures of that month’s report and opens its dossiers', async ({
  deskHost: _desk,
  app,
  page,
}) => {
  await app.openAs(DATASET_ADMIN, 'reports');
  const reports = new ReportsPage(page);
  await expect(reports.months.getByRole('heading', { name: 'Theo tháng' })).toBeVisible();
  const bars = await reports.monthBars();
  // The default period runs from January to this month: one bar per month.
  expect(bars[0]!.month).toMatch(/^\d{4}-01$/);
  expect(bars.length).toBe(Number(bars.at(-1)!.month.slice(5)));
  // The months add up to the period's newly received dossiers.
  const fresh = await reports.figure('received_new');
  expect(bars.reduce((n, b) => n + b.received, 0)).toBe(fresh);

  const busy = bars.filter((b) => b.received > 0);
  expect(busy.length).toBeGreaterThan(0);
  const month = busy[0]!;
  const monthNumber = Number(month.month.slice(5));
  await expect(reports.months.getByTestId(`month-row-${month.month}`).locator('th')).toHaveText(
    `Tháng ${monthNumber}/${month.month.slice(0, 4)}`,
  );

  // A month's bar opens the dossiers newly received in that month.
  await reports.months.getByTestId(`month-${month.month}`).click();
  const drill = page.getByTestId('report-drill-down');
  await expect(drill).toContainText(`Tháng ${monthNumber}/`);
  await expect(page.getByTestId('report-dossier')).toHaveCount(Math.min(month.received, 50));

  // The report for that month alone has the same figures as its bar.
  await reports.showPeriod(month.from, month.to);
  await expect(page.getByTestId('report-period')).toContainText(`${month.from.slice(8, 10)}/${month.from.slice(5, 7)}`);
  await expect.poll(() => reports.figure('received_new')).toBe(month.received);
  const resolved =
    (await reports.figure('resolved_early')) + (await reports.figure('resolved_on_time')) + (await reports.figure('resolved_late'));
  expect(resolved).toBe(month.resolved);
  const only = await reports.monthBars();
  expect(only).toEqual([month]);

  await app.switchLanguage('en');
  await expect(reports.months.getByRole('heading', { name: 'By month' })).toBeVisible();
  await expect(reports.months.getByTestId(`month-row-${month.month}`).locator('th')).toContainText(month.month.slice(0, 4));
});

test('the unit picker shows the district, and its communes as not held here: no report of zeros for them', async ({
  deskHost: _desk,
  app,
  page,
}) => {
  await app.openAs(DATASET_ADMIN, 'reports');
  const reports = new ReportsPage(page);
  await expect(page.getByTestId('report-received')).toBeVisible();
  await expect(page.getByLabel('Đơn vị')).toHaveValue('000.00.06.H56');
  await expect(reports.unit.locator('option').first()).toHaveText('Huyện Thanh Hà');
  await expect(reports.unit.locator('option').first()).toBeEnabled();
  const district = await reports.figure('received');
  expect(district).toBeGreaterThan(0);

  // Every demo dossier was received at the district's desk: the desk holds none of a commune's dossiers, so it
  // offers no report of one (it read "0" while the commune's own desk had received dossiers) and says where it is.
  const commune = reports.unit.locator('option[value="000.02.06.H56"]');
  await expect(commune).toBeDisabled();
  await expect(commune).toContainText('(không có hồ sơ tại quầy)');
  await expect(reports.unit.locator('option:disabled')).toHaveCount((await reports.unit.locator('option').count()) - 1);
  await expect(page.getByText('báo cáo chung gồm cả các đơn vị đó do bộ phận quản trị lập trên máy chủ của huyện')).toBeVisible();
  expect(await reports.figure('received')).toBe(district);
});
