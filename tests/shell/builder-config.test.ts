/**
 * The installer configuration and the packaging pieces, checked offline: electron-builder's own schema validation,
 * the policies we rely on (per-user install, no in-place native rebuild, the SQLite binding where the main process
 * looks for it), the fuses the afterPack hook sets (flipped for real on a stand-in binary), the icons, and the
 * shell bundles (the sandboxed preload must need nothing but 'electron'; every worker the main process starts
 * is beside it and runs).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { SQLITE_BINDING_FILE } from '../../electron/main/native-binding';
import { chainedFeed, compactPageBody } from '../sync/support/chained-feed';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const importBuildModule = async <T>(relative: string): Promise<T> =>
  (await import(pathToFileURL(path.join(repoRoot, relative)).href)) as T;

type Config = Record<string, unknown> & {
  files: string[];
  nsis: Record<string, unknown>;
  win: { target: { target: string }[]; extraResources: { from: string; to: string }[]; icon: string };
  linux: { target: string[]; extraResources: { from: string; to: string }[]; icon: string };
  mac: { target: string[]; extraResources: { from: string; to: string }[]; icon: string };
};
const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Config;

async function validate(candidate: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(candidate, new DebugLogger(false));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation, which does refuse a misspelt option", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachin: false } })).rejects.toThrow(/nsis/);
  });

  it('names the app and builds a per-user Windows installer that needs no administrator rights', () => {
    expect(config.appId).toBe('vn.motcua.desk');
    expect(config.productName).toBe('MotCua Desk');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      perMachine: false,
      allowElevation: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('never rebuilds native modules in place, and ships the Electron SQLite build where the main process looks', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    for (const [platform, section] of [
      ['win32', config.win],
      ['linux', config.linux],
      ['darwin', config.mac],
    ] as const) {
      expect(section.extraResources).toEqual([
        {
          from: `build/native/electron-${platform}-\${arch}/${SQLITE_BINDING_FILE}`,
          to: `native/${SQLITE_BINDING_FILE}`,
        },
      ]);
    }
  });

  it('leaves out of the app the production packages its main process never loads, as electron-builder reads it', async () => {
    expect(config.extends).toBe('./build/runtime-packages.mjs');
    // The configuration as electron-builder's CLI loads it (`--config electron-builder.yml`), the extended file included.
    const { getConfig } = require('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, unknown>>;
    };
    const effective = await getConfig(repoRoot, 'electron-builder.yml', null);
    await expect(validate(effective)).resolves.toBeUndefined();
    const patterns = (effective.files as { from?: string; filter?: string[] }[])
      .filter((set) => set.from === undefined)
      .flatMap((set) => set.filter ?? []);
    // Still the app's own files, and the existing exclusions.
    expect(patterns).toEqual(expect.arrayContaining(config.files));
    // The server's, the CLI's and the renderer's packages are excluded, with what is installed inside them.
    for (const name of [
      'fastify',
      '@fastify/static',
      'pg',
      'react-dom',
      'tsx',
      'esbuild',
      'dexie',
      'zustand',
    ])
      expect(patterns).toContain(`!node_modules/${name}{,/**}`);
    // What the main process loads, and what those packages load in turn (pdfkit's fontkit), are not.
    for (const name of ['better-sqlite3', 'zod', 'uuid', 'pdfkit', 'fontkit', 'exceljs', 'dejavu-fonts-ttf'])
      expect(patterns.filter((p) => p.startsWith(`!node_modules/${name}{`))).toEqual([]);
  });

  it('starts the bundled main process, checks the SQLite build before packing and sets the fuses after', () => {
    expect(config.extraMetadata).toEqual({ main: 'out/main/index.js' });
    expect(config.beforePack).toBe('./build/before-pack.mjs');
    expect(config.afterPack).toBe('./build/after-pack.mjs');
  });
});

describe('the beforePack hook', () => {
  interface BindingHook {
    beforePack(context: unknown): Promise<void>;
    nativeBindingSource(projectDir: string, platform: string, arch: string): string;
    mainBundleDir(projectDir: string): string;
  }
  /** A stand-in shell bundle in `projectDir`: index.js and a worker file with the given code. */
  const writeBundle = (hook: BindingHook, projectDir: string, index: string, worker = '') => {
    const dir = hook.mainBundleDir(projectDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.js'), index);
    writeFileSync(path.join(dir, 'integrity-worker.mjs'), worker);
  };
  const shippedImports =
    'import * as electron from "electron";\nimport { z } from "zod";\nimport Database from "better-sqlite3";\n';
  // electron-builder's Arch enum, as the hook receives it.
  const Arch = { x64: 1, arm64: 3 };

  it('refuses to pack without the Electron SQLite build for that platform and arch, and names the command that makes it', async () => {
    const hook = await importBuildModule<BindingHook>('build/before-pack.mjs');
    const projectDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-before-pack-'));
    try {
      const context = (platform: string, arch: number) => ({
        electronPlatformName: platform,
        arch,
        packager: { projectDir },
      });
      await expect(hook.beforePack(context('win32', Arch.x64))).rejects.toThrow(
        /win32-x64.*build-electron-sqlite\.mjs --arch x64/s,
      );
      const built = hook.nativeBindingSource(projectDir, 'win32', 'x64');
      mkdirSync(path.dirname(built), { recursive: true });
      writeFileSync(built, 'stand-in');
      writeBundle(hook, projectDir, shippedImports);
      await expect(hook.beforePack(context('win32', Arch.x64))).resolves.toBeUndefined();
      // Another arch is another build: the x64 one does not stand in for it.
      await expect(hook.beforePack(context('win32', Arch.arm64))).rejects.toThrow(/win32-arm64/);
      // The hook checks the very file the installer copies.
      expect(path.relative(projectDir, built).split(path.sep).join('/')).toBe(
        config.win.extraResources[0]!.from.replace('${arch}', 'x64'),
      );
    } finally {
      rmSync(projectDir, { recursive: true, force: true });
    }
  });

  it('refuses to pack a shell bundle that loads a package the app would not contain, and one not built', async () => {
    const hook = await importBuildModule<BindingHook>('build/before-pack.mjs');
    const projectDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-before-pack-'));
    try {
      const built = hook.nativeBindingSource(projectDir, 'linux', 'x64');
      mkdirSync(path.dirname(built), { recursive: true });
      writeFileSync(built, 'stand-in');
      const context = { electronPlatformName: 'linux', arch: Arch.x64, packager: { projectDir } };
      await expect(hook.beforePack(context)).rejects.toThrow(/bundle-shell\.mjs/);
      writeBundle(hook, projectDir, shippedImports);
      await expect(hook.beforePack(context)).resolves.toBeUndefined();
      // In the main bundle, or in a worker file beside it, statically, dynamically or through require.
      writeBundle(hook, projectDir, `${shippedImports}const { default: pg } = await import("pg");\n`);
      await expect(hook.beforePack(context)).rejects.toThrow(/loads pg,.*RUNTIME_PACKAGES/s);
      writeBundle(hook, projectDir, shippedImports, "import Fastify from 'fastify';\n");
      await expect(hook.beforePack(context)).rejects.toThrow(/loads fastify,/);
    } finally {
      rmSync(projectDir, { recursive: true, force: true });
    }
  });
});

