/**
 * `motcua start` (what `npm start` runs): the whole product on one PC with demo data.
 *
 *   1. builds the clerk's UI when it is missing or older than its sources;
 *   2. starts a local demo district server (SQLite) with the seed unit tree;
 *   3. the first time, fills it with a few hundred demo dossiers in every status, made by a second "demo" desk
 *      through the real desk commands and pushed through the real sync protocol, and a few online applications
 *      submitted to the server's portal endpoint, which wait at status 1 for the clerk to check (demo-online.ts);
 *   4. opens the clerk's desk, enrolled to that server as desk 1, with its sync client running;
 *   5. serves the UI on the loopback host and prints (and tries to open) its address — or, where the Electron
 *      binary is installed, says how to run the desktop shell.
 * Ctrl+C stops everything cleanly. Everything lives in one folder (default .motcua/demo), so deleting it starts over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callDesk, createDeskHandlers, openDesk, type Desk } from '../../electron/desk';
import { openDeskOrSay } from './desk';
import { SyncClient } from '../../electron/desk/sync';
import { startLoopbackHost } from '../../electron/host';
import { createServer } from '../../server/app';
import { createDesk } from '../../server/admin/desks';
import { newSecret } from '../../server/secrets';
import { openReportingStorage } from '../../server/reports/open-reporting';
import type { ServerStorage } from '../../server/storage/contract';
import { seedUnits, SEED_DISTRICT_CODE } from '../../shared/catalog/seed-units';
import { generateDeskDataset } from '../../bench/generator/desk-dataset';
import { onlineShareOf, submitDemoOnlineDossiers } from './demo-online';
import { parseOptions, portOption, waitForStopSignal } from '../options';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const UI_DIR = path.join(repoRoot, 'out', 'renderer');
const DEFAULT_DEMO_DOSSIERS = 300;
const CLERK_DESK = 1;
const DEMO_SEEDER_DESK = 9;

function options(argv: string[]) {
  return parseOptions(argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'server-port': { type: 'string' },
    'no-open': { type: 'boolean' },
    'demo-dossiers': { type: 'string' },
  });
}

/** Newest modification time of any file below `dir` (node_modules excluded). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the renderer with Vite when its output is missing or older than renderer/ or shared/. */
function ensureUiBuilt(io: CliIo): boolean {
  const index = path.join(UI_DIR, 'index.html');
  const sourcesChanged =
    !existsSync(index) ||
    statSync(index).mtimeMs < Math.max(newestMtime(path.join(repoRoot, 'renderer')), newestMtime(path.join(repoRoot, 'shared')));
  if (!sourcesChanged) return true;
  io.out('Đang dựng giao diện / Building the clerk UI (vite build)…');
  const vite = path.join(repoRoot, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  return r.status === 0;
}

/**
 * The Electron binary's path when it is installed; otherwise why not. Reads the package's own record of its
 * binary (path.txt + dist/) instead of requiring 'electron', which would try to download the binary.
 */
function electronBinary(): { path?: string; why?: string } {
  const why =
    'the Electron binary is not installed (npm downloads it from GitHub on first run, which this PC cannot reach)';
  try {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const record = path.join(pkgDir, 'path.txt');
    if (!existsSync(record)) return { why };
    const binary = path.join(pkgDir, 'dist', readFileSync(record, 'utf8').trim());
    return existsSync(binary) ? { path: binary } : { why };
  } catch {
    return { why: 'the electron package is not installed' };
  }
}

function tryOpenBrowser(url: string): void {
  const opener = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop here (a server or CI): the printed address is enough.
  }
}

async function putSeedUnits(storage: ServerStorage): Promise<void> {
  for (const unit of seedUnits) {
    if (!(await storage.unit(unit.code))) await storage.putUnit(unit);
  }
}

/** Enrols an open desk with the demo server as desk `deskNumber` of the seed district. */
async function enrolDemoDesk(storage: ServerStorage, serverUrl: string, desk: Desk, deskNumber: number): Promise<void> {
  const created = await createDesk(storage, { unitCode: SEED_DISTRICT_CODE, deskNumber, name: `Quầy ${deskNumber}` }, new Date());
  const client = new SyncClient(desk, { log: () => undefined });
  await client.enrol({ serverUrl, code: created.enrolmentCode });
  await client.stop();
}

/**
 * Prints the demo server's lookup page on the demo desk's receipts, as a district would: set on the server, handed
 * down to its desks with the unit registry. The server may get another port on each start, so it is set again each
 * run; a loopback address an earlier demo run left in the desk's own setting (which would win) is cleared, and one an
 * administrator typed is kept.
 */
async function publishDemoLookupAddress(storage: ServerStorage, desk: Desk, lookupUrl: string): Promise<void> {
  await storage.setLookupAddress(lookupUrl);
  const current = desk.settings.get().publicLookupUrl;
  if (current !== null && isLoopbackAddress(current)) desk.settings.set({ publicLookupUrl: null });
}

/**
 * The demo server takes any free port, so a desk an earlier run enrolled would keep syncing with the last run's port
 * and stay offline: it moves to this run's address, as an administrator moves a desk whose server moved.
 */
async function followDemoServer(sync: SyncClient, serverUrl: string, io: CliIo): Promise<void> {
  const held = sync.status(false).serverUrl;
  if (!held || new URL(held).href === new URL(serverUrl).href) return;
  try {
    await sync.changeServer({ serverUrl });
  } catch (e) {
    io.err(`Quầy chưa chuyển sang máy chủ mẫu mới / The desk could not move to the demo server's new address: ${(e as Error).message}`);
  }
}

