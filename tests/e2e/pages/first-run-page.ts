import { expect, type Page } from '@playwright/test';

/** First run: demo or real server, then the first administrator. */
export class FirstRunPage {
  constructor(readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: /Thiết lập lần đầu|First-time set-up/ })).toBeVisible();
  }

  async chooseDemo(): Promise<void> {
    await this.page.getByTestId('choose-demo').click();
    await this.page.getByTestId('first-run-continue').click();
  }

  async createAdministrator(displayName: string, username: string, password: string, repeat = password): Promise<void> {
    await this.page.getByLabel(/Họ và tên|Full name/).fill(displayName);
    await this.page.getByLabel(/Tên đăng nhập|User name/).fill(username);
    await this.page.getByLabel(/^(Mật khẩu|Password)/).first().fill(password);
    await this.page.getByLabel(/Nhập lại mật khẩu|Repeat the password/).fill(repeat);
    await this.page.getByTestId('create-admin').click();
  }
}
