/**
 * Backing up and restoring the server's SQLite file. A restore puts an older copy of the database in place,
 * so the restored server must get a new epoch: desks that see it re-send everything and re-pull
 * (DESIGN.md §5), and the server deduplicates what it already has.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ServerStorage } from './contract';
import { createSqlStorage } from './sql-storage';
import { carryRegistry, type CarriedRegistry } from './registry-carry';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { LocalizedText } from '../../shared/result';
import { openSqliteDriver } from './sqlite-driver';

/**
 * Online backup with SQLite's backup API: consistent even while the server is writing. The copy is one
 * self-contained file (rollback journal, not WAL): it leaves no `-wal` or `-shm` beside it, and it can be checked
 * and restored from a folder its reader may not write in (a backup drive mounted read-only, another user's folder).
 */
export async function backupSqlite(file: string, to: string): Promise<void> {
  const reading = leavingNoSideFiles(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
    // A copy of the district's personal data: as private as the database itself (sqlite-driver.ts).
    if (process.platform !== 'win32') chmodSync(to, 0o600);
  } finally {
    db.close();
    reading.done();
  }
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

const SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * Runs `read` (read-only connections to `file`) and removes the `-wal`/`-shm` they made beside a WAL file that had
 * none: a read-only connection cannot fold them away on closing, as the last writer does. An empty WAL holds
 * nothing; one with pages is another connection's (a server started meanwhile) and is left alone.
 */
function leavingNoSideFiles(file: string): { done(): void } {
  const hadSideFiles = SIDE_FILES.some((suffix) => existsSync(`${file}${suffix}`));
  return {
    done() {
      const wal = `${file}-wal`;
      if (!hadSideFiles && (!existsSync(wal) || statSync(wal).size === 0))
        for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** Whether a file starts as an SQLite database does: anything else is refused without opening it. */
function looksLikeSqlite(file: string): boolean {
  const header = Buffer.alloc(16);
  let fd: number | undefined;
  try {
    if (!statSync(file).isFile()) return false;
    fd = openSync(file, 'r');
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function hasServerTables(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string } | undefined;
    const deliveries = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'").get();
    return row !== undefined && deliveries !== undefined;
  } finally {
    db.close();
  }
}

/**
 * Whether a file is a MotCua server database (and not, say, a desk's), read without changing anything: opened
 * read-only, leaving no `-wal`/`-shm` beside it. A WAL file in a folder this user may not write in (a backup made
 * before backups were single files, on a read-only drive) is checked on a private copy.
 */
export function isServerDatabase(file: string): boolean {
  if (!existsSync(file) || !looksLikeSqlite(file)) return false;
  const reading = leavingNoSideFiles(file);
  try {
    return hasServerTables(file);
  } catch (e) {
    // SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY: a WAL file whose `-shm` cannot be made beside it.
    const code = String((e as { code?: unknown }).code);
    if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY')) return false;
    return hasServerTablesOnCopy(file);
  } finally {
    reading.done();
  }
}

function hasServerTablesOnCopy(file: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-check-'));
  try {
    const copy = path.join(dir, 'check.db');
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    return hasServerTables(copy);
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RestoreOutcome {
  epoch: string;
  /** The database the restore replaced, kept beside it (null when there was none). */
  keptAs: string | null;
  /** What was taken over from it (null when it was not a readable server database). */
  carried: CarriedRegistry | null;
  /** Why nothing could be taken over from a replaced database that exists. */
  /** Why what was done since the backup could not be taken over, in both languages; null when it was (or nothing was there). */
  carryFailed: LocalizedText | null;
}

/**
 * `server.db.pre-restore-20261129-0524` (then `…-0524-2`, …, and `extension` after it): beside the database, named by
 * the Vietnam wall clock, never overwritten. PostgreSQL's restore keeps its replaced database the same way (pg-files.ts).
 */
export function keptName(base: string, now: Date, extension = ''): string {
  const digits = toVnIso(now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  let name = `${base}.pre-restore-${digits}${extension}`;
  for (let n = 2; existsSync(name); n += 1) name = `${base}.pre-restore-${digits}-${n}${extension}`;
  return name;
}

/** The restore stopped on `reason` before anything was replaced. */
export function restoreNotDone(reason: string): RestoreNotDoneError {
  return new RestoreNotDoneError(
    `Chưa khôi phục được (${reason}). Cơ sở dữ liệu của máy chủ vẫn như cũ, chưa thay đổi gì: có thể chạy lại máy chủ như trước.`,
    `The restore was not done (${reason}). The server's database is as it was; nothing was changed: the server can be started again as before.`,
  );
}

/**
 * Keeps what the restore replaces: a consistent copy (its WAL folded in) when SQLite can read it, else the raw
 * files — a damaged database is often why one restores, and the backup chosen may still be the wrong one.
 */
async function keepReplaced(file: string, now: Date): Promise<{ keptAs: string; readable: boolean } | null> {
  if (!existsSync(file)) return null;
  const keptAs = keptName(file, now);
  if (isServerDatabase(file)) {
    try {
      await backupSqlite(file, keptAs);
      return { keptAs, readable: true };
    } catch {
      rmSync(keptAs, { force: true });
    }
  }
  copyFileSync(file, keptAs);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${keptAs}-wal`);
  return { keptAs, readable: false };
}

/** The restore stopped before the database was replaced: the server's database is as it was. */
export class RestoreNotDoneError extends Error {
  override name = 'RestoreNotDoneError';
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Folds the staging file's WAL into it, so that the one file renamed into place holds everything written. */
function foldWal(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  // Closing the last connection removes the WAL once folded in; one still holding pages must not be thrown away.
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)
    throw new Error('the restored copy could not be written completely');
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Replaces the server database with a backup and gives it a new epoch. The server must be stopped. The replaced
 * database is kept beside it, and the administrator's registry made since the backup (desks, revocations, units,
 * published catalog and calendar, users) and the portal's submissions are taken over from it
 * (server/storage/registry-carry.ts).
 *
 * Everything is done on a staging copy, which is renamed into place only once it is complete: a failure on the way
 * (a carry that cannot be written, a full disk) leaves the server's database as it was, never a restored one without
 * its registry. A replaced database SQLite cannot read at all is no such failure: a damaged database is often why
 * one restores, so the restore goes on without the carry and says so.
 */
export async function restoreSqlite(file: string, from: string, now: Date = new Date()): Promise<RestoreOutcome> {
  const kept = await keepReplaced(file, now);
  const staging = `${file}.restoring`;
  const dropStaging = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
  };
  dropStaging();
  copyFileSync(from, staging);
  let epoch: string;
  let carried: CarriedRegistry | null = null;
  let carryFailed: LocalizedText | null = null;
  try {
    const storage: ServerStorage = createSqlStorage(openSqliteDriver(staging));
    try {
      await storage.init();
      epoch = await storage.renewEpoch();
      // The portal's submissions since the backup cannot be taken over from a replaced database no one can read, nor
      // from none (a server moved to a machine with no database): desks may hold submissions made after the backup,
      // and the portal's next one must not take a number they hold.
      if (!kept?.readable) await storage.renewPortalDevice();
    } finally {
      await storage.close();
    }
    if (kept?.readable) carried = carryRegistry(staging, kept.keptAs);
    else if (kept) carryFailed = { vi: 'không đọc được cơ sở dữ liệu bị thay thế', en: 'the replaced database could not be read' };
    foldWal(staging);
  } catch (e) {
    dropStaging();
    // The copy kept beside it is the database itself, unchanged: it would only be one more file to wonder about.
    if (kept) for (const suffix of ['', '-wal']) rmSync(`${kept.keptAs}${suffix}`, { force: true });
    throw restoreNotDone((e as Error).message);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(staging, file);
  return { epoch, keptAs: kept?.keptAs ?? null, carried, carryFailed };
}
