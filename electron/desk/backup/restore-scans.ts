/**
 * Scans come back with a restore. A backup to a folder (a USB stick) copies the scans beside it, in `blobs/`
 * (backup-service.ts); restoring onto a new PC brought back the database alone, so every attachment of the restored
 * dossiers was "not found", and their upload to the server failed each round. After the database is in place, each
 * scan it names that the data folder lacks is copied from the backup's folder — only when its content still
 * matches its name (SHA-256): a damaged copy on the stick is left out and counted, never stored.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../attachments/blob-store';
import type { Db } from '../db/open-database';

export interface ScanRestore {
  /** Copied from the backup's folder. */
  copied: number;
  /** Named by the restored data and in neither place (or damaged on the stick): their dossiers lack them. */
  missing: number;
}

export function restoreScans(db: Db, backupFile: string, blobs: BlobStore): ScanRestore {
  const from = path.join(path.dirname(backupFile), 'blobs');
  const named = db.prepare<[], string>('SELECT sha256 FROM attachments').pluck().all();
  const result: ScanRestore = { copied: 0, missing: 0 };
  for (const sha256 of named) {
    if (blobs.has(sha256)) continue;
    const source = path.join(from, sha256.slice(0, 2), sha256.slice(2));
    const bytes = readable(source);
    if (bytes && createHash('sha256').update(bytes).digest('hex') === sha256) {
      blobs.importBytes(bytes, () => undefined);
      result.copied += 1;
    } else result.missing += 1;
  }
  return result;
}

/** The file's bytes, or null when it is not there or cannot be read (a failing stick): counted as missing. */
function readable(file: string): Buffer | null {
  try {
    return existsSync(file) ? readFileSync(file) : null;
  } catch {
    return null;
  }
}
