/**
 * Opens the desk's database file and refuses what it must not work on: a damaged file (naming the backup to
 * restore), a file from a newer version, a full disk and a data folder it cannot write in (SQLite
 * would open a read-only one and fail at the first write). Then applies pending migrations.
 */
import { existsSync, statSync } from 'node:fs';
import { ensurePrivateFolder } from '../data-folder';
import path from 'node:path';
import { AppFailure } from '../../../shared/result';
import { openDatabase, type Db } from './open-database';
import { corruptDatabaseFailure, integrityProblems } from './integrity';
import { checkDataFolderWritable, storageFailureAtStart } from './data-folder-check';
import { isStoreDamage } from './storage-failure';
import { migrate } from './migrate';
import { migrations } from './migrations/index';
import { latestBackup } from '../backup/backup-files';
import { deskPaths } from '../paths';

export interface OpenStoreOptions {
  dataDir: string;
  nativeBinding?: string;
  /** 'quick' (default) checks page structure on every open; 'full' also checks every index against its table. */
  integrityCheck?: 'quick' | 'full';
  /**
   * Files up to this size (default 64 MB, about a year of a busy desk) are checked before the desk opens; larger
   * ones are checked in the background right after (the desk refuses work if the check then fails).
   */
  blockingCheckMaxBytes?: number;
}

export interface OpenedStore {
  db: Db;
  /** The check still to run in the background, for a large file; null when it already ran. */
  deferredCheck: 'quick' | 'full' | null;
}

export const DEFAULT_BLOCKING_CHECK_MAX_BYTES = 64 * 1024 * 1024;

export function openStore({
  dataDir,
  nativeBinding,
  integrityCheck = 'quick',
  blockingCheckMaxBytes = DEFAULT_BLOCKING_CHECK_MAX_BYTES,
}: OpenStoreOptions): OpenedStore {
  const paths = deskPaths(dataDir);
  // Made here as well as by the desk: the command line and the tests open a store on its own.
  ensurePrivateFolder(dataDir);
  checkDataFolderWritable(dataDir);
  const file = paths.database;
  const damaged = (problem: string) => corruptDatabaseFailure(file, latestBackup(paths.backups), problem);
  const existed = existsSync(file);
  const blocking = existed && statSync(file).size <= blockingCheckMaxBytes;
  let db: Db | undefined;
  try {
    db = openDatabase({ file, ...(nativeBinding ? { nativeBinding } : {}) });
    if (blocking) {
      const problems = integrityProblems(db, integrityCheck);
      if (problems.length > 0) throw damaged(problems.slice(0, 3).join('; '));
    }
    migrate(db, migrations);
    return { db, deferredCheck: existed && !blocking ? integrityCheck : null };
  } catch (e) {
    db?.close();
    if (e instanceof AppFailure) throw e;
    if (isStoreDamage(e)) throw damaged(`${String((e as { code?: unknown }).code)}: ${(e as Error).message}`);
    // A full disk or a read-only folder met while opening (the shared-memory file, a migration): said plainly.
    throw storageFailureAtStart(e, dataDir) ?? e;
  }
}

export const databaseFile = (dataDir: string): string => path.resolve(deskPaths(dataDir).database);

export function damagedStoreFailure(dataDir: string, problems: string[]) {
  const paths = deskPaths(dataDir);
  return corruptDatabaseFailure(paths.database, latestBackup(paths.backups), problems.slice(0, 3).join('; '));
}
