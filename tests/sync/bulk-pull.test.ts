/**
 * The bulk pull path (sync/pull-feed, sync/apply-page, projections/refold-queue): events written page by page with
 * refold marks, dossiers refolded once when the feed is drained. It must give exactly the rows of the
 * one-event-at-a-time path, and a desk stopped before the refold is done must finish it at the next sync.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DossierEvent } from '../../shared/domain/events';
import { RefoldQueue } from '../../electron/desk/projections/refold-queue';
import { dossierIndexesSuspended } from '../../electron/desk/db/index-suspension';
import { deskReport } from '../../electron/desk/reports/desk-report';
import { checkSearchIndexAgainstRows, indexNewRowsNow } from '../desk/helpers';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { SEGMENT_EVENTS } from '../../server/sync/feed-segments';
import {
  DISTRICT,
  districtWithWork as withWork,
  expectConverged,
  makeSyncDesk,
  serverEventsOfUnit,
  type SyncDesk,
} from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const rows = (d: SyncDesk) => d.desk.db.prepare('SELECT * FROM dossiers ORDER BY seq').all();
/** What the search index holds for a term once the desk has been idle (it takes new rows in then). */
const searchHits = (d: SyncDesk, term: string) => {
  indexNewRowsNow(d.desk);
  return d.desk.db
    .prepare<[string], { id: string }>(
      'SELECT d.id FROM dossier_search s JOIN dossiers d ON d.seq = s.rowid WHERE dossier_search MATCH ? ORDER BY d.seq',
    )
    .all(term)
    .map((r) => r.id);
};

const districtWithWork = (dossiers: number) => withWork(dossiers, cleanups);
/**
 * For the tests that count what each page holds (early refolds, chunks, a large page): no stored pages on the
 * server, whose pages end where a stored one starts (server/sync/feed-segments.ts).
 */
const districtPagedAsAsked = (dossiers: number) => withWork(dossiers, cleanups, SEGMENT_EVENTS);

/** The refold's row writes, from the log or from the pull's fold, throw as a killed process would; returns the cure. */
function strikeRefold(d: SyncDesk): () => void {
  const { projector } = d.desk;
  const { refreshWith, writePulled, writePulledRow } = projector;
  const killed = () => {
    throw new Error('killed');
  };
  projector.refreshWith = killed;
  projector.writePulled = killed;
  projector.writePulledRow = killed;
  return () => {
    projector.refreshWith = refreshWith;
    projector.writePulled = writePulled;
    projector.writePulledRow = writePulledRow;
  };
}

