/**
 * The search index's work, done while the desk is idle instead of inside a clerk's action. New dossier rows wait
 * outside the index (migration 011) and FTS5's automatic merging is off (migration 004). Once nobody has written
 * for a few seconds, bounded steps run one per event-loop turn, so a clerk's click waits for at most one step:
 * first the rows written since the last idle time are indexed, a batch per step, then the index's segments are
 * merged. Search reads the rows not yet indexed directly (dossiers/dossier-queries.ts).
 */
import type { Statement } from 'better-sqlite3';
import { IdleSteps } from '../db/idle-steps';
import { dossierIndexesSuspended } from '../db/index-suspension';
import type { Db } from '../db/open-database';
import { indexNewRows } from '../db/search-index-mark';
import { withoutFsync } from '../db/without-fsync';

/** Quiet time after the last write before the upkeep (indexing, then merging) starts: between a clerk's actions. */
export const SEARCH_UPKEEP_IDLE_MS = 5_000;

/**
 * Leaf pages written per merge step. On a 500,000-dossier index a step of 32 pages takes about 10 ms; a step that
 * reaches a one-letter prefix term (its list covers most dossiers) writes that whole term and can take longer.
 */
export const SEARCH_MERGE_STEP_PAGES = 32;

/**
 * Rows indexed per step, with a merge step after it: about 15–20 ms in all; a day's receptions at a desk take one or
 * two. A merge that reaches a one-letter prefix term takes longer (measured in docs/decisions.md).
 */
export const SEARCH_INDEX_STEP_ROWS = 500;

export class SearchIndexUpkeep {
  private readonly idle: IdleSteps;
  private merge: Statement<[number]> | null = null;
  private totalChanges: Statement<[], number> | null = null;

  constructor(
    private readonly db: Db,
    idleMs = SEARCH_UPKEEP_IDLE_MS,
    private readonly stepPages = SEARCH_MERGE_STEP_PAGES,
    private readonly stepRows = SEARCH_INDEX_STEP_ROWS,
  ) {
    // A first pull's suspension: its end writes no row that would call noteWrite, so look again after a while.
    this.idle = new IdleSteps(() => (dossierIndexesSuspended(db) ? 'later' : this.idleStep() ? 'more' : 'done'), idleMs);
    // Rows a previous session left unindexed (closed or killed before it was idle) are taken in once this one is.
    if (!db.readonly) this.idle.start();
  }

  /** A dossier row just changed: the upkeep waits until the desk has been quiet for a while. */
  noteWrite(): void {
    this.idle.noteWrite();
  }

  /** No more idle work on this connection (it is being closed or replaced). */
  stop(): void {
    this.idle.stop();
  }

  /**
   * One bounded step of the idle work: a batch of new rows, each followed by a merge step, then merging alone. True
   * when more is left. The merge after each batch keeps the segments few: with a backlog (after a first pull)
   * batches alone pile up 16 segments on a level, and FTS5's crisis merge then merges them all inside one step.
   * Nothing while a first pull keeps the index suspended: the index is emptied at its end anyway.
   */
  idleStep(): boolean {
    const db = this.db;
    if (!db.open || db.readonly || db.inTransaction || dossierIndexesSuspended(db)) return false;
    if (!this.indexStep()) return this.mergeStep();
    this.mergeStep();
    return true;
  }

  /**
   * Indexes one batch of new rows; true when it indexed a full batch (more may wait). Committed without its own
   * fsync, like a merge step: lost to a power cut, the rows are simply still waiting, and the next event's FULL
   * commit makes it durable.
   */
  indexStep(): boolean {
    const db = this.db;
    if (!db.open || db.readonly || db.inTransaction || dossierIndexesSuspended(db)) return false;
    return withoutFsync(db, () => db.transaction(() => indexNewRows(db, this.stepRows))()) === this.stepRows;
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
}
