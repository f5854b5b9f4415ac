/**
 * A unit's settled pull pages are compressed once and sent as stored (server/sync/feed-segments.ts). What a desk
 * sees must not change: exactly the feed, each event once, in order, hash-checked, without its own events; the
 * envelope as of the request (epoch, server time, what remains); and a desk that did not ask, or takes no brotli,
 * gets the pages it always got.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  compactPullResponseSchema,
  decodeCompactEvents,
  joinPageEnvelope,
  PAGE_ENVELOPE_HEADER,
} from '../../shared/sync/compact-pull';
import Database from 'better-sqlite3';
import type { WireEvent } from '../../shared/sync/messages';
import { openStorage } from '../../server/storage/open';
import { SEGMENT_FORMAT } from '../../server/sync/feed-segments';
import { startPgCluster, type PgCluster } from '../support/pg';
import { DISTRICT, pushDossiers, seedUnits, sha256, SimDesk, startTestServer, type TestServer } from './support';

const SEGMENT = 8;
let server: TestServer;
afterEach(() => server?.close());

async function start(options: { now?: () => Date } = {}): Promise<TestServer> {
  server = await startTestServer({ feedSegmentEvents: SEGMENT, ...options });
  await seedUnits(server.app);
  return server;
}

/** The cursors the server's storage is asked to read pages from, from now on. */
function readsCounted(): number[] {
  const reads: number[] = [];
  const pullStored = server.storage.pullStored.bind(server.storage);
  server.storage.pullStored = (unit, exclude, cursor, limit, upTo) => {
    reads.push(cursor);
    return pullStored(unit, exclude, cursor, limit, upTo);
  };
  return reads;
}

/** Lets the server's read-ahead (started after an answer went out) run. */
const readAheadDone = () => sleep(50);

/** Waits until the unit's segments reach `count` (they are built in the background after a push). */
async function segmentsBuilt(count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    let built = 0;
    for (let from = 0; ; built++) {
      const segment = await server.storage.feedSegment(DISTRICT, from);
      if (!segment) break;
      from = segment.toSeq;
    }
    if (built >= count) return;
    await sleep(10);
  }
  throw new Error(`fewer than ${count} segments were built`);
}

interface Answer {
  fromSegment: boolean;
  ids: string[];
  nextCursor: number;
  hasMore: boolean;
  serverTime: string;
  epoch: string;
  remaining: number | undefined;
}

async function pull(
  reader: SimDesk,
  cursor: number,
  limit: number,
  options: { envelopeHeader?: boolean; acceptEncoding?: string; countRemaining?: boolean; includeOwn?: boolean } = {},
): Promise<Answer> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/pull',
    headers: { ...reader.headers, 'accept-encoding': options.acceptEncoding ?? 'br, gzip' },
    payload: {
      cursor,
      epoch: reader.epoch,
      limit,
      format: 'compact-1',
      ...(options.envelopeHeader === false ? {} : { envelopeHeader: true }),
      ...(options.countRemaining ? { countRemaining: true } : {}),
      ...(options.includeOwn ? { includeOwn: true } : {}),
    },
  });
  expect(res.statusCode).toBe(200);
  const encoding = res.headers['content-encoding'];
  let bytes: Uint8Array =
    encoding === 'br'
      ? brotliDecompressSync(res.rawPayload)
      : encoding === 'gzip'
        ? (await import('node:zlib')).gunzipSync(res.rawPayload)
        : res.rawPayload;
  const envelope = res.headers[PAGE_ENVELOPE_HEADER];
  if (typeof envelope === 'string') bytes = joinPageEnvelope(envelope, bytes)!;
  const page = compactPullResponseSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  return {
    fromSegment: typeof envelope === 'string',
    // Every event's hash is checked as the desk checks it.
    ids: decodeCompactEvents(page, sha256).map((d) => d.event.id),
    nextCursor: page.nextCursor,
    hasMore: page.hasMore,
    serverTime: page.serverTime,
    epoch: page.epoch,
    remaining: page.remaining,
  };
}

async function pullToEnd(
  reader: SimDesk,
  limit: number,
  options: { envelopeHeader?: boolean; acceptEncoding?: string; includeOwn?: boolean } = {},
): Promise<{ ids: string[]; answers: Answer[] }> {
  const answers: Answer[] = [];
  let cursor = 0;
  for (let guard = 0; guard < 100; guard++) {
    const answer = await pull(reader, cursor, limit, options);
    answers.push(answer);
    cursor = answer.nextCursor;
    if (!answer.hasMore) return { ids: answers.flatMap((a) => a.ids), answers };
  }
  throw new Error('the pull did not end');
}

