/**
 * How many rows the header's top bar takes: a bar that wraps puts "Đăng xuất" or the language under the rest, and
 * pushes every screen down. Elements taken out of the flow (the language's visually hidden label) do not count.
 */
import type { Page } from '@playwright/test';

export function topbarRows(page: Page): Promise<number> {
  return page.locator('header .topbar').evaluate((bar) => {
    const boxes = [...bar.children]
      .filter((el) => getComputedStyle(el).position !== 'absolute' && el.getBoundingClientRect().width > 0)
      .map((el) => el.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom) rows += 1;
      bottom = Math.max(bottom, box.bottom);
    }
    return rows;
  });
}
