/**
 * The packaged app, not the sources: electron-builder packs the shell bundle with our real configuration (its
 * `files` list, its exclusions, the npm dependencies it collects) into app.asar, with a stand-in Electron binary
 * (the real one cannot be downloaded here) and without the afterPack fuse step (tested on its own in
 * builder-config.test.ts). The archive is then read and its main process run under Node, outside the repository,
 * so nothing can be found that the installer would not ship: what works from the sources but not from the package
 * (a worker file left behind, a path that climbs out of the bundle, a run-time package left out) fails here.
 * And the other way round: the app carries exactly the packages its main process and workers load and what those
 * need, none of the server's, the CLI's or the renderer's (build/runtime-packages.mjs).
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { SQLITE_BINDING_FILE } from '../../electron/main/native-binding';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractAll(archive: string, dest: string): void;
}
interface ElectronBuilder {
  build(options: {
    projectDir: string;
    config: unknown;
    targets: unknown;
    publish: 'never';
  }): Promise<string[]>;
  Platform: { LINUX: { createTarget(type: string, arch: number): unknown } };
  Arch: { x64: number };
}

/** The npm packages a bundled file loads by name (its imports, and what its createRequire resolves). */
function barePackages(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
  return [
    ...new Set(
      specifiers
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && s !== 'electron')
        .map((s) =>
          s
            .split('/')
            .slice(0, s.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    ),
  ].sort();
}

/** Where Node would find package `name` from `fromDir`, looking no higher than `top`; null when it would not. */
function packageDir(name: string, fromDir: string, top: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === top || dir === path.dirname(dir)) return null;
  }
}

/**
 * The packages that `roots` need, found inside `appDir` as Node would: the folders they were found in, and the
 * names it cannot find there.
 */
function dependencyClosure(roots: string[], appDir: string): { found: Set<string>; missing: string[] } {
  const missing = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = packageDir(name, fromDir, appDir);
    if (dir === null) {
      // An optional dependency that npm did not install here (another platform's build) is not missing.
      if (!optional || packageDir(name, repoRoot, repoRoot) !== null) missing.add(name);
      return;
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of roots) visit(name, appDir, false);
  return { found: seen, missing: [...missing].sort() };
}

/** Bytes of the files under `dir` (its nested folders included). */
function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const file = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(file) : statSync(file).size);
  }, 0);
}

/** Bytes of a package's own files, without the packages installed inside it (counted on their own). */
function packageBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    if (entry.name === 'node_modules') return sum;
    const file = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(file) : statSync(file).size);
  }, 0);
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const work = mkdtempSync(path.join(os.tmpdir(), 'motcua-packaged-'));
let entries: string[] = [];
let appDir = '';
let mainCode = '';
let workerNames: string[] = [];
let loadedPackages: string[] = [];
/** The app's node_modules as packed (with what electron-builder unpacks beside the asar), before the tests add to it. */
let shippedNodeModulesBytes = 0;

