/**
 * A unit's settled pull pages, compressed once. Deliveries are numbered in commit order and never change, so the
 * first SEGMENT_EVENTS deliveries after a point of a unit's feed stay the same page for ever once there are that
 * many. Such a stretch is read, encoded as a compact page's events and brotli-compressed once, when it fills (after
 * the push that filled it) or when the server starts, and kept in `feed_segments`. A desk catching up (a new desk's
 * first pull, every desk after a server restore) is then sent the stored bytes: the server reads no events and
 * compresses nothing per request. Measured on a first pull of 52,772 dossiers on a two-core machine, the server's
 * per-page reading, encoding and compression took about a fifth of the pull's wall time, competing with the desk for
 * the cores (docs/decisions.md, "The first pull: settled pages compressed once").
 *
 * Built one at a time in the background (the compression in libuv's thread pool), never inside a request: a pull
 * that finds no segment reads its page as before. A segment holds every device's events: a desk is sent one that
 * holds none of its own, or any when it asks for its own too (a desk restored from its backup, every desk after a
 * server restore).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { COMPACT_PULL_FORMAT } from '../../shared/sync/compact-pull';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import type { ServerStorage } from '../storage/contract';
import { encodeCompactPageBytes } from './compact-page-bytes';

const brotli = promisify(brotliCompress);

/**
 * How a segment's bytes were written: the page format and the version of the encoder's output
 * (compact-page-bytes.ts). Raise the version when that output changes: stored segments of another are not sent,
 * and the server drops and rebuilds them when it starts, so a fixed encoder reaches what was stored before.
 */
export const SEGMENT_FORMAT = `${COMPACT_PULL_FORMAT}/bytes-1`;

/** A segment's deliveries: the largest compact page a desk asks for, so a desk on a fast link takes it whole. */
export const SEGMENT_EVENTS = SYNC_LIMITS.maxCompactPullLimit;

/**
 * Compressed once and sent to every desk of the unit, so a higher quality than a page compressed per request
 * (quality 5) pays: fewer bytes for each desk on a 2G link, for compression time spent once in the background.
 */
const SEGMENT_BROTLI = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 22 };

export interface FeedSegmenterOptions {
  /** Deliveries per segment (tests use fewer); at most the compact page limit. */
  segmentEvents?: number;
  /** The time written as the segment's build time (the server's clock, Vietnam time). */
  now: () => string;
  onError?: (e: unknown) => void;
}

export class FeedSegmenter {
  private readonly segmentEvents: number;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /**
   * Deliveries up to this one were looked at by an earlier run: a run looks only at the units delivered to since
   * (a push nudges it; a province server has hundreds of units). Null before the first run, which looks at all.
   */
  private seen: number | null = null;

  constructor(
    private readonly storage: ServerStorage,
    private readonly options: FeedSegmenterOptions,
  ) {
    this.segmentEvents = Math.min(options.segmentEvents ?? SEGMENT_EVENTS, SYNC_LIMITS.maxCompactPullLimit);
  }

  /** Builds what has filled since the last run, soon; at most one run at a time. Never throws. */
  nudge(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run();
    return this.running;
  }

  /** Stops after the segment being built (a server shutting down); resolves when nothing is being built. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        if (this.seen === null) await this.storage.dropFeedSegmentsNotOf(SEGMENT_FORMAT);
        // The newest first: a delivery committed after this read is looked at by the next run, never missed.
        const newest = await this.storage.newestDeliverySeq();
        const units =
          this.seen === null
            ? (await this.storage.listUnits()).map((u) => u.code)
            : await this.storage.unitsDeliveredBetween(this.seen, newest);
        for (const unitCode of units) {
          // Between segments the event loop takes the requests waiting (reading and encoding one holds it ~80 ms).
          while (!this.closed && (await this.buildNext(unitCode))) await nextTurn();
        }
        // Only once every unit was looked at to its end: a run stopped midway looks again next time.
        if (!this.closed) this.seen = newest;
      } catch (e) {
        this.options.onError?.(e);
      }
    } while (this.again && !this.closed);
    this.running = null;
  }

  /** Builds the unit's next segment if its deliveries are all there; false when there is none to build. */
  private async buildNext(unitCode: string): Promise<boolean> {
    const fromSeq = await this.storage.feedSegmentsEnd(unitCode);
    // Looked up in the unit's feed index first: most nudges (a push of a few events) find nothing to build.
    if ((await this.storage.deliveryAt(unitCode, fromSeq, this.segmentEvents)) === undefined) return false;
    // Every device's events: a segment is sent to desks that have none in it (its `devices`), or that ask for their own.
    const page = await this.storage.pullStored(unitCode, null, fromSeq, this.segmentEvents);
    const json = encodeCompactPageBytes(page.lines);
    const body = await brotli(json, { params: { ...SEGMENT_BROTLI, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
    await this.storage.putFeedSegment({
      unitCode,
      fromSeq,
      toSeq: page.nextCursor,
      events: page.count,
      devices: await this.storage.deliveredDevices(unitCode, fromSeq, page.nextCursor),
      format: SEGMENT_FORMAT,
      body,
      builtAt: this.options.now(),
    });
    return true;
  }
}