function isLoopbackAddress(address: string): boolean {
  const host = new URL(address).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** Pushes everything a desk has made, then stops its sync client. */
async function pushAll(desk: Desk): Promise<void> {
  const client = new SyncClient(desk, { log: () => undefined });
  try {
    for (let round = 0; round < 200; round++) {
      const status = await client.syncNow();
      if (status.pending === 0) return;
    }
    throw new Error('the demo desk could not push its dossiers to the demo server');
  } finally {
    await client.stop();
  }
}

/** The first time only: a demo desk makes the demo dossiers through the real commands and syncs them up. */
async function seedDemoDossiers(
  storage: ServerStorage,
  server: { url: string; portalToken: string },
  dataDir: string,
  dossiers: number,
  io: CliIo,
): Promise<void> {
  const serverUrl = server.url;
  const seederDir = path.join(dataDir, 'demo-seeder');
  if (existsSync(path.join(seederDir, 'seeded'))) return;
  io.out(`Đang tạo ${dossiers} hồ sơ mẫu / Making ${dossiers} demo dossiers…`);
  mkdirSync(seederDir, { recursive: true });
  const seeder = openDesk({ dataDir: seederDir, autoBackup: false });
  try {
    if (!seeder.identity()) await enrolDemoDesk(storage, serverUrl, seeder, DEMO_SEEDER_DESK);
  } finally {
    seeder.close();
  }
  const online = Math.min(onlineShareOf(dossiers), dossiers - 1);
  await generateDeskDataset({ dataDir: seederDir, dossiers: dossiers - online, years: 0.25, seed: 2023 });
  const again = openDesk({ dataDir: seederDir, autoBackup: false });
  try {
    await pushAll(again);
  } finally {
    again.close();
  }
  await submitDemoOnlineDossiers(serverUrl, server.portalToken, online);
  writeFileSync(path.join(seederDir, 'seeded'), new Date().toISOString());
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const o = options(argv);
  const dataDir = path.resolve(o['data-dir'] ?? path.join(repoRoot, '.motcua', 'demo'));
  const hostPort = portOption('--port', o.port, 0);
  const serverPort = portOption('--server-port', o['server-port'], 0);
  const demoDossiers = Number(o['demo-dossiers'] ?? DEFAULT_DEMO_DOSSIERS);
  if (!Number.isInteger(demoDossiers) || demoDossiers < 1 || demoDossiers > 100_000)
    throw new UsageError({
      vi: `--demo-dossiers phải là số nguyên từ 1 đến 100000, không phải '${o['demo-dossiers']}'.`,
      en: `--demo-dossiers must be a whole number from 1 to 100000, not '${o['demo-dossiers']}'.`,
    });
  mkdirSync(dataDir, { recursive: true });

  // First, before the UI is built and the demo server starts: a desk already running on this folder (a `motcua desk`,
  // another `npm start`) is said as such, and nothing is left running behind the refusal (QA: it hung, the server
  // still listening).
  const desk = openDeskOrSay(path.join(dataDir, 'desk'), io, 'start');
  if (!desk) return 1;
  if (!ensureUiBuilt(io)) {
    desk.close();
    io.err('Không dựng được giao diện; xem lỗi ở trên. / The UI build failed; see the errors above.');
    return 1;
  }
  const { storage, driver } = await openReportingStorage({ kind: 'sqlite', file: path.join(dataDir, 'server.db') });
  // The demo stands in for the national portal too (its online dossiers); a new token each run, like the admin's.
  const portalToken = newSecret();
  const server = await createServer({ storage, adminToken: newSecret(), portalToken, logger: false, reportingDriver: driver });
  const serverUrl = await server.listen({ port: serverPort, host: '127.0.0.1' });
  await putSeedUnits(storage);
  await seedDemoDossiers(storage, { url: serverUrl, portalToken }, dataDir, demoDossiers, io);

  const lookupUrl = new URL('tra-cuu', `${serverUrl}/`).toString();
  await publishDemoLookupAddress(storage, desk, lookupUrl);
  if (!desk.identity()) await enrolDemoDesk(storage, serverUrl, desk, CLERK_DESK);
  const sync = new SyncClient(desk, { log: () => undefined, pollIntervalMs: 15_000 });
  await followDemoServer(sync, serverUrl, io);
  sync.start();
  const handlers = createDeskHandlers(desk, { sync });
  const host = await startLoopbackHost({
    dispatch: (method, input) => callDesk(handlers, method, input),
    events: desk.notifications,
    port: hostPort,
    staticDir: UI_DIR,
  });

  io.out('');
  io.out(`Máy chủ mẫu / demo server: ${serverUrl} (${path.join(dataDir, 'server.db')})`);
  io.out(`Tra cứu hồ sơ cho công dân / public status lookup: ${lookupUrl}`);
  io.out(`Dữ liệu quầy / desk data: ${path.join(dataDir, 'desk')}`);
  const electron = electronBinary();
  if (electron.path) {
    io.out(`Electron: ${electron.path} — chạy giao diện máy tính bằng / run the desktop shell with: npm run build:shell`);
  } else {
    io.out(`Giao diện chạy trong trình duyệt vì / The UI runs in a browser because ${electron.why}.`);
  }
  io.out('Mở địa chỉ này trong trình duyệt / Open this address in a browser:');
  io.out(`  ${host.url}`);
  io.out('Nhấn Ctrl+C để dừng / Press Ctrl+C to stop.');
  if (!o['no-open']) tryOpenBrowser(host.url);

  await waitForStopSignal();
  await host.close();
  await sync.stop();
  desk.close();
  await server.close();
  await storage.close();
  io.out('MotCua Desk đã dừng / stopped.');
  return 0;
}

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the whole product on this PC with a local demo server and demo data (npm start)',
  usage: 'motcua start [--data-dir DIR] [--port P] [--server-port P] [--demo-dossiers N] [--no-open]',
  run,
};
