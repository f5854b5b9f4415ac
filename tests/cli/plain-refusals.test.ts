/**
 * The district technician's QA pass: every usual mistake (a missing folder, a file that is not a database, a wrong
 * PostgreSQL address, a busy port) is said in plain words in both languages, exits non-zero, writes nothing and
 * prints no stack trace; backups are single files a read-only folder can restore from; a rename keeps the tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { CliCommand } from '../../cli/command';
import { backupCommand } from '../../cli/commands/backup';
import { deskCommand } from '../../cli/commands/desk';
import { importCommand } from '../../cli/commands/import';
import { reportCommand } from '../../cli/commands/report';
import { serverCommand } from '../../cli/commands/server';
import { plainWords } from '../../cli/plain-errors';
import { openPgDriver } from '../../server/storage/pg-driver';
import { openDesk } from '../../electron/desk';
import { openStorage } from '../../server/storage/open';
import { motcua } from '../support/cli';
import { startPgCluster, type PgCluster } from '../support/pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: string;
let db: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-plain-'));
  db = path.join(dir, 'server.db');
  await (await openStorage({ kind: 'sqlite', file: db })).close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));


/** Refused: exit 1, both languages, no stack trace. */
function expectPlainRefusal(run: { code: number; err: string }, en: string | RegExp, vi: string | RegExp): void {
  expect(run.code).toBe(1);
  expect(run.err).toMatch(en);
  expect(run.err).toMatch(vi);
  expect(run.err).not.toMatch(/^\s+at /m);
  expect(run.err).not.toMatch(/unexpected error/);
}

const listing = () => readdirSync(dir).sort();

async function busyPort(): Promise<number> {
  const taken: Server = createNetServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => void taken.close());
  return (taken.address() as AddressInfo).port;
}

describe('stack traces become plain words', () => {
  it('server backup to a folder that does not exist', async () => {
    const to = path.join(dir, 'missing', 'x.db');
    expectPlainRefusal(await motcua(serverCommand, 'backup', '--db', db, '--to', to), `The folder ${path.dirname(to)} does not exist`, `Không có thư mục ${path.dirname(to)}`);
    expect(listing()).toEqual(['server.db']);
  });

  it('report --format pdf --out into a folder that does not exist', async () => {
    const out = path.join(dir, 'missing', 'a.pdf');
    const run = await motcua(reportCommand, '--db', db, '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'pdf', '--out', out);
    expectPlainRefusal(run, /The folder .*missing does not exist; create it/, /Không có thư mục .*missing/);
    expect(listing()).toEqual(['server.db']);
  });

  it('a --pg whose port nothing listens on: list-desks, report and the server', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await busyPort()}/motcua`;
    // The busy port is ours, not PostgreSQL's: close it so that the connection is refused.
    const closed = url.replace(/:\d+\//, ':1/');
    for (const run of [
      await motcua(serverCommand, 'list-desks', '--pg', closed),
      await motcua(reportCommand, '--pg', closed, '--from', '2026-01-01', '--to', '2026-01-31'),
      await motcua(serverCommand, '--pg', closed, '--port', '0'),
    ]) {
      expectPlainRefusal(run, 'No PostgreSQL server answers at 127.0.0.1:1: check the host and port in --pg', 'Không có máy chủ PostgreSQL trả lời tại 127.0.0.1:1');
    }
  });

  it('a --pg host name that does not exist, and a --pg that is not a URL', async () => {
    const run = await motcua(serverCommand, 'list-desks', '--pg', 'postgresql://postgres@no-such-host.invalid:5432/motcua');
    expectPlainRefusal(run, 'The host name no-such-host.invalid is not known', 'Không tìm thấy máy có tên no-such-host.invalid');
    const notUrl = await motcua(serverCommand, 'list-desks', '--pg', 'motcua');
    expect(notUrl.code).toBe(2);
    expect(notUrl.err).toContain("--pg must be a PostgreSQL URL such as postgresql://");
  });

  it('add-unit on a file that is not a database leaves it as it was', async () => {
    const notes = path.join(dir, 'notes.db');
    writeFileSync(notes, 'hello');
    const run = await motcua(serverCommand, 'add-unit', '--db', notes, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    expectPlainRefusal(run, `${notes} is not a MotCua server database; nothing was changed.`, 'không phải cơ sở dữ liệu máy chủ MotCua');
    expect(readFileSync(notes, 'utf8')).toBe('hello');
    expect(listing()).toEqual(['notes.db', 'server.db']);
  });

  it('desk --data-dir naming a file', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    expectPlainRefusal(await motcua(deskCommand, '--data-dir', file), `${file} is a file; --data-dir is the desk's data folder`, `${file} là một tệp`);
  });

  it('import of a folder instead of a file of dossiers (the shared runner says it)', async () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expectPlainRefusal(await motcua(importCommand, '--db', db, folder), /is a folder/, /là thư mục|là một thư mục/);
  });

  it('anything else is one plain line, not a stack trace', async () => {
    const broken: CliCommand = { name: 'broken', summary: '', usage: '', run: () => Promise.reject(new Error('boom')) };
    const run = await motcua(broken);
    expect(run.code).toBe(1);
    expect(run.err).toContain('unexpected error (boom)');
    expect(run.err).toContain('lỗi ngoài dự kiến (boom)');
    expect(run.err).not.toMatch(/^\s+at /m);
  });

  it('a --pg host that never answers is given up on and said as one that does not answer', async () => {
    // A listener that takes the connection and never speaks: node-postgres gives up after its connection timeout.
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const port = (silent.address() as AddressInfo).port;
    const driver = openPgDriver(`postgres://motcua@127.0.0.1:${port}/motcua`, { connectTimeoutMs: 300 });
    const failure = await driver.all('SELECT 1').then(() => null, (e: unknown) => e);
    await driver.close();
    expect(plainWords(failure)?.en).toContain('No PostgreSQL server answers at');
    expect(plainWords(failure)?.vi).toContain('Không có máy chủ PostgreSQL trả lời tại');
  });
});

