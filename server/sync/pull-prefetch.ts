/**
 * The next page of a desk's catch-up, read ahead. A desk that has just been sent a full page (more to come) asks
 * for the page after it as soon as it has that one; the server reads and encodes it meanwhile, so the request
 * finds it ready. Measured on a first pull of 52,772 dossiers on one two-core machine: the server took about
 * 110 ms to build, encode and compress each 5,000-event page after its request arrived, the desk about 90 ms to
 * write one, and the desk spent about a quarter of the pull waiting for the next page.
 *
 * What is kept is only the part of the answer that cannot change: the events after a cursor, when the page was
 * full. Deliveries are appended with rising sequence numbers, so the first `limit` of them after a cursor stay the
 * same once there are more than that; a page that was not full (the feed's end) is never kept. The answer's
 * envelope (server time, versions, epoch) is written when the request comes. A desk that asks for more events than
 * were read ahead gets the page read ahead (a page may hold fewer events than asked; the desk follows `hasMore`);
 * one that asks for fewer (a slow link halving its pages) gets a page read for it. At most one page per device is
 * kept, for a short time, and only for a bounded number of devices.
 */
import { performance } from 'node:perf_hooks';
import type { ServerStorage } from '../storage/contract';
import { encodeCompactPageBytes } from './compact-page-bytes';

/** A compact page's events as UTF-8 JSON (`{"devices":…,"events":[…]}`), with where the page ends. */
export interface EncodedPage {
  eventsJson: Buffer;
  nextCursor: number;
  hasMore: boolean;
}

interface ReadAhead {
  unitCode: string;
  epoch: string;
  cursor: number;
  limit: number;
  at: number;
  page: Promise<EncodedPage | null>;
}

/** A page read ahead and not asked for within this time is dropped (the desk stopped or lost its link). */
const MAX_AGE_MS = 60_000;
/** Devices whose next page may be held at once (each about 2 MB at 5,000 events). */
const MAX_DEVICES = 32;

/** Reads the page of the unit's feed after `cursor`, leaving out the events of `excludeDeviceId`, encoded. */
export async function encodedPage(
  storage: ServerStorage,
  unitCode: string,
  excludeDeviceId: string | null,
  cursor: number,
  limit: number,
  upTo?: number,
): Promise<EncodedPage> {
  const page = await storage.pullStored(unitCode, excludeDeviceId, cursor, limit, upTo);
  return {
    eventsJson: encodeCompactPageBytes(page.lines),
    nextCursor: page.nextCursor,
    hasMore: page.hasMore,
  };
}

export class PullPrefetch {
  /** By device id. */
  private readonly pages = new Map<string, ReadAhead>();

  constructor(
    private readonly storage: ServerStorage,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How many devices' pages are held. */
  get held(): number {
    return this.pages.size;
  }

  /** The page read ahead for exactly this request, if any (each is used once); null when there is none. */
  async take(deviceId: string, unitCode: string, epoch: string, cursor: number, limit: number): Promise<EncodedPage | null> {
    const ahead = this.pages.get(deviceId);
    if (!ahead) return null;
    this.pages.delete(deviceId);
    const fits =
      ahead.unitCode === unitCode &&
      ahead.epoch === epoch &&
      ahead.cursor === cursor &&
      ahead.limit <= limit &&
      this.now() - ahead.at <= MAX_AGE_MS;
    return fits ? ahead.page : null;
  }

  /**
   * Starts reading the device's page after `cursor` (the end of the full page it is being sent), after the
   * current answer has gone out. Replaces what was read ahead for the device before. When pages are already held
   * for as many devices as allowed, none is read ahead (the desk's page is read when it asks): evicting one held
   * for another desk mid-pull would throw away a read that desk is about to ask for.
   */
  readAhead(deviceId: string, unitCode: string, epoch: string, cursor: number, limit: number, upTo?: number): void {
    this.pages.delete(deviceId);
    for (const [id, ahead] of this.pages) if (this.now() - ahead.at > MAX_AGE_MS) this.pages.delete(id);
    if (this.pages.size >= MAX_DEVICES) return;
    const page = new Promise<EncodedPage | null>((resolve) => {
      // After the turn in which the current answer is written to its socket.
      setImmediate(() => {
        encodedPage(this.storage, unitCode, deviceId, cursor, limit, upTo).then(
          // Only a page with more after it (full, or ended at a segment) stays true; the feed's end is read when asked.
          (read) => resolve(read.hasMore ? read : null),
          // A failed read is not an answer: the request reads the page itself and meets the failure there.
          () => resolve(null),
        );
      });
    });
    const entry = { unitCode, epoch, cursor, limit, at: this.now(), page };
    this.pages.set(deviceId, entry);
    // Let go of a page not asked for in time (the desk stopped or lost its link) even if no other desk pulls.
    setTimeout(() => {
      if (this.pages.get(deviceId) === entry) this.pages.delete(deviceId);
    }, MAX_AGE_MS).unref();
  }
}
