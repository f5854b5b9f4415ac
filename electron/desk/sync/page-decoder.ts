/**
 * Reads and checks pull answers (sync/pull-page.ts) in a worker thread, so that the main thread only writes.
 * Measured on a first pull (52,772 dossiers, pages of 5,000 events): reading the JSON, rebuilding the compact
 * events and checking their hashes took the main thread about 100 ms per page, a quarter of its work; taking the
 * packed page from the worker takes it about 30 ms.
 *
 * One worker per process, started on first use (or by `warm`), kept referenced only while a page is with it. A pull's
 * first page that comes before the worker has loaded is read on the main thread, which has nothing to do but wait
 * for it: from the sources a worker takes about half a second to load, a first pull's first page 100–250 ms to
 * read. Later pages wait for the worker: meanwhile the main thread writes the page before, and reading them there
 * too held it up to 320 ms at a time (the third page, 4,000 events, of a first pull). Reading
 * a page needs nothing but the page, so nothing depends on the worker: a page whose worker died, failed on it or
 * kept it past PAGE_DEADLINE_MS is read on the main thread, and the next page starts a new worker. A worker that
 * never got ready (its file missing or refused where the app is installed), or that ended MAX_DEATHS times, is not
 * started again: the reason is logged once, and every page is read on the main thread, as before.
 *
 * A new desk's first pull also has its pages folded in the worker and the dossier rows built there
 * (sync/page-folds.ts, sync/worker-folds.ts): bound to one worker, and given up when it goes away, the pull then
 * reading its dossiers back from the log. The worker is referenced while a page or rows are on their way.
 */
import type { Worker } from 'node:worker_threads';
import type { Procedure } from '../../../shared/domain/procedure';
import {
  packPage,
  unpackPage,
  type FoldsAnswer,
  type FoldsMessage,
  type HandedRows,
  type PageAnswer,
  type PageRequest,
} from './packed-page';
import type { FoldedRow } from './page-folds';
import { PullPageRefused, readPullPage, type PulledPage } from './pull-page';
import { startRequestWorker } from './request-worker';

export interface PageDecoderOptions {
  /** The worker's file and data (tests give a missing one); default: the bundled worker or the sources'. */
  worker?: { url: URL; data?: unknown };
  /** Told once, when pages are read on the main thread from then on. */
  log?: (line: string) => void;
  /** How long a page may stay with the worker (default PAGE_DEADLINE_MS). */
  deadlineMs?: number;
}

/** A 5,000-event page takes the worker about 100 ms; one it keeps this long, it is not going to give back. */
export const PAGE_DEADLINE_MS = 30_000;
/** Workers that died after starting, before pages are read on the main thread for good. */
const MAX_DEATHS = 3;
/**
 * The page worker's young generation: semi-spaces of up to 32 MB instead of V8's 16. A page's objects (its parsed
 * JSON, the rebuilt events, their texts) live for the 100–150 ms the page takes, across several scavenges of the
 * default size, so many were copied into the old generation only to die there, work for the major GC's marking
 * threads on the same two cores. In three alternating pairs of first pulls (52,772 dossiers) the desk used about a
 * second less CPU with it (docs/decisions.md, session 22). V8 grows the space only while that many objects survive
 * (a pull): at most 32 MB more memory under Node here (Electron's V8 may size its default otherwise; not run there).
 */
const PAGE_WORKER_YOUNG_MB = 96;

interface Pending {
  bytes: ArrayBuffer;
  resolve(page: PulledPage): void;
  reject(error: Error): void;
  deadline: NodeJS.Timeout;
  /** Folded in the worker: unpacked without its payloads. */
  folded: boolean;
}

/**
 * A pull whose pages the worker folds (sync/page-folds.ts, sync/worker-folds.ts): bound to the worker it began in.
 * Once that worker is gone (died, kept a page too long), its folds are gone with it: asking for rows then fails
 * with FoldsLost, a page comes without `foldedAs`, and the pull reads its dossiers back from the log.
 */
