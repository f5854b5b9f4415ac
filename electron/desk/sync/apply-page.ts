/**
 * Writes one pulled page: its new events, the server sequence of events the desk already had, the marks for
 * the dossiers to refold, and the new cursor. A page (up to 5,000 events) is written in short chunks, each its
 * own transaction, with a turn of the event loop between them, so the clerk's clicks are not held up for the
 * whole page; the cursor moves only in the transaction of the last chunk. A desk killed between chunks keeps
 * its old cursor and pulls the page again: events it already holds are recognised by id and skipped, their
 * refold marks were committed with them, so nothing is applied twice and nothing skipped. Chunks before the last
 * commit without the disk sync (db/without-fsync.ts); the last one's sync makes them durable too, and it syncs at
 * the feed's end and at most every few seconds before it (syncDue). The events come
 * hash-checked (sync/pull-page.ts, in the page worker); projections are refolded later, once per
 * dossier (RefoldQueue).
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { appFailure } from '../../../shared/result';
import type { DossierEvent } from '../../../shared/domain/events';
import type { DecodedEvent } from '../../../shared/sync/compact-pull';
import type { OwnQuarantined } from '../../../shared/sync/messages';
import { eventRowValues, INSERT_EVENT_SQL, type EventRowValues } from '../events/event-rows';
import { eventHash } from '../events/hash';
import type { Db } from '../db/open-database';
import { withoutFsync } from '../db/without-fsync';
import type { PullFolds } from '../projections/pulled-folds';
import { refoldGeneration, type RefoldQueue } from '../projections/refold-queue';
import { readIdentity } from '../identity/device-identity';
import { quarantineText } from './push-outbox';
import type { SyncMeta } from './sync-meta';

export interface PageEnd {
  nextCursor: number;
  epoch: string;
  hasMore: boolean;
  /** This device's own events the server quarantined (the last page of a pull with includeOwn). */
  ownQuarantined?: readonly OwnQuarantined[];
}

/**
 * Events per chunk at most. On most PCs a chunk ends first by its time (PAGE_CHUNK_MS), which is what bounds a
 * click's wait; fewer, larger commits rewrite the events' index pages less often (500 → 2,000 took 0.6–1.3 s of
 * the desk's CPU off a first pull of 52,772 dossiers, in three pairs of runs).
 */
export const PAGE_CHUNK_EVENTS = 2000;
/** A chunk also ends once it has taken this long (a slower PC, a busy disk), so a click waits at most about this. */
export const PAGE_CHUNK_MS = 25;
/** The most pulling a power cut can undo (the pages are pulled again): see PageWriter.syncDue. */
export const SYNC_CURSOR_MS = 5_000;
/** How often (in events) the chunk's elapsed time is looked at. */
const CLOCK_EVERY = 32;

export interface PageWriterOptions {
  chunkEvents?: number;
  chunkMs?: number;
  /** The client is stopping: the page is left unfinished (its cursor not moved) and the write throws. */
  shouldStop?: () => boolean;
  /** Called after each chunk that is not the last one has committed (tests use it to strike between chunks). */
  afterChunk?: (written: number) => void;
  /** A new desk's pull folds the events it stores in memory (projections/pulled-folds.ts). */
  folds?: PullFolds | null;
  /** How often a cursor commit before the feed's end waits for the disk (default SYNC_CURSOR_MS; see syncDue). */
  syncCursorMs?: number;
}

/** The write of a page ended between chunks because the client is stopping; the page is pulled again next time. */
export class PageWriteStopped extends Error {
  constructor() {
    super('page write stopped between chunks');
  }
}

