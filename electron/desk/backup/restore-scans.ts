/**
 * Scans come back with a restore. A backup to a folder (a USB stick) copies the scans beside it, in `blobs/`
 * (backup-service.ts); restoring onto a new PC brought back the database alone, so every attachment of the restored
 * dossiers was "not found", and their upload to the server failed each round. After the database is in place, each
 * scan it names that the data folder lacks is copied from the backup's folder — only when its content still
 * matches its name (SHA-256): a damaged copy on the stick is left out and counted, never stored. An encrypted
 * backup's scans are `<sha256>.enc` (backup-to-folder.ts), decrypted with the backup's passphrase and then checked
 * against the same SHA-256; plain ones (older backups) are still read. A scan may have several copies on the stick
 * (`<sha256>.<key id>.enc`, one per passphrase that backed up to it): the backup's own is tried first, then the
 * others, then a plain one, until one opens and matches its SHA-256.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../attachments/blob-store';
import type { Db } from '../db/open-database';
import { decryptToBuffer, kdfOpenedBy, keyIdOf, type BackupSecret } from './backup-crypto';
import { scanCopies } from './backup-to-folder';

export interface ScanRestore {
  /** Copied from the backup's folder. */
  copied: number;
  /** Named by the restored data and in neither place (or damaged on the stick): their dossiers lack them. */
  missing: number;
}

export async function restoreScans(db: Db, backupFile: string, blobs: BlobStore, secret?: BackupSecret): Promise<ScanRestore> {
  const from = path.join(path.dirname(backupFile), 'blobs');
  const named = db.prepare<[], string>('SELECT sha256 FROM attachments').pluck().all();
  const result: ScanRestore = { copied: 0, missing: 0 };
  // The key id the backup's own scans are named with (its header's scrypt salt and this passphrase).
  const kdf = secret ? await kdfOpenedBy(backupFile, secret) : null;
  const ownKeyId = secret && kdf ? await keyIdOf(secret, kdf) : null;
  for (const sha256 of named) {
    if (blobs.has(sha256)) continue;
    let found = false;
    for (const copy of scanCopies(from, sha256, ownKeyId)) {
      if (copy.encrypted && !secret) continue;
      const bytes = copy.encrypted ? await decrypted(copy.file, secret!) : readable(copy.file);
      if (bytes && createHash('sha256').update(bytes).digest('hex') === sha256) {
        blobs.importBytes(bytes, () => undefined);
        found = true;
        break;
      }
    }
    if (found) result.copied += 1;
    else result.missing += 1;
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

/** An encrypted scan's bytes, or null when it does not open (damaged, or from a backup with another passphrase). */
async function decrypted(file: string, secret: BackupSecret): Promise<Buffer | null> {
  try {
    return await decryptToBuffer(file, secret);
  } catch {
    return null;
  }
}
