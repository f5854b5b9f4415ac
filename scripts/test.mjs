#!/usr/bin/env node
// `npm test`: every check a change must pass, in order, stopping at the first failure.
// Lint → type-check → unit and integration tests (Vitest) → browser end-to-end tests (Playwright).
// Prints one closing line "tests: N passed, N failed" so CI can read the outcome at a glance.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingPrerequisites } from './prerequisites.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status === 0;
}

const missing = missingPrerequisites();
if (missing.length > 0) {
  for (const m of missing) console.error(`✗ ${m}`);
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const fail = (what) => {
  console.error(`\n✗ ${what} failed`);
  // A stage that failed without failing a counted test (lint, type-check, a crash) still counts as one failure.
  console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(1);
};

if (!run('lint (ESLint, layer rule included)', bin('eslint'), ['--max-warnings=0', '.'])) fail('lint');
if (!run('type-check (tsc --noEmit, strict)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) fail('type-check');

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const vitestJson = path.join(root, 'test-results', 'vitest.json');
const vitestOk = run('unit and integration tests (Vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}
if (!vitestOk) fail('Vitest');

const e2eDir = path.join(root, 'tests', 'e2e');
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'));
if (hasE2e) {
  const pwJson = path.join(root, 'test-results', 'playwright.json');
  const ok = run('end-to-end tests (Playwright in Chromium)', bin('playwright'), ['test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    if (stats.flaky) console.warn(`⚠ ${stats.flaky} end-to-end test(s) passed only on retry (flaky): see the list above.`);
  }
  if (!ok) fail('Playwright');
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
