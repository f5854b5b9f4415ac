/**
 * The first pull of a new desk folds its dossiers in memory as their events arrive, so the refold after the pull
 * writes each row from that state instead of reading the dossier's events back from the log and parsing them
 * again (about a sixth of a first pull's time, docs/decisions.md "Sync: the first pull of a new desk").
 *
 * It is an optimisation only: the marks in `sync_refold` are written as before, and a dossier whose folded state
 * might differ from a fold of its stored events is simply read back:
 * - only a desk whose log was empty when the pull began folds in memory (no dossier has older events here);
 * - a dossier's events must arrive in server order (a transfer can bring older events later in the feed);
 * - an event the desk already held, or a fold that throws, spoils the dossier for the rest of the pull;
 * - a dossier that has a row when it is refolded got it from a clerk's command during the pull: read back;
 * - events are folded only once their chunk has committed; any error in a chunk or a refold (committed or not)
 *   abandons the folds for the rest of the pull, and the refold reads every dossier back;
 * - memory stays bounded: past `capacity` dossiers the pull refolds its oldest marks early (RefoldQueue.refoldAhead,
 *   after every page), which hands their states over, and a dossier that gets more events after that is read back
 *   at the end. So at most half the capacity plus one page's dossiers (5,000 events) are held (folded in the page
 *   worker, sync/page-folds.ts: plus the pages it has read ahead).
 * A desk stopped midway loses the states and keeps the marks: the next refold reads those dossiers back.
 */
import { evolve, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEvent } from '../../../shared/domain/events';
import type { Db } from '../db/open-database';
import type { DossierRow } from './dossier-row';

/** A dossier a pull folded, handed over to be written: its state (folded here) or its row (built in the worker). */
export type HeldFold = { state: DossierState } | { row: DossierRow };

/**
 * A pull's in-memory folds as its page writer and refold queue use them, wherever they are held: on the main
 * thread (PulledFolds) or in the page worker (sync/worker-folds.ts).
 */
export interface PullFolds {
  /** An event the chunk being written inserted as new. */
  stage(event: DossierEvent & { serverSeq: number }): void;
  /** An event of the dossier that the desk already held: the dossier is read back. */
  spoil(dossierId: string): void;
  /** The chunk committed. */
  chunkCommitted(): void;
  /** A chunk or a refold failed: every dossier is read back from now on. */
  abandon(): void;
  /** A page about to be written (with the rows the worker handed over with it). */
  pageStarting?(page: { foldedAs?: number; handed?: Promise<readonly [string, DossierRow][]> }): void;
  /** A page written whole (its last chunk committed). */
  pageWritten?(page: { foldedAs?: number }): void;
  /** Called before a refold chunk with the dossiers it will take (the worker's rows are waited for here). */
  prepare?(dossierIds: readonly string[]): Promise<void>;
  /** The dossiers the next refolds will take, so that their rows are ready by then. */
  prefetch?(dossierIds: readonly string[]): void;
  /**
   * The dossier handed over, once; `later` when its fold already holds events not yet written (the refold ahead
   * leaves it marked, the final one reads it back); undefined: read it back from the log.
   */
  handOver(dossierId: string): HeldFold | 'later' | undefined;
  /** The pull is over. */
  end?(): void;
  /** Dossiers held; past `capacity`, the pull refolds its oldest marks early (RefoldQueue.refoldAhead). */
  readonly size: number;
  readonly capacity: number;
}

/**
 * How many folds an early refold leaves, once past the capacity: half of it. The refold on the main thread and the
 * page worker's hand-over of the oldest rows (sync/page-folds.ts) count by this one rule, so that they agree.
 */
export function foldsLeftAfterRefold(capacity: number): number {
  return Math.floor(capacity / 2);
}

/**
 * Dossiers held before the pull refolds the oldest ones early: about 2 KB of heap each, so about 10 MB. Measured at
 * 52,772 dossiers: as fast as holding them all (which raised the desk's peak RSS from 297 to 501 MB), peak RSS
 * 324 MB. The early refold goes down to half: dossiers first seen a few weeks of a district's work ago.
 */
export const PULLED_FOLDS_CAPACITY = 5_000;

export interface Fold {
  state: DossierState;
  serverSeq: number;
}

export class PulledFolds implements PullFolds {
  private readonly folds = new Map<string, Fold>();
  /** Dossiers read back at their refold, whatever else arrives for them in this pull. */
  private readonly spoiled = new Set<string>();
  /** Events of the chunk being written: folded once it commits. */
  private staged: (DossierEvent & { serverSeq: number })[] = [];
  private abandoned = false;

  constructor(readonly capacity = PULLED_FOLDS_CAPACITY) {}

  /** Folds for a pull into this desk, or null when its log already holds events (they would be missing here). */
  /** Whether a pull into this desk may fold in memory: its log holds no event yet. */
  static logIsEmpty(db: Db): boolean {
    return db.prepare<[], number>('SELECT NOT EXISTS (SELECT 1 FROM events)').pluck().get() === 1;
  }

  /** An event the chunk being written inserted as new. */
  stage(event: DossierEvent & { serverSeq: number }): void {
    if (!this.abandoned) this.staged.push(event);
  }

  /** An event of the dossier that the desk already held: its state here would not be the fold of its log. */
  spoil(dossierId: string): void {
    this.spoiled.add(dossierId);
    this.folds.delete(dossierId);
  }

  /** The chunk committed: its events join their dossiers' states. */
  chunkCommitted(): void {
    for (const event of this.staged) this.fold(event);
    this.staged = [];
  }

  /**
   * A chunk or a refold failed: whether it committed is not known for sure (the failure may come after the commit),
   * so nothing held here is trusted any more, and every dossier is read back from the log.
   */
  abandon(): void {
    this.abandoned = true;
    this.staged = [];
    this.folds.clear();
  }

  /**
   * The state of a dossier folded from every event this pull stored for it, handed over once; or undefined. A
   * dossier handed over and given more events later starts no new fold that could be used: its row exists by then,
   * and a dossier with a row is read back (RefoldQueue).
   */
  take(dossierId: string): DossierState | undefined {
    const fold = this.folds.get(dossierId);
    if (!fold) return undefined;
    this.folds.delete(dossierId);
    return fold.state;
  }

  handOver(dossierId: string): HeldFold | undefined {
    const state = this.take(dossierId);
    return state && { state };
  }

  get size(): number {
    return this.folds.size;
  }

  private fold(event: DossierEvent & { serverSeq: number }): void {
    const id = event.dossierId;
    if (this.spoiled.has(id)) return;
    if (!foldOnto(this.folds, event)) this.spoil(id);
  }
}

/**
 * Folds a pulled event onto its dossier's state in `folds`; false when that dossier cannot be folded here (an event
 * out of server order: a transfer can bring older events later in the feed; or a fold that throws, which the refold
 * from the log meets and reports as it always did). Shared by the folds of the main thread and of the page worker
 * (sync/page-folds.ts), which must give the same states.
 */
export function foldOnto(folds: Map<string, Fold>, event: DossierEvent & { serverSeq: number }): boolean {
  const fold = folds.get(event.dossierId);
  if (fold !== undefined && event.serverSeq <= fold.serverSeq) return false;
  let state: DossierState;
  try {
    state = evolve(fold?.state, event);
  } catch {
    return false;
  }
  if (fold) {
    fold.state = state;
    fold.serverSeq = event.serverSeq;
  } else folds.set(event.dossierId, { state, serverSeq: event.serverSeq });
  return true;
}
