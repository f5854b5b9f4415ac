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
 *   at the end. So at most half the capacity plus one page's dossiers (5,000 events) are held.
 * A desk stopped midway loses the states and keeps the marks: the next refold reads those dossiers back.
 */
import { evolve, type DossierState } from '../../../shared/domain/lifecycle';
import type { DossierEvent } from '../../../shared/domain/events';
import type { Db } from '../db/open-database';

/**
 * Dossiers held before the pull refolds the oldest ones early: about 2 KB of heap each, so about 10 MB. Measured at
 * 52,772 dossiers: as fast as holding them all (which raised the desk's peak RSS from 297 to 501 MB), peak RSS
 * 324 MB. The early refold goes down to half: dossiers first seen a few weeks of a district's work ago.
 */
export const PULLED_FOLDS_CAPACITY = 5_000;

interface Fold {
  state: DossierState;
  serverSeq: number;
}

export class PulledFolds {
  private readonly folds = new Map<string, Fold>();
  /** Dossiers read back at their refold, whatever else arrives for them in this pull. */
  private readonly spoiled = new Set<string>();
  /** Events of the chunk being written: folded once it commits. */
  private staged: (DossierEvent & { serverSeq: number })[] = [];
  private abandoned = false;

  constructor(private readonly capacity = PULLED_FOLDS_CAPACITY) {}

  /** Folds for a pull into this desk, or null when its log already holds events (they would be missing here). */
  static forPull(db: Db, capacity?: number): PulledFolds | null {
    const hasEvents = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM events)').pluck().get();
    return hasEvents ? null : new PulledFolds(capacity);
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

  get size(): number {
    return this.folds.size;
  }

  /** Over capacity: the pull refolds its oldest marks until this is false. */
  get overCapacity(): boolean {
    return this.folds.size > this.capacity;
  }

  /** How many to keep once over capacity. */
  get keep(): number {
    return Math.floor(this.capacity / 2);
  }

  private fold(event: DossierEvent & { serverSeq: number }): void {
    const id = event.dossierId;
    if (this.spoiled.has(id)) return;
    const fold = this.folds.get(id);
    if (fold !== undefined && event.serverSeq <= fold.serverSeq) {
      this.spoil(id);
      return;
    }
    try {
      const state = evolve(fold?.state, event);
      if (fold) {
        fold.state = state;
        fold.serverSeq = event.serverSeq;
      } else this.folds.set(id, { state, serverSeq: event.serverSeq });
    } catch {
      // The refold from the log meets the same event and reports it as it always did.
      this.spoil(id);
    }
  }
}
