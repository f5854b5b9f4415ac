#!/usr/bin/env node
// Produces better-sqlite3's native binding for Electron's ABI, beside (never instead of) npm's Node build:
//   build/native/electron-<platform>-<arch>/better_sqlite3.node
// Run it on a machine that can reach Electron's headers or better-sqlite3's prebuilt binaries (a packaging CI
// runner), before `electron-builder`: node build/native/build-electron-sqlite.mjs [--arch x64|arm64|ia32]
// It works on a throwaway copy of node_modules/better-sqlite3, so the Node build the tests and the CLI use is untouched.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const at = process.argv.indexOf('--arch');
const arch = at > 0 ? process.argv[at + 1] : process.arch;
const platform = process.platform;
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const target = path.join(root, 'build', 'native', `electron-${platform}-${arch}`, 'better_sqlite3.node');

const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-sqlite-electron-'));
const copy = path.join(work, 'better-sqlite3');
cpSync(sqliteDir, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
const run = (cmd, args) =>
  execFileSync(process.execPath, [require.resolve(cmd), ...args], { cwd: copy, stdio: 'inherit' });

try {
  try {
    // better-sqlite3 publishes prebuilt Electron bindings: the quick way.
    run('prebuild-install/bin.js', [
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      arch,
      '--platform',
      platform,
    ]);
  } catch {
    console.warn('No prebuilt binding could be fetched; compiling against Electron headers instead.');
    run('node-gyp/bin/node-gyp.js', [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  }
  const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`no binding was produced at ${built}`);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(built, target);
  console.log(`Electron ${electronVersion} (${platform}-${arch}) binding: ${path.relative(root, target)}`);
} catch (error) {
  console.error(
    `Could not build better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): ${error instanceof Error ? error.message : error}`,
  );
  console.error(
    'This needs the network (Electron headers or prebuilt binaries); run it on the packaging machine.',
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
