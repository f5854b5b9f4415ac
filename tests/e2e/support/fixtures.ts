/**
 * The Playwright fixtures: each test gets its own desk (own data folder) behind its own loopback host, and page
 * objects bound to the page. `seededDesk` also creates the administrator and a desk identity so a test can start
 * at the login screen; `loggedIn` starts inside the app.
 */
import { test as base, expect } from '@playwright/test';
import { startDeskHost, type DeskHost } from './desk-host';
import { AppPage } from '../pages/app-page';
import { FirstRunPage } from '../pages/first-run-page';
import { ReceptionPage } from '../pages/reception-page';
import { DossierListPage } from '../pages/dossier-list-page';
import { DossierDetailPage } from '../pages/dossier-detail-page';

export const ADMIN = { username: 'quantri', displayName: 'Nguyễn Thị Quản Trị', password: 'mat-khau-an-toan-1' };
export const DEMO_UNIT = { unitCode: '000.00.06.H56', deskNumber: 1 };

interface Fixtures {
  deskHost: DeskHost;
  app: AppPage;
  firstRun: FirstRunPage;
  reception: ReceptionPage;
  dossierList: DossierListPage;
  dossierDetail: DossierDetailPage;
  /** A desk with an identity and an administrator, the page at the login screen. */
  seededDesk: DeskHost;
  /** As seededDesk, logged in as the administrator, on the reception screen. */
  loggedIn: DeskHost;
}

/** Sets up a desk the way the first-run screens would, through the same API map. */
export async function seedDesk(deskHost: DeskHost): Promise<void> {
  // Creating the first administrator logs it in, which setting the identity needs; then the session ends.
  const admin = await deskHost.call('auth.createAdmin', { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password });
  if (!admin.ok) throw new Error(`createAdmin: ${admin.error.message.en}`);
  const identity = await deskHost.call('app.setIdentity', DEMO_UNIT);
  if (!identity.ok) throw new Error(`setIdentity: ${identity.error.message.en}`);
  await deskHost.call('auth.logout', {});
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  deskHost: async ({}, use) => {
    const running = await startDeskHost();
    await use(running);
    await running.close();
  },
  app: async ({ page, deskHost }, use) => use(new AppPage(page, deskHost)),
  firstRun: async ({ page }, use) => use(new FirstRunPage(page)),
  reception: async ({ page }, use) => use(new ReceptionPage(page)),
  dossierList: async ({ page }, use) => use(new DossierListPage(page)),
  dossierDetail: async ({ page }, use) => use(new DossierDetailPage(page)),
  seededDesk: async ({ deskHost, app }, use) => {
    await seedDesk(deskHost);
    await app.launch();
    await use(deskHost);
  },
  loggedIn: async ({ seededDesk, app }, use) => {
    await app.login(ADMIN.username, ADMIN.password);
    await use(seededDesk);
  },
});

export { expect };
