/**
 * Faults that kill or replace a whole process: the server killed with SIGKILL in the middle of a push (the server
 * runs as its own process, `motcua server`), a desk killed in the middle of a pull (the desk in its own process),
 * and the server restored from an older backup (desks re-upload what it lost; nothing is lost or doubled).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/open';
import { backupSqlite, restoreSqlite } from '../../server/storage/sqlite-files';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { LinkProxy } from '../support/link-proxy';
import {
  COMMUNE_A,
  DISTRICT,
  PROVINCE,
  expectConverged,
  expectStoredExactlyOnce,
  makeSyncDesk,
  ownPending,
  someWork,
  startSyncServer,
  syncUntilSettled,
  type DeskEnroller,
  type SyncDesk,
} from './support/harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface ServerProcess {
  child: ChildProcess;
  port: number;
  stopped: Promise<number | null>;
}

/** `motcua server --db FILE --port 0` as a child process; resolves once it listens. */
async function spawnServer(db: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'cli', 'motcua.ts'), 'server', '--db', db, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stopped = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`server exited early: ${out}`)));
  });
  child.stdout!.resume();
  return { child, port, stopped };
}

/** The administrator's side of a server running as a process: its token is in the file beside the database. */
function processAdmin(
  db: string,
  port: () => number,
  desksUrl: string,
): DeskEnroller & { seed(): Promise<void> } {
  const token = () => readFileSync(`${db}.admin-token`, 'utf8').trim();
  const call = async (url: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port()}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token()}`,
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url: desksUrl,
    createDesk: async (unitCode, deskNumber) =>
      (await call('/v1/admin/desks', { unitCode, deskNumber })) as {
        deviceId: string;
        enrolmentCode: string;
      },
    async seed() {
      await call('/v1/admin/units', {
        code: PROVINCE,
        name: 'Tỉnh Hải Dương',
        level: 'province',
        parentCode: null,
      });
      await call('/v1/admin/units', {
        code: DISTRICT,
        name: 'Huyện Thanh Hà',
        level: 'district',
        parentCode: PROVINCE,
      });
      await call('/v1/admin/units', {
        code: COMMUNE_A,
        name: 'Xã Thanh An',
        level: 'commune',
        parentCode: DISTRICT,
      });
    },
  };
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('processes killed and restored', () => {
  it('the server killed with SIGKILL during a push: the desk finishes against the restarted server, each event once', async () => {
    const db = path.join(tempDir('motcua-kill-server-'), 'server.db');
    let server = await spawnServer(db);
    cleanups.push(() => void server.child.kill('SIGKILL'));
    // Slow enough that a push of many batches is still going when the server dies.
    const proxy = await LinkProxy.start({
      target: { host: '127.0.0.1', port: server.port },
      profile: { bandwidthBytesPerSecond: 30_000 },
    });
    cleanups.push(() => proxy.close());
    const adminApi = processAdmin(db, () => server.port, proxy.url);
    await adminApi.seed();
    const desks: SyncDesk[] = [];
    cleanups.push(async () => {
      for (const d of desks) await d.close();
    });
    for (const n of [1, 2])
      desks.push(
        await makeSyncDesk(adminApi, { unitCode: DISTRICT, deskNumber: n, sync: { maxBatchBytes: 4096 } }),
      );
    const [a, b] = desks as [SyncDesk, SyncDesk];
    await someWork(a, 60);
    await someWork(b, 5, 500);
    const total = ownPending(a);

    // Two requests of the push in (counted from here: the enrolments' requests came before).
    const before = proxy.counters.connections;
    const pushing = a.client.syncNow();
    while (proxy.counters.connections < before + 2) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    expect(await server.stopped).toBeNull();
    const interrupted = await pushing;
    expect(interrupted.state).toBe('offline');
    expect(interrupted.pending).toBeGreaterThan(0);
    expect(interrupted.pending).toBeLessThan(total);

    server = await spawnServer(db);
    proxy.target = { host: '127.0.0.1', port: server.port };
    proxy.setProfile({});
    await syncUntilSettled(desks);
    server.child.kill('SIGTERM');
    await server.stopped;

    const storage = await openStorage({ kind: 'sqlite', file: db });
    try {
      await expectStoredExactlyOnce(storage, desks);
      await expectConverged(storage, desks);
    } finally {
      await storage.close();
    }
  }, 120_000);

  it('a desk killed during a pull: a prefix of the feed held, the cursor not past it, then it finishes without doubles', async () => {
    const server = await startSyncServer();
    cleanups.push(() => server.close());
    const proxy = await LinkProxy.start({
      target: { host: '127.0.0.1', port: server.port },
      profile: { bandwidthBytesPerSecond: 40_000 },
    });
    cleanups.push(() => proxy.close());
    const source = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1 });
    cleanups.push(() => source.close());
    await someWork(source, 150);
    await source.client.syncNow();

    const dir = tempDir('motcua-kill-desk-');
    const enrolled = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      serverUrl: proxy.url,
      dir,
    });
    enrolled.desk.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'tests', 'sync', 'support', 'desk-child.ts'), dir],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const counts = [...out.matchAll(/events (\d+)/g)].map((m) => Number(m[1]));
        if ((counts.at(-1) ?? 0) >= 60) resolve();
      });
      child.once('exit', () => reject(new Error(`desk exited before it was killed: ${out}`)));
    });
    child.kill('SIGKILL');
    await exited;

    const desk = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      serverUrl: server.url,
      dir,
    });
    cleanups.push(() => desk.close());
    const held = desk.desk.db
      .prepare<[], { id: string }>('SELECT id FROM events')
      .all()
      .map((r) => r.id);
    const cursor = desk.client.meta.cursor;
    expect(held.length).toBeGreaterThan(0);
    // What the killed desk holds is exactly a prefix of the feed (pages are written in chunks, in feed order)...
    const prefix = await server.storage.pull(DISTRICT, desk.deviceId, 0, held.length);
    expect(new Set(held)).toEqual(new Set(prefix.events.map((e) => e.id)));
    // ...and its cursor is not past it (a page struck between chunks keeps the cursor before the page), and
    // every event before the cursor is held.
    expect(cursor).toBeLessThanOrEqual(prefix.nextCursor);
    const afterCursor = await server.storage.pull(DISTRICT, desk.deviceId, cursor, 2000);
    const all = await server.storage.pull(DISTRICT, desk.deviceId, 0, 2000);
    const rest = new Set(afterCursor.events.map((e) => e.id));
    const heldSet = new Set(held);
    expect(all.events.filter((e) => !rest.has(e.id)).every((e) => heldSet.has(e.id))).toBe(true);

    await desk.client.syncNow();
    expect(desk.desk.events.count()).toBe(all.events.length);
    await expectConverged(server.storage, [desk, source]);
  }, 120_000);

  it('the server restored from an older backup: desks re-upload, nothing lost, nothing doubled', async () => {
    let server = await startSyncServer();
    const file = server.file;
    cleanups.push(() => rmSync(path.dirname(file), { recursive: true, force: true }));
    cleanups.push(() => server.stop());
    const proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: server.port } });
    cleanups.push(() => proxy.close());
    const desks: SyncDesk[] = [];
    cleanups.push(async () => {
      for (const d of desks) await d.close();
    });
    desks.push(await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1, serverUrl: proxy.url }));
    desks.push(await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, serverUrl: proxy.url }));
    desks.push(await makeSyncDesk(server, { unitCode: COMMUNE_A, deskNumber: 1, serverUrl: proxy.url }));
    const [a, b, c] = desks as [SyncDesk, SyncDesk, SyncDesk];
    for (const [i, d] of desks.entries()) await someWork(d, 4, i * 100);
    await syncUntilSettled(desks);

    const backup = path.join(path.dirname(file), 'older.db');
    await backupSqlite(file, backup);
    // After the backup: more work reaches the server (it will be lost there), and some stays on a desk.
    for (const [i, d] of desks.entries()) await someWork(d, 3, 200 + i * 100);
    const shared = (await someWork(a, 1, 900))[0]!;
    await syncUntilSettled(desks);
    // Another desk acts on a dossier the restored server will not know until its creator re-sends it.
    await b.must('dossiers.transfer', { dossierId: shared });
    await b.must('dossiers.handOver', { dossierId: shared, from: 'Bộ phận một cửa', to: 'Phòng Tài nguyên' });
    await b.client.syncNow();
    await someWork(c, 2, 950);
    const lostOnServer = await server.storage.countEvents();

    await server.stop();
    const oldEpoch = a.client.meta.epoch;
    await restoreSqlite(file, backup);
    server = await startSyncServer({ file });
    proxy.target = { host: '127.0.0.1', port: server.port };
    expect(await server.storage.countEvents()).toBeLessThan(lostOnServer);

    await syncUntilSettled(desks);
    expect(a.client.meta.epoch).not.toBe(oldEpoch);
    expect(await server.storage.countEvents()).toBeGreaterThan(lostOnServer);
    await expectStoredExactlyOnce(server.storage, desks);
    await expectConverged(server.storage, desks);
  }, 120_000);
});
