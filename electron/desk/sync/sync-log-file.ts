/**
 * The sync client's lines kept in the desk's data folder (`logs/sync.log`), stamped in Vietnam time, for the
 * technician the Sync screen sends the clerk to ("hãy báo quản trị viên"): an installed app has no console to read.
 * The lines name dossier codes and causes, never a citizen. The file is capped: past `maxBytes` it becomes
 * `sync.log.1` (the one before is dropped), so a desk left failing for months does not fill its disk. A line that
 * cannot be written (a full disk, a read-only folder) is dropped: the log must never stop the sync it describes.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { toVnIso } from '../../../shared/calendar/vn-time';

export const SYNC_LOG_MAX_BYTES = 1024 * 1024;

export function syncLogFile(dataDir: string, maxBytes = SYNC_LOG_MAX_BYTES, now: () => Date = () => new Date()): (line: string) => void {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'sync.log');
  return (line) => {
    try {
      mkdirSync(dir, { recursive: true });
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
      if (size >= maxBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, `${toVnIso(now())} ${line}\n`);
    } catch {
      // Dropped: see above.
    }
  };
}
