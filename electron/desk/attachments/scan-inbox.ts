/**
 * The folder scanners save into. The desk lists what is waiting there and announces new files as they arrive,
 * once their size has stopped changing (a scanner writes a multi-page PDF over several seconds).
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { toVnIso } from '../../../shared/calendar/vn-time';
import type { DeskNotifications } from '../notifications';
import type { Clock } from '../clock';

export interface InboxFile {
  fileName: string;
  size: number;
  modifiedAt: string;
}

const SETTLE_MS = 1000;

export function listInbox(dir: string | null): InboxFile[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => {
      const s = statSync(path.join(dir, e.name));
      return { fileName: e.name, size: s.size, modifiedAt: toVnIso(s.mtime) };
    })
    .sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : -1));
}

/** A folder is set but is not there now: the scanner's drive unplugged, or the folder removed after it was set. */
export const inboxMissing = (dir: string | null): boolean => dir !== null && !existsSync(dir);

export class ScanInbox {
  private watcher: FSWatcher | null = null;
  private readonly settling = new Map<string, NodeJS.Timeout>();
  private dir: string | null = null;

  constructor(
    private readonly notifications: DeskNotifications,
    private readonly clock: Clock,
  ) {}

  get folder(): string | null {
    return this.dir;
  }

  /** Watches `dir` (replacing any previous folder). A missing folder is not watched; the list is then empty. */
  watch(dir: string | null): void {
    this.stop();
    this.dir = dir;
    if (!dir || !existsSync(dir)) return;
    try {
      this.watcher = watch(dir, (_kind, name) => {
        if (typeof name === 'string' && name.length > 0) this.settle(path.join(dir, name), -1);
      });
      this.watcher.on('error', () => this.stop());
    } catch {
      this.watcher = null;
    }
  }

  /** Announces the file once two looks a second apart see the same size. */
  private settle(file: string, lastSize: number): void {
    clearTimeout(this.settling.get(file));
    const timer = setTimeout(() => {
      this.settling.delete(file);
      if (!existsSync(file)) return;
      const s = statSync(file);
      if (!s.isFile()) return;
      if (s.size !== lastSize) return this.settle(file, s.size);
      this.notifications.emit({ type: 'scan.added', data: { fileName: path.basename(file), size: s.size, receivedAt: this.clock.iso() } });
    }, SETTLE_MS);
    timer.unref();
    this.settling.set(file, timer);
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const t of this.settling.values()) clearTimeout(t);
    this.settling.clear();
  }
}
