/**
 * Backups and copies cut short by a crash (QA: `kill -9` during a Settings backup, a Settings restore and the command
 * line's backup and restore). What each killed write leaves is made here exactly (its temporary files, named with the
 * id of a process that has ended), then the desk is opened or the command run: the leftovers must be gone, finished
 * backups and a write still going on in another process untouched, and a damaged desk must never recommend a copy
 * that was cut short. Real files, real SQLite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDesk } from '../../electron/desk/desk';
import { backupCommand } from '../../cli/commands/backup';
import { copyDatabaseFiles, listBackups } from '../../electron/desk/backup/backup-files';
import { deskPaths } from '../../electron/desk/paths';
import { AppFailure } from '../../shared/result';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

let t: TestDesk | undefined;
const running: ChildProcess[] = [];
afterEach(() => {
  t?.cleanup();
  t = undefined;
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** The id of a process that has ended: the writer killed mid-way. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
/** The id of a process still running: another program writing a backup right now. */
function runningPid(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  running.push(child);
  return child.pid!;
}

async function receive(desk: TestDesk, name: string) {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, '001203004567'), components: allPresent(p) });
}

const backupsOf = (desk: TestDesk) => deskPaths(desk.dir).backups;
const folder = (desk: TestDesk) => readdirSync(backupsOf(desk)).sort();
const listed = (desk: TestDesk) => listBackups(backupsOf(desk)).map((b) => path.basename(b.file));
const cli = () => {
  const out: string[] = [];
  return { out, io: { out: (l: string) => void out.push(l), err: (l: string) => void out.push(l) } };
};

/** The first `share` of a file's bytes, as a copy killed part-way leaves it. */
function cutShort(from: string, to: string, share: number): void {
  const bytes = readFileSync(from);
  writeFileSync(to, bytes.subarray(0, Math.floor(bytes.length * share)));
}

/**
 * Plants in the desk's backups what killed writes leave (copies of the desk's real data, cut short), and returns their
 * names. `source` is a whole database to cut copies from.
 */
function plantKilledWrites(dir: string, source: string): string[] {
  const dead = endedPid();
  const left: Record<string, number> = {
    // A Settings backup (`backups.create`) or `motcua backup create`: SQLite's online backup, and its journal.
    [`motcua-manual-20261127-093500.sqlite.partial-${dead}`]: 0.4,
    [`motcua-manual-20261127-093500.sqlite.partial-${dead}-journal`]: 0.1,
    // A Settings restore on a damaged desk: its raw copy of the data being replaced.
    [`motcua-pre-restore-20261127-094000.sqlite.partial-${dead}`]: 0.6,
    // `motcua backup restore` killed between putting the copy's WAL in place and the copy itself.
    [`motcua-pre-restore-20261127-094500.sqlite.partial-${dead}`]: 1,
    'motcua-pre-restore-20261127-094500.sqlite-wal': 0.2,
    // A backup to a USB stick: its plain copy on the way out, and that copy's own temporary.
    [`motcua-manual-20261127-095000.sqlite.enc.outgoing-${dead}`]: 1,
    [`motcua-manual-20261127-095100.sqlite.enc.outgoing-${dead}.partial-${dead}`]: 0.5,
    // What the version before this one left (QA's folder): no process id in the name.
    'motcua-manual-20261126-170000.sqlite.partial': 0.7,
    'motcua-manual-20261126-170000.sqlite.partial-journal': 0.1,
  };
  for (const [name, share] of Object.entries(left)) cutShort(source, path.join(dir, name), share);
  return Object.keys(left);
}