beforeAll(async () => {
  // The app's own files, built now: the shell bundle, and a stand-in renderer (its build is tested elsewhere).
  const stageOut = path.join(work, 'out');
  const { bundleShell } = (await import(
    pathToFileURL(path.join(repoRoot, 'build/bundle-shell.mjs')).href
  )) as {
    bundleShell(o: { outDir: string }): Promise<{ main: string }>;
  };
  const { main } = await bundleShell({ outDir: stageOut });
  mainCode = readFileSync(main, 'utf8');
  workerNames = [...mainCode.matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)].map((m) => m[1]!);
  loadedPackages = [
    ...new Set([
      ...barePackages(mainCode),
      ...workerNames.flatMap((name) => barePackages(readFileSync(path.join(stageOut, 'main', name), 'utf8'))),
    ]),
  ].sort();
  mkdirSync(path.join(stageOut, 'renderer'), { recursive: true });
  writeFileSync(
    path.join(stageOut, 'renderer', 'index.html'),
    '<!doctype html><title>packaged renderer</title>',
  );

  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\n');
  chmodSync(path.join(electronDist, 'electron'), 0o755);

  const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
    files: string[];
    linux: { extraResources: { from: string; to: string }[] } & Record<string, unknown>;
  } & Record<string, unknown>;
  // The Electron SQLite build cannot be made here: npm's Node build stands in for it, taken from a temporary
  // folder (never build/native/, where it could be mistaken for the real one), and put where the configuration's
  // extraResources puts it.
  const binding = path.join(work, 'binding', SQLITE_BINDING_FILE);
  mkdirSync(path.dirname(binding));
  copyFileSync(
    path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', SQLITE_BINDING_FILE),
    binding,
  );
  expect(config.linux.extraResources).toHaveLength(1);
  const extraResources = config.linux.extraResources.map((r) => ({ ...r, from: binding }));
  // The configuration's out/<part>/** entries, taken from the fresh bundle instead of the repository's out/.
  const outParts = config.files.filter((f) => f.startsWith('out/'));
  expect(outParts).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**']);
  const files = config.files.map((f) => {
    const part = /^out\/(\w+)\/\*\*$/.exec(f)?.[1];
    return part ? { from: path.join(stageOut, part), to: `out/${part}`, filter: ['**/*', '!**/*.map'] } : f;
  });
  // The configuration `extends` build/runtime-packages.mjs (the exclusions of the packages the app never loads):
  // given a configuration object, electron-builder loads what its `extends` names as the configuration file and
  // merges the object over it, as the CLI merges electron-builder.yml over it.
  expect(config.extends).toBe('./build/runtime-packages.mjs');
  const { build, Platform, Arch } = require('electron-builder') as ElectronBuilder;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  await build({
    projectDir: repoRoot,
    config: {
      ...config,
      files,
      linux: { ...config.linux, extraResources },
      // The hooks: beforePack would (rightly) refuse without the Electron build; the fuses need Electron's binary.
      beforePack: null,
      afterPack: null,
      electronDist,
      electronVersion,
      directories: { ...(config.directories as object), output: path.join(work, 'release') },
    },
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
  });

  const asar = require('@electron/asar') as Asar;
  const archive = path.join(work, 'release', 'linux-unpacked', 'resources', 'app.asar');
  entries = asar.listPackage(archive, { isPack: false }).map((e) => e.split(path.sep).join('/'));
  appDir = path.join(work, 'app');
  asar.extractAll(archive, appDir);
  shippedNodeModulesBytes = folderBytes(path.join(appDir, 'node_modules'));
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('app.asar', () => {
  it('holds the main bundle, every worker it starts, the preload, the renderer and a package.json that starts the bundle as ESM', () => {
    expect(workerNames).toContain('integrity-worker.mjs');
    for (const file of [
      '/out/main/index.js',
      ...workerNames.map((name) => `/out/main/${name}`),
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ])
      expect(entries, file).toContain(file);
    const shipped = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(shipped).toMatchObject({ main: 'out/main/index.js', type: 'module', version: pkg.version });
  });

  it('ships every package the main process and its workers load, each a run-time dependency (devDependencies are left out)', () => {
    const loaded = new Set(barePackages(mainCode));
    for (const name of workerNames)
      for (const p of barePackages(readFileSync(path.join(appDir, 'out', 'main', name), 'utf8')))
        loaded.add(p);
    expect([...loaded]).toEqual(
      expect.arrayContaining(['better-sqlite3', 'dejavu-fonts-ttf', 'exceljs', 'pdfkit', 'zod']),
    );
    for (const name of loaded) {
      expect(pkg.dependencies, `${name} is loaded at run time`).toHaveProperty([name]);
      expect(entries, `${name} is in the app`).toContain(`/node_modules/${name}/package.json`);
    }
    // And what they need in turn: electron-builder collects these itself (with a symlinked node_modules, 26.x
    // silently left out pdfkit's fontkit and others).
    expect(dependencyClosure([...loaded], appDir).missing).toEqual([]);
  });

  it('ships only the packages the main process and its workers load and what those need: no server, CLI or renderer package', async () => {
    const { RUNTIME_PACKAGES } = (await import(
      pathToFileURL(path.join(repoRoot, 'build/runtime-packages.mjs')).href
    )) as { RUNTIME_PACKAGES: readonly string[] };
    // The configuration ships the closure of this list: it must name exactly what the bundle loads.
    expect([...RUNTIME_PACKAGES].sort()).toEqual(loadedPackages);

    // Every package folder in the app is one Node reaches from what the bundle loads, with one exception: packages
    // are left out by name, wherever electron-builder puts them, so a name the app needs in one version is kept in
    // every version (here a server package's newer minimatch, brace-expansion and buffer; under 1 MB).
    const shipped = entries
      .filter((e) => /^\/(?:.+\/)?node_modules\/(?:@[^/]+\/)?[^/@]+\/package\.json$/.test(e))
      .map((e) => path.join(appDir, path.dirname(e)));
    const { found } = dependencyClosure(loadedPackages, appDir);
    const nameOf = (dir: string) =>
      dir.slice(dir.lastIndexOf(`node_modules${path.sep}`) + 'node_modules/'.length);
    const neededNames = new Set([...found].map(nameOf));
    const unreached = shipped.filter((dir) => !found.has(dir));
    expect(unreached.filter((dir) => !neededNames.has(nameOf(dir)))).toEqual([]);
    const unreachedBytes = unreached.reduce((sum, dir) => sum + packageBytes(dir), 0);
    expect(unreachedBytes).toBeLessThan(2e6);
    for (const name of [
      'fastify',
      '@fastify/static',
      'pg',
      'react',
      'react-dom',
      'tsx',
      'esbuild',
      'dexie',
      'qrcode',
    ])
      expect(entries, `${name} is not in the app`).not.toContain(`/node_modules/${name}/package.json`);
    // Not even empty folders, nor esbuild's executables unpacked beside the asar.
    expect(
      entries.filter((e) => /^\/node_modules\/(?:@fastify|@esbuild|esbuild|tsx|pg)(?:\/|$)/.test(e)),
    ).toEqual([]);
    const unpacked = path.join(work, 'release', 'linux-unpacked', 'resources', 'app.asar.unpacked');
    expect(existsSync(unpacked) ? folderBytes(unpacked) : 0).toBe(0);

    // A size budget: with every production package (before build/runtime-packages.mjs) the app's node_modules was
    // 91 MB, 23 MB of it esbuild's executables unpacked beside the asar; field offices download it over 2G links.
    // A run-time package that breaks the budget is a decision to take knowingly, not by adding an import.
    console.log(
      `app node_modules: ${MB(shippedNodeModulesBytes)} (${shipped.length} packages, of which ${unreached.length} ` +
        `other versions of needed names, ${MB(unreachedBytes)})`,
    );
    expect(shippedNodeModulesBytes).toBeLessThan(60e6);
  });

  it('carries no native binding: better-sqlite3 loads the Electron build from resources/native, never npm’s', () => {
    expect(entries.filter((e) => e.endsWith('.node'))).toEqual([]);
    expect(entries.some((e) => e.startsWith('/node_modules/better-sqlite3/build/'))).toBe(false);
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
  });
});