describe('the icons', () => {
  const pngSize = (file: string) => {
    const png = readFileSync(path.join(repoRoot, file));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('are real PNGs of the sizes their names and the platforms need', () => {
    expect(pngSize(config.mac.icon)).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(pngSize(`${config.linux.icon}/${size}x${size}.png`)).toEqual([size, size]);
  });

  it('include a Windows .ico with a 256 px image and the small sizes', () => {
    const ico = readFileSync(path.join(repoRoot, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const lastOffset = ico.readUInt32LE(6 + 16 * (count - 1) + 12);
    expect(ico.subarray(lastOffset, lastOffset + 4).toString('latin1')).toBe('\x89PNG');
  });
});

describe('the afterPack hook', () => {
  interface FuseHook {
    afterPack(context: unknown): Promise<void>;
    fuseConfig: Record<string, unknown>;
  }
  interface Fuses {
    flipFuses(file: string, config: unknown): Promise<number>;
    getCurrentFuseWire(file: string): Promise<Record<string, number>>;
    FuseV1Options: Record<string, number>;
  }
  // A fuse is one byte of the wire: ASCII '0' off, '1' on.
  const s = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

  it('asks electron-builder to flip the fuses, re-signing ad hoc only on macOS', async () => {
    const hook = await importBuildModule<FuseHook>('build/after-pack.mjs');
    for (const [platform, reset] of [
      ['win32', false],
      ['linux', false],
      ['darwin', true],
    ] as const) {
      const asked: unknown[] = [];
      const context = {
        electronPlatformName: platform,
        packager: { addElectronFuses: async (_c: unknown, fuses: unknown) => void asked.push(fuses) },
      };
      await hook.afterPack(context);
      expect(asked).toEqual([{ ...hook.fuseConfig, resetAdHocDarwinSignature: reset }]);
    }
  });

  it('turns off run-as-node, NODE_OPTIONS and --inspect and turns on cookie encryption and asar-only loading', async () => {
    const hook = await importBuildModule<FuseHook>('build/after-pack.mjs');
    const fuses = require('@electron/fuses') as Fuses;
    // A stand-in executable: random bytes around the fuse wire, every fuse at Electron's shipped default.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-fuses-'));
    const binary = path.join(dir, 'motcua-desk');
    try {
      const shipped = '10110000';
      const wire = Buffer.concat([
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
        Buffer.from([1, shipped.length]),
        Buffer.from(shipped, 'latin1'),
      ]);
      writeFileSync(
        binary,
        Buffer.concat([randomBytes(4096).map((b) => (b === 0x64 ? 0 : b)), wire, randomBytes(4096)]),
      );
      await fuses.flipFuses(binary, hook.fuseConfig);
      const after = await fuses.getCurrentFuseWire(binary);
      const { FuseV1Options: o } = fuses;
      expect(after[o.RunAsNode!]).toBe(s.DISABLE);
      expect(after[o.EnableCookieEncryption!]).toBe(s.ENABLE);
      expect(after[o.EnableNodeOptionsEnvironmentVariable!]).toBe(s.DISABLE);
      expect(after[o.EnableNodeCliInspectArguments!]).toBe(s.DISABLE);
      expect(after[o.EnableEmbeddedAsarIntegrityValidation!]).toBe(s.ENABLE);
      expect(after[o.OnlyLoadAppFromAsar!]).toBe(s.ENABLE);
      expect(after[o.GrantFileProtocolExtraPrivileges!]).toBe(s.DISABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the shell bundles', () => {
  it('make a preload that needs only electron and exposes exactly window.motcua, and an ESM main process', async () => {
    const { bundleShell } = await importBuildModule<{
      bundleShell(o: { outDir: string }): Promise<{ main: string; preload: string }>;
    }>('build/bundle-shell.mjs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-shell-bundle-'));
    try {
      const files = await bundleShell({ outDir: dir });
      const preload = readFileSync(files.preload, 'utf8');
      const required: string[] = [];
      const exposed = new Map<string, Record<string, unknown>>();
      const fakeElectron = {
        contextBridge: {
          exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
        },
        ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
      };
      // Electron's sandboxed preload: a CommonJS wrapper whose require knows 'electron' and nothing else.
      const sandboxRequire = (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require '${name}'`);
        return fakeElectron;
      };
      const module = { exports: {} };
      vm.runInNewContext(`(function (require, module, exports) {${preload}\n})`, {})(
        sandboxRequire,
        module,
        module.exports,
      );
      expect([...new Set(required)]).toEqual(['electron']);
      expect([...exposed.keys()]).toEqual(['motcua']);
      expect(Object.keys(exposed.get('motcua')!).sort()).toEqual(['call', 'onDeskEvent']);

      const main = readFileSync(files.main, 'utf8');
      expect(main).toMatch(/^import \* as electron from "electron";/m);
      expect(main).not.toMatch(/from "fastify"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the main bundle', () => {
  /**
   * Runs a worker file from the bundle's folder under Node (not inside the asar under Electron), and gives its first
   * message other than the request workers' "ready" (sync/request-worker.ts).
   */
  const runWorker = (file: string, workerData: unknown, message?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const worker = new Worker(file, { workerData, execArgv: [] });
      if (message !== undefined) worker.postMessage(message);
      worker.on('message', (m) => {
        if (m === 'ready') return;
        resolve(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });

  it('has every worker file it starts beside it (the integrity check worker runs from there) and the version built in', async () => {
    const { bundleShell } = await importBuildModule<{
      bundleShell(o: { outDir: string }): Promise<{ main: string; preload: string }>;
    }>('build/bundle-shell.mjs');
    // Inside the repository, so the bundle's npm imports resolve as they do from inside the app's asar.
    const cache = path.join(repoRoot, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(path.join(cache, 'motcua-main-bundle-'));
    try {
      const files = await bundleShell({ outDir: dir });
      const main = readFileSync(files.main, 'utf8');
      const started = [...main.matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)].map((m) => m[1]!);
      expect(started).toContain('integrity-worker.mjs');
      expect(started).toContain('fetch-worker.mjs');
      expect(started).toContain('page-worker.js');
      expect(started).toContain('checkpoint-worker.mjs');
      for (const name of started)
        expect(existsSync(path.join(path.dirname(files.main), name)), name).toBe(true);
      // A path climbing out of out/main was written for the sources' folders and points outside the app.
      expect(main).not.toMatch(/new URL\("\.\.\//);
      // The version the desk reports (app.info, the About box) is package.json's, written in by the bundler.
      const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(main).toContain(`cached = "${version}"`);

      // A desk database over 64 MB is checked by this worker after opening; if it cannot start, the desk is
      // declared damaged. It must answer for a sound file and name the damage of a broken one.
      const sound = path.join(dir, 'sound.sqlite');
      const db = new Database(sound);
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      db.close();
      const worker = path.join(path.dirname(files.main), 'integrity-worker.mjs');
      expect(await runWorker(worker, { file: sound, mode: 'quick' })).toEqual({ problems: [] });
      const broken = path.join(dir, 'broken.sqlite');
      writeFileSync(broken, randomBytes(8192));
      const answer = (await runWorker(worker, { file: broken, mode: 'quick' })) as { problems: string[] };
      expect(answer.problems.length).toBeGreaterThan(0);

      // Every request of the sync client goes through this worker (sync/worker-fetch.ts): it must run from there.
      const http = createServer((_req, res) => res.end('đã nhận'));
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
        const fetchWorker = path.join(path.dirname(files.main), 'fetch-worker.mjs');
        const reply = (await runWorker(fetchWorker, undefined, { id: 1, url, method: 'GET', headers: {} })) as {
          status: number;
          body: ArrayBuffer;
        };
        expect(reply.status).toBe(200);
        expect(Buffer.from(reply.body).toString('utf8')).toBe('đã nhận');
      } finally {
        http.close();
      }

      // Every pull page is read and checked by this worker (sync/page-decoder.ts), bundled from TypeScript.
      const pageWorker = path.join(path.dirname(files.main), 'page-worker.js');
      const body = Buffer.from(compactPageBody(chainedFeed(12)), 'utf8');
      const packed = (await runWorker(pageWorker, undefined, { id: 7, bytes: body })) as {
        id: number;
        page: { rows: unknown[]; payloadTexts: string[]; compact: boolean };
      };
      expect(packed.id).toBe(7);
      expect(packed.page.rows).toHaveLength(12);
      expect(packed.page.compact).toBe(true);
      const refused = await runWorker(pageWorker, undefined, { id: 8, bytes: Buffer.from('{"events":1}') });
      expect(refused).toEqual({ id: 8, refused: { kind: 'unreadable', detail: 'not a pull answer' } });

      // A first pull's log is checkpointed by this worker (db/background-checkpoint.ts), on its own connection.
      const walFile = path.join(dir, 'wal.sqlite');
      const wal = new Database(walFile);
      wal.pragma('journal_mode = WAL');
      wal.pragma('wal_autocheckpoint = 0');
      wal.exec('CREATE TABLE t (x BLOB)');
      const insert = wal.prepare('INSERT INTO t VALUES (?)');
      for (let i = 0; i < 300; i++) insert.run(randomBytes(4000));
      const before = statSync(walFile).size;
      const checkpointer = new Worker(path.join(path.dirname(files.main), 'checkpoint-worker.mjs'), {
        workerData: { file: walFile, intervalMs: 20 },
        execArgv: [],
      });
      try {
        const deadline = Date.now() + 10_000;
        while (statSync(walFile).size < before + 300 * 4000 && Date.now() < deadline) await sleep(20);
        expect(statSync(walFile).size).toBeGreaterThanOrEqual(before + 300 * 4000);
        checkpointer.postMessage('stop');
        expect((await once(checkpointer, 'exit'))[0]).toBe(0);
      } finally {
        await checkpointer.terminate();
        wal.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
