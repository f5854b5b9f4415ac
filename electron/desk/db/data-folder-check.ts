/**
 * At the desk's start: refuses a data folder it could not write in, before anything is opened or written there.
 *
 * SQLite opens a database in a read-only folder without complaint and reads it (its write-ahead log already there),
 * so the desk used to start as if all were well and fail at the first login with "something unexpected" (QA). A full
 * disk failed the same start with "disk I/O error". Both are now said at the start, naming the folder and what to do.
 */
import { closeSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../../shared/result';
import { deskPaths } from '../paths';
import {
  diskFullAtStart,
  isStoreDamage,
  lowOnSpace,
  outOfSpace,
  pathInDataFolder,
  readOnlyAtStart,
  readOnlyByPermission,
  storageErrorCode,
} from './storage-failure';

const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The database and the files SQLite keeps beside it, when they exist: each must be writable too. */
function databaseFiles(dataDir: string): string[] {
  const database = deskPaths(dataDir).database;
  return [database, `${database}-wal`, `${database}-shm`].filter((f) => existsSync(f));
}

/** Why the desk could not write in `dataDir` (a full disk, a read-only folder or file), or null when it can. */
export function dataFolderProblem(dataDir: string): AppFailure | null {
  if (lowOnSpace(dataDir)) return diskFullAtStart(dataDir);
  // Not there yet: the desk makes it, and a refusal then names it (storageFailureAtStart).
  if (!existsSync(dataDir)) return null;
  // A file written and removed: a permission check (access()) would pass for an administrator on a read-only drive.
  const probe = path.join(dataDir, `desk.write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'x');
  } catch (e) {
    if (outOfSpace(e)) return diskFullAtStart(dataDir);
    const code = storageErrorCode(e);
    if (code && READ_ONLY_CODES.has(code)) return readOnlyAtStart(dataDir);
    throw e;
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // Held a moment by an antivirus (Windows): written was what was asked; the file goes at the next start
      // (data-folder-claim.ts).
    }
  }
  for (const file of databaseFiles(dataDir)) {
    try {
      // Opened for writing and closed at once: nothing is written.
      closeSync(openSync(file, 'r+'));
    } catch (e) {
      const code = storageErrorCode(e);
      if (code && READ_ONLY_CODES.has(code)) return readOnlyAtStart(file);
      throw e;
    }
  }
  return null;
}

/**
 * Throws the refusal a clerk reads (an AppFailure: the app's error box, `motcua desk`'s message) when the desk could
 * not write in its data folder. Called at the desk's start, before anything in the folder is opened or written.
 */
export function checkDataFolderWritable(dataDir: string): void {
  const problem = dataFolderProblem(dataDir);
  if (problem) throw problem;
}

/**
 * A desk that failed to start, in plain words when its folder or disk is the cause, else null. Which error a full
 * disk or a read-only folder gives depends on what was being written (SQLite's "disk I/O error", "unable to open
 * database file", Node's ENOSPC or EACCES), so the folder itself is checked to say which.
 */
export function storageFailureAtStart(e: unknown, dataDir: string): AppFailure | null {
  if (e instanceof AppFailure) return null;
  const code = storageErrorCode(e);
  if (code === undefined) return null;
  const storage = outOfSpace(e) || READ_ONLY_CODES.has(code) || code.startsWith('SQLITE_');
  if (!storage || isStoreDamage(e)) return null;
  let found: AppFailure | null = null;
  try {
    found = dataFolderProblem(dataDir);
  } catch {
    // The check itself failed for another reason: say what the error says, if it is plain.
  }
  if (found) return found;
  if (outOfSpace(e)) return diskFullAtStart(dataDir);
  if (code === 'SQLITE_READONLY' && readOnlyByPermission(e)) return readOnlyAtStart(dataDir);
  if (READ_ONLY_CODES.has(code) && pathInDataFolder(e, dataDir))
    return readOnlyAtStart(String((e as { path: string }).path));
  return null;
}
