/**
 * A new desk's first pull folds its dossiers in the page worker and builds their rows there (sync/page-folds.ts,
 * sync/worker-folds.ts); the desk's main thread only stores events and writes rows. Whatever happens to the worker
 * or the desk meanwhile, each dossier's row must be the one a fold of its stored events gives: the worker hands a
 * row over only as of the pages written whole, once, and the pull reads a dossier back from the log whenever the
 * worker's row could differ (its worker gone, the catalog changed, a later event).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { projectDossier } from '../../shared/domain/lifecycle';
import type { DossierEvent } from '../../shared/domain/events';
import type { StoredWireEvent } from '../../shared/sync/messages';
import type { DecodedEvent } from '../../shared/sync/compact-pull';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { dossierRowOf } from '../../electron/desk/projections/dossier-row';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FoldsLost, PageDecoder, type WorkerFoldsHandle } from '../../electron/desk/sync/page-decoder';
import { PageFolds } from '../../electron/desk/sync/page-folds';
import { WorkerFolds } from '../../electron/desk/sync/worker-folds';
import { tempFolder } from '../support/temp-folders';
import { DISTRICT, districtWithWork, expectConverged, makeSyncDesk, serverEventsOfUnit, type SyncDesk } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Pulled = DossierEvent & { serverSeq: number };
const decoded = (events: readonly Pulled[]) =>
  events.map((event) => ({ event, payloadText: JSON.stringify(event.payload) })) as DecodedEvent[];

/** A district whose first dossiers are sent on after all the receptions: their last events come pages later. */
async function districtSentOnLater(dossiers: number) {
  const { server, writer } = await districtWithWork(dossiers, cleanups);
  const early = writer.desk.db.prepare('SELECT id FROM dossiers WHERE status = 2 ORDER BY seq LIMIT 3').pluck().all() as string[];
  for (const dossierId of early) await writer.must('dossiers.transfer', { dossierId, note: 'Chuyển phòng chuyên môn' });
  await writer.client.syncNow();
  return { server, writer, early };
}

const rows = (d: SyncDesk) => d.desk.db.prepare('SELECT * FROM dossiers ORDER BY id').all();

/** Counts how each row of a pull was written: built in the worker, folded on the main thread, or read back. */
function countRowWrites(d: SyncDesk) {
  const counts = { worker: 0, mainThread: 0, readBack: 0 };
  const { projector } = d.desk;
  const writePulledRow = projector.writePulledRow.bind(projector);
  const writePulled = projector.writePulled.bind(projector);
  const refreshWith = projector.refreshWith.bind(projector);
  projector.writePulledRow = (row) => {
    counts.worker += 1;
    writePulledRow(row);
  };
  projector.writePulled = (state) => {
    counts.mainThread += 1;
    writePulled(state);
  };
  projector.refreshWith = (id, events) => {
    counts.readBack += 1;
    return refreshWith(id, events);
  };
  return counts;
}

/** A new desk pulling the district in small pages, its folds past their capacity every few pages. */
async function newDesk(server: Parameters<typeof makeSyncDesk>[0], decoder?: PageDecoder) {
  const fresh = await makeSyncDesk(server, {
    unitCode: DISTRICT,
    deskNumber: 2,
    sync: { pullPageSize: 3, foldCapacity: 8, ...(decoder ? { pageDecoder: decoder } : {}) },
  });
  cleanups.push(() => fresh.close());
  return { fresh, counts: countRowWrites(fresh) };
}

/** Calls `then` once the pull has written its fourth page. */
function afterFourPages(d: SyncDesk, then: () => void): void {
  let pages = 0;
  d.desk.notifications.subscribe((e) => {
    if (e.type === 'sync.status' && e.data.progress && ++pages === 4) then();
  });
}

/** The rows as a refold of every dossier from the stored log gives them, now. */
/** The desk holds `count` dossier rows, each the row a fold of its events from the log gives. */
function expectRowsAsTheLogFolds(d: SyncDesk, count: number): void {
  const before = rows(d);
  expect(before).toHaveLength(count);
  d.desk.projector.rebuildAll();
  expect(before).toEqual(rows(d));
}

