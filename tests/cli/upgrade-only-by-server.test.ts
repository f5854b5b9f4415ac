/**
 * A new release's commands run beside the old release's server (an operator checks the install with `list-desks`
 * before restarting): they must not upgrade its database under it. Only the server's own start does. On the old
 * server, an upgraded file failed every scan upload (503) and recorded scans sent as "already there" with no holder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { importCommand } from '../../cli/commands/import';
import { reportCommand } from '../../cli/commands/report';
import { serverCommand } from '../../cli/commands/server';
import { openStorage } from '../../server/storage/open';
import { LATEST_SCHEMA_VERSION, migrations } from '../../server/storage/schema';
import { PROTOCOL_HEADER } from '../../shared/sync/protocol';
import { motcua } from '../support/cli';

let dir: string;
let db: string;
const OLDER = LATEST_SCHEMA_VERSION - 1;

/** The database as the previous release left it: its migrations, its version, one unit. */
function olderDatabase(file: string): void {
  const raw = new Database(file);
  raw.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const m of migrations.filter((m) => m.version <= OLDER)) raw.exec(m.sql('sqlite'));
  raw.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?), ('epoch', 'e-1')").run(String(OLDER));
  raw.prepare("INSERT INTO units (code, name, level, parent_code) VALUES ('000.00.06.H56', 'Huyện Thanh Hà', 'district', NULL)").run();
  raw.close();
}

const schemaVersion = (file: string): number => {
  const raw = new Database(file, { readonly: true });
  try {
    return Number((raw.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
  } finally {
    raw.close();
  }
};


beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-upgrade-'));
  db = path.join(dir, 'server.db');
  olderDatabase(db);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("an older release's database", () => {
  it('is refused by every administration command, in both languages, and left at its version', async () => {
    const lines = path.join(dir, 'old-system.jsonl');
    writeFileSync(lines, '');
    const runs = [
      await motcua(serverCommand, 'list-desks', '--db', db),
      await motcua(serverCommand, 'add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã Thanh An', '--level', 'commune', '--parent', '000.00.06.H56'),
      await motcua(serverCommand, 'create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '1'),
      await motcua(reportCommand, '--db', db, '--from', '2026-01-01', '--to', '2026-01-31'),
      await motcua(importCommand, '--db', db, lines),
    ];
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.err).toContain(`The server database is at version ${OLDER}; this MotCua release upgrades it to ${LATEST_SCHEMA_VERSION} when its server starts. Stop the server that is running`);
      expect(run.err).toContain(`Cơ sở dữ liệu máy chủ đang ở phiên bản ${OLDER}; bản MotCua này nâng cấp lên ${LATEST_SCHEMA_VERSION}`);
      expect(run.err).not.toMatch(/unexpected error|^\s+at /m);
    }
    expect(schemaVersion(db)).toBe(OLDER);
  });

  it("is upgraded by the server's own start, which says so and how long it took; the commands then work", async () => {
    const child = spawn(process.execPath, [path.resolve('bin/motcua.mjs'), 'server', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let out = '';
    child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/listening on http/.test(out) && out.includes('Portal token:')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(out).toContain(`Upgrading the database from version ${OLDER} to ${LATEST_SCHEMA_VERSION}; this can take minutes`);
    expect(out).toContain(`Đang nâng cấp cơ sở dữ liệu từ phiên bản ${OLDER} lên ${LATEST_SCHEMA_VERSION}`);
    expect(out).toMatch(/Upgrade done in \d+\.\d s\./);
    // It answers, as the server it is.
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    expect((await fetch(`${url}/v1/time`, { headers: { [PROTOCOL_HEADER]: '1' } })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect((await motcua(serverCommand, 'list-desks', '--db', db)).code).toBe(0);
  }, 30_000);

  it('once current, is opened by the commands without a word about upgrading', async () => {
    await (await openStorage({ kind: 'sqlite', file: db })).close();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const run = await motcua(serverCommand, 'list-desks', '--db', db);
    expect(run.code).toBe(0);
    expect(run.out + run.err).not.toContain('Upgrading');
  });
});

describe("a newer release's database", () => {
  it('is refused by the server and by every command in plain words, in both languages, and left as it is', async () => {
    await (await openStorage({ kind: 'sqlite', file: db })).close();
    const raw = new Database(db);
    raw.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(LATEST_SCHEMA_VERSION + 1));
    raw.close();
    const lines = path.join(dir, 'old-system.jsonl');
    writeFileSync(lines, '');
    const runs = [
      await motcua(serverCommand, '--db', db, '--port', '0'),
      await motcua(serverCommand, 'list-desks', '--db', db),
      await motcua(reportCommand, '--db', db, '--from', '2026-01-01', '--to', '2026-01-31'),
      await motcua(importCommand, '--db', db, lines),
    ];
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.err).toContain(`The server database was written by a newer MotCua server (version ${LATEST_SCHEMA_VERSION + 1}; this release knows up to ${LATEST_SCHEMA_VERSION})`);
      expect(run.err).toContain(`Cơ sở dữ liệu máy chủ do một bản máy chủ MotCua mới hơn ghi`);
      expect(run.err).not.toMatch(/unexpected error|lỗi ngoài dự kiến|^\s+at /m);
    }
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
  });
});
