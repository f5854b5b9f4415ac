/**
 * A PostgreSQL server backed up and restored with `motcua server backup|restore --pg`: the backup is a SQLite
 * server file, and a restore keeps what the administrator and the portal did since it, as a SQLite restore does
 * (server/storage/pg-files.ts). PostgreSQL is a throwaway cluster.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import type { CliIo } from '../../cli/command';
import { createServer } from '../../server/app';
import { openStorage } from '../../server/storage/open';
import { binDir, startPgCluster, type PgCluster } from '../support/pg';
import { ordinaryProcedure } from '../sync/support/harness';
import { addUnitTree, admin, ADMIN_TOKEN, COMMUNE_A, PORTAL_TOKEN, portalSubmission, SimDesk } from './support';

let cluster: PgCluster;
let url: string;
let dir: string;
beforeAll(async () => {
  cluster = await startPgCluster();
}, 60_000);
afterAll(() => cluster?.stop());
beforeEach(async () => {
  url = await cluster.createDatabase();
  await (await openStorage({ kind: 'postgres', url })).close();
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-pg-restore-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l) };
  const code = await serverCommand.run(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function withApp<T>(work: (app: Awaited<ReturnType<typeof createServer>>) => Promise<T>): Promise<T> {
  const storage = await openStorage({ kind: 'postgres', url });
  const app = await createServer({
    storage,
    adminToken: ADMIN_TOKEN,
    portalToken: PORTAL_TOKEN,
    logger: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
    await storage.close();
  }
}

const units = () => addUnitTree(cli, ['--pg', url]);

async function epochOf(): Promise<string> {
  const storage = await openStorage({ kind: 'postgres', url });
  try {
    return await storage.epoch();
  } finally {
    await storage.close();
  }
}

/** The unit tree, a backup of it, then one reception pushed since: a restore's failure must leave that reception. */
async function backupThenOneReception(): Promise<string> {
  await units();
  const backupFile = path.join(dir, 'server-backup.db');
  expect((await cli('backup', '--pg', url, '--to', backupFile)).code).toBe(0);
  await withApp(async (app) => {
    const desk = await SimDesk.enrol(app, COMMUNE_A, 1);
    await desk.push([desk.receive()]);
  });
  return backupFile;
}

const PAGE = 'https://dichvucong.haiduong.gov.vn/tra-cuu';

