/**
 * The desk's data folder holds citizens' ID numbers, phones and addresses (the database, its WAL, the daily backups
 * and the scans): on a PC shared by several accounts it is readable by this account only (DESIGN §8, "protected at
 * rest"). The folder is made, or tightened if it was made more open (an older version, a copy), to owner-only
 * access; everything inside it is then out of other accounts' reach whatever its own mode. On Windows the per-user
 * data folder (%APPDATA%) already has owner-only permissions, and POSIX modes do not apply.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';

const OWNER_ONLY = 0o700;

export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY });
  if (process.platform === 'win32') return;
  try {
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, OWNER_ONLY);
  } catch {
    // A folder this account does not own (set up by an administrator) cannot be tightened here; the desk still runs.
  }
}
