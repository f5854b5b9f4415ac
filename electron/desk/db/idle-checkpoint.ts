/**
 * WAL checkpoints only while the desk is quiet. A checkpoint copies the write-ahead log into the database file and
 * syncs it: tens of milliseconds for a few thousand pages. Run on a fixed timer it would land, now and then, in the
 * middle of a queue of receptions and hold up the clerk's next click; run by SQLite's auto-checkpoint it would land
 * inside a reception's commit. So the timer only checkpoints after a whole tick in which this connection wrote
 * nothing (SQLite's total_changes() did not move); during a long burst the auto-checkpoint of open-database.ts stays
 * the safety net that keeps the log bounded.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database';

/** How often the desk looks for a quiet moment; a tick with any write in it postpones the checkpoint. */
export const CHECKPOINT_TICK_MS = 2_000;

export class IdleCheckpoint {
  private timer: NodeJS.Timeout | null = null;
  private changesAtLastTick = -1;
  private totalChanges: Statement<[], number> | null = null;
  private db: Db | null = null;

  constructor(private readonly tickMs = CHECKPOINT_TICK_MS) {}

  /** Follows this connection (a restore replaces it); null stops checkpointing. */
  attach(db: Db | null): void {
    this.db = db;
    this.totalChanges = db ? db.prepare<[], number>('SELECT total_changes()').pluck() : null;
    this.changesAtLastTick = -1;
    if (db && !this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref(); // never keeps the process alive
    }
    if (!db) this.stop();
  }

  /** One timer tick: checkpoints when nothing was written since the previous tick. Returns true if it ran one. */
  tick(): boolean {
    const db = this.db;
    if (!db?.open || db.inTransaction || !this.totalChanges) return false;
    const changes = this.totalChanges.get()!;
    const quiet = changes === this.changesAtLastTick;
    this.changesAtLastTick = changes;
    if (!quiet) return false;
    try {
      // PASSIVE never waits for readers or writers; `log` is the frames in the WAL, `checkpointed` those copied.
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      return (result?.log ?? 0) > 0;
    } catch {
      // Busy (a backup holds the file): the next quiet tick, or the auto-checkpoint, does it.
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
