/**
 * The bulk path for events that arrive by sync: a pull page marks the dossiers it touched (in the page's own
 * transaction), and the marked dossiers are refolded once each when the backlog has been pulled, a chunk per
 * short transaction with a turn of the event loop between chunks, so the clerk's work is never held up for long.
 * A new desk's pull also refolds its oldest marks between pages (refoldAhead, to bound its in-memory folds); a
 * dossier refolded then that gets more events is marked again and refolded at the end.
 * The single-dossier path (Projector.refresh / applyLocal) is unchanged; a refold here gives exactly the row
 * `refresh` gives. Table: migration 007 (sync_refold).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { dossierIndexesSuspended, restoreDossierIndexesStepwise, suspendDossierIndexes } from '../db/index-suspension';
import type { Db } from '../db/open-database';
import { withoutFsync } from '../db/without-fsync';
import { eventFromRow, type EventRow, type StoredEvent } from '../events/event-rows';
import type { Projector } from './projector';
import { foldsLeftAfterRefold, type PullFolds } from './pulled-folds';

/** Dossiers refolded per transaction: some tens of ms of work, so a clerk's click waits at most that long. */
export const REFOLD_CHUNK = 200;

/**
 * A pull whose backlog brings at least this many dossiers the desk has no row for, and more of them than the rows
 * it has (a new desk's first pull), refolds with the list indexes and search triggers of `dossiers` suspended and
 * built once at the end (db/index-suspension.ts): about 6× cheaper per row. Anything else goes row by row into
 * the indexes: rebuilding them would cost more than it saves.
 */
export const BULK_REFOLD_MIN = 2_000;

/**
 * Refold chunks committed on each connection. A page writer remembers which dossiers it has marked so as to mark
 * each once per pull; that memory holds only while no refold has run since (the refold at open, or anything
 * else, may have taken a mark away), so the writer forgets it whenever this number moves.
 */
const refoldsDone = new WeakMap<Db, number>();
export const refoldGeneration = (db: Db): number => refoldsDone.get(db) ?? 0;

export class RefoldQueue {
  private readonly markOne;
  private readonly next;
  private readonly remove;
  private readonly size;
  private readonly eventsOfNext;
  private readonly someRows;
  private readonly newRows;

  /**
   * @param folds a pull's in-memory folds (projections/pulled-folds.ts): a dossier it holds is written from that
   * state instead of being read back from the log.
   */
  private written = 0;

  constructor(
    private readonly db: Db,
    private readonly projector: Projector,
    private readonly folds: PullFolds | null = null,
  ) {
    this.markOne = db.prepare<[string]>('INSERT OR IGNORE INTO sync_refold (dossier_id) VALUES (?)');
    this.next = db.prepare<[number], { seq: number; dossier_id: string }>(
      'SELECT seq, dossier_id FROM sync_refold ORDER BY seq LIMIT ?',
    );
    this.remove = db.prepare<[number]>('DELETE FROM sync_refold WHERE seq <= ?');
    this.size = db.prepare<[], number>('SELECT count(*) FROM sync_refold').pluck();
    // One query for the whole chunk instead of one per dossier; the fold sorts the events itself.
    this.eventsOfNext = db.prepare<[number], EventRow>(
      'SELECT * FROM events WHERE dossier_id IN (SELECT dossier_id FROM sync_refold ORDER BY seq LIMIT ?)',
    );
    this.someRows = db.prepare<[number], number>('SELECT count(*) FROM (SELECT 1 FROM dossiers LIMIT ?)').pluck();
    this.newRows = db
      .prepare<[], number>(
        'SELECT count(*) FROM sync_refold r WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = r.dossier_id)',
      )
      .pluck();
  }

  /** Marks a dossier for refolding. Call in the transaction that changed its events. */
  mark(dossierId: string): void {
    this.markOne.run(dossierId);
  }

  get pending(): number {
    return this.size.get()!;
  }

  /**
   * Refolds up to `limit` marked dossiers, oldest mark first, in one transaction; returns how many. Its commit
   * skips the disk sync: a refold lost to a power cut comes back with its marks and is simply done again.
   */
  refoldChunk(limit = REFOLD_CHUNK): number {
    return this.refoldChunkOf(limit, false).taken;
  }

  /**
   * `refoldChunk`, a pull's folds asked for the chunk's rows first (PullFolds.prepare). `ahead`: a dossier whose
   * fold holds events not written yet is left marked, at the end of the queue, rather than read back.
   */
  private async refoldNext(limit: number, ahead: boolean): Promise<{ taken: number; written: number }> {
    if (this.folds?.prepare) await this.folds.prepare(this.next.all(limit).map((row) => row.dossier_id));
    return this.refoldChunkOf(limit, ahead);
  }

  private refoldChunkOf(limit: number, ahead: boolean): { taken: number; written: number } {
    let done: { taken: number; written: number };
    try {
      done = withoutFsync(this.db, () => this.refoldChunkTx(limit, ahead));
    } catch (e) {
      // States handed over by a refold that failed (rolled back or not) are gone: read everything back from now on.
      this.folds?.abandon();
      throw e;
    }
    if (done.taken > 0) refoldsDone.set(this.db, refoldGeneration(this.db) + 1);
    this.written += done.written;
    return done;
  }

