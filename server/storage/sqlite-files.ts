/**
 * Backing up and restoring the server's SQLite file. A restore puts an older copy of the database in place,
 * so the restored server must get a new epoch: desks that see it re-send everything and re-pull
 * (DESIGN.md §5), and the server deduplicates what it already has.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ServerStorage } from './contract';
import { createSqlStorage } from './sql-storage';
import { openSqliteDriver } from './sqlite-driver';

/** Online backup with SQLite's backup API: consistent even while the server is writing. */
export async function backupSqlite(file: string, to: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
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

/**
 * Replaces the server database with a backup and gives it a new epoch. The server must be stopped.
 * Returns the new epoch.
 */
export async function restoreSqlite(file: string, from: string): Promise<string> {
  const staging = `${file}.restoring`;
  copyFileSync(from, staging);
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(staging, file);
  const storage: ServerStorage = createSqlStorage(openSqliteDriver(file));
  try {
    await storage.init();
    return await storage.renewEpoch();
  } finally {
    await storage.close();
  }
}
