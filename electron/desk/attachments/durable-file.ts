/**
 * File steps that must survive a power cut, shared by the blob store and the scan folder: a file is written under a
 * temporary name, synced, renamed, and the rename's directory synced, so a power cut leaves either nothing or a whole
 * file under its final name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Makes a rename or a new name in `dir` survive a power cut (best effort). */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  }
}

/** The SHA-256 of a file's bytes (read in chunks: a scan may be 25 MB), or null when it cannot be read. */
export function sha256OfFile(file: string): string | null {
  let fd: number | null = null;
  try {
    if (!statSync(file).isFile()) return null;
    fd = openSync(file, 'r');
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, n));
    }
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * A name in `dir` that no file has: `name` itself, else "scan-0001 (2).pdf", "scan-0001 (3).pdf", … A scanner that
 * starts its numbering again must never have one scan overwrite another.
 */
export function freePath(dir: string, name: string): string {
  const first = path.join(dir, name);
  if (!existsSync(first)) return first;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = path.join(dir, `${stem} (${n})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * Copies `from` to `to` durably: under a hidden temporary name beside `to` first (a folder listing that skips
 * dot-files never offers half a file), synced, renamed, the directory synced. Says whether it did.
 */
export function copyDurably(from: string, to: string): boolean {
  const dir = path.dirname(to);
  if (!existsSync(from) || !existsSync(dir)) return false;
  const temp = path.join(dir, `.motcua-${randomUUID()}`);
  try {
    copyFileSync(from, temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, to);
    syncDirectory(dir);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/** Moves a file within a drive and makes the move survive a power cut; says whether it moved. */
export function moveDurably(from: string, to: string): boolean {
  try {
    renameSync(from, to);
  } catch {
    return false;
  }
  syncDirectory(path.dirname(to));
  if (path.dirname(from) !== path.dirname(to)) syncDirectory(path.dirname(from));
  return true;
}
