/**
 * A pull's heavy work that needs no access to the desk's tables runs off the desk's main thread, which the clerk's
 * clicks share: pages are read and checked in a worker (electron/desk/sync/page-decoder.ts), and a first pull's log
 * is checkpointed by another (db/background-checkpoint.ts). What comes back must be what reading the page on the
 * main thread gives, a page that fails its hashes must be refused the same way, and the desk must go on reading
 * pages where its worker cannot start or dies.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { PageDecoder } from '../../electron/desk/sync/page-decoder';
import { compactPullResponseSchema, decodeCompactEvents } from '../../shared/sync/compact-pull';
import { PullPageRefused } from '../../electron/desk/sync/pull-page';
import { tempFolder } from '../support/temp-folders';
import { chainedFeed, compactPageBody } from './support/chained-feed';
import { DISTRICT, districtWithWork, expectConverged, makeSyncDesk } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const bytesOf = (text: string): ArrayBuffer => {
  const b = Buffer.from(text, 'utf8');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A page whose one event's payload was changed after it was hashed (on the server's disk, or in transit). */
function tamperedPage(): string {
  const body = JSON.parse(compactPageBody(chainedFeed(30))) as { events: unknown[][] };
  (body.events[17]![5] as Record<string, unknown>).note = 'đã sửa';
  return JSON.stringify(body);
}

/** A plain page, as a server that predates the compact format sends it. */
function plainPageBody(events = chainedFeed(40)): string {
  return JSON.stringify({
    events,
    nextCursor: 40,
    hasMore: false,
    epoch: 'e',
    serverTime: '2025-03-01T10:00:00.000+07:00',
    catalogVersion: 3,
    calendarVersion: 2,
  });
}

/** A stand-in worker file: it gets ready, then does what `onPage` says for each page (by its count, from 1). */
function standInWorker(onPage: string): URL {
  const file = path.join(tempFolder('page-worker-'), 'stand-in-worker.mjs');
  writeFileSync(
    file,
    [
      "import { parentPort } from 'node:worker_threads';",
      'let seen = 0;',
      `parentPort.on('message', ({ id }) => { seen += 1; ${onPage} });`,
      "parentPort.postMessage('ready');",
    ].join('\n'),
  );
  return pathToFileURL(file);
}

