/** The reports dashboard as a district officer reads it: headline cards, the unit picker, the chart by month. */
import { type Locator, type Page } from '@playwright/test';

const numberIn = (text: string): number => Number(text.replace(/\D/g, ''));

export interface MonthBarFigures {
  month: string;
  from: string;
  to: string;
  received: number;
  resolved: number;
}

export class ReportsPage {
  readonly unit: Locator;
  readonly months: Locator;

  constructor(readonly page: Page) {
    this.unit = page.getByTestId('report-unit');
    this.months = page.getByTestId('report-months');
  }

  /** A headline card's number (`received_new`, `resolved_late`, …) or the total of the period (`received`). */
  async figure(testId: string): Promise<number> {
    const id = testId === 'received' ? 'report-received' : `figure-${testId}`;
    return numberIn(await this.page.getByTestId(id).locator('.value').innerText());
  }

  /** Every bar of the chart by month with the numbers written on it, in order. */
  async monthBars(): Promise<MonthBarFigures[]> {
    const bars = this.months.locator('button.month-column');
    const out: MonthBarFigures[] = [];
    for (const bar of await bars.all()) {
      out.push({
        month: ((await bar.getAttribute('data-testid')) ?? '').replace(/^month-/, ''),
        from: (await bar.getAttribute('data-from')) ?? '',
        to: (await bar.getAttribute('data-to')) ?? '',
        received: numberIn(await bar.getByTestId('month-received').innerText()),
        resolved: numberIn(await bar.getByTestId('month-resolved').innerText()),
      });
    }
    return out;
  }

  /** Types a period (as `YYYY-MM-DD`, entered dd/MM/yyyy) and shows its report. */
  async showPeriod(from: string, to: string): Promise<void> {
    const vn = (key: string) => `${key.slice(8, 10)}/${key.slice(5, 7)}/${key.slice(0, 4)}`;
    await this.page.getByLabel('Từ ngày').fill(vn(from));
    await this.page.getByLabel('Đến ngày').fill(vn(to));
    await this.page.getByRole('button', { name: 'Xem báo cáo' }).click();
  }
}