export interface WorkerFoldsHandle {
  readonly folds: number;
  readonly worker: Worker;
}

/** The worker that held a pull's folds is gone, or failed to give its rows. */
export class FoldsLost extends Error {
  constructor() {
    super("the page worker holding the pull's folds is gone");
  }
}

/** Rows on their way from the worker: asked for (FoldedRow[]) or following a page (HandedRows). */
interface PendingRows<Rows> {
  resolve(rows: Rows): void;
  reject(error: Error): void;
  deadline: NodeJS.Timeout;
}

/** The version's text in the app's bundle (build/bundle-shell.mjs); undefined when running from the sources. */
declare const MOTCUA_BUNDLED_VERSION: string | undefined;

/**
 * The bundled worker beside the app's main bundle; from the sources (tsx: npm start, tests, benchmarks) a starter
 * that registers the TypeScript loader in the worker first. The bundler drops the branch it does not take.
 */
function defaultWorker(): { url: URL; data?: unknown } {
  if (typeof MOTCUA_BUNDLED_VERSION === 'string')
    return { url: new URL('./page-worker.js', import.meta.url) };
  return {
    url: new URL('./page-worker-source.mjs', import.meta.url),
    data: { entry: new URL('./page-worker.ts', import.meta.url).href },
  };
}

export class PageDecoder {
  private worker: Worker | null = null;
  /** The current worker has loaded (it posted READY). */
  private workerReady = false;
  /** Told whether pages will be read in a worker, once it has loaded or none can (`ready`). */
  private readyWaiters: ((inWorker: boolean) => void)[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly pendingRows = new Map<number, PendingRows<FoldedRow[]>>();
  /** Rows a folded page said would follow it, by the page's number. */
  private readonly pendingHanded = new Map<number, PendingRows<HandedRows['handed']>>();
  private deaths = 0;
  private mainThreadOnly = false;
  /** Pages read so far, by where (tests check that the worker did the reading). */
  readonly read = { inWorker: 0, onMainThread: 0 };

  constructor(private readonly options: PageDecoderOptions = {}) {}

  /** Starts the worker ahead of the first page (its start, from the sources, takes a few hundred ms). */
  warm(): void {
    if (!this.mainThreadOnly) this.running();
  }

  /** Starts the worker if needed; true once it has loaded, false if it ends first or none can start. */
  ready(): Promise<boolean> {
    if (this.mainThreadOnly) return Promise.resolve(false);
    const worker = this.running();
    if (this.workerReady) return Promise.resolve(true);
    // Referenced while someone waits for it, as while it holds a page.
    worker.ref();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * The page read and checked; rejects with PullPageRefused as readPullPage throws. `first`: a pull's first page,
   * read on the main thread if the worker has not loaded yet.
   */
  decode(bytes: ArrayBuffer, first = false, folds?: WorkerFoldsHandle): Promise<PulledPage> {
    if (this.mainThreadOnly) return this.here(bytes);
    const worker = this.running();
    if (first && !this.workerReady) return this.here(bytes, folds);
    const id = this.nextId++;
    const folded = folds !== undefined && folds.worker === worker;
    return new Promise<PulledPage>((resolve, reject) => {
      const deadline = setTimeout(
        () => this.overdue(worker, id),
        this.options.deadlineMs ?? PAGE_DEADLINE_MS,
      );
      deadline.unref();
      this.pending.set(id, { bytes, resolve, reject, deadline, folded });
      worker.ref();
      // Copied, not transferred: the main thread keeps the bytes in case the worker goes away.
      worker.postMessage({ id, bytes, ...(folded ? { folds: folds.folds } : {}) } satisfies PageRequest);
    });
  }

  /**
   * Has the current worker fold a pull's pages (sync/page-folds.ts) with this catalog; null when pages are read on
   * the main thread. The first page may still be read here: it is then sent to the worker to be folded.
   */
  beginFolds(procedures: Procedure[], capacity: number): WorkerFoldsHandle | null {
    if (this.mainThreadOnly) return null;
    const worker = this.running();
    const handle = { folds: this.nextId++, worker };
    this.post(handle, { kind: 'folds-begin', folds: handle.folds, procedures, capacity });
    return handle;
  }

  /** The rows of these dossiers as of the pages written up to `written` (a page's `foldedAs`); rejects with FoldsLost. */
  foldedRows(handle: WorkerFoldsHandle, ids: string[], written: number): Promise<FoldedRow[]> {
    if (handle.worker !== this.worker) return Promise.reject(new FoldsLost());
    const id = this.nextId++;
    const rows = this.awaitRows(this.pendingRows, handle.worker, id);
    this.post(handle, { kind: 'folds-rows', folds: handle.folds, id, ids, written });
    return rows;
  }

  /** The pull is over: its folds are dropped. */
  endFolds(handle: WorkerFoldsHandle): void {
    if (handle.worker === this.worker) this.post(handle, { kind: 'folds-end', folds: handle.folds });
  }

  private post(handle: WorkerFoldsHandle, message: FoldsMessage): void {
    handle.worker.postMessage(message);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.readPendingHere();
    for (const resolve of this.readyWaiters.splice(0)) resolve(false);
    await worker?.terminate();
  }

  /**
   * Reads a page on the main thread. A pull's first page read here while its worker loads is sent to that worker to
   * be folded, before any later page is (messages reach a worker in the order posted).
   */
  private here(bytes: ArrayBuffer, folds?: WorkerFoldsHandle): Promise<PulledPage> {
    this.read.onMainThread += 1;
    return new Promise((resolve) => {
      const page = readPullPage(bytes);
      if (folds && folds.worker === this.worker) {
        const foldedAs = this.nextId++;
        this.post(folds, { kind: 'folds-page', folds: folds.folds, page: foldedAs, packed: packPage(page) });
        resolve({ ...page, foldedAs });
      } else resolve(page);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const { url, data } = this.options.worker ?? defaultWorker();
    const events = {
      ready: () => {
        if (this.worker !== worker) return;
        this.workerReady = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve(true);
        this.unrefWhenIdle();
      },
      answer: (answer: PageAnswer) => this.answered(answer),
      gone: (started: boolean, error?: Error) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.retire(started ? null : `could not start (${error?.name ?? 'it ended'})`);
      },
    };
    const worker = startRequestWorker<PageAnswer>(url, data, events, { maxYoungGenerationSizeMb: PAGE_WORKER_YOUNG_MB });
    this.worker = worker;
    this.workerReady = false;
    return worker;
  }

  /**
   * A page (or a pull's rows) the worker kept too long: read here (the rows read back from the log), and that
   * worker ended (a new one takes the next page).
   */
  private overdue(worker: Worker, id: number): void {
    if (!(this.pending.has(id) || this.pendingRows.has(id) || this.pendingHanded.has(id)) || this.worker !== worker)
      return;
    this.worker = null;
    void worker.terminate();
    this.retire(null);
  }

  /**
   * The current worker is gone: its pages are read here. `cannotStart` names why none can start here; otherwise
   * it died, and after MAX_DEATHS deaths no more are started either.
   */
  private retire(cannotStart: string | null): void {
    if (cannotStart === null) this.deaths += 1;
    const why = cannotStart ?? (this.deaths >= MAX_DEATHS ? `ended ${this.deaths} times` : null);
    if (why !== null && !this.mainThreadOnly) {
      this.mainThreadOnly = true;
      this.options.log?.(`sync: the page worker ${why}; pages are read on the main thread`);
    }
    for (const resolve of this.readyWaiters.splice(0)) resolve(false);
    this.readPendingHere();
  }

  private answered(answer: PageAnswer | FoldsAnswer | HandedRows): void {
    if ('handed' in answer) {
      this.rowsCame(this.pendingHanded, answer.id)?.resolve(answer.handed);
      return;
    }
    if (!('page' in answer || 'refused' in answer || 'failed' in answer)) {
      this.answeredRows(answer);
      return;
    }
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.settle(answer.id, waiting);
    if ('failed' in answer) {
      this.here(waiting.bytes).then(waiting.resolve, waiting.reject);
      return;
    }
    this.read.inWorker += 1;
    if ('page' in answer)
      waiting.resolve(
        waiting.folded
          ? { ...unpackPage(answer.page, false), foldedAs: answer.id, handed: answer.handing && this.handedAfter(answer.id) }
          : unpackPage(answer.page),
      );
    else waiting.reject(new PullPageRefused(answer.refused.kind, answer.refused.detail));
  }

  /**
   * The rows the worker sends after the page `id` (they come next, or not at all if it goes away: then this rejects,
   * and a worker that keeps them as long as a page is ended). Nothing may be waiting for them: a page read ahead and
   * never written.
   */
  private handedAfter(id: number): Promise<HandedRows['handed']> {
    if (!this.worker) return Promise.reject(new FoldsLost());
    const handed = this.awaitRows(this.pendingHanded, this.worker, id);
    handed.catch(() => undefined);
    return handed;
  }

  /**
   * Rows the worker is to send under `id`, waited for as long as a page: a worker that does not send them is ended,
   * and they are read back from the log. The worker is referenced meanwhile.
   */
  private awaitRows<Rows>(waiting: Map<number, PendingRows<Rows>>, worker: Worker, id: number): Promise<Rows> {
    return new Promise<Rows>((resolve, reject) => {
      const deadline = setTimeout(() => this.overdue(worker, id), this.options.deadlineMs ?? PAGE_DEADLINE_MS);
      deadline.unref();
      waiting.set(id, { resolve, reject, deadline });
      worker.ref();
    });
  }

  /** Rows that came under `id`, no longer waited for; undefined if nothing waits for them (given up meanwhile). */
  private rowsCame<Rows>(waiting: Map<number, PendingRows<Rows>>, id: number): PendingRows<Rows> | undefined {
    const rows = waiting.get(id);
    if (!rows) return undefined;
    waiting.delete(id);
    clearTimeout(rows.deadline);
    this.unrefWhenIdle();
    return rows;
  }

  private answeredRows(answer: FoldsAnswer): void {
    const waiting = this.rowsCame(this.pendingRows, answer.id);
    if (answer.rows) waiting?.resolve(answer.rows);
    else waiting?.reject(new FoldsLost());
  }

  private settle(id: number, waiting: Pending): void {
    clearTimeout(waiting.deadline);
    this.pending.delete(id);
    this.unrefWhenIdle();
  }

  private unrefWhenIdle(): void {
    if (this.pending.size === 0 && this.pendingRows.size === 0 && this.pendingHanded.size === 0) this.worker?.unref();
  }

  private readPendingHere(): void {
    // Rows asked of a worker now gone will not come: their pull reads its dossiers back.
    for (const [id, handed] of [...this.pendingHanded]) {
      this.pendingHanded.delete(id);
      clearTimeout(handed.deadline);
      handed.reject(new FoldsLost());
    }
    for (const [id, rows] of [...this.pendingRows]) {
      this.pendingRows.delete(id);
      clearTimeout(rows.deadline);
      rows.reject(new FoldsLost());
    }
    for (const [id, p] of [...this.pending]) {
      this.settle(id, p);
      this.here(p.bytes).then(p.resolve, p.reject);
    }
  }
}

/** The process's shared instance: the sync client's default (the first client's log is told). */
let shared: PageDecoder | null = null;

export function sharedPageDecoder(log?: (line: string) => void): PageDecoder {
  shared ??= new PageDecoder({ log });
  return shared;
}