describe('bulk pull', () => {
  it("shows a first pull's true length from its first page on, and counts up to it", async () => {
    const { server } = await districtWithWork(120);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)).length;
    const fresh = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, sync: { pullPageSize: 12 } });
    cleanups.push(() => fresh.close());
    const seen: { done: number; total: number }[] = [];
    const unsubscribe = fresh.desk.notifications.subscribe((e) => {
      if (e.type === 'sync.status' && e.data.progress) seen.push(e.data.progress);
    });
    expect((await fresh.client.syncNow()).state).toBe('online');
    unsubscribe();
    // Several pages, each shown against the whole feed (before: the events so far plus one page, so the bar sat
    // near its end from the first page of a first pull that lasts minutes on 2G).
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([feed]));
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(feed);
  });

  it('when the link drops midway, the bar goes on from where it stopped once the link returns', async () => {
    const { server } = await districtWithWork(120);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)).length;
    let linkUp = true;
    let pulls = 0;
    const flaky = async (url: string, init: RequestInit) => {
      if (url.endsWith('/v1/pull') && ++pulls === 3) linkUp = false;
      if (!linkUp) throw new TypeError('fetch failed');
      return fetch(url, init);
    };
    const fresh = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { fetch: flaky, pullPageSize: 12, linkProbeTimeoutMs: 200 },
    });
    cleanups.push(() => fresh.close());
    const seen: { done: number; total: number }[] = [];
    const unsubscribe = fresh.desk.notifications.subscribe((e) => {
      if (e.type === 'sync.status' && e.data.progress) seen.push(e.data.progress);
    });
    expect((await fresh.client.syncNow()).state).not.toBe('online');
    const cutAt = seen.at(-1)!;
    expect(cutAt.done).toBeGreaterThan(0);
    expect(cutAt.done).toBeLessThan(feed);
    linkUp = true;
    seen.length = 0;
    expect((await fresh.client.syncNow()).state).toBe('online');
    unsubscribe();
    // Before: the second round counted from 0 against what was left ("48/192" after "48/240").
    expect(seen[0]!.done).toBeGreaterThan(cutAt.done);
    expect(new Set(seen.map((p) => p.total))).toEqual(new Set([feed]));
    expect(seen.at(-1)!.done).toBe(feed);
  });

  it.each([
    ['row by row into the indexes', 1_000_000, undefined],
    ['with the list indexes suspended, as a first pull', 1, undefined],
    // Over ten dossiers in memory, the pull refolds its oldest marks between pages, and reads back at the end the
    // dossiers that got more events after that.
    ['refolding early to keep the in-memory fold small', 1, 10],
  ])('small pages give the same rows, row order and search index as applying each event and refolding it (%s)', async (_, bulkRefoldMin, foldCapacity) => {
    const { server, writer } = await districtPagedAsAsked(80);
    // Three of the first dossiers are sent on after all the receptions: their last events come pages later.
    const early = writer.desk.db.prepare('SELECT id FROM dossiers WHERE status = 2 ORDER BY seq LIMIT 3').pluck().all() as string[];
    for (const dossierId of early) await writer.must('dossiers.transfer', { dossierId, note: 'Chuyển phòng chuyên môn' });
    await writer.client.syncNow();
    const bulk = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { pullPageSize: 12, bulkRefoldMin, foldCapacity },
    });
    const schema = () => bulk.desk.db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all();
    const schemaBefore = schema();
    const suspendedWhileRefolding = new Set<boolean>();
    const refreshWith = bulk.desk.projector.refreshWith.bind(bulk.desk.projector);
    const writePulled = bulk.desk.projector.writePulled.bind(bulk.desk.projector);
    const writePulledRow = bulk.desk.projector.writePulledRow.bind(bulk.desk.projector);
    let readBack = 0;
    let builtInWorker = 0;
    bulk.desk.projector.refreshWith = (id, events) => {
      suspendedWhileRefolding.add(dossierIndexesSuspended(bulk.desk.db));
      readBack += 1;
      return refreshWith(id, events);
    };
    bulk.desk.projector.writePulled = (state) => {
      suspendedWhileRefolding.add(dossierIndexesSuspended(bulk.desk.db));
      writePulled(state);
    };
    bulk.desk.projector.writePulledRow = (row) => {
      suspendedWhileRefolding.add(dossierIndexesSuspended(bulk.desk.db));
      builtInWorker += 1;
      writePulledRow(row);
    };
    cleanups.push(() => bulk.close());
    // Between the event loop's turns of the pull: how many list indexes were still suspended, seen while some
    // already were back (the end of the pull restores them one at a time, so a clerk's click waits for one).
    const partlyRestored = new Set<number>();
    let settled = false;
    const syncing = bulk.client.syncNow().finally(() => (settled = true));
    while (!settled) {
      if (dossierIndexesSuspended(bulk.desk.db)) {
        const left = bulk.desk.db.prepare("SELECT count(*) FROM suspended_schema WHERE type = 'index'").pluck().get() as number;
        if (left > 0 && left < 10) partlyRestored.add(left);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const status = await syncing;
    expect(status.state).toBe('online');
    expect(bulk.client.lastRound?.pulled).toBeGreaterThan(100);
    expect(partlyRestored.size > 1).toBe(bulkRefoldMin === 1);

    // The single-dossier path, one event per transaction, on a desk that never synced.
    const oneByOne = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 3, enrol: false });
    cleanups.push(() => oneByOne.close());
    for (const event of await serverEventsOfUnit(server.storage, DISTRICT)) {
      oneByOne.desk.db.transaction(() => {
        oneByOne.desk.events.insertFromServer(event as DossierEvent);
        oneByOne.desk.projector.refresh(event.dossierId);
      })();
    }

    expect(rows(bulk)).toHaveLength(80);
    // A new desk: every row written from the pull's own fold (projections/pulled-folds.ts); with the small fold,
    // only the three dossiers refolded early (with the first page) and sent on later are read back.
    expect(readBack).toBe(foldCapacity === undefined ? 0 : early.length);
    // Every row first folded and built in the page worker (sync/page-folds.ts), the main thread only writing it;
    // the dossiers sent on later are then read back, as above.
    expect(builtInWorker).toBe(80);
    expect(rows(bulk)).toEqual(rows(oneByOne));
    expect(searchHits(bulk, 'nguyen')).toEqual(searchHits(oneByOne, 'nguyen'));
    expect(searchHits(bulk, 'nguyen').length).toBe(80);
    expect(bulk.desk.db.prepare('SELECT count(*) AS n FROM sync_refold').get()).toEqual({ n: 0 });
    expect([...suspendedWhileRefolding]).toEqual([bulkRefoldMin === 1]);
    expect(schema()).toEqual(schemaBefore);
    // The dashboard counts every pulled dossier, exactly as on the desk that applied them one by one.
    const request = { period: { from: '2020-01-01', to: '2030-12-31' }, unitCode: null, today: '2026-11-28' };
    const report = await deskReport(bulk.desk.db, request);
    expect(report.counts.received.total).toBe(80);
    expect(report).toEqual(await deskReport(oneByOne.desk.db, request));
    checkSearchIndexAgainstRows(bulk.desk.db);
    await expectConverged(server.storage, [bulk]);
    bulk.desk.projector.rebuildAll();
    expect(rows(bulk)).toEqual(rows(oneByOne));
  });

  it('a desk stopped before its refold finished completes it when opened again, and syncs without pulling again', async () => {
    const { server } = await districtWithWork(9);
    const puller = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => puller.close());
    // The process dies inside the first refold transaction: the pages and their marks are committed, no row is.
    strikeRefold(puller);
    const failed = await puller.client.syncNow();
    expect(failed.state).toBe('error');
    const events = puller.desk.events.count();
    expect(events).toBe((await serverEventsOfUnit(server.storage, DISTRICT)).length);
    expect(rows(puller)).toHaveLength(0);
    expect(puller.desk.db.prepare('SELECT count(*) AS n FROM sync_refold').get()).toEqual({ n: 9 });

    // Opened again, the desk finishes the refold by itself, without waiting for a link, and says so to the screens
    // (a list opened meanwhile showed the rows as the stopped pull left them).
    puller.reopen();
    const announced: string[] = [];
    puller.desk.notifications.subscribe((e) => {
      if (e.type === 'dossiers.changed') announced.push(e.data.source);
    });
    await vi.waitFor(() => expect(rows(puller)).toHaveLength(9));
    await vi.waitFor(() => expect(announced).toEqual(['sync']));
    const status = await puller.client.syncNow();
    expect(status.state).toBe('online');
    expect(puller.client.lastRound?.pulled).toBe(0);
    expect(puller.desk.events.count()).toBe(events);
    expect(puller.desk.db.prepare('SELECT count(*) AS n FROM sync_refold').get()).toEqual({ n: 0 });
    await expectConverged(server.storage, [puller]);
  });

  it('a clerk can act on a pulled dossier that still waits for its refold', async () => {
    const { server, writer } = await districtWithWork(3);
    const [first] = writer.desk.db.prepare<[], { id: string }>('SELECT id FROM dossiers ORDER BY seq LIMIT 1').all();
    const puller = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => puller.close());
    const healed = strikeRefold(puller);
    expect((await puller.client.syncNow()).state).toBe('error');
    expect(rows(puller)).toHaveLength(0); // the events are here, the rows are not yet
    healed();

    // Received at desk 1; the clerk at desk 2 sends it on. The command folds the dossier from its events.
    const change = await puller.must('dossiers.transfer', { dossierId: first!.id, note: 'Chuyển phòng chuyên môn' });
    expect(change.dossier.status).toBe(4);
    expect(puller.desk.events.get(change.eventId)?.baseVersion).toBe(1);
  });

  it('a desk struck between the chunks of a page keeps its cursor before the page, and the re-pull applies only the rest', async () => {
    const { server } = await districtPagedAsAsked(30);
    const feed = await serverEventsOfUnit(server.storage, DISTRICT);
    const puller = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => puller.close());
    const cursors: number[] = [];
    let chunks = 0;
    puller.reopen({
      pageWriter: {
        chunkEvents: 7,
        afterChunk: () => {
          cursors.push(puller.client.meta.cursor);
          // The process dies after the third chunk of the first page has committed.
          if (++chunks === 3) throw new Error('killed');
        },
      },
    });
    expect((await puller.client.syncNow()).state).toBe('error');
    const held = puller.desk.db.prepare('SELECT id FROM events').pluck().all() as string[];
    // Three chunks written, in feed order; the cursor still before the page.
    expect(held).toHaveLength(21);
    const prefix = await server.storage.pull(DISTRICT, puller.deviceId, 0, held.length);
    expect(new Set(held)).toEqual(new Set(prefix.events.map((e) => e.id)));
    expect(puller.client.meta.cursor).toBe(0);
    expect(cursors).toEqual([0, 0, 0]);

    puller.reopen();
    expect((await puller.client.syncNow()).state).toBe('online');
    // Nothing applied twice: the re-pull finds the 21 events by id and applies only the others.
    expect(puller.client.lastRound?.pulled).toBe(feed.length - held.length);
    expect(puller.desk.events.count()).toBe(feed.length);
    expect(puller.client.meta.cursor).toBe(
      (await server.storage.pull(DISTRICT, puller.deviceId, 0, 5000)).nextCursor,
    );
    await expectConverged(server.storage, [puller]);
  });

  it.each([
    ['only at the feed\'s end when pages come fast', 60_000],
    ['at every page when they come slower than the interval', 0],
  ])('waits for the disk as the cursor moves: %s', async (_, syncCursorMs) => {
    const { server } = await districtWithWork(60);
    const puller = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { pullPageSize: 12, pageWriter: { syncCursorMs } },
    });
    cleanups.push(() => puller.close());
    // The safety level in force when each page's cursor moves (inside that page's last transaction).
    const levels: number[] = [];
    const meta = Object.getPrototypeOf(puller.client.meta) as object;
    const cursor = Object.getOwnPropertyDescriptor(meta, 'cursor')!;
    Object.defineProperty(puller.client.meta, 'cursor', {
      get: cursor.get,
      set(value: number) {
        levels.push(puller.desk.db.pragma('synchronous', { simple: true }) as number);
        cursor.set!.call(this, value);
      },
      configurable: true,
    });
    expect((await puller.client.syncNow()).state).toBe('online');
    expect(levels.length).toBeGreaterThanOrEqual(2);
    // 2 = FULL, synced; 1 = NORMAL, which a power cut can undo with what follows it (the pages are pulled again).
    expect(levels.at(-1)).toBe(2);
    expect(new Set(levels.slice(0, -1))).toEqual(new Set([syncCursorMs === 0 ? 2 : 1]));
    expect(puller.desk.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('the event loop gets turns while a large page is written', async () => {
    const { server } = await districtPagedAsAsked(120);
    const feed = await serverEventsOfUnit(server.storage, DISTRICT);
    const puller = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => puller.close());
    // Another task on the event loop (a clerk's click, an IPC call): it counts the turns it gets.
    let turns = 0;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const seen: number[] = [];
    puller.reopen({ pageWriter: { chunkEvents: 25, afterChunk: () => seen.push(turns) } });
    try {
      expect((await puller.client.syncNow()).state).toBe('online');
    } finally {
      running = false;
    }
    // One page, several chunks, and the other task ran between every two of them.
    expect(puller.client.lastRound?.pulled).toBe(feed.length);
    expect(seen.length).toBeGreaterThanOrEqual(Math.floor(feed.length / 25) - 1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    await expectConverged(server.storage, [puller]);
  });

  it('reads plain pages from a server that does not know the compact format', async () => {
    const { server } = await districtWithWork(12);
    const formats: string[] = [];
    const limits: number[] = [];
    // An older server: it ignores the `format` field, so the request reaches it without one.
    const olderServer = async (url: string, init: RequestInit) => {
      if (url.endsWith('/v1/pull')) {
        const body = JSON.parse(Buffer.from(init.body as Uint8Array).toString('utf8')) as Record<
          string,
          unknown
        >;
        formats.push(String(body.format));
        limits.push(Number(body.limit));
        delete body.format;
        init = { ...init, body: JSON.stringify(body) };
      }
      return fetch(url, init);
    };
    const reader = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      // Pages sized so that four times one (a first compact page) would exceed what an older server accepts.
      sync: { fetch: olderServer, pullPageSize: 1000 },
    });
    cleanups.push(() => reader.close());
    expect((await reader.client.syncNow()).state).toBe('online');
    expect(formats).toContain('compact-1');
    // An older server refuses a pull limit above the plain maximum.
    expect(Math.max(...limits)).toBeLessThanOrEqual(SYNC_LIMITS.maxPullLimit);
    expect(reader.client.lastRound?.pulled).toBeGreaterThan(12);
    await expectConverged(server.storage, [reader]);
  });

  it('when the link drops after a page, the dossiers of the pages already written are listed at once', async () => {
    const { server } = await districtWithWork(40); // more events than the smallest page (50)
    let pulls = 0;
    // The second pull request never reaches the server: the link is gone.
    const dropsAfterOnePage = async (url: string, init: RequestInit) => {
      if (url.endsWith('/v1/pull') && ++pulls >= 2) throw new TypeError('fetch failed');
      return fetch(url, init);
    };
    const reader = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { fetch: dropsAfterOnePage, pullPageSize: 2 },
    });
    cleanups.push(() => reader.close());
    expect((await reader.client.syncNow()).state).not.toBe('online');
    expect(pulls).toBe(2);
    const held = reader.desk.db.prepare<[], { n: number }>('SELECT count(DISTINCT dossier_id) AS n FROM events').get()!.n;
    expect(held).toBeGreaterThan(0);
    expect(rows(reader)).toHaveLength(held);
    expect(reader.desk.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_refold').get()!.n).toBe(0);
  });

  it('a compact page altered on its way is refused whole, in the clerk\'s words, and nothing of it is written', async () => {
    const { server } = await districtWithWork(3);
    const altering = async (url: string, init: RequestInit) => {
      if (!url.endsWith('/v1/pull')) return fetch(url, init);
      const headers = new Headers(init.headers);
      headers.delete('accept-encoding'); // read the page as plain JSON to change it
      const answer = await fetch(url, { ...init, headers });
      const page = (await answer.json()) as { events: unknown[][] };
      const first = page.events[0]!;
      first[5] = { ...(first[5] as object), toAgency: 'Nơi khác' };
      return new Response(JSON.stringify(page), { status: answer.status, headers: { 'content-type': 'application/json' } });
    };
    const reader = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, sync: { fetch: altering } });
    cleanups.push(() => reader.close());
    const status = await reader.client.syncNow();
    expect(status.state).toBe('error');
    expect(status.errors.map((e) => e.vi).join(' ')).toContain('sai mã băm');
    expect(reader.desk.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n).toBe(0);
  });

  it('a refold that runs while a pull is written (the refold at open) leaves no pulled event out of its dossier row', async () => {
    const { server } = await districtWithWork(30);
    let refoldedBetweenChunks = 0;
    // Called only while the pull writes, by then `reader` is set.
    const refoldNow = () => {
      refoldedBetweenChunks += new RefoldQueue(reader.desk.db, reader.desk.projector).refoldChunk(1000);
    };
    const reader: SyncDesk = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      // Four events a chunk, so some dossiers have their two events in two chunks (three dossiers make five events).
      sync: { pullPageSize: 12, pageWriter: { chunkEvents: 4, afterChunk: refoldNow } },
    });
    cleanups.push(() => reader.close());
    expect((await reader.client.syncNow()).state).toBe('online');
    expect(refoldedBetweenChunks).toBeGreaterThan(10);
    const pulled = rows(reader);
    expect(pulled).toHaveLength(30);
    reader.desk.projector.rebuildAll();
    expect(pulled).toEqual(rows(reader));
  });

  it('a refold stopped between chunks (the client stopping) leaves the rest marked, and the next drain ends it', async () => {
    const { server } = await districtWithWork(6);
    const reader = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => reader.close());
    await reader.client.syncNow();
    const expected = rows(reader);
    const queue = new RefoldQueue(reader.desk.db, reader.desk.projector);
    reader.desk.db.transaction(() => {
      reader.desk.db.exec('DELETE FROM dossiers');
      for (const id of reader.desk.db
        .prepare('SELECT DISTINCT dossier_id FROM events')
        .pluck()
        .all() as string[])
        queue.mark(id);
    })();
    let chunks = 0;
    expect(await queue.drain({ chunk: 2, shouldStop: () => chunks++ > 0 })).toBe(2);
    expect(queue.pending).toBe(4);
    expect(await queue.drain({ chunk: 2 })).toBe(4);
    expect(queue.pending).toBe(0);
    const restored = rows(reader) as { seq: number }[];
    expect(restored.map(({ seq: _seq, ...row }) => row)).toEqual(
      (expected as { seq: number }[]).map(({ seq: _seq, ...row }) => row),
    );
  });
});
