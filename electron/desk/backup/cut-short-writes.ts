/**
 * What a backup or a copy cut short (a crash, `kill -9`, a power cut) leaves in the data folder's backups, and how it
 * is told from a write going on right now.
 *
 * Every file of ours is written under a temporary name and renamed when whole (backup-files.ts): a name that still
 * has its temporary ending is never a finished backup, and only such names are removed here. They hold personal
 * data, are never listed nor rotated, and each is as large as the desk's data (QA found 2.4 GB after five crashes).
 *
 * A write may be going on in another process on the same folder: the command line (`motcua backup create` or
 * `restore`) beside a running desk, or a desk starting while the command line writes. Refusing a second desk on the
 * folder does not settle it: the command line's restore does not open a desk, and a process sweeps before it is
 * refused. So the temporary name carries its writer's process id (`….partial-4242`), and a leftover is removed only
 * when that process is gone. An age alone would not do: the desk reopened a minute after a crash must clean up, and
 * a write in progress leaves its file untouched for minutes (the check of a large copy reads it; a backup to a USB
 * stick reads its plain copy only after the scans are written). A process id can be taken again by another program
 * after a crash, so a file untouched for a day is removed even when its id is in use: no write of ours lasts that
 * long. A name without a process id was written by a version before this one (no writer of this version uses it):
 * removed.
 */
import { processRunning } from '../process-running';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A step of ours writing a file: `partial`, a backup or a copy before its rename; `outgoing`, the plain copy a backup
 * to a folder encrypts onto the stick (it is removed once the encrypted one is there).
 */
export type WriteStep = 'partial' | 'outgoing';

/** `<file>.<step>-<pid>`: the name a file has while this process writes it. */
export const whileWriting = (file: string, step: WriteStep): string => `${file}.${step}-${process.pid}`;

/** Longer than any write of ours; a leftover untouched for this long is removed whoever has its process id now. */
const LONGEST_WRITE_MS = 24 * 3_600_000;

/** A backup's name, then the steps under way (`.outgoing-12.partial-12`), then a side file SQLite made beside it. */
const IN_PROGRESS = /^motcua-(?:daily|manual|pre-restore)-\d{8}-\d{6}\.sqlite(?:\.enc)?((?:\.(?:outgoing|partial)(?:-\d+)?)+)(?:-wal|-shm|-journal)?$/;
/** SQLite's side files of a backup: a copy cut short between its WAL's rename and its own leaves the WAL alone. */
const SIDE_FILE = /^(motcua-(?:daily|manual|pre-restore)-\d{8}-\d{6}\.sqlite)-(?:wal|shm)$/;

function writtenNow(dir: string, name: string, steps: string, now: number): boolean {
  const pids = [...steps.matchAll(/-(\d+)/g)].map((m) => Number(m[1]));
  if (pids.length === 0 || !pids.some(processRunning)) return false;
  try {
    return now - statSync(path.join(dir, name)).mtimeMs < LONGEST_WRITE_MS;
  } catch {
    return false;
  }
}

function remove(file: string): boolean {
  try {
    rmSync(file, { force: true });
    return true;
  } catch {
    // Held open by its writer (Windows refuses to delete a file SQLite has open): still being written.
    return false;
  }
}

/**
 * Removes from the data folder's backups what writes cut short left there (see above); finished backups, and files
 * still being written, are left. Returns the names removed.
 */
export function discardCutShortBackups(backupsDir: string): string[] {
  if (!existsSync(backupsDir)) return [];
  const now = Date.now();
  const names = readdirSync(backupsDir);
  const removed: string[] = [];
  const kept: string[] = [];
  for (const name of names) {
    const m = IN_PROGRESS.exec(name);
    if (!m) continue;
    if (!writtenNow(backupsDir, name, m[1]!, now) && remove(path.join(backupsDir, name))) removed.push(name);
    else kept.push(name);
  }
  for (const name of names) {
    const m = SIDE_FILE.exec(name);
    if (!m) continue;
    const backup = m[1]!;
    // Beside its backup, or beside the copy still being written that it belongs to: not a leftover.
    if (existsSync(path.join(backupsDir, backup)) || kept.some((k) => k.startsWith(`${backup}.`))) continue;
    if (remove(path.join(backupsDir, name))) removed.push(name);
  }
  return removed;
}
