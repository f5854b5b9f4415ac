/**
 * The Playwright fixtures: each test gets its own desk (own data folder) behind its own loopback host, and page
 * objects bound to the page. `seededDesk` also creates the administrator and a desk identity so a test can start
 * at the login screen; `loggedIn` starts inside the app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { SyncClientOptions } from '../../../electron/desk/sync';
import { generateDeskDataset } from '../../../bench/generator/desk-dataset';
import { startDeskHost, type DeskHost } from './desk-host';
import { startDistrictServer, type DistrictServer } from './district-server';
import { AppPage } from '../pages/app-page';
import { FirstRunPage } from '../pages/first-run-page';
import { ReceptionPage } from '../pages/reception-page';
import { DossierListPage } from '../pages/dossier-list-page';
import { DossierDetailPage } from '../pages/dossier-detail-page';
import { SettingsPage } from '../pages/settings-page';

export const ADMIN = { username: 'quantri', displayName: 'Nguyễn Thị Quản Trị', password: 'mat-khau-an-toan-1' };
export const DEMO_UNIT = { unitCode: '000.00.06.H56', deskNumber: 1 };

interface Options {
  /** Give the test's desk a running sync client with these timers (`test.use({ deskSync: FAST_SYNC })`). */
  deskSync: SyncClientOptions | undefined;
  /**
   * Fill the test's desk with this many demo dossiers in every status (the benchmark's generator, as `npm start`
   * does) before it opens; log in with the generator's administrator (DATASET_ADMIN).
   */
  demoDossiers: number | undefined;
  /**
   * A fixed instant for the desk's clock (`test.use({ deskNow: '2026-12-03T10:00:00+07:00' })`), so appointments are
   * known in advance; pair it with `page.clock.setFixedTime` so the live appointment in the page agrees.
   */
  deskNow: string | undefined;
}

interface Fixtures {
  deskHost: DeskHost;
  /** A real district server (SQLite in its own folder) on loopback, for tests that enrol and sync a desk. */
  districtServer: DistrictServer;
  app: AppPage;
  firstRun: FirstRunPage;
  reception: ReceptionPage;
  dossierList: DossierListPage;
  dossierDetail: DossierDetailPage;
  settings: SettingsPage;
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

export const test = base.extend<Fixtures & Options>({
  deskSync: [undefined, { option: true }],
  demoDossiers: [undefined, { option: true }],
  deskNow: [undefined, { option: true }],
  deskHost: async ({ deskSync, demoDossiers, deskNow }, use) => {
    let dataDir: string | undefined;
    if (demoDossiers) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-demo-'));
      await generateDeskDataset({ dataDir, dossiers: demoDossiers, years: 0.25, seed: 2023 });
    }
    const running = await startDeskHost({
      ...(deskSync ? { sync: deskSync } : {}),
      ...(dataDir ? { dataDir } : {}),
      ...(deskNow ? { now: () => new Date(deskNow) } : {}),
    });
    try {
      await use(running);
      await running.close();
    } finally {
      // The demo data folder holds test personal data: removed even when closing the desk failed.
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern
  districtServer: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-server-'));
    const server = await startDistrictServer(dir);
    try {
      await use(server);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  app: async ({ page, deskHost }, use) => use(new AppPage(page, deskHost)),
  firstRun: async ({ page }, use) => use(new FirstRunPage(page)),
  reception: async ({ page }, use) => use(new ReceptionPage(page)),
  dossierList: async ({ page }, use) => use(new DossierListPage(page)),
  dossierDetail: async ({ page }, use) => use(new DossierDetailPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
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
