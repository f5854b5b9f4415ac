/**
 * Backup files: SQLite online backups (consistent while the desk keeps working) written to a temporary name,
 * fsynced, renamed, then opened and checked before they count. Names carry the Vietnam time they were taken.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { appFailure } from '../../../shared/result';
import { openDatabase, type Db } from '../db/open-database';
import { integrityProblems } from '../db/integrity';
import { schemaVersion } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { markRestoredCopy } from '../identity/restore-catch-up';
import { inUseElsewhere, markInUseElsewhere, type InUseElsewhere } from '../identity/identity-in-use-elsewhere';
import { decryptFile, isEncryptedBackup, passphraseRequired, type BackupSecret } from './backup-crypto';
import { whileWriting } from './cut-short-writes';

export type BackupKind = 'daily' | 'manual' | 'pre-restore';

export interface BackupInfo {
  file: string;
  kind: BackupKind;
  /** Vietnam time the backup was taken, from its name: YYYY-MM-DDTHH:mm:ss+07:00. */
  takenAt: string;
  size: number;
}

/** `.sqlite.enc`: an encrypted backup (written outside the data folder, backup-to-folder.ts). */
const NAME = /^motcua-(daily|manual|pre-restore)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite(?:\.enc)?$/;

/** `2026-11-27T22:45:03+07:00` → `motcua-daily-20261127-224503.sqlite`. */
export function backupFileName(kind: BackupKind, vnIso: string): string {
  const digits = vnIso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `motcua-${kind}-${digits}.sqlite`;
}

export function describeBackup(file: string): BackupInfo | null {
  const m = NAME.exec(path.basename(file));
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s] = m;
  return { file, kind: kind as BackupKind, takenAt: `${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`, size: statSync(file).size };
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => describeBackup(path.join(dir, name)))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.file < b.file ? 1 : -1));
}

/**
 * The backup a damaged desk tells the clerk to restore: the newest one that holds all its pages. A copy cut short by a
 * version before copies were renamed when whole (or damaged since) keeps its name, and may be the newest; naming it
 * would send the clerk, at the worst moment, to a file the restore refuses, while an older whole one is there. It
 * stays listed (the administrator sees it, and can delete it); only the advice passes over it.
 */
export const latestBackup = (dir: string): string | null => listBackups(dir).find((b) => holdsAllItsPages(b.file))?.file ?? null;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether a plain backup is as long as its header says: a cheap check (its first 100 bytes and its size, not a read
 * of the file) that finds a copy cut short, whose first page says how many pages the whole file had. Not a check of
 * soundness: the restore checks that (checkBackupFile). A file with a WAL beside it may count pages only its WAL
 * holds yet, and an encrypted backup is checked chunk by chunk when read: both are taken as whole here.
 */
