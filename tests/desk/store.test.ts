import { afterEach, describe, expect, it } from 'vitest';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { openDesk } from '../../electron/desk/desk';
import { openDatabase } from '../../electron/desk/db/open-database';
import { assertStrictlyIncreasing, migrate, schemaVersion, type Migration } from '../../electron/desk/db/migrate';
import { migrations } from '../../electron/desk/db/migrations/index';
import { verifyDataDir } from '../../electron/desk/verify';
import { verifyCommand } from '../../cli/commands/verify';
import { AppFailure } from '../../shared/result';
import { allPresent, applicant, checkSearchIndexAgainstRows, fridayProcedure, indexNewRowsNow, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function openFailure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected the desk to refuse to open');
}

/** A few dossiers in different states, through the API. */
async function populate(desk: TestDesk): Promise<string[]> {
  const p = ordinaryProcedure();
  const f = fridayProcedure();
  const ids: string[] = [];
  const names = ['Nguyễn Văn Đức', 'Trần Thị Bích Ngọc', 'Lê Đình Phúc', 'Phạm Thuỳ Dương'];
  for (const [i, name] of names.entries()) {
    const proc = i % 2 === 0 ? p : f;
    const r = await desk.must('dossiers.receive', { procedureCode: proc.code, applicant: applicant(name, `00120300456${i}`), components: allPresent(proc) });
    ids.push(r.dossier.id);
    desk.clock.advanceMinutes(7);
  }
  await desk.must('dossiers.transfer', { dossierId: ids[0] });
  await desk.must('dossiers.requestSupplement', { dossierId: ids[1], items: ['Bản sao CCCD'], reason: 'Thiếu giấy tờ' });
  await desk.must('dossiers.resolve', { dossierId: ids[2], resultDigitised: true });
  await desk.must('dossiers.returnResult', { dossierId: ids[2] });
  await desk.must('dossiers.refuse', { procedureCode: p.code, applicant: applicant('Hoàng Văn Tú', '001203009999'), reason: 'Không thuộc thẩm quyền' });
  return ids;
}