describe('pull pages read in a worker', () => {
  it('gives the events, hashes and page end the main thread used to read, read by the worker', async () => {
    const decoder = new PageDecoder();
    try {
      expect(await decoder.ready()).toBe(true);
      const body = compactPageBody(chainedFeed(400), { nextCursor: 4321, hasMore: true });
      const page = await decoder.decode(bytesOf(body));
      // What the desk decoded on its main thread before the worker.
      const before = decodeCompactEvents(compactPullResponseSchema.parse(JSON.parse(body)), sha256);
      expect(page.events).toEqual(before);
      expect(page.events).toHaveLength(400);
      // The payload text is the one that was hashed and is stored; the object is what folds read.
      for (const { event, payloadText } of page.events)
        expect(JSON.parse(payloadText)).toEqual(event.payload);
      expect(page).toMatchObject({ nextCursor: 4321, hasMore: true, compact: true, ownQuarantined: [] });
      expect(page.remaining).toBeUndefined();

      // A server that predates the compact format: its plain page, each event checked against its own hash.
      const plain = chainedFeed(40);
      const fromPlain = await decoder.decode(bytesOf(plainPageBody(plain)));
      expect(fromPlain.events.map((d) => d.event)).toEqual(plain);
      expect(fromPlain).toMatchObject({
        compact: false,
        catalogVersion: 3,
        calendarVersion: 2,
        hasMore: false,
      });
      expect(decoder.read).toEqual({ inWorker: 2, onMainThread: 0 });
    } finally {
      await decoder.close();
    }
  });

  it('refuses a page whose content does not match its hashes, and a body that is not a pull answer', async () => {
    const decoder = new PageDecoder();
    try {
      expect(await decoder.ready()).toBe(true);
      const refusal = (body: string) =>
        decoder.decode(bytesOf(body)).then(
          () => null,
          (e: unknown) => (e instanceof PullPageRefused ? e.kind : e),
        );
      expect(await refusal(tamperedPage())).toBe('hash_mismatch');
      const changed = chainedFeed(40);
      changed[12] = { ...changed[12]!, baseVersion: changed[12]!.baseVersion + 1 };
      expect(await refusal(plainPageBody(changed))).toBe('hash_mismatch');
      expect(await refusal('<html>Đăng nhập Wi-Fi</html>')).toBe('unreadable');
      expect(await refusal(JSON.stringify({ events: 'none' }))).toBe('unreadable');
      // The worker goes on: the next sound page is read there.
      expect((await decoder.decode(bytesOf(compactPageBody(chainedFeed(5))))).events).toHaveLength(5);
      expect(decoder.read).toEqual({ inWorker: 5, onMainThread: 0 });
    } finally {
      await decoder.close();
    }
  });

  it('reads pages on the main thread, and says so once, when its worker cannot start where it is installed', async () => {
    const lines: string[] = [];
    const decoder = new PageDecoder({
      worker: { url: new URL('./no-such-page-worker.mjs', import.meta.url) },
      log: (line) => lines.push(line),
    });
    try {
      expect(await decoder.ready()).toBe(false);
      const body = compactPageBody(chainedFeed(50));
      const [first, second] = await Promise.all([
        decoder.decode(bytesOf(body)),
        decoder.decode(bytesOf(body)),
      ]);
      expect(first.events).toHaveLength(50);
      expect(second).toEqual(first);
      await expect(decoder.decode(bytesOf(tamperedPage()))).rejects.toThrow(PullPageRefused);
      expect(decoder.read).toEqual({ inWorker: 0, onMainThread: 3 });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/page worker could not start.*main thread/);
    } finally {
      await decoder.close();
    }
  });

  it('reads a page its worker died on, on the main thread, and starts a new worker for the next', async () => {
    // A worker that refuses its first page (an answer from the worker) and ends at its second.
    const url = standInWorker(
      "if (seen === 1) parentPort.postMessage({ id, refused: { kind: 'unreadable', detail: 'stand-in' } }); else process.exit(3);",
    );
    const lines: string[] = [];
    const decoder = new PageDecoder({ worker: { url }, log: (line) => lines.push(line) });
    try {
      const body = bytesOf(compactPageBody(chainedFeed(20)));
      expect(await decoder.ready()).toBe(true);
      await expect(decoder.decode(body)).rejects.toThrow(PullPageRefused);
      expect((await decoder.decode(body)).events).toHaveLength(20);
      expect(decoder.read).toEqual({ inWorker: 1, onMainThread: 1 });
      // It had got ready, so it could start: a new one takes the next page once it has loaded.
      expect(await decoder.ready()).toBe(true);
      await expect(decoder.decode(body)).rejects.toThrow(PullPageRefused);
      expect(decoder.read).toEqual({ inWorker: 2, onMainThread: 1 });
      expect(lines).toEqual([]);
    } finally {
      await decoder.close();
    }
  });

  it('reads a page on the main thread when its worker keeps it too long, and gives up on workers that keep doing so', async () => {
    const url = standInWorker('/* never answers */');
    const lines: string[] = [];
    const decoder = new PageDecoder({ worker: { url }, deadlineMs: 150, log: (line) => lines.push(line) });
    try {
      const body = bytesOf(compactPageBody(chainedFeed(20)));
      for (let i = 0; i < 3; i++) {
        expect(await decoder.ready()).toBe(true);
        expect((await decoder.decode(body)).events).toHaveLength(20);
      }
      expect(decoder.read).toEqual({ inWorker: 0, onMainThread: 3 });
      expect(lines).toEqual(['sync: the page worker ended 3 times; pages are read on the main thread']);
      // From then on, straight on the main thread.
      expect((await decoder.decode(body)).events).toHaveLength(20);
      expect(decoder.read.onMainThread).toBe(4);
    } finally {
      await decoder.close();
    }
  });

  it("reads a new desk's first pull from the district server, page after page, in the worker", async () => {
    const { server, writer } = await districtWithWork(60, cleanups);
    const decoder = new PageDecoder();
    cleanups.push(() => decoder.close());
    const fresh = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { pullPageSize: 5, pageDecoder: decoder },
    });
    cleanups.push(() => fresh.close());
    expect(await decoder.ready()).toBe(true);
    expect((await fresh.client.syncNow()).state).toBe('online');
    await expectConverged(server.storage, [writer, fresh]);
    expect(decoder.read.inWorker).toBeGreaterThan(2);
    expect(decoder.read.onMainThread).toBe(0);
  });

  it("checkpoints a multi-page pull's log in the background and stops when the pull ends; a one-page round does not", async () => {
    const { server } = await districtWithWork(60, cleanups);
    const fresh = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { pullPageSize: 5 },
    });
    cleanups.push(() => fresh.close());
    const stops: ReturnType<typeof vi.fn>[] = [];
    const start = fresh.desk.checkpointInBackground.bind(fresh.desk);
    vi.spyOn(fresh.desk, 'checkpointInBackground').mockImplementation((log) => {
      const handle = start(log);
      const stop = vi.fn(() => handle.stop());
      stops.push(stop);
      return { stop };
    });
    expect((await fresh.client.syncNow()).state).toBe('online');
    expect(stops).toHaveLength(1);
    // Stopped by the pull itself, before anything closes the desk.
    expect(stops[0]).toHaveBeenCalledTimes(1);
    expect((await fresh.client.syncNow()).state).toBe('online');
    expect(stops).toHaveLength(1);
    await fresh.client.stop();
    fresh.desk.close();
    // The last connection to close removes the log: the desk's is the last only if the worker's is gone.
    expect(existsSync(path.join(fresh.dir, 'desk.sqlite-wal'))).toBe(false);
  });

  it("reads a pull's first page on the main thread if its worker has not loaded yet, and waits for the worker with any other", async () => {
    const decoder = new PageDecoder();
    try {
      const body = bytesOf(compactPageBody(chainedFeed(30)));
      const early = await decoder.decode(body, true);
      expect(decoder.read).toEqual({ inWorker: 0, onMainThread: 1 });
      // Not a first page: it waits for the worker to load.
      expect(await decoder.decode(body)).toEqual(early);
      expect(decoder.read).toEqual({ inWorker: 1, onMainThread: 1 });
      // A first page once the worker has loaded: read there.
      expect(await decoder.decode(body, true)).toEqual(early);
      expect(decoder.read).toEqual({ inWorker: 2, onMainThread: 1 });
    } finally {
      await decoder.close();
    }
  });

  it('does not keep a desk process alive once no page is being read', async () => {
    const script = [
      `import { sharedPageDecoder } from ${JSON.stringify(path.resolve('electron/desk/sync/page-decoder.ts'))};`,
      `import { chainedFeed, compactPageBody } from ${JSON.stringify(path.resolve('tests/sync/support/chained-feed.ts'))};`,
      'const decoder = sharedPageDecoder();',
      'await decoder.ready();',
      'const page = await decoder.decode(new TextEncoder().encode(compactPageBody(chainedFeed(10))).buffer);',
      'console.log(page.events.length, decoder.read.inWorker);',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe('10 1');
  });
});