describe('motcua server backup and restore on PostgreSQL', () => {
  it('keeps the desks revoked and enrolled since the backup, the lookup address and the portal submissions; desks re-send, nothing is stored twice', async () => {
    await units();
    const backupFile = path.join(dir, 'server-2026-12-01.db');
    const before = await withApp(async (app) => {
      const stolen = await SimDesk.enrol(app, COMMUNE_A, 1);
      const first = [stolen.receive(), stolen.receive()];
      await stolen.push(first);
      // Scans, more than one fetch of them, each of another size: the bytes must come back as they were.
      const scans = Array.from({ length: 20 }, (_, i) => randomBytes(4096 + i * 997));
      const hashes = [];
      for (const scan of scans) hashes.push(await stolen.uploadScan(scan));
      const backedUp = await cli('backup', '--pg', url, '--to', backupFile);
      expect(backedUp.code).toBe(0);
      expect(backedUp.out).toBe(`Đã ghi bản sao lưu: ${backupFile}\nBackup written: ${backupFile}`);

      // Since the backup: the PC of desk 1 is stolen and revoked, a new PC takes desk 1, the district sets its
      // lookup address, and a citizen applies online.
      expect((await cli('revoke-desk', '--pg', url, '--device', stolen.deviceId)).code).toBe(0);
      const replacement = await SimDesk.enrol(app, COMMUNE_A, 1);
      const since = [1002, 1003].map((n) => replacement.receive({ code: `${COMMUNE_A}-261201-${n}` }));
      await replacement.push(since);
      expect((await cli('lookup-address', '--pg', url, '--url', PAGE)).code).toBe(0);
      const online = await portalSubmission(app, 'DVC-77', ordinaryProcedure.code);
      expect(online.statusCode).toBe(201);
      return { stolen, replacement, since, onlineId: online.json().dossierId as string, scans, hashes };
    });
    const oldEpoch = await epochOf();

    const restored = await cli('restore', '--pg', url, '--from', backupFile);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('1 new desk(s), 1 revocation(s)');
    expect(restored.out).toContain('1 online submission(s) from the portal');
    const keptAs = /kept as (\S+);/.exec(restored.out)?.[1];
    expect(keptAs && path.dirname(keptAs)).toBe(dir);
    expect(await epochOf()).not.toBe(oldEpoch);

    // The replaced database, written out beside the backup, is a server file holding everything as it was.
    const kept = await openStorage({ kind: 'sqlite', file: keptAs! });
    expect(await kept.countEvents()).toBe(5);
    expect(await kept.epoch()).toBe(oldEpoch);
    await kept.close();

    await withApp(async (app) => {
      const thief = new SimDesk(app, before.stolen.deviceId, before.stolen.secret, COMMUNE_A, 1);
      const refused = await thief.pullPage();
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('device_revoked');

      const desk = new SimDesk(app, before.replacement.deviceId, before.replacement.secret, COMMUNE_A, 1);
      desk.epoch = before.replacement.epoch;
      const stale = await desk.pullPage();
      expect(stale.json().error.code).toBe('epoch_changed');
      desk.epoch = stale.json().error.details.epoch;
      const resent = await desk.push(before.since);
      expect(resent.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
      const again = await desk.push(before.since);
      expect(again.outcomes.map((o) => o.outcome)).toEqual(['duplicate', 'duplicate']);
      for (const [i, hash] of before.hashes.entries()) {
        const scan = await app.inject({ method: 'GET', url: `/v1/blobs/${hash}`, headers: desk.headers });
        expect(scan.statusCode).toBe(200);
        expect(Buffer.compare(scan.rawPayload, before.scans[i]!)).toBe(0);
      }

      const storage = await openStorage({ kind: 'postgres', url });
      try {
        expect(await storage.countEvents()).toBe(5);
        expect(await storage.lookupAddress()).toBe(PAGE);
        expect(await storage.syncTransaction((tx) => tx.dossierIdByPortalRef('DVC-77'))).toBe(
          before.onlineId,
        );
      } finally {
        await storage.close();
      }
    });

    // The same backup file restores a SQLite server too: a district can move between the two.
    const sqliteDb = path.join(dir, 'server.db');
    await (await openStorage({ kind: 'sqlite', file: sqliteDb })).close();
    expect((await cli('restore', '--db', sqliteDb, '--from', backupFile)).code).toBe(0);
    const moved = await openStorage({ kind: 'sqlite', file: sqliteDb });
    expect(await moved.countEvents()).toBe(2);
    expect(await moved.unit(COMMUNE_A)).toBeDefined();
    await moved.close();
  });

  it('into a database just made with createdb (the move from SQLite): says it is new, keeps no copy, and says where the tokens go', async () => {
    // The district's SQLite server, backed up.
    const sqliteFile = path.join(dir, 'server.db');
    await (await openStorage({ kind: 'sqlite', file: sqliteFile })).close();
    await addUnitTree(cli, ['--db', sqliteFile]);
    const backupFile = path.join(dir, 'server-sqlite.db');
    expect((await cli('backup', '--db', sqliteFile, '--to', backupFile)).code).toBe(0);

    const fresh = await cluster.createDatabase();
    const moved = await cli('restore', '--pg', fresh, '--from', backupFile);
    expect(moved.code).toBe(0);
    expect(moved.out).toContain('This PostgreSQL database held no server before (no unit, desk, user, catalog, calendar or dossier): the backup was loaded into it and nothing was replaced.');
    expect(moved.out).toContain('Cơ sở dữ liệu PostgreSQL này trước đó chưa có máy chủ nào');
    expect(moved.out).toContain('have the portal read it again from the start (after=0)');
    // Nothing replaced: no "kept" copy, no "0 new desks … kept" summary.
    expect(moved.out).not.toContain('kept as');
    expect(moved.out).not.toContain('Giữ lại từ cơ sở dữ liệu bị thay thế');
    expect(readdirSync(dir).filter((f) => f.includes('pre-restore'))).toEqual([]);
    // Where a --pg server reads its tokens, unless they are there already (this checkout's own .motcua/).
    if (!existsSync(path.resolve('.motcua', 'server-pg.admin-token')))
      expect(moved.out).toContain('From a SQLite server, they are server.db.admin-token and server.db.portal-token beside its database.');
    const storage = await openStorage({ kind: 'postgres', url: fresh });
    try {
      expect((await storage.listUnits()).map((u) => u.code)).toContain(COMMUNE_A);
    } finally {
      await storage.close();
    }
  });

  it('into a database that holds only a published calendar (no unit, no desk yet): keeps its copy, as a server', async () => {
    const sqliteFile = path.join(dir, 'server.db');
    await (await openStorage({ kind: 'sqlite', file: sqliteFile })).close();
    await addUnitTree(cli, ['--db', sqliteFile]);
    const backupFile = path.join(dir, 'server-sqlite.db');
    expect((await cli('backup', '--db', sqliteFile, '--to', backupFile)).code).toBe(0);
    await withApp(async (app) => {
      expect((await admin(app, 'PUT', '/v1/admin/calendar', { years: [] })).statusCode).toBe(200);
    });
    const restored = await cli('restore', '--pg', url, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).not.toContain('held no server before');
    expect(restored.out).toContain('The database it replaced is kept as');
    expect(readdirSync(dir).filter((f) => f.includes('pre-restore'))).toHaveLength(1);
  });

  it('refuses while a server is connected to the database, in both languages, and changes nothing', async () => {
    await units();
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--pg', url, '--to', backupFile)).code).toBe(0);
    const epoch = await epochOf();
    await withApp(async () => {
      const run = await cli('restore', '--pg', url, '--from', backupFile);
      expect(run.code).toBe(1);
      expect(run.err).toContain(
        'A server (or another motcua command) is connected to that database: stop it first',
      );
      expect(run.err).toContain('Máy chủ (hoặc một lệnh motcua khác) đang kết nối tới cơ sở dữ liệu đó');
    });
    expect(await epochOf()).toBe(epoch);
    expect(readdirSync(dir)).toEqual(['server-backup.db']);
  });

  it('a restore that fails while loading leaves the database as it was and keeps no copy', async () => {
    const backupFile = await backupThenOneReception();
    // A backup whose rows PostgreSQL cannot take (SQLite keeps a text in a number column): found mid-load.
    const spoilt = new Database(backupFile);
    spoilt.exec("UPDATE counters SET value = 'nhiều' WHERE name = 'delivery_seq'");
    spoilt.close();
    const epoch = await epochOf();

    const run = await cli('restore', '--pg', url, '--from', backupFile);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /The restore was not done \(invalid input syntax for type bigint.*\)\. The server.s database is as it was; nothing was changed/,
    );
    expect(run.err).toContain('Cơ sở dữ liệu của máy chủ vẫn như cũ, chưa thay đổi gì');
    const storage = await openStorage({ kind: 'postgres', url });
    try {
      expect(await storage.epoch()).toBe(epoch);
      expect(await storage.countEvents()).toBe(1);
      expect(await storage.unit(COMMUNE_A)).toBeDefined();
    } finally {
      await storage.close();
    }
    expect(readdirSync(dir)).toEqual(['server-backup.db']);
    expect(existsSync(`${backupFile}.writing`)).toBe(false);
  });

  it('after a pg_restore by hand, the portal writes under a new device: its next submission never takes a place a desk holds', async () => {
    await units();
    const dump = path.join(dir, 'server.dump');
    const portal = (app: Awaited<ReturnType<typeof createServer>>, portalRef: string) => portalSubmission(app, portalRef, ordinaryProcedure.code);
    const held = await withApp(async (app) => {
      const desk = await SimDesk.enrol(app, COMMUNE_A, 1);
      expect((await portal(app, 'DVC-1')).statusCode).toBe(201);
      execFileSync(path.join(binDir(), 'pg_dump'), ['-Fc', '-f', dump, url]);
      expect((await portal(app, 'DVC-2')).statusCode).toBe(201);
      return { desk, events: await desk.pullAll() };
    });
    expect(held.events).toHaveLength(2);
    execFileSync(path.join(binDir(), 'pg_restore'), ['--clean', '--if-exists', '-d', url, dump]);
    const restored = await cli('restore', '--pg', url);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('Online submissions the portal made since the dump are not in it');
    expect(restored.out).toContain('Hồ sơ nộp trực tuyến từ cổng sau bản dump không có trong đó');

    await withApp(async (app) => {
      expect((await portal(app, 'DVC-3')).statusCode).toBe(201);
      const desk = new SimDesk(app, held.desk.deviceId, held.desk.secret, COMMUNE_A, 1);
      desk.epoch = held.desk.epoch;
      const stale = await desk.pullPage();
      expect(stale.json().error.code).toBe('epoch_changed');
      desk.epoch = stale.json().error.details.epoch;
      const after = await desk.pullAll();
      const third = after.find((e) => e.type === 'dossier.submitted_online' && !held.events.some((h) => h.id === e.id))!;
      expect(third).toBeDefined();
      const places = new Set(held.events.map((e) => `${e.deviceId}#${e.deviceSeq}`));
      expect(places.has(`${third.deviceId}#${third.deviceSeq}`)).toBe(false);
    });
  });

  it("a connection lost at the load's commit: says the outcome is unknown and keeps the replaced database's copy", async () => {
    const backupFile = await backupThenOneReception();
    const epoch = await epochOf();
    // PostgreSQL behind a link that breaks when the restore's load commits: the COMMIT is sent and no answer comes.
    const proxy = await commitCuttingProxy(Number(new URL(url).port));
    try {
      const through = new URL(url);
      through.port = String(proxy.port);
      const run = await cli('restore', '--pg', through.toString(), '--from', backupFile);
      expect(proxy.cut).toBe(1);
      expect(run.code).toBe(1);
      const kept = readdirSync(dir).filter((f) => f.includes('.pre-restore-'));
      expect(kept).toHaveLength(1);
      const lines = run.err.split('\n');
      expect(lines[0]).toMatch(/^motcua server: Không biết việc khôi phục đã xong hay chưa: mất kết nối tới PostgreSQL lúc ghi/);
      expect(lines[1]).toMatch(/^motcua server: Whether the restore took place is unknown/);
      expect(run.err).toContain(`The database it replaced is kept as ${path.join(dir, kept[0]!)}: do not delete it.`);
      expect(run.err).not.toContain('nothing was changed');
    } finally {
      await proxy.close();
    }
    // Here the COMMIT never reached PostgreSQL: the database is the one replaced, which the kept copy holds too.
    expect(await epochOf()).toBe(epoch);
    const storage = await openStorage({ kind: 'postgres', url });
    try {
      expect(await storage.countEvents()).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('backup refuses to write over an existing file', async () => {
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--pg', url, '--to', backupFile)).code).toBe(0);
    const again = await cli('backup', '--pg', url, '--to', backupFile);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists; give the backup a new file name. Nothing was written.');
  });
});

/**
 * A loopback proxy to PostgreSQL that breaks a connection when it sends COMMIT after taking the restore's lock on
 * `meta`: the COMMIT goes nowhere and the restore hears nothing back, as on a link lost at that moment.
 */
async function commitCuttingProxy(pgPort: number): Promise<{ port: number; cut: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const state = { cut: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(pgPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let locked = false;
    client.on('data', (chunk) => {
      const text = chunk.toString('latin1');
      if (text.includes('LOCK TABLE meta')) locked = true;
      if (locked && text.includes('COMMIT')) {
        state.cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('error', () => b.destroy());
      a.on('close', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get cut() {
      return state.cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
