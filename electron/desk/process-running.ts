/**
 * Whether a process with this id runs now, as far as this account can tell: the writer named in a backup's
 * temporary file (backup/cut-short-writes.ts), the desk named in `desk.running` (data-folder-claim.ts).
 */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a process of another account has that id; it is running.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
