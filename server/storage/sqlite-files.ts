/**
 * Backing up and restoring the server's SQLite file. A restore puts an older copy of the database in place,
 * so the restored server must get a new epoch: desks that see it re-send everything and re-pull
 * (DESIGN.md §5), and the server deduplicates what it already has.
 */
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ServerStorage } from './contract';
import { createSqlStorage } from './sql-storage';
import { carryRegistry, type CarriedRegistry } from './registry-carry';
import { toVnIso } from '../../shared/calendar/vn-time';
import { openSqliteDriver } from './sqlite-driver';

/** Online backup with SQLite's backup API: consistent even while the server is writing. */
export async function backupSqlite(file: string, to: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
    // A copy of the district's personal data: as private as the database itself (sqlite-driver.ts).
    if (process.platform !== 'win32') chmodSync(to, 0o600);
  } finally {
    db.close();
  }
}

/** Whether a file is a MotCua server database (and not, say, a desk's). */
export function isServerDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as
        { value: string } | undefined;
      const devices = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'")
        .get();
      return row !== undefined && devices !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export interface RestoreOutcome {
  epoch: string;
  /** The database the restore replaced, kept beside it (null when there was none). */
  keptAs: string | null;
  /** What was taken over from it (null when it was not a readable server database). */
  carried: CarriedRegistry | null;
  /** Why nothing could be taken over from a replaced database that exists. */
  carryFailed: string | null;
}

/** `server.db.pre-restore-20261129-0524`: beside the database, named by the Vietnam wall clock, never overwritten. */
function keptName(file: string, now: Date): string {
  const digits = toVnIso(now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  let name = `${file}.pre-restore-${digits}`;
  for (let n = 2; existsSync(name); n += 1) name = `${file}.pre-restore-${digits}-${n}`;
  return name;
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

/**
 * Replaces the server database with a backup and gives it a new epoch. The server must be stopped. The replaced
 * database is kept beside it, and the administrator's registry made since the backup (desks, revocations, units,
 * published catalog and calendar, users) is taken over from it (server/storage/registry-carry.ts).
 */
export async function restoreSqlite(file: string, from: string, now: Date = new Date()): Promise<RestoreOutcome> {
  const kept = await keepReplaced(file, now);
  const staging = `${file}.restoring`;
  copyFileSync(from, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(staging, file);
  const storage: ServerStorage = createSqlStorage(openSqliteDriver(file));
  let epoch: string;
  try {
    await storage.init();
    epoch = await storage.renewEpoch();
  } finally {
    await storage.close();
  }
  let carried: CarriedRegistry | null = null;
  let carryFailed: string | null = null;
  if (kept?.readable) {
    try {
      carried = carryRegistry(file, kept.keptAs);
    } catch (e) {
      carryFailed = (e as Error).message;
    }
  } else if (kept) {
    carryFailed = 'the replaced database could not be read';
  }
  return { epoch, keptAs: kept?.keptAs ?? null, carried, carryFailed };
}
