/**
 * The main thread's side of a pull folded in the page worker (sync/page-folds.ts). It keeps only what it needs to
 * hand each dossier over safely: which dossiers the pull stored events of (their count bounds the worker's memory,
 * as PULLED_FOLDS_CAPACITY bounds the main thread's folds), which ones met an event the desk already held, and the
 * last page written whole. The worker sends the rows of its oldest folds after the page that took them past the
 * capacity (`pageStarting`): the early refold after that page takes them, and asks for any others (`prepare`);
 * the final refold asks for all that are left, ahead (`prefetch`).
 *
 * Anything that could make a row from the worker differ from a fold of the log gives the worker's folds up for the
 * rest of the pull (`abandon`), and every dossier is then read back: a chunk or refold that failed, a page the
 * worker did not fold (the worker died, or a page was read on the main thread), the worker gone or failing to
 * answer, or the procedure catalog changed since the pull began (the rows carry procedure names).
 */
import type { DossierEvent } from '../../../shared/domain/events';
import type { HeldFold, PullFolds } from '../projections/pulled-folds';
import { PULLED_FOLDS_CAPACITY } from '../projections/pulled-folds';
import type { DossierRow } from '../projections/dossier-row';
import type { FoldedRow } from './page-folds';
import type { PageDecoder, WorkerFoldsHandle } from './page-decoder';

const HERE = Promise.resolve();

/** Dossiers per request for rows: an answer is a few hundred kB, taken by the main thread in a few ms. */
const ROWS_PER_REQUEST = 500;

interface Asked {
  /** The worker's answer: `rows` set once it came. */
  answer: Promise<void>;
  /** The rows hold the events of the pages up to this one (a page's `foldedAs`). */
  asOf: number;
  row?: FoldedRow;
}

export class WorkerFolds implements PullFolds {
  /** Dossiers whose events this pull stored and that are not handed over yet. */
  private readonly held = new Set<string>();
  private readonly spoiled = new Set<string>();
  /** Rows asked for and not used yet. */
  private readonly asked = new Map<string, Asked>();
  /** Asked for, then given an event of a later page: the row misses it, so the dossier is read back. */
  private readonly stale = new Set<string>();
  /** The page being written and the last one written whole (their numbers in the worker); none yet. */
  private writing = -1;
  private written = -1;
  private abandoned = false;
  private ended = false;
  /** The rows the worker hands over after the page being written, until they are here. */
  private handing: Promise<void> = HERE;

  constructor(
    private readonly decoder: Pick<PageDecoder, 'foldedRows' | 'endFolds'>,
    readonly handle: WorkerFoldsHandle,
    /** Whether the procedure catalog changed since the pull began. */
    private readonly catalogChanged: () => boolean,
    /** As the worker was told (PageDecoder.beginFolds). */
    readonly capacity = PULLED_FOLDS_CAPACITY,
  ) {}

  stage(event: DossierEvent): void {
    const id = event.dossierId;
    if (this.abandoned || this.spoiled.has(id)) return;
    this.held.add(id);
    const asked = this.asked.get(id);
    if (asked !== undefined && asked.asOf < this.writing) this.stale.add(id);
  }

  /** For good: a row the worker gave or gives for it later is not used (the worker goes on folding it). */
  spoil(dossierId: string): void {
    this.spoiled.add(dossierId);
    this.held.delete(dossierId);
    this.asked.delete(dossierId);
    this.stale.delete(dossierId);
  }

  chunkCommitted(): void {
    // The worker folded the page as it read it: what it may hand over is decided by the pages written whole.
  }

  pageStarting(page: { foldedAs?: number; handed?: Promise<readonly [string, DossierRow][]> }): void {
    const asOf = page.foldedAs;
    if (asOf === undefined) {
      this.abandon();
      return;
    }
    this.writing = asOf;
    if (this.abandoned || !page.handed) return;
    // Taken only while the page is the one being written or just written: once a later page has begun, events of it
    // may already have been stored for these dossiers unseen (stage), so they are read back instead.
    this.handing = page.handed.then(
      (rows) => {
        if (this.abandoned || this.writing !== asOf) return;
        for (const [id, row] of rows)
          if (!this.asked.has(id) && !this.spoiled.has(id)) this.asked.set(id, { answer: HERE, asOf, row });
      },
      () => this.abandon(),
    );
  }

  pageWritten(page: { foldedAs?: number }): void {
    if (page.foldedAs === undefined) this.abandon();
    else this.written = page.foldedAs;
  }

  /** Nothing the worker folded is used any more, and it drops its folds (it goes on reading the pages). */
  abandon(): void {
    this.abandoned = true;
    this.held.clear();
    this.asked.clear();
    this.stale.clear();
    this.endInWorker();
  }

  /**
   * Asks the worker for these dossiers' rows ahead of their refold, so that the refold does not wait for them
   * (the worker answers after the pages it is reading), as of the pages written whole; a dossier that gets an event
   * of a later page before its refold (`stale`) is read back instead.
   */
  prefetch(dossierIds: readonly string[]): void {
    const asOf = this.written;
    if (this.abandoned) return;
    if (this.catalogChanged()) {
      this.abandon();
      return;
    }
    const wanted = dossierIds.filter((id) => this.held.has(id) && !this.asked.has(id));
    for (let from = 0; from < wanted.length; from += ROWS_PER_REQUEST) {
      const ids = wanted.slice(from, from + ROWS_PER_REQUEST);
      const entries = ids.map((): Asked => ({ answer: HERE, asOf }));
      const answer = this.decoder.foldedRows(this.handle, ids, asOf).then(
        (rows) => rows.forEach((row, i) => (entries[i]!.row = row)),
        () => this.abandon(),
      );
      ids.forEach((id, i) => {
        entries[i]!.answer = answer;
        this.asked.set(id, entries[i]!);
      });
    }
  }

  /** Before a refold chunk: its rows asked for if they were not, and their answers waited for. */
  async prepare(dossierIds: readonly string[]): Promise<void> {
    await this.handing;
    this.prefetch(dossierIds);
    await Promise.all(new Set(dossierIds.map((id) => this.asked.get(id)?.answer).filter((a) => a !== undefined)));
  }

  handOver(dossierId: string): HeldFold | 'later' | undefined {
    // The rows carry procedure names: built with the catalog the pull began with.
    if (!this.abandoned && this.catalogChanged()) this.abandon();
    if (this.abandoned || this.spoiled.has(dossierId)) return undefined;
    const asked = this.asked.get(dossierId);
    this.asked.delete(dossierId);
    const stale = this.stale.delete(dossierId);
    const row = asked?.row;
    if (row === 'later') return 'later';
    // Read back: not asked for, its answer not here, a page it holds not written whole, or stale. Whatever the
    // worker still holds of it is not used.
    this.held.delete(dossierId);
    if (row === undefined || row === null || stale || asked!.asOf > this.written) return undefined;
    return { row };
  }

  end(): void {
    this.abandon();
  }

  private endInWorker(): void {
    if (this.ended) return;
    this.ended = true;
    this.decoder.endFolds(this.handle);
  }

  get size(): number {
    return this.held.size;
  }
}