export class PageWriter {
  private readonly known;
  private readonly insert;
  private readonly accept;
  private readonly insertQuarantined;
  private readonly chunkEvents: number;
  private readonly chunkMs: number;
  /**
   * Dossiers marked for refolding by chunks that committed: a pull brings each dossier's events in several pages,
   * and a mark per event cost as much as the event's own insert. Forgotten as soon as any refold has run since
   * (`refoldGeneration`): the refold at open works through the queue while a pull writes, and may have taken a
   * mark away that a later event of the dossier needs again.
   */
  private readonly marked = new Set<string>();
  private markedAtGeneration: number;
  /** When a cursor commit last waited for the disk (syncDue). */
  private syncedAt = performance.now();
  /** Marked by the chunk being written: they join `marked` only once it commits. */
  private chunkMarks = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly meta: SyncMeta,
    private readonly refold: RefoldQueue,
    private readonly options: PageWriterOptions = {},
  ) {
    this.markedAtGeneration = refoldGeneration(db);
    this.chunkEvents = Math.max(1, options.chunkEvents ?? PAGE_CHUNK_EVENTS);
    this.chunkMs = options.chunkMs ?? PAGE_CHUNK_MS;
    this.known = db.prepare<[string], { server_seq: number | null }>(
      'SELECT server_seq FROM events WHERE id = ?',
    );
    // The existence check only when the id is already there (rare: own events).
    this.insert = db.prepare<[EventRowValues]>(`${INSERT_EVENT_SQL} ON CONFLICT (id) DO NOTHING`);
    // Any clash (its id, or its place in this device's sequence) means the desk already holds that place.
    this.insertQuarantined = db.prepare<[EventRowValues]>(`${INSERT_EVENT_SQL} ON CONFLICT DO NOTHING`);
    this.accept = db.prepare<[number, string, string]>(
      "UPDATE events SET sync_state = 'synced', sync_reason = NULL, server_seq = ?, server_time = ? WHERE id = ?",
    );
  }

  /** Writes the page chunk by chunk, yielding between chunks; returns how many events were new to this desk. */
  async write(events: readonly DecodedEvent[], end: PageEnd): Promise<number> {
    let applied = 0;
    let next = 0;
    for (;;) {
      const from = next;
      const chunk = () => this.db.transaction(() => {
        const started = performance.now();
        const stop = Math.min(events.length, from + this.chunkEvents);
        let i = from;
        while (i < stop) {
          applied += this.writeOne(events[i]!);
          i += 1;
          if ((i - from) % CLOCK_EVERY === 0 && performance.now() - started > this.chunkMs) break;
        }
        next = i;
        if (i < events.length) return false;
        for (const q of end.ownQuarantined ?? []) this.writeOwnQuarantined(q);
        this.meta.cursor = end.nextCursor;
        this.meta.epoch = end.epoch;
        if (!end.hasMore && this.meta.includeOwn) this.meta.includeOwn = false;
        return true;
      })();
      // A chunk that cannot be the page's last (it cannot move the cursor) commits without the disk sync: lost
      // to a power cut, it is pulled again with the page. The chunk that moves the cursor syncs it all when due.
      this.chunkMarks = new Set();
      // Chunks are synchronous: no refold can run between this check and the chunk's commit.
      if (refoldGeneration(this.db) !== this.markedAtGeneration) {
        this.marked.clear();
        this.markedAtGeneration = refoldGeneration(this.db);
      }
      let last: boolean;
      try {
        const synced = from + this.chunkEvents >= events.length && this.syncDue(end);
        last = synced ? chunk() : withoutFsync(this.db, chunk);
        if (last && synced) this.syncedAt = performance.now();
      } catch (e) {
        // Perhaps after the commit (restoring the sync setting): the folds cannot know, so they are given up.
        this.options.folds?.abandon();
        throw e;
      }
      this.options.folds?.chunkCommitted();
      for (const id of this.chunkMarks) this.marked.add(id);
      if (last) return applied;
      this.options.afterChunk?.(next);
      // The clerk's clicks get their turn here; the page's remaining events wait for the next chunk.
      await nextTurn();
      if (this.options.shouldStop?.()) throw new PageWriteStopped();
    }
  }

  /**
   * Whether the commit that moves the cursor waits for the disk: at the feed's end, and otherwise at most every
   * SYNC_CURSOR_MS. A cursor commit without it can be undone by a power cut together with everything after it (WAL
   * keeps a prefix of the commits), which costs only pulling those pages again; on a fast link a sync per page was
   * a twentieth of a first pull, on a slow one a page takes longer than this anyway.
   */
  private syncDue(end: PageEnd): boolean {
    return !end.hasMore || performance.now() - this.syncedAt >= (this.options.syncCursorMs ?? SYNC_CURSOR_MS);
  }

  /** Writes one event of the page; returns 1 when it was new to this desk. */
  private writeOne({ event, payloadText }: DecodedEvent): number {
    if (this.insert.run(eventRowValues(event, 'synced', payloadText)).changes === 1) {
      this.mark(event.dossierId);
      this.options.folds?.stage(event);
      return 1;
    }
    this.options.folds?.spoil(event.dossierId);
    const row = this.known.get(event.id)!;
    if (row.server_seq !== event.serverSeq) {
      // Ours, pushed but its answer lost; or any event after a server restore renumbered it.
      this.accept.run(event.serverSeq, event.serverTime, event.id);
      this.mark(event.dossierId);
    }
    return 0;
  }

  /**
   * Stores one of this device's own events that the server quarantined, if the desk lacks it (a desk restored from
   * a backup taken before it): its chain then continues where the server's record of it does. Kept as quarantined,
   * with the server's reason, as when its push was answered. An event that is not this device's is refused.
   */
  private writeOwnQuarantined({ event, reasonCode, reason }: OwnQuarantined): void {
    const own = readIdentity(this.db)?.deviceId;
    // The server checks an event's hash only once it parsed, and quarantined it for failing either: such an event is
    // stored as the server holds it (verify names it), or the pull would refuse the page for ever.
    const hashChecked = reasonCode !== 'hash_mismatch' && reasonCode !== 'invalid_event';
    if (event.deviceId !== own || (hashChecked && eventHash(event as DossierEvent) !== event.hash)) {
      throw appFailure(
        'event_hash_mismatch',
        'Dữ liệu nhận được từ máy chủ bị sai mã băm; không có gì được ghi. Máy sẽ thử lại.',
        'A page from the server fails its hash check; nothing of it was written. It will be retried.',
      );
    }
    const values = eventRowValues({ ...event, serverSeq: null, serverTime: null } as DossierEvent, 'quarantined');
    values[16] = quarantineText({ reason, reasonCode });
    if (this.insertQuarantined.run(values).changes === 1) {
      this.mark(event.dossierId);
      // A pull's fold of the dossier's other events counts no quarantined one: its row is read back from the log.
      this.options.folds?.spoil(event.dossierId);
    }
  }

  private mark(dossierId: string): void {
    if (this.marked.has(dossierId) || this.chunkMarks.has(dossierId)) return;
    this.refold.mark(dossierId);
    this.chunkMarks.add(dossierId);
  }
}
