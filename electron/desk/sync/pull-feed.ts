/**
 * Pull: the unit's delivery feed after the desk's cursor, page by page, in the compact page format (a server that
 * does not know it answers plain pages, which are read too). While one page is written, the next ones are asked for
 * as their answers arrive (sync/page-stream.ts), and are read and hash-checked in a worker (ctx.readPage:
 * sync/page-decoder.ts). Each page — its events,
 * the server sequence of events the desk already had, the marks of the dossiers to refold, and the new cursor — is
 * written in short transactions with turns of the event loop between them, the cursor in the last one
 * (PageWriter). When the feed is drained, the marked dossiers are refolded once each, in short chunks
 * (RefoldQueue); marks left by a desk stopped midway are refolded when it opens again. A new desk (empty log) also
 * folds the events in memory as it writes them, writes the rows from that, and refolds its oldest marks between
 * pages once it holds too many (pulled-folds.ts). A pull of more than one page has its write-ahead log
 * checkpointed by a worker meanwhile (db/background-checkpoint.ts).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { COMPACT_PULL_FORMAT, joinPageEnvelope, PAGE_ENVELOPE_HEADER } from '../../../shared/sync/compact-pull';
import { SYNC_LIMITS } from '../../../shared/sync/protocol';
import { appFailure } from '../../../shared/result';
import { PulledFolds, type PullFolds } from '../projections/pulled-folds';
import { BULK_REFOLD_MIN, RefoldQueue } from '../projections/refold-queue';
import type { BackgroundCheckpoint } from '../db/background-checkpoint';
import { PageWriter, PageWriteStopped, type PageWriterOptions } from './apply-page';
import type { WorkerFoldsHandle } from './page-decoder';
import { PageStream, type StreamedPage } from './page-stream';
import { PullPageRefused } from './pull-page';
import type { SyncContext } from './sync-context';
import { SyncNetworkError } from './transport';
import { WorkerFolds } from './worker-folds';

export interface PullOptions {
  /** First page size in events; it then adapts to how long pages take on this link. */
  initialLimit: number;
  /** Chunking of each page's write (tests set it to strike between chunks). */
  pageWriter?: Omit<PageWriterOptions, 'shouldStop' | 'folds'>;
  /** Backlog size from which the refold suspends the list indexes (RefoldQueue.drain). */
  bulkRefoldMin?: number;
  /** Dossiers a new desk's pull folds in memory before refolding the oldest early (pulled-folds.ts). */
  foldCapacity?: number;
  /** The count shown to the clerk, carried over from a pull the link cut off (default: a new count). */
  progress?: PullProgress;
}

export interface PullReport {
  pages: number;
  events: number;
  /** Document versions the server holds, from the last page. */
  catalogVersion: number;
  calendarVersion: number;
  /** The unit registry's version (undefined from a server that does not state it). */
  unitsVersion: number | undefined;
}

/** Pages that take longer than this on a slow link are halved, so a broken transfer wastes little. */
const SLOW_PAGE_MS = 8_000;
const FAST_PAGE_MS = 1_500;
const MIN_LIMIT = 50;
/**
 * `initialLimit` is sized for plain pages; a compact page of the same events is about a quarter of the bytes
 * (docs/decisions.md), so the first page asks for this many times more and a slow link spends fewer round trips.
 */
const COMPACT_PAGE_FACTOR = 4;

/**
 * The answer's page as one JSON text: a page the server stored compressed once comes with its envelope in a header
 * (shared/sync/compact-pull.ts), joined here (a copy of the page's bytes, about a millisecond for 5,000 events).
 */
function pageBytes(response: { body: ArrayBuffer; headers: Headers }): ArrayBuffer {
  const envelope = response.headers.get(PAGE_ENVELOPE_HEADER);
  if (envelope === null) return response.body;
  const joined = joinPageEnvelope(envelope, new Uint8Array(response.body));
  if (!joined) throw new PullPageRefused('unreadable', NOT_AN_ENVELOPE);
  return joined.buffer as ArrayBuffer;
}