describe('database', () => {
  it('opens with WAL, synchronous=FULL, foreign keys, and the latest schema version', async () => {
    t = await makeTestDesk();
    const db = t.desk.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
  });

  it('fails loudly on a migration list that is not strictly increasing', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => {} });
    expect(() => assertStrictlyIncreasing([m(1), m(3), m(2)])).toThrow(/not strictly increasing/);
    expect(() => assertStrictlyIncreasing([m(1), m(1)])).toThrow(/not strictly increasing/);
    expect(() => assertStrictlyIncreasing([m(1), m(2), m(5)])).not.toThrow();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the old schema untouched', () => {
    const dir = tempDir();
    const db = openDatabase({ file: path.join(dir, 'x.sqlite') });
    const list: Migration[] = [
      { version: 1, name: 'a', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'b', up: (d) => d.exec('CREATE TABLE b (x)') },
      { version: 3, name: 'broken', up: (d) => d.exec('CREATE TABLE broken (') },
    ];
    expect(() => migrate(db, list)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").all()).toEqual([]);
    expect(migrate(db, list.slice(0, 2))).toEqual([1, 2]);
    expect(schemaVersion(db)).toBe(2);
    expect(migrate(db, list.slice(0, 2))).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer version, in Vietnamese and English, and leaves it unchanged', async () => {
    t = await makeTestDesk();
    t.desk.db.pragma('user_version = 999');
    t.desk.close();
    const file = path.join(t.dir, 'desk.sqlite');
    const before = readFileSync(file);
    const failure = openFailure(() => openDesk({ dataDir: t!.dir, autoBackup: false }));
    expect(failure.error.code).toBe('database_too_new');
    expect(failure.error.message.vi).toContain('phiên bản mới hơn');
    expect(failure.error.message.en).toContain('newer version');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database and names the latest backup to restore', async () => {
    t = await makeTestDesk();
    await populate(t);
    const backup = await t.desk.backups.create({ kind: 'daily' });
    t.desk.close();
    writeFileSync(path.join(t.dir, 'desk.sqlite'), Buffer.alloc(8192, 0x41));
    const failure = openFailure(() => openDesk({ dataDir: t!.dir, autoBackup: false }));
    expect(failure.error.code).toBe('database_corrupt');
    expect(failure.error.message.vi).toContain(backup.file);
    expect(failure.error.message.en).toContain(backup.file);
  });

  it('refuses a database whose pages are damaged', async () => {
    t = await makeTestDesk();
    for (let i = 0; i < 40; i++) await populate(t);
    t.desk.db.pragma('wal_checkpoint(TRUNCATE)');
    t.desk.close();
    const file = path.join(t.dir, 'desk.sqlite');
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(10);
    // Overwrite the middle pages (b-tree pages of the tables) with garbage.
    const fd = openSync(file, 'r+');
    for (let page = 3; page < pages - 1; page += 2) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize);
    closeSync(fd);
    const failure = openFailure(() => openDesk({ dataDir: t!.dir, autoBackup: false }));
    expect(failure.error.code).toBe('database_corrupt');
    expect(failure.error.message.en).toMatch(/No backup was found|Restore the latest backup/);
  });

  it('checks a large database in the background, then refuses work and offers the backup if it is damaged', async () => {
    t = await makeTestDesk();
    for (let i = 0; i < 40; i++) await populate(t);
    const backup = await t.desk.backups.create({ kind: 'daily' });
    t.desk.db.pragma('wal_checkpoint(TRUNCATE)');
    t.desk.close();
    const file = path.join(t.dir, 'desk.sqlite');
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    const fd = openSync(file, 'r+');
    // Damage the index pages near the end of the file, leaving the schema and the first pages readable.
    for (let page = Math.floor(pages / 2); page < pages - 1; page += 2) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize);
    closeSync(fd);
    // Treat the file as large: open at once, check in the background.
    try {
      t.reopen({ blockingCheckMaxBytes: 0 });
    } catch (e) {
      // SQLite may already stumble while opening; that refusal must be the same clear one.
      expect(e instanceof AppFailure && e.error.code).toBe('database_corrupt');
      return;
    }
    const announced: string[] = [];
    t.desk.notifications.subscribe((e) => announced.push(e.type));
    expect((await t.desk.integrity).length).toBeGreaterThan(0);
    expect(announced).toEqual(['store.damaged']);
    const refused = await t.call('dossiers.list', {});
    expect(refused.ok ? null : refused.error.code).toBe('database_corrupt');
    if (!refused.ok) expect(refused.error.message.vi).toContain(backup.file);
    await t.must('auth.login', { username: 'admin', password: 'mat-khau-123' });
    const restored = await t.must('backups.restore', { file: backup.file });
    expect(restored.chainsSound).toBe(true);
    expect((await t.desk.integrity)).toEqual([]);
    await t.must('auth.login', { username: 'admin', password: 'mat-khau-123' });
    expect((await t.must('dossiers.list', {})).total).toBe(200);
  });
});

describe('projections', () => {
  it('rebuildProjections() from the log gives exactly the same dossier table and search index', async () => {
    t = await makeTestDesk();
    await populate(t);
    await populate(t);
    const db = t.desk.db;
    const snapshot = () => db.prepare('SELECT * FROM dossiers ORDER BY seq').all();
    const search = (q: string) => db.prepare('SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? ORDER BY rowid').all(q);
    indexNewRowsNow(t.desk);
    const before = snapshot();
    const searchBefore = [search('"nguyen"*'), search('"duong"*'), search('"2001"*')];
    expect(before.length).toBe(10);
    expect(searchBefore[0]!.length).toBe(2);
    expect(t.desk.rebuildProjections()).toBe(10);
    expect(snapshot()).toEqual(before);
    expect([search('"nguyen"*'), search('"duong"*'), search('"2001"*')]).toEqual(searchBefore);
    // FTS5's own check that the index matches the table it indexes.
    checkSearchIndexAgainstRows(db);
  });

  it('projects the dossier status the lifecycle folds to, with its version', async () => {
    t = await makeTestDesk();
    const ids = await populate(t);
    const status = (id: string) => (t!.desk.db.prepare('SELECT status, version FROM dossiers WHERE id = ?').get(id) as { status: number; version: number });
    expect(status(ids[0]!)).toEqual({ status: 4, version: 2 });
    expect(status(ids[1]!)).toEqual({ status: 5, version: 2 });
    expect(status(ids[2]!)).toEqual({ status: 10, version: 3 });
    expect(status(ids[3]!)).toEqual({ status: 2, version: 1 });
  });
});

