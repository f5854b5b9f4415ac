/** The app around every screen: launch link, login, the navigation bar, the sync indicator, the language. */
import { expect, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { DeskHost } from '../support/desk-host';
import { artifactsDir } from '../support/paths';

export class AppPage {
  readonly syncIndicator: Locator;
  readonly syncPending: Locator;
  readonly currentUser: Locator;
  readonly languageSelect: Locator;

  constructor(
    readonly page: Page,
    private readonly deskHost: DeskHost,
  ) {
    this.syncIndicator = page.getByTestId('sync-indicator');
    this.syncPending = page.getByTestId('sync-pending');
    this.currentUser = page.getByTestId('current-user');
    this.languageSelect = page.getByTestId('language-select');
  }

  /** Opens the host's launch link (sets the session cookie) and waits for the app to answer. */
  async launch(): Promise<void> {
    await this.page.goto(this.deskHost.launchUrl);
    await expect(this.page.locator('h1').first()).toBeVisible();
  }

  async login(username: string, password: string): Promise<void> {
    await this.page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await this.page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.currentUser).toBeVisible();
  }

  nav(route: string): Locator {
    return this.page.locator(`nav [data-nav="${route}"]`);
  }

  /** Opens the app, logs in as `user` and goes to `route`: how most screen tests start. */
  async openAs(user: { username: string; password: string }, route: string): Promise<void> {
    await this.launch();
    await this.login(user.username, user.password);
    await this.go(route);
  }

  async go(route: string): Promise<void> {
    await this.nav(route).click();
    await expect(this.nav(route)).toHaveAttribute('aria-current', 'page');
  }

  async switchLanguage(language: 'vi' | 'en'): Promise<void> {
    await this.languageSelect.selectOption(language);
  }

  /** A screenshot as a test artifact (and, with `docs`, as the current one in docs/screenshots/). */
  async screenshot(name: string): Promise<string> {
    mkdirSync(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: false });
    return file;
  }
}
