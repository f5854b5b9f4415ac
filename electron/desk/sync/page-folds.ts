/**
 * A new desk's first pull, folded in the page worker (sync/page-worker.ts) rather than on the desk's main thread:
 * the worker has every event of a page as an object once it has read and checked it, so it folds them there and
 * then, and builds the dossier rows for the main thread. On a first pull of 52,772 dossiers the fold, the payloads'
 * parse and the rows took the main thread about 3.5 s of its 17 (docs/decisions.md, session 21).
 *
 * Past the main thread's capacity, the worker sends the oldest folds' rows right after the page it has just
 * folded (`handOverOldest`): the main thread's early refold after that page seldom waits for them. The rest are
 * asked for (`rows`). The worker folds pages as it reads them, ahead of the main thread's writing, so each fold
 * remembers the last page that touched its dossier: a row is asked for as of the pages written whole (`written`, the
 * main thread's word), and a dossier with events of a later page gets the answer `later`: the main thread leaves it
 * marked for later or reads it back from the log. The rules of the main thread's folds hold here too
 * (projections/pulled-folds.ts): events out of server order or a fold that throws give the dossier up (`null`: read
 * back), and a dossier is handed over once; events that reach it after that are not folded, and it is read back
 * when it is refolded again (`null`).
 */
import type { Procedure } from '../../../shared/domain/procedure';
import type { DecodedEvent } from '../../../shared/sync/compact-pull';
import { dossierRowOf, type DossierRow } from '../projections/dossier-row';
import { foldOnto, foldsLeftAfterRefold, type Fold } from '../projections/pulled-folds';

/** What the worker answers for one dossier asked for: its row, not yet (a page not written), or read it back. */
export type FoldedRow = DossierRow | 'later' | null;

const NO_SYNC_COUNTS = { pending: 0, quarantined: 0 };

export class PageFolds {
  private readonly folds = new Map<string, Fold>();
  /** The last page (the decoder's number) whose events reached each fold. */
  private readonly lastPage = new Map<string, number>();
  /** Given up, or handed over: never folded again in this pull. */
  private readonly done = new Set<string>();
  private readonly catalog: Map<string, Procedure>;

  constructor(
    procedures: readonly Procedure[],
    /** Folds held before the oldest are handed over with a page (the main thread's PullFolds capacity). */
    private readonly capacity = Infinity,
  ) {
    this.catalog = new Map(procedures.map((p) => [p.code, p]));
  }

  /** A page's events, in the feed's order; pages come in the feed's order too. */
  foldPage(page: number, events: readonly DecodedEvent[]): void {
    for (const { event } of events) {
      const id = event.dossierId;
      if (this.done.has(id)) continue;
      if (foldOnto(this.folds, event as DecodedEvent['event'] & { serverSeq: number })) this.lastPage.set(id, page);
      else this.giveUp(id);
    }
  }

  /**
   * The rows of these dossiers as of the pages written so far (every page up to and including `written`), each
   * handed over once.
   */
  rows(ids: readonly string[], written: number): FoldedRow[] {
    return ids.map((id) => {
      const fold = this.folds.get(id);
      if (!fold) return null;
      if (this.lastPage.get(id)! > written) return 'later';
      this.giveUp(id);
      const code = fold.state.procedureCode;
      try {
        return dossierRowOf(fold.state, code ? this.catalog.get(code) : undefined, NO_SYNC_COUNTS);
      } catch {
        // As a fold that throws: the refold from the log meets it and reports it as it always did.
        return null;
      }
    });
  }

  /**
   * Past the capacity, the rows of the oldest folds (the dossiers first seen earliest) until half of it is left:
   * what the main thread's early refold takes once the page just folded is written (its marks are in the same
   * order, and it holds the same dossiers then, unless one side gave a dossier up), sent right after that page so
   * that the refold seldom waits; whatever else it takes it asks for.
   */
  handOverOldest(page: number): [string, DossierRow][] {
    if (!this.overCapacity) return [];
    const count = this.folds.size - foldsLeftAfterRefold(this.capacity);
    const ids: string[] = [];
    for (const id of this.folds.keys()) {
      if (ids.length === count) break;
      ids.push(id);
    }
    const rows = this.rows(ids, page);
    return ids.map((id, i) => [id, rows[i] as DossierRow]);
  }

  get size(): number {
    return this.folds.size;
  }

  get overCapacity(): boolean {
    return this.folds.size > this.capacity;
  }

  private giveUp(id: string): void {
    this.done.add(id);
    this.folds.delete(id);
    this.lastPage.delete(id);
  }
}