describe('backups cut short by a crash', () => {
  it("the desk's opening removes what killed backups, copies and restores left, and keeps every finished backup", async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const manual = await t.must('backups.create', {});
    await receive(t, 'Trần Thị B');
    // A pre-restore copy from the command line: the file and, beside it, its WAL (the newest commits).
    const withWal = path.join(backupsOf(t), 'motcua-pre-restore-20261127-080000.sqlite');
    copyDatabaseFiles(path.join(t.dir, 'desk.sqlite'), withWal);
    expect(existsSync(`${withWal}-wal`)).toBe(true);
    const before = folder(t);
    const planted = plantKilledWrites(backupsOf(t), manual.file);
    expect(folder(t)).toHaveLength(before.length + planted.length);

    t.reopen();

    expect(folder(t)).toEqual(before);
    expect(listed(t)).toEqual([path.basename(manual.file), path.basename(withWal)]);
    // The finished backups are whole and restore: the copy with its WAL holds both dossiers.
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await t.must('backups.restore', { file: withWal });
    expect((t.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(2);
  });

  it('a backup another program is writing right now is left alone, unless untouched for a day', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const manual = await t.must('backups.create', {});
    const writer = runningPid();
    const writing = [`motcua-manual-20261127-095500.sqlite.partial-${writer}`, `motcua-manual-20261127-095500.sqlite.partial-${writer}-journal`];
    for (const name of writing) cutShort(manual.file, path.join(backupsOf(t), name), 0.5);
    // Its id is running, but the file has not changed for two days: the id was taken again by another program.
    const stale = path.join(backupsOf(t), `motcua-daily-20261125-080000.sqlite.partial-${writer}`);
    cutShort(manual.file, stale, 0.5);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3_600_000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);

    t.reopen();

    expect(folder(t)).toEqual([path.basename(manual.file), ...writing].sort());
    expect(listed(t)).toEqual([path.basename(manual.file)]);
  });

  it('motcua backup create removes them before it writes, beside a backup another program is writing', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const manual = await t.must('backups.create', {});
    t.desk.close();
    plantKilledWrites(backupsOf(t), manual.file);
    const writing = `motcua-pre-restore-20261127-095900.sqlite.partial-${runningPid()}`;
    cutShort(manual.file, path.join(backupsOf(t), writing), 0.3);

    const { out, io } = cli();
    expect(await backupCommand.run(['create', '--data-dir', t.dir], io)).toBe(0);

    const made = listBackups(backupsOf(t)).find((b) => b.file !== manual.file)!;
    expect(out[0]).toBe(`Đã sao lưu vào: ${made.file} (${made.size} byte)`);
    expect(folder(t)).toEqual([path.basename(manual.file), path.basename(made.file), writing].sort());
    expect(listed(t).sort()).toEqual([path.basename(manual.file), path.basename(made.file)].sort());
  });

  it('motcua backup restore keeps the replaced data as one whole, listed backup, and leaves no temporary', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const manual = await t.must('backups.create', {});
    await receive(t, 'Trần Thị B');
    // Killed, not closed: the second dossier is only in the WAL, which the pre-restore copy must keep.
    const database = path.join(t.dir, 'desk.sqlite');
    const crashed = path.join(tempDir('motcua-crashed-'), 'data');
    mkdirSync(path.join(crashed, 'backups'), { recursive: true });
    copyFileSync(database, path.join(crashed, 'desk.sqlite'));
    copyFileSync(`${database}-wal`, path.join(crashed, 'desk.sqlite-wal'));
    copyFileSync(manual.file, path.join(crashed, 'backups', path.basename(manual.file)));
    plantKilledWrites(path.join(crashed, 'backups'), manual.file);

    const { io } = cli();
    expect(await backupCommand.run(['restore', '--data-dir', crashed, '--from', path.join(crashed, 'backups', path.basename(manual.file))], io)).toBe(0);

    const backups = listBackups(path.join(crashed, 'backups'));
    const kept = backups.find((b) => b.kind === 'pre-restore')!;
    expect(backups.map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
    expect(readdirSync(path.join(crashed, 'backups')).sort()).toEqual([path.basename(manual.file), path.basename(kept.file)].sort());
    // What was replaced comes back whole from that copy: both dossiers.
    const back = openDesk({ dataDir: crashed, autoBackup: false });
    try {
      await back.restoreBackup(kept.file);
      expect((back.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(2);
    } finally {
      back.close();
    }
  });

  it('a copy that fails part-way leaves nothing under a backup’s name, and nothing else', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    t.desk.db.pragma('wal_checkpoint(TRUNCATE)');
    const source = path.join(tempDir('motcua-unreadable-'), 'desk.sqlite');
    copyFileSync(path.join(t.dir, 'desk.sqlite'), source);
    // Its WAL cannot be read (a folder where the file should be): the copy fails after the file itself was copied.
    mkdirSync(`${source}-wal`);
    writeFileSync(path.join(`${source}-wal`, 'x'), 'x');
    expect(statSync(`${source}-wal`).size).toBeGreaterThan(0);
    const backups = tempDir('motcua-backups-');
    expect(() => copyDatabaseFiles(source, path.join(backups, 'motcua-pre-restore-20261127-100000.sqlite'))).toThrow();
    expect(readdirSync(backups)).toEqual([]);
  });
});

describe('the backup a damaged desk recommends', () => {
  function openFailure(): AppFailure {
    try {
      openDesk({ dataDir: t!.dir, autoBackup: false }).close();
    } catch (e) {
      if (e instanceof AppFailure) return e;
      throw e;
    }
    throw new Error('the damaged desk opened');
  }

  it('is the newest whole one, never a copy an older version left cut short under a backup’s name', async () => {
    t = await makeTestDesk();
    for (const name of ['Nguyễn Văn A', 'Trần Thị B', 'Lê Văn C', 'Phạm Thị D']) await receive(t, name);
    await t.must('backups.create', {});
    // The newest whole one: a command line pre-restore copy, with its WAL beside it.
    const whole = path.join(backupsOf(t), 'motcua-pre-restore-20261130-080000.sqlite');
    copyDatabaseFiles(path.join(t.dir, 'desk.sqlite'), whole);
    t.desk.db.pragma('wal_checkpoint(TRUNCATE)');
    t.desk.close();
    // QA's file: 61 MB of a 380 MB copy, renamed as a backup by the version that copied straight to the final name.
    const truncated = path.join(backupsOf(t), 'motcua-pre-restore-20261201-143217.sqlite');
    cutShort(path.join(t.dir, 'desk.sqlite'), truncated, 61 / 380);
    writeFileSync(path.join(t.dir, 'desk.sqlite'), Buffer.alloc(8192, 0x41));

    const failure = openFailure();
    expect(failure.error.code).toBe('database_corrupt');
    expect(failure.error.message.vi).toContain(`Hãy khôi phục từ bản sao lưu gần nhất: ${whole}`);
    expect(failure.error.message.en).toContain(`Restore the latest backup: ${whole}`);
    // Still listed, for the administrator to see and delete: the restore refuses it.
    const { out, io } = cli();
    expect(await backupCommand.run(['list', '--data-dir', t.dir], io)).toBe(0);
    expect(out.join('\n')).toContain(truncated);
    expect(await backupCommand.run(['restore', '--data-dir', t.dir, '--from', truncated], io)).toBe(1);
  });
});
