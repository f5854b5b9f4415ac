import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDesk } from '../../electron/desk/desk';
import { openStorage } from '../../server/storage/open';
import { backupCommand } from '../../cli/commands/backup';
import { copyDatabaseFiles, listBackups } from '../../electron/desk/backup/backup-files';
import { ADMIN, allPresent, applicant, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

/** The passphrase of the backups these tests write to a "USB stick" (encrypted-backups.test.ts tests the encryption). */
const PASSPHRASE = 'cả nhà đi chợ Tết 2026';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function receive(desk: TestDesk, name: string) {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, '001203004567'), components: allPresent(p) });
}

const dossierCount = (desk: TestDesk) => (desk.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;

describe('backups', () => {
  it('restores a backup: the later dossiers are gone, the chain verifies, a pre-restore copy is kept', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    await receive(t, 'Nguyễn Văn B');
    const backup = await t.must('backups.create', {});
    expect(backup.kind).toBe('manual');
    await receive(t, 'Nguyễn Văn C');
    expect(dossierCount(t)).toBe(3);
    const announced: string[] = [];
    const unsubscribe = t.desk.notifications.subscribe((event) => announced.push(event.type));
    const restored = await t.must('backups.restore', { file: backup.file });
    unsubscribe();
    expect(restored.chainsSound).toBe(true);
    // A desk that does not sync has nothing to fetch back: it records again at once.
    expect(restored.catchingUp).toBe(false);
    // An open reception screen recomputes appointments with the restored office hours and days off.
    expect(announced).toContain('calendar.changed');
    expect(dossierCount(t)).toBe(2);
    expect(existsSync(restored.preRestoreBackup)).toBe(true);
    // The session ended with the restore: the restored accounts may differ.
    const afterRestore = await t.call('backups.list', {});
    expect(afterRestore.ok ? null : afterRestore.error.code).toBe('unauthenticated');
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.must('backups.list', {})).map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
    // The desk goes on: the next code continues after every one given, C's too (2003: gone from the desk with the
    // restore, its receipt still in the citizen's hands).
    expect((await receive(t, 'Nguyễn Văn D')).code).toMatch(/-2004$/);
    expect(t.desk.verify().chains.sound).toBe(true);
  });

  it('keeps in the access log who looked at and copied data after the backup that is restored', async () => {
    t = await makeTestDesk();
    const first = await receive(t, 'Nguyễn Văn A');
    const backup = await t.must('backups.create', {});
    // After the backup: the dossier is opened, a name searched, and everything copied to a USB stick.
    t.clock.advanceMinutes(5);
    await t.must('dossiers.get', { dossierId: first.dossier.id });
    await t.must('dossiers.search', { query: 'nguyen van a' });
    const usb = tempDir('motcua-usb-');
    await t.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    t.clock.advanceMinutes(5);
    await t.must('backups.restore', { file: backup.file });
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const actions = (await t.must('audit.list', { limit: 500 })).entries.map((e) => e.action);
    // Newest first: the login, the restore, then what happened between the backup and the restore.
    expect(actions.slice(0, 5)).toEqual(['auth.login', 'backup.restore', 'backup.create', 'dossier.search', 'dossier.view']);
    // Each line once: the restored data's own lines are not copied again.
    expect(actions.filter((a) => a === 'backup.create')).toHaveLength(2);
  });

  it('takes one daily backup per day and keeps the last 14', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    for (let day = 0; day < 16; day++) {
      expect(await t.desk.backups.runDailyIfDue()).not.toBeNull();
      expect(await t.desk.backups.runDailyIfDue()).toBeNull();
      t.clock.advanceMinutes(24 * 60);
    }
    const daily = t.desk.backups.list().filter((b) => b.kind === 'daily');
    expect(daily.length).toBe(14);
    expect(daily.at(-1)!.takenAt.slice(0, 10)).toBe('2026-11-29');
  });

  it('backs up to a chosen folder with the scans, and refuses a folder that is not there', async () => {
    t = await makeTestDesk();
    await t.must('attachments.import', { source: 'data', fileName: 'a.pdf', dataBase64: Buffer.from('%PDF-1.4 hello').toString('base64') });
    const usb = tempDir('motcua-usb-');
    const b = await t.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    expect(path.dirname(b.file)).toBe(usb);
    expect(b.blobsCopied).toBe(1);
    expect(readdirSync(path.join(usb, 'blobs')).length).toBe(1);
    // Only the backup and the scans: no SQLite side files (-wal, -shm) of the checked temporary copy left behind.
    expect(readdirSync(usb).sort()).toEqual(['blobs', path.basename(b.file)]);
    const missing = await t.call('backups.create', { toDir: path.join(usb, 'not-plugged-in'), passphrase: PASSPHRASE });
    expect(missing.ok ? null : missing.error.code).toBe('backup_folder_missing');
    // A folder typed without its drive is not called missing (the drive is there): it is asked for in full.
    const relative = await t.call('backups.create', { toDir: 'SaoLuu', passphrase: PASSPHRASE });
    expect(relative.ok ? null : [relative.error.code, relative.error.message.vi]).toEqual([
      'invalid_path',
      'Thư mục sao lưu phải là đường dẫn đầy đủ, ví dụ E:\\SaoLuu (đã nhập: SaoLuu).',
    ]);
  });

  it('refuses to restore a file that is not a desk backup, and keeps working', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const junk = path.join(tempDir(), 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text that is long enough to look like a file');
    const r = await t.call('backups.restore', { file: junk });
    expect(r.ok ? null : r.error.code).toBe('invalid_backup');
    expect(dossierCount(t)).toBe(1);
    await receive(t, 'Nguyễn Văn B');
  });

  it('motcua backup restore replaces a corrupt database so the desk opens again', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.desk.backups.create({ kind: 'daily' });
    t.desk.close();
    writeFileSync(path.join(t.dir, 'desk.sqlite'), Buffer.alloc(8192, 0x41));
    expect(() => openDesk({ dataDir: t!.dir, autoBackup: false })).toThrow(/damaged/);
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await backupCommand.run(['list', '--data-dir', t.dir], io)).toBe(0);
    expect(out.join('\n')).toContain(backup.file);
    expect(await backupCommand.run(['restore', '--data-dir', t.dir, '--from', backup.file], io)).toBe(0);
    // The damaged file it replaced is kept, byte for byte, as a pre-restore backup.
    const kept = listBackups(path.join(t.dir, 'backups')).find((b) => b.kind === 'pre-restore');
    expect(kept && readFileSync(kept.file).equals(Buffer.alloc(8192, 0x41))).toBe(true);
    t.reopen();
    expect(dossierCount(t)).toBe(1);
  });

  it('motcua backup restore refuses while a desk is running on the folder, and changes nothing', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.desk.backups.create({ kind: 'manual' });
    await receive(t, 'Trần Thị B');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await backupCommand.run(['restore', '--data-dir', t.dir, '--from', backup.file], io)).toBe(1);
    expect(out).toEqual([
      `Một quầy đang chạy trên ${t.dir}: hãy đóng quầy trước (hoặc khôi phục trong màn hình Cài đặt của quầy). Chưa có gì bị thay đổi.`,
      `A desk is running on ${t.dir}: close it first (or restore from its Settings screen). Nothing was changed.`,
    ]);
    expect(dossierCount(t)).toBe(2);
    expect(listBackups(path.join(t.dir, 'backups')).map((b) => b.kind)).toEqual(['manual']);
  });

  it('motcua backup restore onto a new PC: a data folder that does not exist yet is made', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.desk.backups.create({ kind: 'manual' });
    const fresh = path.join(tempDir(), 'new-pc', 'data');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await backupCommand.run(['restore', '--data-dir', fresh, '--from', backup.file], io)).toBe(0);
    const restored = openDesk({ dataDir: fresh, autoBackup: false });
    try {
      expect((restored.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(1);
    } finally {
      restored.close();
    }
  });

  it('restoring a backup from a USB stick leaves nothing beside it there', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const usb = tempDir('motcua-usb-');
    const b = await t.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    await t.must('backups.restore', { file: b.file, passphrase: PASSPHRASE });
    // Only what the backup wrote: reading the copy to check it must not leave SQLite's -wal/-shm on the stick.
    expect(readdirSync(usb)).toEqual([path.basename(b.file)]);
  });

  it('motcua backup restore from a copy taken after a crash brings back what only its WAL held', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    await receive(t, 'Trần Thị B');
    // The desk still open: its newest commits are in the WAL, as after a power cut. The command line's pre-restore
    // copy of such a folder is the file and its WAL, side by side.
    const copies = tempDir('motcua-copies-');
    const copy = path.join(copies, 'motcua-pre-restore-20261128-080000.sqlite');
    copyDatabaseFiles(path.join(t.dir, 'desk.sqlite'), copy);
    expect(statSync(`${copy}-wal`).size).toBeGreaterThan(0);
    const fresh = path.join(tempDir(), 'data');
    mkdirSync(fresh);
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await backupCommand.run(['restore', '--data-dir', fresh, '--from', copy], io)).toBe(0);
    const restored = openDesk({ dataDir: fresh, autoBackup: false });
    try {
      expect((restored.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(2);
    } finally {
      restored.close();
    }
  });

  it('a backup on a USB stick restored on a new PC brings its scans back, from Settings and from the command line', async () => {
    t = await makeTestDesk();
    const received = await receive(t, 'Nguyễn Văn A');
    const scan = await t.must('attachments.import', { source: 'data', fileName: 'cccd.pdf', dataBase64: Buffer.from('%PDF-1.4 the ID card').toString('base64') });
    const other = await t.must('attachments.import', { source: 'data', fileName: 'don.pdf', dataBase64: Buffer.from('%PDF-1.4 the form').toString('base64') });
    const usb = tempDir('motcua-usb-');
    const b = await t.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    expect(b.blobsCopied).toBe(2);
    // One scan on the stick got damaged: it must not come back as if it were the scan.
    const prefixDir = path.join(usb, 'blobs', other.sha256.slice(0, 2));
    const damaged = path.join(prefixDir, readdirSync(prefixDir).find((n) => n.startsWith(other.sha256.slice(2)))!);
    writeFileSync(damaged, 'bit rot');

    // A new PC set up from Settings: an empty desk, then "restore from a file" with the stick's path.
    const fresh = await makeTestDesk();
    try {
      const restored = await fresh.must('backups.restore', { file: b.file, passphrase: PASSPHRASE });
      expect(restored).toMatchObject({ scansRestored: 1, scansMissing: 1 });
      fresh.reopen();
      await fresh.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const got = await fresh.must('attachments.get', { sha256: scan.sha256 });
      expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe('%PDF-1.4 the ID card');
      expect((await fresh.call('attachments.get', { sha256: other.sha256 })).ok).toBe(false);
      expect((await fresh.must('dossiers.get', { dossierId: received.dossier.id })).summary.code).toBe(received.code);
    } finally {
      fresh.cleanup();
    }

    // The same from the command line, onto a folder that does not exist yet.
    const newPc = path.join(tempDir(), 'data');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const passphraseFile = path.join(tempDir(), 'pass.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    expect(await backupCommand.run(['restore', '--data-dir', newPc, '--from', b.file, '--passphrase-file', passphraseFile], io)).toBe(0);
    expect(out).toContain('1 scan(s) copied from the blobs folder beside the backup.');
    expect(out.join('\n')).toContain('1 bản quét không có trên máy này');
    expect(readFileSync(path.join(newPc, 'blobs', scan.sha256.slice(0, 2), scan.sha256.slice(2)), 'utf8')).toBe('%PDF-1.4 the ID card');
    expect(existsSync(path.join(newPc, 'blobs', other.sha256.slice(0, 2), other.sha256.slice(2)))).toBe(false);
  });

  it('a backup marked read-only restores to a database the desk can write to', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.desk.backups.create({ kind: 'manual' });
    const stick = path.join(tempDir('motcua-cd-'), path.basename(backup.file));
    copyFileSync(backup.file, stick);
    chmodSync(stick, 0o444);
    const fresh = path.join(tempDir(), 'data');
    const io = { out: () => undefined, err: () => undefined };
    expect(await backupCommand.run(['restore', '--data-dir', fresh, '--from', stick], io)).toBe(0);
    expect(statSync(path.join(fresh, 'desk.sqlite')).mode & 0o600).toBe(0o600);
  });

  it('refuses a server database offered as a desk backup in plain words, and leaves no copy of it behind', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const serverFile = path.join(tempDir('motcua-usb-'), 'server.db');
    const storage = await openStorage({ kind: 'sqlite', file: serverFile });
    await storage.init();
    await storage.close();
    const r = await t.call('backups.restore', { file: serverFile });
    expect(r.ok ? null : [r.error.code, r.error.message.vi]).toEqual(['invalid_backup', 'Tệp sao lưu không dùng được: không phải dữ liệu của MotCua Desk.']);
    expect(dossierCount(t)).toBe(1);
    expect(readdirSync(t.dir).filter((n) => n.includes('restoring'))).toEqual([]);

    // From the command line onto a new PC: refused, and the data folder it would have made is not left behind.
    const fresh = path.join(tempDir(), 'new-pc', 'data');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await backupCommand.run(['restore', '--data-dir', fresh, '--from', serverFile], io)).toBe(1);
    expect(out).toEqual(['Tệp sao lưu không dùng được: không phải dữ liệu của MotCua Desk.', 'The backup file cannot be used: it is not MotCua Desk data.']);
    expect(existsSync(fresh)).toBe(false);
  });
});
