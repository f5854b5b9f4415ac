/** One dossier: its facts, status, timeline and the actions its status and the clerk's role allow. */
import { expect, type Locator, type Page } from '@playwright/test';

export class DossierDetailPage {
  readonly root: Locator;
  readonly status: Locator;
  readonly timeline: Locator;
  readonly code: Locator;
  /** "Đồng bộ: Chờ gửi / Đã đồng bộ / …": whether this dossier's changes have reached the server. */
  readonly syncState: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dossier-detail');
    this.status = page.getByTestId('detail-status');
    this.timeline = page.getByTestId('timeline');
    this.code = page.getByTestId('detail-code');
    this.syncState = page.getByTestId('detail-sync');
  }

  action(name: RegExp): Locator {
    return this.page.getByTestId('dossier-actions').getByRole('button', { name });
  }

  /** Opens an action's form, fills what is given, confirms, and waits for the new status. */
  async act(name: RegExp, fields: Record<string, string> = {}, expectStatus?: RegExp): Promise<void> {
    await this.action(name).click();
    const form = this.page.getByTestId('action-form');
    await expect(form).toBeVisible();
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(new RegExp(label));
      // A choice is made by the words the clerk reads in the list.
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await form.getByRole('button', { name: /Xác nhận|Confirm/ }).click();
    await expect(form).toBeHidden();
    if (expectStatus) await expect(this.status).toHaveText(expectStatus);
  }
}
