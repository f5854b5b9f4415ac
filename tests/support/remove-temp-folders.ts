/**
 * Vitest setup file (vitest.config.ts `setupFiles`): runs in every test file, so every temporary folder a test helper
 * made with `tempFolder` is removed when the file ends, even when a test failed before its own cleanup.
 * Registered before the file's own hooks, so under Vitest's stack order it runs after them: what the test closes
 * itself is closed first.
 */
import { afterAll } from 'vitest';
import { removeTempFolders } from './temp-folders';

afterAll(removeTempFolders);