const NOT_AN_ENVELOPE = 'page envelope header';
/** Stored pages in a row that could not be taken before the desk stops asking for them. */
const STORED_REFUSALS = 2;
/** How a stored page's events begin when they come without the envelope's header (compact-page-bytes.ts). */
const BARE_EVENTS = Buffer.from('{"devices":');

/**
 * Stops asking for stored pages (SyncContext.envelopeHeader) when they do not come through: at once when the link
 * dropped or changed the envelope's header (a proxy that passes only the headers it knows), and after
 * STORED_REFUSALS stored pages in a row that were refused (one stored wrong on the server would otherwise fail every
 * pull there for good; one cut short on a flaky link is pulled again as it was).
 */
function noteRefusedPage(ctx: SyncContext, stored: boolean, e: PullPageRefused, body: ArrayBuffer): void {
  const asked = ctx.envelopeHeader;
  if (!asked.ask) return;
  const headerLost = !stored && BARE_EVENTS.equals(Buffer.from(body, 0, Math.min(body.byteLength, BARE_EVENTS.length)));
  if (stored) asked.refused += 1;
  if (headerLost || e.detail === NOT_AN_ENVELOPE || asked.refused >= STORED_REFUSALS) {
    asked.ask = false;
    ctx.log('sync: stored pull pages did not come through; whole pages are asked for from now on');
  }
}

async function fetchPage(
  ctx: SyncContext,
  cursor: number,
  epoch: string | null,
  limit: number,
  countRemaining = false,
  folds?: WorkerFoldsHandle,
): Promise<StreamedPage> {
  const includeOwn = ctx.meta.includeOwn;
  const response = await ctx.transport.requestBytes({
    method: 'POST',
    path: 'v1/pull',
    credentials: ctx.credentials,
    json: {
      cursor,
      limit,
      epoch,
      format: COMPACT_PULL_FORMAT,
      ...(ctx.envelopeHeader.ask ? { envelopeHeader: true } : {}),
      ...(includeOwn ? { includeOwn: true } : {}),
      ...(countRemaining ? { countRemaining: true } : {}),
    },
  });
  const stored = response.headers.has(PAGE_ENVELOPE_HEADER);
  try {
    // The pull's first page (the one that counts what remains) may be read before the page worker has loaded.
    const page = await ctx.readPage(pageBytes(response), countRemaining, folds);
    if (stored) ctx.envelopeHeader.refused = 0;
    return { ...page, elapsedMs: response.elapsedMs };
  } catch (e) {
    if (!(e instanceof PullPageRefused)) throw e;
    noteRefusedPage(ctx, stored, e, response.body);
    // Not a pull answer (a proxy's page, a body cut short): as good as no answer.
    if (e.kind === 'unreadable') throw new SyncNetworkError('bad_response');
    // A page that fails its hash check: nothing of it is written. The detail names only positions in the page or
    // event ids, never contents.
    throw appFailure(
      'event_hash_mismatch',
      'Dữ liệu nhận được từ máy chủ bị sai mã băm; không có gì được ghi. Máy sẽ thử lại.',
      `A page from the server fails its hash check (${e.detail}); nothing of it was written. It will be retried.`,
    );
  }
}

/**
 * What the clerk's progress bar shows: events received in this pull out of those the feed held when it began (the
 * first page's `remaining`). Without that count (an older server), or once the feed grew past it, the total is
 * only one page ahead, as before.
 */
export class PullProgress {
  private received = 0;
  private expected: number | undefined;

  after(page: Pick<StreamedPage, 'events' | 'hasMore' | 'remaining'>, nextLimit: number): [done: number, total: number] {
    this.received += page.events.length;
    if (page.remaining !== undefined) this.expected = this.received + page.remaining;
    if (!page.hasMore) return [this.received, this.received];
    // A page that ends exactly at the feed's end is full, so it says there may be more: the bar stays at the
    // count instead of dropping back to one page ahead until the (empty) last page confirms it.
    if (this.expected !== undefined && this.expected >= this.received) return [this.received, this.expected];
    return [this.received, this.received + nextLimit];
  }
}

