import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,server,renderer,cli,tests,scripts,eslint-rules}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'tests/e2e/**'],
    environment: 'node',
    // Removes the temporary folders the test helpers made (tests/support/temp-folders.ts), passed or failed.
    setupFiles: ['tests/support/remove-temp-folders.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on the desks' and CI's machines: more workers only thrash.
    maxWorkers: 2,
  },
});
