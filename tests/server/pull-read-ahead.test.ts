/**
 * The next page of a desk's catch-up is read ahead while the desk handles the one it was sent
 * (server/sync/pull-prefetch.ts). What a desk must see is unchanged: exactly the feed, each event once and in
 * order, also when events are delivered meanwhile, when the feed's end was reached, and when the desk asks for
 * another place or fewer events than were read ahead.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactPullResponseSchema, decodeCompactEvents } from '../../shared/sync/compact-pull';
import type { StoredWireEvent } from '../../shared/sync/messages';
import { PullPrefetch } from '../../server/sync/pull-prefetch';
import type { ServerStorage } from '../../server/storage/contract';
import { DISTRICT, pushDossiers, seedUnits, sha256, SimDesk, startTestServer, type TestServer } from './support';

let server: TestServer;
/** Cursors the storage was asked to read from, in order (the read-ahead's and the requests' own). */
let reads: number[];
beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
  reads = [];
  const pullStored = server.storage.pullStored.bind(server.storage);
  server.storage.pullStored = (unitCode, exclude, cursor, limit) => {
    reads.push(cursor);
    return pullStored(unitCode, exclude, cursor, limit);
  };
});
afterEach(() => server.close());

interface Page {
  events: StoredWireEvent[];
  nextCursor: number;
  hasMore: boolean;
}

async function compactPage(reader: SimDesk, cursor: number, limit: number): Promise<Page> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/pull',
    headers: { ...reader.headers, 'accept-encoding': 'br' },
    payload: { cursor, epoch: reader.epoch, limit, format: 'compact-1' },
  });
  expect(res.statusCode).toBe(200);
  // A small page goes uncompressed.
  const bytes = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload) : res.rawPayload;
  const page = compactPullResponseSchema.parse(JSON.parse(bytes.toString('utf8')));
  return { events: decodeCompactEvents(page, sha256).map((d) => d.event), nextCursor: page.nextCursor, hasMore: page.hasMore };
}

/** What the storage itself holds for the reader from that cursor: the page a request would read. */
async function storedPage(reader: SimDesk, cursor: number, limit: number): Promise<StoredWireEvent[]> {
  const page = await server.storage.pull(DISTRICT, reader.deviceId, cursor, limit);
  return page.events;
}

/** Lets the server's read-ahead (started after an answer went out) run. */
const readAheadDone = () => sleep(50);

async function pullToEnd(reader: SimDesk, cursor: number, limit: number): Promise<{ ids: string[]; requests: number }> {
  const ids: string[] = [];
  let requests = 0;
  for (;;) {
    const page = await compactPage(reader, cursor, limit);
    requests += 1;
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor;
    if (!page.hasMore) return { ids, requests };
    await readAheadDone();
  }
}

