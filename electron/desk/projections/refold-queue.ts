/**
 * The bulk path for events that arrive by sync: a pull page marks the dossiers it touched (in the page's own
 * transaction), and the marked dossiers are refolded once each when the backlog has been pulled, a chunk per
 * short transaction with a turn of the event loop between chunks, so the clerk's work is never held up for long.
 * The single-dossier path (Projector.refresh / applyLocal) is unchanged; a refold here gives exactly the row `refresh` gives.
 * Table: migration 007 (sync_refold).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/open-database';
import { eventFromRow, type EventRow, type StoredEvent } from '../events/event-rows';
import type { Projector } from './projector';

/** Dossiers refolded per transaction: some tens of ms of work, so a clerk's click waits at most that long. */
export const REFOLD_CHUNK = 200;

export class RefoldQueue {
  private readonly markOne;
  private readonly next;
  private readonly remove;
  private readonly size;
  private readonly eventsOfNext;

  constructor(
    private readonly db: Db,
    private readonly projector: Projector,
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
  }

  /** Marks a dossier for refolding. Call in the transaction that changed its events. */
  mark(dossierId: string): void {
    this.markOne.run(dossierId);
  }

  get pending(): number {
    return this.size.get()!;
  }

  /** Refolds up to `limit` marked dossiers, oldest mark first, in one transaction; returns how many. */
  refoldChunk(limit = REFOLD_CHUNK): number {
    return this.db.transaction(() => {
      const rows = this.next.all(limit);
      const events = new Map<string, StoredEvent[]>();
      for (const row of this.eventsOfNext.all(limit)) {
        const list = events.get(row.dossier_id);
        if (list) list.push(eventFromRow(row));
        else events.set(row.dossier_id, [eventFromRow(row)]);
      }
      for (const row of rows) this.projector.refreshWith(row.dossier_id, events.get(row.dossier_id) ?? []);
      if (rows.length > 0) this.remove.run(rows[rows.length - 1]!.seq);
      return rows.length;
    })();
  }

  /**
   * Refolds every marked dossier, a chunk at a time, yielding to the event loop between chunks. Stops early
   * (leaving the rest marked for next time) when `shouldStop` says so. Returns how many were refolded.
   */
  async drain(
    options: { chunk?: number; shouldStop?: () => boolean } = {},
  ): Promise<number> {
    let done = 0;
    for (;;) {
      if (options.shouldStop?.()) return done;
      const n = this.refoldChunk(options.chunk);
      if (n === 0) return done;
      done += n;
      await nextTurn();
    }
  }
}
