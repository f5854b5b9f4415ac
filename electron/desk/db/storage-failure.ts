/**
 * A write the desk could not make because its disk is full or its data folder is read-only, told apart from a bug:
 * the clerk is told what happened and what to do (shared/storage-messages.ts) instead of "something unexpected".
 * SQLite rolls back the transaction that failed, so "nothing was recorded" holds.
 */
import { existsSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { appFailure, type AppFailure, type LocalizedText } from '../../../shared/result';
import { storageMessages } from '../../../shared/storage-messages';

/**
 * Below this much free space the desk is taken to have a full disk: it does not start (data-folder-check.ts), and a
 * disk I/O error is put down to the full disk. SQLite says "disk I/O error" rather than "full" when the file that
 * cannot grow is the shared-memory index beside the database (desk.sqlite-shm, 32 KB at a time).
 */
export const LOW_DISK_BYTES = 2 * 1024 * 1024;

export const DISK_FULL = 'disk_full';
export const DATA_FOLDER_READ_ONLY = 'data_folder_read_only';

/** The error's code, an extended SQLite code (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_SHMSIZE…) as its primary one. */
export function storageErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code.replace(/^(SQLITE_[A-Z]+)_[A-Z_]+$/, '$1') : undefined;
}

/**
 * SQLite's answer when the file's pages are damaged (SQLITE_CORRUPT and its extended codes, SQLITE_NOTADB), as opposed
 * to a full disk, a lock or a mistake of ours: a restore is the remedy, not more space or a permission.
 */
export function isStoreDamage(e: unknown): boolean {
  const code = storageErrorCode(e);
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

/** A write refused for want of space: Node's ENOSPC, a user's quota (EDQUOT), SQLite's SQLITE_FULL. */
export function outOfSpace(e: unknown): boolean {
  const code = storageErrorCode(e);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/**
 * SQLite's "read-only" that a permission causes (the file or its folder), not those that say the file changed under
 * the connection (`_DBMOVED`: replaced or deleted) or that it could not recover: "ask for write permission" would be
 * wrong advice there (review).
 */
export function readOnlyByPermission(e: unknown): boolean {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DIRECTORY';
}

/** Whether a Node error's path is the data folder or inside it (a scan inbox or a USB stick is not). */
export function pathInDataFolder(e: unknown, dataDir: string): boolean {
  const where = (e as { path?: unknown } | null | undefined)?.path;
  if (typeof where !== 'string') return false;
  const relative = path.relative(path.resolve(dataDir), path.resolve(where));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Free bytes on the drive holding `dir` (or the nearest folder above it that exists); null when the system cannot say. */
export function freeBytes(dir: string): number | null {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  try {
    const s = statfsSync(at);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export const lowOnSpace = (dir: string): boolean => {
  const free = freeBytes(dir);
  return free !== null && free < LOW_DISK_BYTES;
};

const failure = (code: string, words: LocalizedText, details?: Record<string, string>): AppFailure =>
  appFailure(code, words.vi, words.en, details ? { details } : {});

export const diskFullAtWork = (dataDir: string): AppFailure =>
  failure(DISK_FULL, storageMessages.diskFullAtWork(dataDir));
export const diskFullAtStart = (dataDir: string): AppFailure =>
  failure(DISK_FULL, storageMessages.diskFullAtStart(dataDir), { dataDir });
export const readOnlyAtWork = (dataDir: string): AppFailure =>
  failure(DATA_FOLDER_READ_ONLY, storageMessages.readOnlyAtWork(dataDir));
export const readOnlyAtStart = (where: string): AppFailure =>
  failure(DATA_FOLDER_READ_ONLY, storageMessages.readOnlyAtStart(where), { where });

/**
 * A failure while the desk is working (a login, a reception, a sync step) in plain words when the disk is full or
 * the data folder read-only; null for anything else. A file error elsewhere (a scan inbox, an export's folder) is not
 * the data folder's: its own code says what it is.
 */
export function storageFailureAtWork(e: unknown, dataDir: string): AppFailure | null {
  const elsewhere =
    typeof (e as { path?: unknown } | null | undefined)?.path === 'string' && !pathInDataFolder(e, dataDir);
  switch (storageErrorCode(e)) {
    case 'SQLITE_FULL':
      return diskFullAtWork(dataDir);
    case 'ENOSPC':
    case 'EDQUOT':
      return elsewhere ? null : diskFullAtWork(dataDir);
    case 'SQLITE_IOERR':
      return lowOnSpace(dataDir) ? diskFullAtWork(dataDir) : null;
    case 'SQLITE_READONLY':
      return readOnlyByPermission(e) ? readOnlyAtWork(dataDir) : null;
    // Not EPERM: Windows also says so of a file another program (an antivirus) holds open for a moment.
    case 'EROFS':
    case 'EACCES':
      return pathInDataFolder(e, dataDir) ? readOnlyAtWork(dataDir) : null;
    default:
      return null;
  }
}