  /** Dossier rows this queue has written so far (early refolds and drains alike): what the screens must read again. */
  get rowsWritten(): number {
    return this.written;
  }

  private refoldChunkTx(limit: number, ahead: boolean): { taken: number; written: number } {
    return this.db.transaction(() => {
      const rows = this.next.all(limit);
      // Folded during the pull and still without a row: written from memory. The rest are read back.
      const held = rows.map((row) => {
        const fold = this.folds?.handOver(row.dossier_id);
        if (fold === 'later') return ahead ? fold : undefined;
        return fold && !this.projector.hasRow(row.dossier_id) ? fold : undefined;
      });
      const events = new Map<string, StoredEvent[]>();
      if (held.includes(undefined)) {
        for (const row of this.eventsOfNext.all(limit)) {
          const list = events.get(row.dossier_id);
          if (list) list.push(eventFromRow(row));
          else events.set(row.dossier_id, [eventFromRow(row)]);
        }
      }
      // In mark order either way, so the rows (and search entries) get the rowids of a refold from the log.
      const later: string[] = [];
      rows.forEach((row, i) => {
        const fold = held[i];
        if (fold === 'later') later.push(row.dossier_id);
        else if (fold === undefined) this.projector.refreshWith(row.dossier_id, events.get(row.dossier_id) ?? []);
        else if ('row' in fold) this.projector.writePulledRow(fold.row);
        else this.projector.writePulled(fold.state);
      });
      if (rows.length > 0) this.remove.run(rows[rows.length - 1]!.seq);
      // Marked again, behind the others: refolded once the page that brought the rest of its events is written.
      for (const id of later) this.markOne.run(id);
      return { taken: rows.length, written: rows.length - later.length };
    })();
  }

  /**
   * Refolds every marked dossier, a chunk at a time, yielding to the event loop between chunks. Stops early
   * (leaving the rest marked for next time) when `shouldStop` says so. Returns how many were refolded. With
   * `bulkMin` (a pull passes BULK_REFOLD_MIN), a backlog with at least that many dossiers new to the desk, and more
   * of them than the rows already there, is written with the list indexes and search triggers suspended; they are
   * rebuilt at the end one index per transaction with turns between (113–174 ms each at 52,772 rows, the longest a
   * click waits), the search index emptied for the idle upkeep to fill, and on the next open if the desk is killed
   * meanwhile.
   */
  async drain(
    options: { chunk?: number; shouldStop?: () => boolean; bulkMin?: number } = {},
  ): Promise<number> {
    let bulk = false;
    let done = 0;
    try {
      bulk = options.bulkMin !== undefined && this.worthSuspending(options.bulkMin) && suspendDossierIndexes(this.db);
      // Folds held in the page worker: the rows of every dossier left, asked for at once, answered in batches.
      if (this.folds?.prefetch && !options.shouldStop?.()) this.prefetch(this.folds.size);
      for (;;) {
        if (options.shouldStop?.()) return done;
        const n = (await this.refoldNext(options.chunk ?? REFOLD_CHUNK, false)).taken;
        if (n === 0) return done;
        done += n;
        await nextTurn();
      }
    } finally {
      // Also when stopped early, and also when an earlier restore failed (a full disk): the indexes never stay
      // suspended past a drain (nor past a restart: db/migrate). Index by index, so the clerk's clicks get turns.
      if (bulk || dossierIndexesSuspended(this.db)) await restoreDossierIndexesStepwise(this.db, options.shouldStop);
    }
  }

  /**
   * A pull's in-memory folds past their capacity: refolds the oldest marks (most of whose dossiers are held there)
   * until they are back to half, so memory stays bounded on a big district. Folds held in the page worker leave
   * marked, behind the others, a dossier whose fold already holds events of a page not written yet. A dossier refolded here and given more
   * events later in the pull is marked again and read back at the end. With `bulkMin`, the list indexes are
   * suspended first when the backlog is worth it, as `drain` would (which restores them).
   */
  async refoldAhead(options: { shouldStop?: () => boolean; bulkMin?: number } = {}): Promise<void> {
    const folds = this.folds;
    if (!folds || folds.size <= folds.capacity) return;
    const keep = foldsLeftAfterRefold(folds.capacity);
    if (options.bulkMin !== undefined && !dossierIndexesSuspended(this.db) && this.worthSuspending(options.bulkMin))
      suspendDossierIndexes(this.db);
    while (folds.size > keep && !options.shouldStop?.()) {
      // No more than the folds' excess: about what the worker hands over with the page (sync/page-folds.ts), so
      // little is asked for and waited for. Nothing written: what is left waits for pages not written yet.
      if ((await this.refoldNext(Math.min(REFOLD_CHUNK, folds.size - keep), true)).written === 0) break;
      await nextTurn();
    }
  }

  /** The rows of the `count` oldest marks, asked of folds held elsewhere ahead of their refold. */
  private prefetch(count: number): void {
    if (this.folds?.prefetch && count > 0) this.folds.prefetch(this.next.all(count).map((row) => row.dossier_id));
  }

  /** The backlog brings at least `bulkMin` dossiers new to this desk, and more than the rows it already has. */
  private worthSuspending(bulkMin: number): boolean {
    if (this.pending < bulkMin) return false;
    const fresh = this.newRows.get()!;
    return fresh >= bulkMin && this.someRows.get(fresh)! < fresh;
  }
}