/** A new desk's pull of 15 dossiers' 30 events, in pages of up to 10: three stored pages of 8, then the last 6. */
async function expectThreeStoredPagesThenTheEnd(reader: SimDesk, pushed: WireEvent[]): Promise<Answer[]> {
  const { ids, answers } = await pullToEnd(reader, 10);
  expect(ids).toEqual(pushed.map((e) => e.id));
  expect(answers.map((a) => [a.fromSegment, a.ids.length])).toEqual([
    [true, 8],
    [true, 8],
    [true, 8],
    [false, 6],
  ]);
  return answers;
}

describe('settled pages compressed once', () => {
  it('sends a catching-up desk exactly the feed, the settled part as stored pages, the rest as before', async () => {
    await start();
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 15); // 30 events: three segments of 8, then 6
    await segmentsBuilt(3);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    const reads = readsCounted();

    const answers = await expectThreeStoredPagesThenTheEnd(reader, pushed);
    // The stored pages read no event: only the feed's end was read (ahead of the request, and again when asked, as
    // a page that is not full is never kept).
    expect(new Set(reads)).toEqual(new Set([answers[2]!.nextCursor]));
  });

  it('ends a page that would run into a stored page where that one starts, so the desk is sent it next', async () => {
    await start();
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 12); // 24 events: three segments
    await segmentsBuilt(3);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    // A slow link's pages of 5 are smaller than a stored page, which it cannot take: read as before.
    const small = await pullToEnd(reader, 5);
    expect(small.ids).toEqual(pushed.map((e) => e.id));
    expect(small.answers.map((a) => [a.fromSegment, a.ids.length])).toEqual([
      [false, 5],
      [false, 5],
      [false, 5],
      [false, 5],
      [false, 4],
    ]);
    // A desk whose pages grow: its next page was read ahead at the smaller size, and the page after that ends where
    // a stored page starts, which is sent next.
    const first = await pull(reader, 0, 5);
    await readAheadDone();
    const second = await pull(reader, first.nextCursor, 10);
    const third = await pull(reader, second.nextCursor, 10);
    const fourth = await pull(reader, third.nextCursor, 10);
    expect([second, third, fourth].map((a) => [a.fromSegment, a.ids.length])).toEqual([
      [false, 5],
      [false, 6],
      [true, 8],
    ]);
    expect([first, second, third, fourth].flatMap((a) => a.ids)).toEqual(pushed.slice(0, 24).map((e) => e.id));
  });

  it('leaves out a desk’s own events: the desk that wrote them gets pages read for it', async () => {
    await start();
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const other = await SimDesk.enrol(server.app, DISTRICT, 2);
    const mine = await pushDossiers(writer, 6);
    const theirs = await pushDossiers(other, 6);
    await segmentsBuilt(3);
    const fromWriter = await pullToEnd(writer, 10);
    expect(fromWriter.ids).toEqual(theirs.map((e) => e.id));
    // Deliveries 1–12 are the writer's, 13–24 the other desk's. The next stored page holds some of its own, so its
    // pages are read for it (and read ahead), not cut short where the stored pages start.
    expect(fromWriter.answers.map((a) => [a.fromSegment, a.ids.length])).toEqual([
      [false, 10],
      [false, 2],
    ]);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 3);
    expect((await pullToEnd(reader, 10)).ids).toEqual([...mine, ...theirs].map((e) => e.id));
    // A desk restored from its backup asks for its own events too: every stored page fits it, and nothing is read
    // ahead for it (its pages are read when asked, as before): only the feed's end is read.
    const reads = readsCounted();
    const restored = await pullToEnd(writer, 10, { includeOwn: true });
    await readAheadDone();
    expect(reads).toEqual([restored.answers[2]!.nextCursor]);
    expect(restored.ids).toEqual([...mine, ...theirs].map((e) => e.id));
    expect(restored.answers.map((a) => [a.fromSegment, a.ids.length])).toEqual([
      [true, 8],
      [true, 8],
      [true, 8],
      [false, 0],
    ]);
  });

  it('gives an older desk, or one that takes no brotli, the pages it always got', async () => {
    await start();
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 10);
    await segmentsBuilt(2);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    for (const options of [{ envelopeHeader: false }, { acceptEncoding: 'gzip' }]) {
      const { ids, answers } = await pullToEnd(reader, 10, options);
      expect(ids).toEqual(pushed.map((e) => e.id));
      expect(answers.map((a) => [a.fromSegment, a.ids.length])).toEqual([
        [false, 10],
        [false, 10],
        [false, 0],
      ]);
    }
  });

  it('writes the envelope when asked: the time of the request, the epoch, and what remains', async () => {
    let now = new Date('2026-03-02T02:00:00Z');
    await start({ now: () => now });
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    await pushDossiers(writer, 10);
    await segmentsBuilt(2);
    const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
    now = new Date('2026-03-05T03:30:00Z');
    const first = await pull(reader, 0, 10, { countRemaining: true });
    expect(first).toMatchObject({
      fromSegment: true,
      serverTime: '2026-03-05T10:30:00+07:00',
      epoch: reader.epoch,
      remaining: 12,
      hasMore: true,
    });
  });

  it('builds what filled while it was stopped once it starts again, and keeps what it built', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-segments-'));
    const file = path.join(dir, 'server.db');
    try {
      // A server whose segments are larger than the feed builds none (as one that stored the events and stopped).
      server = await startTestServer({ storage: await openStorage({ kind: 'sqlite', file }) });
      await seedUnits(server.app);
      const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
      await pushDossiers(writer, 12); // 24 events
      expect(await server.storage.feedSegment(DISTRICT, 0)).toBeUndefined();
      await server.close();

      server = await startTestServer({ feedSegmentEvents: SEGMENT, storage: await openStorage({ kind: 'sqlite', file }) });
      await server.app.ready();
      await segmentsBuilt(3);
      const built = await server.storage.feedSegment(DISTRICT, 0);
      await server.close();

      server = await startTestServer({ feedSegmentEvents: SEGMENT, storage: await openStorage({ kind: 'sqlite', file }) });
      expect(await server.storage.feedSegment(DISTRICT, 0)).toEqual(built);
      await server.close();

      // Segments an older encoder wrote are not sent, and are built again when the server starts.
      const raw = new Database(file);
      raw.prepare("UPDATE feed_segments SET format = 'compact-1/bytes-0', body = x'00'").run();
      raw.close();
      server = await startTestServer({ feedSegmentEvents: SEGMENT, storage: await openStorage({ kind: 'sqlite', file }) });
      await server.app.ready();
      await server.app.feedSegmenter.nudge();
      expect(await server.storage.feedSegment(DISTRICT, 0)).toMatchObject({ format: SEGMENT_FORMAT, body: built!.body });
      const reader = await SimDesk.enrol(server.app, DISTRICT, 2);
      expect((await pullToEnd(reader, 10)).answers.filter((a) => a.fromSegment)).toHaveLength(3);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settled pages compressed once, on PostgreSQL', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('builds them in the background and sends a catching-up desk exactly the feed', async () => {
    const storage = await openStorage({ kind: 'postgres', url: await cluster!.createDatabase() });
    server = await startTestServer({ feedSegmentEvents: SEGMENT, storage });
    await seedUnits(server.app);
    const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
    const pushed = await pushDossiers(writer, 15); // 30 events: three segments of 8, then 6
    await server.app.feedSegmenter.nudge();
    await expectThreeStoredPagesThenTheEnd(await SimDesk.enrol(server.app, DISTRICT, 2), pushed);
  });
});

describe('joinPageEnvelope', () => {
  const events = new TextEncoder().encode('{"devices":[],"events":[]}');
  it('joins the header’s envelope and the stored events into one page', () => {
    const joined = joinPageEnvelope(' {"format":"compact-1","hasMore":true} ', events)!;
    expect(JSON.parse(Buffer.from(joined).toString('utf8'))).toEqual({
      format: 'compact-1',
      hasMore: true,
      devices: [],
      events: [],
    });
  });
  it('refuses what is not an object on either side', () => {
    expect(joinPageEnvelope('', events)).toBeNull();
    expect(joinPageEnvelope('[1]', events)).toBeNull();
    expect(joinPageEnvelope('{"a":1}', new TextEncoder().encode('[]'))).toBeNull();
    expect(joinPageEnvelope('{"a":1}', new Uint8Array())).toBeNull();
  });
});