/** A page's size after one that took `page.elapsedMs`: halved on a slow link, doubled on a fast one. */
function nextPageLimit(page: StreamedPage, limit: number): number {
  const ceiling = page.compact ? SYNC_LIMITS.maxCompactPullLimit : SYNC_LIMITS.maxPullLimit;
  const next = page.elapsedMs > SLOW_PAGE_MS ? Math.max(MIN_LIMIT, Math.floor(limit / 2)) : page.elapsedMs < FAST_PAGE_MS ? limit * 2 : limit;
  return Math.min(ceiling, next);
}

export async function pullFeed(ctx: SyncContext, options: PullOptions): Promise<PullReport> {
  const report: PullReport = { pages: 0, events: 0, catalogVersion: 0, calendarVersion: 0, unitsVersion: undefined };
  // A new desk folds what it pulls as it goes, and writes the rows from that (pulled-folds.ts): in the page worker
  // when pages are read there (worker-folds.ts), or else here.
  const folds: PullFolds | null = PulledFolds.logIsEmpty(ctx.desk.db)
    ? (ctx.foldInWorker?.(options.foldCapacity) ?? new PulledFolds(options.foldCapacity))
    : null;
  const inWorker = folds instanceof WorkerFolds ? folds.handle : undefined;
  const bulkMin = options.bulkRefoldMin ?? BULK_REFOLD_MIN;
  const refold = new RefoldQueue(ctx.desk.db, ctx.desk.projector, folds);
  const writer = new PageWriter(ctx.desk.db, ctx.meta, refold, {
    shouldStop: ctx.stopping,
    folds,
    ...options.pageWriter,
  });
  // The first request must also suit a server that does not know the compact format (it refuses a limit above
  // the plain maximum); once a page shows the server speaks it, compact page sizes are used.
  const pages = new PageStream(
    {
      fetch: ({ cursor, epoch, limit, first }) => fetchPage(ctx, cursor, epoch, limit, first, inWorker),
      nextLimit: nextPageLimit,
    },
    {
      cursor: ctx.meta.cursor,
      epoch: ctx.meta.epoch,
      limit: Math.min(Math.max(options.initialLimit * COMPACT_PAGE_FACTOR, MIN_LIMIT), SYNC_LIMITS.maxPullLimit),
    },
  );
  const progress = options.progress ?? new PullProgress();
  let checkpointer: BackgroundCheckpoint | null = null;
  try {
    for (let next = pages.take(); next; next = pages.take()) {
      const page = await next;
      // A page read ahead is not written once the client is stopping: it is pulled again next time.
      if (ctx.stopping()) throw new PageWriteStopped();
      ctx.observe({ epoch: page.epoch, serverTime: page.serverTime, elapsedMs: page.elapsedMs });
      // More than a page to write: the log is checkpointed off the main thread meanwhile (db/background-checkpoint).
      if (page.hasMore && !checkpointer) checkpointer = ctx.desk.checkpointInBackground(ctx.log);
      // A turn of the event loop lets a request just asked for leave before the (synchronous) write below.
      if (page.hasMore) await nextTurn();
      folds?.pageStarting?.(page);
      report.events += await writer.write(page.events, page);
      folds?.pageWritten?.(page);
      await refold.refoldAhead({ shouldStop: ctx.stopping, bulkMin });
      report.pages += 1;
      report.catalogVersion = page.catalogVersion;
      report.calendarVersion = page.calendarVersion;
      report.unitsVersion = page.unitsVersion;
      ctx.progress(...progress.after(page, pages.limit));
    }
  } finally {
    pages.close();
    // Also when a later page fails (the link dropped): the dossiers of the pages already written show at once,
    // not only after the link returns.
    try {
      await refold.drain({ shouldStop: ctx.stopping, bulkMin });
    } finally {
      folds?.end?.();
      await checkpointer?.stop();
      // Once per pull, when its rows are written (also when a later page failed): the lists on screen read again.
      if (refold.rowsWritten > 0) ctx.desk.notifications.dossiersChanged();
    }
  }
  return report;
}