describe('a first pull folded in the page worker', () => {
  it('gives each dossier the row a fold of its events gives, as of the pages written, and hands each over once', async () => {
    const { server } = await districtSentOnLater(12);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)) as (StoredWireEvent & Pulled)[];
    const folds = new PageFolds(seedProcedures);
    const half = Math.floor(feed.length / 2);
    folds.foldPage(1, decoded(feed.slice(0, half)));
    folds.foldPage(2, decoded(feed.slice(half)));
    const ids = [...new Set(feed.map((e) => e.dossierId))];
    const touchedByPage2 = new Set(feed.slice(half).map((e) => e.dossierId));
    // Only page 1 written: a dossier that page 2 touched waits.
    const asOfPage1 = folds.rows(ids, 1);
    ids.forEach((id, i) => {
      if (touchedByPage2.has(id)) expect(asOfPage1[i]).toBe('later');
      else {
        const events = feed.filter((e) => e.dossierId === id);
        const procedure = seedProcedures.find((p) => p.code === projectDossier(events)!.procedureCode);
        expect(asOfPage1[i]).toEqual(dossierRowOf(projectDossier(events)!, procedure, { pending: 0, quarantined: 0 }));
      }
    });
    // Both written: the rest, each once; those already handed over are the main thread's now (null: read back).
    const asOfPage2 = folds.rows(ids, 2);
    ids.forEach((id, i) => expect(asOfPage2[i] === null).toBe(!touchedByPage2.has(id)));
    expect(folds.size).toBe(0);
  });

  it('gives up a dossier whose events come out of server order', async () => {
    const { server } = await districtSentOnLater(6);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)) as (StoredWireEvent & Pulled)[];
    const [first, second] = feed.filter((e) => e.dossierId === feed[0]!.dossierId);
    const folds = new PageFolds(seedProcedures);
    folds.foldPage(1, decoded([second!, first!]));
    expect(folds.rows([first!.dossierId], 1)).toEqual([null]);
  });

  it('past its capacity, hands over the oldest folds with the page that took it there, exactly the excess', async () => {
    const { server } = await districtSentOnLater(12);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)) as (StoredWireEvent & Pulled)[];
    const folds = new PageFolds(seedProcedures, 4);
    folds.foldPage(1, decoded(feed));
    const inOrder = [...new Set(feed.map((e) => e.dossierId))];
    const handed = folds.handOverOldest(1);
    expect(handed.map(([id]) => id)).toEqual(inOrder.slice(0, inOrder.length - 2));
    expect(folds.size).toBe(2);
    expect(folds.handOverOldest(1)).toEqual([]);
  });

  it("from a new desk's first pull, its first page read on the main thread and sent to the worker, writes every row from the worker", async () => {
    const { server, writer, early } = await districtSentOnLater(40);
    // A new decoder: the pull's first page comes before its worker has loaded, and is read on the main thread.
    const decoder = new PageDecoder();
    cleanups.push(() => decoder.close());
    const { fresh, counts } = await newDesk(server, decoder);
    expect((await fresh.client.syncNow()).state).toBe('online');
    expect(decoder.read.onMainThread).toBe(1);
    expect(decoder.read.inWorker).toBeGreaterThan(5);
    // Every dossier once from the worker; the three sent on after they were handed over are read back, once each.
    expect(counts).toEqual({ worker: 40, mainThread: 0, readBack: early.length });
    expectRowsAsTheLogFolds(fresh, 40);
    await expectConverged(server.storage, [writer, fresh]);
  });

  it('when its worker goes away midway, reads the dossiers back from the log: none is lost or left stale', async () => {
    const { server, writer } = await districtSentOnLater(40);
    const decoder = new PageDecoder();
    cleanups.push(() => decoder.close());
    expect(await decoder.ready()).toBe(true);
    const { fresh, counts } = await newDesk(server, decoder);
    // The worker ends (a crash, or it kept a page too long), a new one reads on.
    afterFourPages(fresh, () => void decoder.close());
    expect((await fresh.client.syncNow()).state).toBe('online');
    expect(counts.worker).toBeGreaterThan(0);
    expect(counts.readBack).toBeGreaterThan(0);
    expectRowsAsTheLogFolds(fresh, 40);
    await expectConverged(server.storage, [writer, fresh]);
  });

  it("when the procedure catalog changes midway, writes the rows with the new catalog's names", async () => {
    const { server, writer } = await districtSentOnLater(40);
    // A worker loaded before the pull, so that the pages around the change are folded there (one still loading reads
    // them on the main thread with the catalog of the moment, and nothing is read back: CI, on a busy machine).
    const decoder = new PageDecoder();
    cleanups.push(() => decoder.close());
    expect(await decoder.ready()).toBe(true);
    const { fresh, counts } = await newDesk(server, decoder);
    const renamed = seedProcedures.map((p) => ({ ...p, name: `${p.name} (sửa đổi)` }));
    let writtenBefore = new Set<string>();
    afterFourPages(fresh, () => {
      writtenBefore = new Set(fresh.desk.db.prepare('SELECT id FROM dossiers').pluck().all() as string[]);
      fresh.desk.catalog.take(renamed, 'server');
    });
    expect((await fresh.client.syncNow()).state).toBe('online');
    expect(counts.worker).toBeGreaterThan(0);
    expect(counts.readBack).toBeGreaterThan(0);
    // Every row written after the change is the fold of its log with the new catalog; none carries an old name.
    const writtenAfter = (d: SyncDesk) =>
      (rows(d) as { id: string; procedure_name: string }[]).filter((r) => !writtenBefore.has(r.id));
    const before = writtenAfter(fresh);
    expect(before.length).toBeGreaterThan(10);
    expect(before.every((r) => r.procedure_name.endsWith('(sửa đổi)'))).toBe(true);
    fresh.desk.projector.rebuildAll();
    expect(writtenAfter(fresh)).toEqual(before);
    await expectConverged(server.storage, [writer, fresh]);
  });

  it('never uses a row for a dossier that met an event the desk already held, even one the worker sent before', async () => {
    const { server } = await districtSentOnLater(6);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)) as (StoredWireEvent & Pulled)[];
    // The worker's folds, run on this thread: the main side's bookkeeping is what is under test.
    const worker = new PageFolds(seedProcedures);
    const ended: number[] = [];
    const folds = new WorkerFolds(
      { foldedRows: async (_, ids, written) => worker.rows(ids, written), endFolds: (h) => ended.push(h.folds) },
      { folds: 7 } as WorkerFoldsHandle,
      () => false,
    );
    const [x, y] = [...new Set(feed.map((e) => e.dossierId))];
    const page = { foldedAs: 1 };
    worker.foldPage(1, decoded(feed));
    folds.pageStarting(page);
    for (const e of feed) folds.stage(e);
    folds.pageWritten(page);
    folds.prefetch([x!, y!]);
    await folds.prepare([x!, y!]);
    // The next page brings an event of x that the desk already held: x is read back, its row from the worker unused.
    folds.spoil(x!);
    expect(folds.handOver(x!)).toBeUndefined();
    expect(folds.handOver(y!)).toEqual({ row: expect.objectContaining({ id: y }) });
    // Given up: nothing more is held, staged or asked for, and the worker is told once.
    folds.abandon();
    for (const e of feed) folds.stage(e);
    expect(folds.size).toBe(0);
    folds.end();
    expect(ended).toEqual([7]);
  });

  it('lets rows promised after a page go, without an unhandled failure, when the worker ends before sending them', async () => {
    // A stand-in worker: it answers its first page as one that took the folds past their capacity, then ends.
    const file = path.join(tempFolder('page-worker-'), 'stand-in-worker.mjs');
    const empty = { rows: [], payloadTexts: [], ownQuarantined: [], nextCursor: 1, hasMore: false, epoch: 'e',
      serverTime: '2026-11-30T10:00:00.000+07:00', catalogVersion: 1, calendarVersion: 1, compact: true };
    writeFileSync(
      file,
      [
        "import { parentPort } from 'node:worker_threads';",
        'parentPort.on(\'message\', (m) => {',
        "  if ('kind' in m) return;",
        `  parentPort.postMessage({ id: m.id, page: ${JSON.stringify(empty)}, handing: true });`,
        '  setTimeout(() => process.exit(3), 20);',
        '});',
        "parentPort.postMessage('ready');",
      ].join('\n'),
    );
    const decoder = new PageDecoder({ worker: { url: pathToFileURL(file) } });
    cleanups.push(() => decoder.close());
    expect(await decoder.ready()).toBe(true);
    const handle = decoder.beginFolds(seedProcedures, 10)!;
    const page = await decoder.decode(new ArrayBuffer(8), false, handle);
    expect(page.foldedAs).toBeDefined();
    // Nobody waits for them (a page read ahead, never written): the worker's end must not fail the desk's process.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(page.handed).rejects.toThrow(FoldsLost);
  });
});