describe('reading a desk’s next page ahead', () => {
  it('sends exactly the feed, page by page, each page read before the desk asks for it', async () => {
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 30);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);

    let cursor = 0;
    const received: string[] = [];
    for (let n = 0; ; n++) {
      const readsBefore = reads.length;
      const expected = await storedPage(reader, cursor, 8);
      reads.length = readsBefore; // that read was the test's own
      const page = await compactPage(reader, cursor, 8);
      expect(page.events).toEqual(expected);
      // The first page is read when asked, and so is the feed's end (a page that is not full is not kept); every
      // other page was read ahead, so its request read nothing.
      expect(reads.length - readsBefore).toBe(n === 0 || !page.hasMore ? 1 : 0);
      received.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
      if (!page.hasMore) break;
      await readAheadDone();
      expect(reads.at(-1)).toBe(cursor);
    }
    expect(received).toEqual(pushed.map((e) => e.id));
  });

  it('loses nothing delivered while the next page waits, and sends it once', async () => {
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const first = await pushDossiers(writer, 10);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    const page = await compactPage(reader, 0, 8);
    await readAheadDone();
    const later = await pushDossiers(writer, 5);
    const rest = await pullToEnd(reader, page.nextCursor, 8);
    expect([...page.events.map((e) => e.id), ...rest.ids]).toEqual([...first, ...later].map((e) => e.id));
  });

  it('does not keep the feed’s end: what is delivered after it comes with the next answer', async () => {
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    await pushDossiers(writer, 5); // 10 events: a full page of 8, then 2
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    const first = await compactPage(reader, 0, 8);
    expect(first.hasMore).toBe(true);
    await readAheadDone(); // reads the last 2 events: not a full page, so not kept
    await pushDossiers(writer, 3);
    const second = await compactPage(reader, first.nextCursor, 8);
    expect(second.events).toHaveLength(8);
    expect(second.hasMore).toBe(true);
  });

  it('answers a desk that asks for fewer events, or from elsewhere in the feed, with the page it asked for', async () => {
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    await pushDossiers(writer, 12);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    const first = await compactPage(reader, 0, 8);
    await readAheadDone();
    // A slow link halves its pages: the 8 events read ahead are more than asked.
    const smaller = await compactPage(reader, first.nextCursor, 3);
    expect(smaller.events).toEqual(await storedPage(reader, first.nextCursor, 3));
    await readAheadDone();
    // A desk killed before its cursor moved asks for the same page again.
    const again = await compactPage(reader, 0, 8);
    expect(again.events).toEqual(first.events);
  });

  it('takes a page read ahead for a smaller page than now asked (pages grow on a fast link)', async () => {
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 12);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    const first = await compactPage(reader, 0, 4);
    await readAheadDone();
    const readsBefore = reads.length;
    const second = await compactPage(reader, first.nextCursor, 16);
    expect(reads.length).toBe(readsBefore);
    expect(second.events.map((e) => e.id)).toEqual(pushed.slice(4, 8).map((e) => e.id));
    expect(second.hasMore).toBe(true);
    const rest = await pullToEnd(reader, second.nextCursor, 16);
    expect([...first.events, ...second.events].map((e) => e.id).concat(rest.ids)).toEqual(pushed.map((e) => e.id));
  });
});

describe('PullPrefetch', () => {
  const fullPage = {
    pullStored: async (_unit: string, _exclude: string | null, cursor: number, limit: number) => ({
      lines: Buffer.alloc(0),
      count: 0,
      nextCursor: cursor + limit,
      hasMore: true,
    }),
  } as unknown as ServerStorage;

  it('holds the next page of a bounded number of desks, keeping those it holds, and drops one not asked for in time', async () => {
    let now = 0;
    const prefetch = new PullPrefetch(fullPage, () => now);
    for (let d = 0; d < 40; d++) prefetch.readAhead(`desk-${d}`, DISTRICT, 'e', 100, 10);
    expect(prefetch.held).toBe(32);
    // Desks already mid-pull keep their page; the ones beyond the bound have theirs read when they ask.
    expect(await prefetch.take('desk-39', DISTRICT, 'e', 100, 10)).toBeNull();
    expect(await prefetch.take('desk-0', DISTRICT, 'e', 100, 10)).toMatchObject({ nextCursor: 110 });
    now += 61_000;
    expect(await prefetch.take('desk-1', DISTRICT, 'e', 100, 10)).toBeNull();
    // Stale pages make room again.
    prefetch.readAhead('desk-39', DISTRICT, 'e', 100, 10);
    expect(prefetch.held).toBe(1);
  });

  it('keeps nothing across a change of epoch (a restored server) or of the desk’s unit', async () => {
    const prefetch = new PullPrefetch(fullPage);
    prefetch.readAhead('desk', DISTRICT, 'e1', 100, 10);
    expect(await prefetch.take('desk', DISTRICT, 'e2', 100, 10)).toBeNull();
    prefetch.readAhead('desk', DISTRICT, 'e1', 100, 10);
    expect(await prefetch.take('desk', 'another-unit', 'e1', 100, 10)).toBeNull();
  });
});
