/** The dossier list: search as you type, filters, rows that open the dossier. */
import { expect, type Locator, type Page } from '@playwright/test';

export class DossierListPage {
  readonly search: Locator;
  readonly rows: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByTestId('dossier-search');
    this.rows = page.getByTestId('dossier-row');
    this.total = page.getByTestId('dossier-total');
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  async open(text: string | RegExp): Promise<void> {
    await this.row(text).first().click();
    await expect(this.page.getByTestId('dossier-detail')).toBeVisible();
  }
}
