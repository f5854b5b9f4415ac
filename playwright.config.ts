/**
 * End-to-end tests of the clerk's UI in Debian's Chromium (never a downloaded browser: see TOOLCHAIN.md), against
 * the real loopback host and a real desk, one data folder per test. The renderer is built once in globalSetup.
 * Specs being written live in tests/e2e/wip/ and run only with E2E_WIP=1, so `npm test` never meets a half-done one.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: process.env.E2E_WIP ? [] : ['**/wip/**'],
  globalSetup: './tests/e2e/support/global-setup.ts',
  outputDir: 'test-results/e2e',
  // Two cores shared with the desk under test: one browser at a time.
  workers: 1,
  fullyParallel: false,
  // One retry in CI, where a 2-core machine shared with the desk under test can starve a timing-sensitive step;
  // `npm test` still reports every test that needed it (scripts/test.mjs prints them as flaky).
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    locale: 'vi-VN',
    // The PC's zone must not matter: the UI shows Vietnam time whatever it is.
    timezoneId: 'America/New_York',
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