describe('PostgreSQL refusals', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('a database name that does not exist', async () => {
    const url = (await cluster!.createDatabase()).replace(/\/[^/]+$/, '/no_such_database');
    for (const run of [
      await motcua(serverCommand, 'list-desks', '--pg', url),
      await motcua(reportCommand, '--pg', url, '--from', '2026-01-01', '--to', '2026-01-31'),
    ]) {
      expectPlainRefusal(run, /database "no_such_database" does not exist on that PostgreSQL server: check the database name/, 'Máy chủ PostgreSQL không có cơ sở dữ liệu này');
    }
  });
});

describe('a failed command writes nothing', () => {
  it('a mistyped --db for add-unit makes no database', async () => {
    const typo = path.join(dir, 'sever.db');
    const run = await motcua(serverCommand, 'add-unit', '--db', typo, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    expectPlainRefusal(run, `No server database at ${typo}; check --db.`, `Không có cơ sở dữ liệu máy chủ tại ${typo}`);
    expect(listing()).toEqual(['server.db']);
  });

  it('motcua server on a busy port makes no database or token', async () => {
    const port = await busyPort();
    const fresh = path.join(dir, 'fresh.db');
    const run = await motcua(serverCommand, '--db', fresh, '--port', String(port));
    expectPlainRefusal(run, `Port ${port} on 127.0.0.1 is already in use`, `Cổng ${port} trên 127.0.0.1`);
    expect(listing()).toEqual(['server.db']);
  });

  it('motcua server with --db in a folder that is not there (a typo) makes no folder, database or token', async () => {
    const typo = path.join(dir, 'motcau', 'server.db');
    const run = await motcua(serverCommand, '--db', typo, '--port', '0');
    expectPlainRefusal(run, `The folder ${path.dirname(typo)} does not exist; check --db.`, `Không có thư mục ${path.dirname(typo)}; hãy kiểm tra --db.`);
    expect(run.err).toContain(`create that folder first (mkdir -p ${path.dirname(typo)})`);
    expect(listing()).toEqual(['server.db']);
  });

  it('motcua server with a --host this machine does not have says so, with what to use, and makes nothing', async () => {
    // Set aside for documentation (RFC 5737), so on no real network; these test machines do use 192.0.2.0/24.
    const absent = '203.0.113.77';
    const run = await motcua(serverCommand, '--db', path.join(dir, 'new.db'), '--port', '0', '--host', absent);
    expectPlainRefusal(run, `--host: ${absent} is not an address of this machine.`, `--host: ${absent} không phải địa chỉ của máy này.`);
    expect(run.err).toContain('or 0.0.0.0 to take connections on all of them');
    expect(listing()).toEqual(['server.db']);
  });

  it('a second motcua server on a database a server already has open, on another port, is refused', async () => {
    const running = await openStorage({ kind: 'sqlite', file: db });
    try {
      const before = listing();
      const second = await motcua(serverCommand, '--db', db, '--port', '0');
      expectPlainRefusal(second, /already open in another program \(is a server already running on it\?\)/, /đang được chương trình khác mở/);
      expect(listing()).toEqual(before);
    } finally {
      await running.close();
    }
  });

  it('a --trust-proxy that is not an address is refused before anything starts', async () => {
    const before = listing();
    const run = await motcua(serverCommand, '--db', path.join(dir, 'new.db'), '--port', '0', '--trust-proxy', '127.0.0.1,proxy.local');
    expect(run.code).not.toBe(0);
    expect(run.err).toContain('--trust-proxy takes the proxy');
    expect(run.err).toContain('not proxy.local');
    expect(listing()).toEqual(before);
  });

  it('motcua desk on a busy port makes no data folder', async () => {
    const port = await busyPort();
    const dataDir = path.join(dir, 'desk');
    expectPlainRefusal(await motcua(deskCommand, '--data-dir', dataDir, '--port', String(port)), `port ${port} is already in use`, `cổng ${port} đang được`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("add-unit, backup and the server refuse a copy of a desk's database and leave it byte for byte", async () => {
    const dataDir = path.join(dir, 'desk');
    const desk = openDesk({ dataDir, autoBackup: false });
    const copy = path.join(dir, 'desk-copy.db');
    await desk.backups.create({});
    desk.close();
    const backups = path.join(dataDir, 'backups');
    copyFileSync(path.join(backups, readdirSync(backups).find((n) => n.endsWith('.sqlite'))!), copy);
    const before = readFileSync(copy);
    for (const argv of [
      ['add-unit', '--db', copy, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province'],
      ['backup', '--db', copy, '--to', path.join(dir, 'b.db')],
      ['--db', copy, '--port', '0'],
    ]) {
      expectPlainRefusal(await motcua(serverCommand, ...argv), `${copy} is not a MotCua server database`, 'không phải cơ sở dữ liệu máy chủ MotCua');
    }
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(listing()).toEqual(['desk', 'desk-copy.db', 'server.db']);
  });
});

describe('motcua backup create --to a relative folder', () => {
  it('is the current folder’s', async () => {
    const dataDir = path.join(dir, 'desk');
    openDesk({ dataDir, autoBackup: false }).close();
    mkdirSync(path.join(dir, 'usb'));
    const passphrase = path.join(dir, 'pass.txt');
    writeFileSync(passphrase, 'mot-cua-2026-passphrase\n');
    const cwd = process.cwd();
    process.chdir(dir);
    onTestFinished(() => process.chdir(cwd));
    const run = await motcua(backupCommand, 'create', '--data-dir', 'desk', '--to', 'usb', '--passphrase-file', 'pass.txt');
    expect(run.err).not.toContain('not found');
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(dir, 'usb')).filter((n) => n.endsWith('.sqlite.enc'))).toHaveLength(1);
  });
});

describe('server backups are single files', () => {
  it('leave no -wal or -shm, are not in WAL mode, and checking one adds nothing beside it', async () => {
    const to = path.join(dir, 'backup.db');
    expect((await motcua(serverCommand, 'backup', '--db', db, '--to', to)).code).toBe(0);
    // Byte 18 of an SQLite header: 1 for a rollback journal, 2 for WAL (which needs a -shm to be read).
    expect(readFileSync(to)[18]).toBe(1);
    // Restored where no database was (as on a new machine): the folder must exist, the restore makes the file.
    const restored = path.join(dir, 'restored', 'server.db');
    mkdirSync(path.dirname(restored));
    expect((await motcua(serverCommand, 'restore', '--db', restored, '--from', to)).code).toBe(0);
    expect(listing()).toEqual(['backup.db', 'restored', 'server.db']);
  });

  it('restores from a folder the restoring user cannot write in', async () => {
    const backups = path.join(dir, 'usb');
    mkdirSync(backups);
    const to = path.join(backups, 'backup.db');
    expect((await motcua(serverCommand, 'backup', '--db', db, '--to', to)).code).toBe(0);
    const target = path.join(dir, 'target');
    mkdirSync(target);
    chmodSync(to, 0o644);
    chmodSync(dir, 0o755);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // root writes anywhere: the restore runs as nobody, who may write in target/ only.
      const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
      chownSync(target, nobody, nobody);
    } else chmodSync(backups, 0o555);
    onTestFinished(() => {
      if (existsSync(backups)) chmodSync(backups, 0o755);
    });
    const argv = [path.join(root, 'bin', 'motcua.mjs'), 'server', 'restore', '--db', path.join(target, 'server.db'), '--from', to];
    const run = asRoot
      ? spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, ...argv], { cwd: target, encoding: 'utf8' })
      : spawnSync(process.execPath, argv, { cwd: target, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('New epoch');
    expect(readdirSync(backups)).toEqual(['backup.db']);
  }, 60_000);

  it('restore --from a file that is not there says so, in both languages', async () => {
    const missing = path.join(dir, 'nothere.db');
    expectPlainRefusal(await motcua(serverCommand, 'restore', '--db', db, '--from', missing), `The backup file ${missing} was not found`, `Không tìm thấy tệp sao lưu ${missing}`);
  });
});

describe('the restore summary', () => {
  it('says how many server users it kept', async () => {
    const backup = path.join(dir, 'backup.db');
    expect((await motcua(serverCommand, 'backup', '--db', db, '--to', backup)).code).toBe(0);
    const storage = await openStorage({ kind: 'sqlite', file: db });
    await storage.putUser({ username: 'lan', name: 'Nguyễn Thị Lan', role: 'supervisor', passwordHash: 'x', createdAt: '2026-11-28T08:00:00+07:00', disabledAt: null });
    await storage.close();
    const run = await motcua(serverCommand, 'restore', '--db', db, '--from', backup);
    expect(run.code).toBe(0);
    expect(run.out).toContain('1 server user(s) added or changed');
  });
});

describe('add-unit on a unit that exists', () => {
  const units = async () => {
    const storage = await openStorage({ kind: 'sqlite', file: db });
    try {
      return (await storage.listUnits()).map((u) => `${u.code} ${u.name} ${u.level} ${u.parentCode ?? '-'}`).sort();
    } finally {
      await storage.close();
    }
  };
  beforeEach(async () => {
    await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã', '--level', 'commune', '--parent', '000.00.06.H56');
  });

  it('renames with --code and --name alone, keeping its level and parent, and says what changed', async () => {
    const run = await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã Thanh An');
    expect(run.code).toBe(0);
    expect(run.out).toBe("Đã lưu đơn vị 000.01.06.H56: tên 'Xã' → 'Xã Thanh An'.\nUnit 000.01.06.H56 saved: name 'Xã' → 'Xã Thanh An'.");
    expect(await units()).toContain('000.01.06.H56 Xã Thanh An commune 000.00.06.H56');
  });

  it('refuses a different level or parent without --move, saying where the unit stands, and changes nothing', async () => {
    const before = await units();
    const run = await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã Thanh An', '--level', 'district', '--parent', '000.00.00.H56');
    expectPlainRefusal(
      run,
      'Unit 000.01.06.H56 (Xã) is a commune under 000.00.06.H56; this would make it a district under 000.00.00.H56. To rename it, give only --code and --name; to move it, add --move. Nothing was changed.',
      'Đơn vị 000.01.06.H56 (Xã) đang là cấp xã, thuộc 000.00.06.H56',
    );
    expect(await units()).toEqual(before);
    const moved = await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã Thanh An', '--level', 'district', '--parent', '000.00.00.H56', '--move');
    expect(moved.code).toBe(0);
    expect(moved.out).toBe(
      "Đã lưu đơn vị 000.01.06.H56: tên 'Xã' → 'Xã Thanh An'; cấp xã, thuộc 000.00.06.H56 → cấp huyện, thuộc 000.00.00.H56.\n" +
        "Unit 000.01.06.H56 saved: name 'Xã' → 'Xã Thanh An'; a commune under 000.00.06.H56 → a district under 000.00.00.H56.",
    );
  });
});
