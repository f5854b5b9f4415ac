import { expect, type Locator, type Page } from '@playwright/test';

/** First run: demo or real server, then the first administrator. */
export class FirstRunPage {
  readonly serverUrl: Locator;
  readonly enrolmentCode: Locator;

  constructor(readonly page: Page) {
    this.serverUrl = page.getByTestId('server-url');
    this.enrolmentCode = page.getByTestId('enrolment-code');
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: /Thiết lập lần đầu|First-time set-up/ })).toBeVisible();
  }

  async chooseDemo(): Promise<void> {
    await this.page.getByTestId('choose-demo').click();
    await this.page.getByTestId('first-run-continue').click();
  }

  /** Chooses the unit's real server and types its address and the one-time code (only checked on the PC yet). */
  async chooseRealServer(serverUrl: string, code: string): Promise<void> {
    await this.page.getByTestId('choose-real').click();
    await this.connect(serverUrl, code);
  }

  /** Types the address and code (replacing what is there) and presses Connect. */
  async connect(serverUrl: string, code: string): Promise<void> {
    await this.serverUrl.fill(serverUrl);
    await this.enrolmentCode.fill(code);
    await this.page.getByTestId('first-run-continue').click();
  }

  /** The error shown under a field of the connect step (its text is read out with the field). */
  fieldError(field: Locator): Locator {
    return this.page.locator('.field').filter({ has: field }).locator('.field-error');
  }

  async createAdministrator(displayName: string, username: string, password: string, repeat = password): Promise<void> {
    await this.page.getByLabel(/Họ và tên|Full name/).fill(displayName);
    await this.page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await this.page.getByLabel(/^(Mật khẩu|Password)/).first().fill(password);
    await this.page.getByLabel(/Nhập lại mật khẩu|Repeat the password/).fill(repeat);
    await this.page.getByTestId('create-admin').click();
  }
}