describe('event log and hash chain', () => {
  it('gives this device gap-free sequence numbers and chains each event to the previous one', async () => {
    t = await makeTestDesk();
    await populate(t);
    const rows = t.desk.db.prepare('SELECT device_seq, prev_hash, hash, device_time, id FROM events ORDER BY device_seq').all() as {
      device_seq: number;
      prev_hash: string | null;
      hash: string;
      device_time: string;
      id: string;
    }[];
    expect(rows.map((r) => r.device_seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBeNull();
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]!.hash));
    for (const r of rows) {
      expect(r.device_time).toMatch(/\+07:00$/);
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    }
    expect(t.desk.events.outbox(t.desk.identity()!.deviceId).length).toBe(rows.length);
  });

  it('verify finds a tampered event and names it; motcua verify exits 1 with the event and device, 0 when sound', async () => {
    t = await makeTestDesk();
    await populate(t);
    const deviceId = t.desk.identity()!.deviceId;
    t.desk.close();
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await verifyCommand.run(['--data-dir', t.dir], io)).toBe(0);
    expect(out.join('\n')).toContain('OK');

    const db = openDatabase({ file: path.join(t.dir, 'desk.sqlite') });
    const victim = db.prepare("SELECT id, payload, device_seq FROM events WHERE type = 'dossier.supplement_requested'").get() as {
      id: string;
      payload: string;
      device_seq: number;
    };
    expect(victim.payload).toContain('Thiếu giấy tờ');
    // Someone edits the reason of a recorded event directly in the file.
    db.prepare('UPDATE events SET payload = ? WHERE id = ?').run(victim.payload.replace('Thiếu giấy tờ', 'Đã đủ giấy tờ'), victim.id);
    db.close();

    const report = verifyDataDir(t.dir);
    expect(report.sound).toBe(false);
    expect(report.chains?.brokenLink).toEqual({ eventId: victim.id, deviceId, deviceSeq: victim.device_seq, problem: 'hash_mismatch' });
    out.length = 0;
    expect(await verifyCommand.run(['--data-dir', t.dir], io)).toBe(1);
    expect(out.join('\n')).toContain(victim.id);
    expect(out.join('\n')).toContain(deviceId);
  });

  it('motcua verify on a file SQLite cannot read says so and how to restore, and on a missing one only that it is missing', async () => {
    t = await makeTestDesk();
    t.desk.close();
    writeFileSync(path.join(t.dir, 'desk.sqlite'), Buffer.alloc(8192, 0x41));
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await verifyCommand.run(['--data-dir', t.dir], io)).toBe(1);
    // Vietnamese, then English (tests/cli/verify-in-vietnamese.test.ts).
    expect(out[0]).toMatch(/^Không đọc được .*desk\.sqlite: /);
    expect(out[1]).toMatch(/^Cannot read .*desk\.sqlite: /);
    expect(out[3]).toBe(`Restore the latest backup: motcua backup list --data-dir ${t.dir}, then motcua backup restore --data-dir ${t.dir} --from FILE`);
    out.length = 0;
    const empty = tempDir();
    expect(await verifyCommand.run(['--data-dir', empty], io)).toBe(1);
    expect(out).toEqual([
      `Thư mục ${empty} không có cơ sở dữ liệu của quầy (${path.join(empty, 'desk.sqlite')}); hãy kiểm tra --data-dir.`,
      `Cannot read ${path.join(empty, 'desk.sqlite')}: no desk database in this folder`,
    ]);
  });

  it('verify finds a deleted event of this device as a gap', async () => {
    t = await makeTestDesk();
    await populate(t);
    t.desk.db.prepare('DELETE FROM events WHERE device_seq = 2').run();
    const report = t.desk.verify();
    expect(report.chains.sound).toBe(false);
    expect(report.chains.brokenLink).toMatchObject({ deviceSeq: 3, problem: 'sequence_gap' });
  });
});
