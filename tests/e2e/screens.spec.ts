/**
 * Every main screen at the screen sizes the desks have (1366×768 laptops, 1280×720 projectors and old monitors,
 * 1024×768 old 4:3 monitors), with demo dossiers in every status: nothing a clerk reads is cut off or spills into the next column,
 * and the page never needs a sideways scroll. The screenshots of the current screens for the README come from here.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { DATASET_ADMIN } from '../../bench/generator/desk-dataset';
import { saveScreens } from './support/screens';
import { topbarRows } from './support/header-rows';

test.use({ demoDossiers: 160 });

const SCREENS = ['reception', 'dossiers', 'results', 'friday', 'sync', 'reports', 'settings'] as const;

/**
 * What the clerk would see cut: text in a box that hides its overflow and is wider than the box (an ellipsis or a
 * hard cut), a badge wider than its table cell, and a page wider than the window. The applicant · procedure cell
 * is allowed to end in an ellipsis (its full text is in its tooltip), so it is marked and left out.
 */
async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('#main *, header *')) {
      if (el.closest('[title], .visually-hidden') || !el.textContent?.trim() || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      const hides = ['hidden', 'clip'].includes(style.overflowX);
      if (hides && el.scrollWidth > el.clientWidth + 1 && el.children.length === 0) problems.push(`cut: ${describe(el)}`);
      if (el.matches('[role="cell"] .badge, td .badge, [role="cell"].mono')) {
        const cell = el.closest('[role="cell"], td')!;
        const box = el.getBoundingClientRect();
        const room = cell.getBoundingClientRect();
        if (box.right > room.right + 1 || box.bottom > room.bottom + 1) problems.push(`spills: ${describe(el)}`);
        if (el.matches('.mono') && el.scrollWidth > el.clientWidth + 1) problems.push(`cut: ${describe(el)}`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    // Every tab in sight: a tab bar that scrolls hides the last tabs (Cài đặt) off the edge.
    const tabs = document.querySelector<HTMLElement>('nav.nav');
    if (tabs && tabs.scrollWidth > tabs.clientWidth + 1) problems.push(`the tabs need ${tabs.scrollWidth}px of ${tabs.clientWidth}px`);
    for (const el of document.querySelectorAll<HTMLElement>('header .topbar > *')) {
      if (el.getBoundingClientRect().right > window.innerWidth + 1) problems.push(`beyond the window: ${describe(el)}`);
    }
    return problems;
  });
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
  // The old 4:3 monitors some commune offices still have.
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}×${size.height} no screen cuts or spills what the clerk reads`, async ({ deskHost: _desk, app, page }) => {
    await page.setViewportSize(size);
    await app.launch();
    await app.login(DATASET_ADMIN.username, DATASET_ADMIN.password);
    const docs = size.width === 1366;
    for (const screen of SCREENS) {
      await app.go(screen);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (screen === 'dossiers') {
        await expect(page.getByTestId('dossier-row').first()).toBeVisible();
        // The full official code, as clerks read it out.
        await expect(page.getByTestId('dossier-row').first().locator('.dossier-code')).toHaveText(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
      }
      await page.waitForLoadState('networkidle');
      expect(await clippedText(page), `${screen} at ${size.width}×${size.height}`).toEqual([]);
      expect(await topbarRows(page), `the header's rows on ${screen} at ${size.width}×${size.height}`).toBe(1);
      if (docs && (screen === 'dossiers' || screen === 'results' || screen === 'reports' || screen === 'settings')) await saveScreens(app, screen);
    }

    // The longest status labels, side by side with the other columns.
    await app.go('dossiers');
    for (const status of ['6', '3', '10']) {
      await page.getByTestId('filter-status').selectOption(status);
      await expect(page.getByTestId('dossier-total')).not.toHaveText(/Đang tải/);
      expect(await clippedText(page), `dossiers with status ${status}`).toEqual([]);
    }
    if (docs) {
      await page.getByTestId('filter-status').selectOption('');
      await expect(page.getByTestId('dossier-row').first()).toBeVisible();
      await saveScreens(app, 'dossiers');
    }
  });
}
