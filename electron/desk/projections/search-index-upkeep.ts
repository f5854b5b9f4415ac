/**
 * Merges the search index's segments while the desk is idle instead of inside a reception (migration 004 turned
 * FTS5's automatic merging off). Each reception adds one small segment; once nobody has written for a few
 * seconds, bounded merge steps run one per event-loop turn, so a clerk's click waits for at most one step.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { withoutFsync } from '../db/without-fsync';

/** Quiet time after the last write before merging starts: between a clerk's actions, never during one. */
export const SEARCH_MERGE_IDLE_MS = 5_000;

/**
 * Leaf pages written per step. On a 500,000-dossier index a step of 32 pages takes about 10 ms; a step that
 * reaches a one-letter prefix term (its list covers most dossiers) writes that whole term and can take longer.
 */
export const SEARCH_MERGE_STEP_PAGES = 32;

export class SearchIndexUpkeep {
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private merge: Statement<[number]> | null = null;
  private totalChanges: Statement<[], number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly idleMs = SEARCH_MERGE_IDLE_MS,
    private readonly stepPages = SEARCH_MERGE_STEP_PAGES,
  ) {}

  /** A dossier row (and so the index) just changed: merging waits until the desk has been quiet for a while. */
  noteWrite(): void {
    this.lastWriteAt = Date.now();
    if (!this.timer) this.schedule(this.idleMs);
  }

  /**
   * One bounded merge step, committed without its own fsync: a lost merge step costs nothing (the segments it
   * would have replaced are still there), and the next event's FULL commit makes it durable anyway.
   * Returns true when there is more to merge.
   */
  mergeStep(): boolean {
    const db = this.db;
    if (!db.open || db.readonly || db.inTransaction) return false;
    this.merge ??= db.prepare<[number]>("INSERT INTO dossier_search (dossier_search, rank) VALUES ('merge', ?)");
    this.totalChanges ??= db.prepare<[], number>('SELECT total_changes()').pluck();
    const before = this.totalChanges.get()!;
    const merge = this.merge;
    withoutFsync(db, () => merge.run(this.stepPages));
    // FTS5's documented signal: a step that merged anything changes at least two rows.
    return this.totalChanges.get()! - before >= 2;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.whenIdle(), ms);
    this.timer.unref(); // never keeps the process alive
  }

  private whenIdle(): void {
    this.timer = null;
    const quietFor = Date.now() - this.lastWriteAt;
    if (quietFor < this.idleMs) {
      this.schedule(this.idleMs - quietFor);
      return;
    }
    let more = false;
    try {
      more = this.mergeStep();
    } catch {
      // Busy (a backup or restore holds the file) or closed meanwhile: the next quiet period tries again.
    }
    if (more) this.schedule(0);
  }
}