describe('the packaged main process, run from the extracted archive', () => {
  it('starts, opens the desk with the binding from resources, exports PDF and Excel, backs up, serves the UI and runs the integrity check', async () => {
    // 'electron' is built into Electron; here a stub that hands out the runner's stand-in.
    const stub = path.join(appDir, 'node_modules', 'electron');
    mkdirSync(stub);
    writeFileSync(
      path.join(stub, 'package.json'),
      '{ "name": "electron", "type": "module", "main": "index.js" }',
    );
    writeFileSync(
      path.join(stub, 'index.js'),
      'export const { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, dialog } = globalThis.__motcuaPackagedElectron;\n',
    );
    // The packaged resources folder, with the binding where electron-builder put it (process.resourcesPath).
    const resources = path.join(work, 'release', 'linux-unpacked', 'resources');
    const userData = path.join(work, 'user-data');
    mkdirSync(userData);

    const env = { ...process.env };
    delete env.NODE_PATH;
    delete env.NODE_OPTIONS;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(import.meta.dirname, 'packaged-app-runner.mjs'), appDir, resources, userData],
      { cwd: work, env, timeout: 60_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

    expect(report.errorBoxes).toEqual([]);
    expect(report.admin).toBe(true);
    // The version is package.json's, written into the bundle (from out/main the sources' path leads out of the app).
    expect(report.info).toMatchObject({ ok: true, value: { version: pkg.version } });
    // pdfkit with the embedded DejaVu fonts, found from inside the app; exceljs writes a zip.
    expect(report.pdf).toBe('%PDF-');
    expect(report.xlsx).toBe('PK');
    // A backup opens a second connection to check the copy: it too must get the binding from resources/native.
    expect(report.backup).toMatchObject({ ok: true, value: { kind: 'manual' } });
    expect(report.page).toEqual({ status: 200, body: '<!doctype html><title>packaged renderer</title>' });
    expect(report.integrityWorker).toEqual({ problems: [] });
  }, 90_000);
});