export function holdsAllItsPages(file: string): boolean {
  if (existsSync(`${file}-wal`)) return true;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
    if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return isEncryptedBackup(file);
    const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
    const pages = header.readUInt32BE(28);
    // The page count is valid only when written by a version of SQLite that keeps it (its "valid-for" number matches
    // the change counter); otherwise only the page size is left to check the length against.
    if (pages === 0 || header.readUInt32BE(92) !== header.readUInt32BE(24)) return size % pageSize === 0;
    return size >= pages * pageSize;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Takes an online backup of `db` into `file` (never half-written: temp name, fsync, rename), then checks it. */
export async function writeBackup(db: Db, file: string, nativeBinding?: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  // Named with this process's id: a crash leaves it, and a later opening tells it from a write going on (cut-short-writes.ts).
  const temp = whileWriting(file, 'partial');
  rmSync(temp, { force: true });
  try {
    await db.backup(temp);
    fsyncFile(temp);
    checkBackupFile(temp, nativeBinding);
    renameSync(temp, file);
  } finally {
    // Checking the copy opens it, which leaves SQLite's side files beside it: on a USB stick, and never rotated. A
    // backup that failed part-way may leave its rollback journal too.
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(leftover, { force: true });
  }
}

const invalid = (why: string, whyEn: string) =>
  appFailure('invalid_backup', `Tệp sao lưu không dùng được: ${why}`, `The backup file cannot be used: ${whyEn}`, { field: 'file' });
const notFound = () => invalid('không tìm thấy tệp.', 'file not found.');
/** Tables every desk database has had since its first version: a file without them is not a desk's data. */
const DESK_TABLES = ['events', 'device_identity', 'sync_meta', 'attachments'];

/** Refuses a file that is not a sound MotCua desk database this version can read. */
export function checkBackupFile(file: string, nativeBinding?: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw notFound();
  // Reading a WAL-mode file creates SQLite's side files beside it (on the clerk's USB stick); those the check
  // created are removed after it, those that were there (a copy of a live database with its WAL) are left.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  let db: Db | undefined;
  try {
    db = openDatabase({ file, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
    if (integrityProblems(db, 'quick').length > 0) throw invalid('tệp bị hỏng.', 'the file is damaged.');
    const version = schemaVersion(db);
    if (version > (migrations.at(-1)?.version ?? 0)) throw invalid('tệp của phiên bản mới hơn.', 'it was written by a newer version.');
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    if (!DESK_TABLES.every((t) => tables.includes(t))) {
      throw invalid('không phải dữ liệu của MotCua Desk.', 'it is not MotCua Desk data.');
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AppFailure') throw e;
    throw invalid('không phải tệp cơ sở dữ liệu hợp lệ.', 'it is not a valid database file.');
  } finally {
    db?.close();
    for (const side of sideFiles) rmSync(side, { force: true });
  }
}

/**
 * Whether another connection (a desk running on this folder) has the database open: in WAL mode every open
 * connection holds a shared lock on the file, so an exclusive one is refused at once. A file SQLite cannot read at
 * all is not "in use" here; the caller restores over it.
 */
export function databaseInUse(databaseFile: string, nativeBinding?: string): boolean {
  if (!existsSync(databaseFile)) return false;
  let db: Db | undefined;
  try {
    db = new Database(databaseFile, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    db?.close();
  }
}

/**
 * A plain copy of a database file and its WAL beside it, taken without opening it (it may be damaged): what a restore
 * from the command line replaces, kept as a pre-restore backup. Written as a backup is (temporary name, fsync,
 * rename): a copy cut short (QA killed a restore 4 s into a 380 MB copy) is a leftover removed at the next opening,
 * never a truncated file listed as a backup and recommended to a clerk whose desk is damaged. The WAL is renamed
 * first: the copy counts only once its file has its name, and then has its WAL beside it.
 */
export function copyDatabaseFiles(databaseFile: string, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = whileWriting(file, 'partial');
  // An empty WAL (just checkpointed) holds nothing: no file beside the copy for it.
  const withWal = existsSync(`${databaseFile}-wal`) && statSync(`${databaseFile}-wal`).size > 0;
  let walInPlace = false;
  try {
    copyFileSync(databaseFile, temp);
    fsyncFile(temp);
    if (withWal) {
      copyFileSync(`${databaseFile}-wal`, `${temp}-wal`);
      fsyncFile(`${temp}-wal`);
      renameSync(`${temp}-wal`, `${file}-wal`);
      walInPlace = true;
    }
    renameSync(temp, file);
  } catch (e) {
    if (walInPlace) rmSync(`${file}-wal`, { force: true });
    throw e;
  } finally {
    for (const leftover of [temp, `${temp}-wal`]) rmSync(leftover, { force: true });
  }
}

/**
 * Copies a backup into the data folder beside the database (`….restoring`, with its WAL if it has one) and checks the
 * copy: a backup on a read-only medium (a write-protected stick, a CD) cannot be opened where it is, because SQLite
 * must create its side files beside a WAL-mode file, and what is checked is then exactly what takes the database's
 * place (a flaky stick could give other bytes on a second read). An encrypted backup (known by its header, not its
 * name) is decrypted into that copy instead, and needs its passphrase; a plain one is refused with a passphrase.
 * Returns the copy; nothing is left on failure.
 */
export async function stageBackup(databaseFile: string, backupFile: string, nativeBinding?: string, secret?: BackupSecret): Promise<string> {
  if (!existsSync(backupFile) || !statSync(backupFile).isFile()) throw notFound();
  const encrypted = isEncryptedBackup(backupFile);
  if (encrypted && !secret) throw passphraseRequired();
  // A plain file given with a passphrase, or named as an encrypted one: restoring it would let the administrator
  // believe it was authenticated by the passphrase (someone with the stick could have put a forged database there).
  if (!encrypted && (secret || backupFile.endsWith('.enc'))) {
    throw invalid(
      'tệp không được mã hoá, dù được chọn như một bản sao lưu mã hoá (có mật khẩu, hoặc tên kết thúc bằng .enc). Có thể tệp đã bị thay; chưa có gì bị thay đổi.',
      'it is not encrypted, though it was given as an encrypted backup (with a passphrase, or a name ending in .enc). It may have been replaced; nothing was changed.',
    );
  }
  const temp = `${databaseFile}.restoring`;
  discardStaged(temp);
  try {
    if (encrypted) {
      // Owner-only from its first byte, each chunk checked before it is written (backup-crypto.ts).
      await decryptFile(backupFile, temp, secret!);
    } else {
      copyFileSync(backupFile, temp);
      // The copy takes the source's mode: a backup marked read-only would give the desk a database it cannot write
      // to. Owner-only read and write, as the data folder is (data-folder.ts).
      chmodSync(temp, 0o600);
      // A plain copy of a live database (a pre-restore copy from the command line) has its newest commits in its WAL:
      // it comes along, and the copy's rollback journal (markCopy) folds it into the file.
      if (existsSync(`${backupFile}-wal`)) copyFileSync(`${backupFile}-wal`, `${temp}-wal`);
    }
    checkBackupFile(temp, nativeBinding);
    return temp;
  } catch (e) {
    discardStaged(temp);
    throw e;
  }
}

/** Removes a staged copy (a restore refused or abandoned): it holds the backup's personal data. */
export function discardStaged(temp: string): void {
  for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(leftover, { force: true });
}

/**
 * Puts a staged backup in place of the desk's database. The database must be closed. A desk that syncs is marked,
 * in the copy before it takes the database's place, to catch up with the server before it records anything
 * (identity/restore-catch-up.ts); returns whether it was.
 */
export function putStagedInPlace(databaseFile: string, temp: string, nativeBinding?: string): { catchingUp: boolean } {
  let catchingUp: boolean;
  try {
    catchingUp = markCopy(temp, nativeBinding, inUseMarkOf(databaseFile, nativeBinding));
    fsyncFile(temp);
  } catch (e) {
    discardStaged(temp);
    throw e;
  }
  // A WAL left from the replaced file would be replayed onto the restored one.
  rmSync(`${databaseFile}-wal`, { force: true });
  rmSync(`${databaseFile}-shm`, { force: true });
  renameSync(temp, databaseFile);
  return { catchingUp };
}

/**
 * Writes the catch-up mark into the copy. Its journal is made a rollback journal first, so the mark is in the file
 * itself when it is closed (no WAL beside it to lose); the desk switches back to WAL when it opens the file.
 */
function markCopy(file: string, nativeBinding: string | undefined, inUse: { mark: InUseElsewhere; deviceId: string } | null): boolean {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    // Only onto the same desk's data: another desk's backup, or one from before enrolment, is not the PC told (QA).
    if (inUse && deviceIdOf(db) === inUse.deviceId) markInUseElsewhere(db, inUse.mark);
    return markRestoredCopy(db);
  } finally {
    db.close();
  }
}

/**
 * The mark of a PC the server found working as another PC's desk, in the database being replaced
 * (identity/identity-in-use-elsewhere.ts): a backup of that PC from before it was told must not make it the desk again
 * (it would catch up with the other PC's records as its own, and the two would number alike once more). Nothing when
 * the file is missing or cannot be read (a damaged database is replaced whole).
 */
function inUseMarkOf(file: string, nativeBinding?: string): { mark: InUseElsewhere; deviceId: string } | null {
  if (!existsSync(file)) return null;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      const mark = inUseElsewhere(db);
      const deviceId = deviceIdOf(db);
      return mark && deviceId ? { mark, deviceId } : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function deviceIdOf(db: Db): string | null {
  return db.prepare<[], string>('SELECT device_id FROM device_identity').pluck().get() ?? null;
}

/** Deletes the oldest daily backups beyond `keep`. Manual and pre-restore backups are never rotated away. */
export function rotateDailyBackups(dir: string, keep: number): string[] {
  const removed = listBackups(dir)
    .filter((b) => b.kind === 'daily')
    .slice(keep)
    .map((b) => b.file);
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}
