/**
 * A test run must leave nothing in the system's temp folder: the helpers' folders hold whole desk databases with test
 * personal data, and CI machines and developers' PCs filled up with hundreds of them. Runs a test file whose tests
 * fail before their own cleanup (fixtures/fails-midway.fixture.ts) in a separate Vitest with the project's
 * configuration, then looks for the folders it made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempFolder } from './temp-folders';

const root = path.resolve(import.meta.dirname, '../..');
/** This run's environment without Vitest's own variables, so the inner Vitest starts as a fresh one would. */
const freshEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
);

it('removes every folder a test file made, desks, sticks and servers, even when its tests failed midway', () => {
  const folders = path.join(tempFolder('motcua-leak-check-'), 'folders.txt');
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'tests/support/fixtures/vitest.fixture.config.ts',
    ],
    { cwd: root, env: { ...freshEnv, MOTCUA_FOLDERS_FILE: folders }, encoding: 'utf8' },
  );
  // Both fixture tests ran to their deliberate failure (so every folder was made and none closed by the test).
  expect(run.status).toBe(1);
  expect(run.stdout + run.stderr).toContain('2 failed');
  const made = readFileSync(folders, 'utf8').trim().split('\n');
  expect(made).toHaveLength(5);
  expect(made.filter((dir) => existsSync(dir))).toEqual([]);
}, 180_000);
