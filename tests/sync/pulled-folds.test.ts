/**
 * A new desk's pull folds its dossiers in memory (projections/pulled-folds.ts) and writes their rows from that at
 * the end. It must give the row a fold of the stored log gives, and hand a dossier back to that fold whenever it
 * cannot be sure: events out of server order, an event the desk already held, a chunk rolled back, a clerk's command
 * on the dossier during the pull, a desk that had events before the pull.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { projectDossier } from '../../shared/domain/lifecycle';
import type { DossierEvent } from '../../shared/domain/events';
import type { StoredWireEvent } from '../../shared/sync/messages';
import { PulledFolds } from '../../electron/desk/projections/pulled-folds';
import { DISTRICT, districtWithWork, makeSyncDesk, serverEventsOfUnit, type SyncDesk } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Pulled = DossierEvent & { serverSeq: number };

async function district(dossiers: number) {
  const { server, writer } = await districtWithWork(dossiers, cleanups);
  const feed = (await serverEventsOfUnit(server.storage, DISTRICT)) as (StoredWireEvent & Pulled)[];
  return { server, writer, feed };
}

const byDossier = (feed: readonly Pulled[]) => {
  const map = new Map<string, Pulled[]>();
  for (const e of feed) map.set(e.dossierId, [...(map.get(e.dossierId) ?? []), e]);
  return map;
};

const rows = (d: SyncDesk) => d.desk.db.prepare('SELECT * FROM dossiers ORDER BY seq').all();

describe('in-memory folds of a pull', () => {
  it('fold each dossier as the fold of its events does, and hand each over once', async () => {
    const { feed } = await district(6);
    const folds = new PulledFolds();
    for (const e of feed) folds.stage(e);
    folds.chunkCommitted();
    for (const [id, events] of byDossier(feed)) {
      expect(folds.take(id)).toEqual(projectDossier(events));
      expect(folds.take(id)).toBeUndefined();
    }
    expect(folds.size).toBe(0);
  });

  it('give up a dossier whose events come out of server order, or that the desk already held', async () => {
    const { feed } = await district(6);
    const dossiers = [...byDossier(feed).values()].filter((events) => events.length >= 2);
    const [reversed, held, kept] = dossiers;
    const folds = new PulledFolds();
    // A transfer can bring a dossier's older events after newer ones: that fold would be wrong.
    for (const e of [...reversed!].reverse()) folds.stage(e);
    // An event the desk already had (its own, or pulled before): the state here would miss the log's other events.
    folds.stage(held![0]!);
    folds.chunkCommitted();
    folds.spoil(held![0]!.dossierId);
    folds.stage(held![1]!);
    folds.chunkCommitted();
    for (const e of kept!) folds.stage(e);
    folds.chunkCommitted();
    expect(folds.take(reversed![0]!.dossierId)).toBeUndefined();
    expect(folds.take(held![0]!.dossierId)).toBeUndefined();
    expect(folds.take(kept![0]!.dossierId)).toEqual(projectDossier(kept!));
    expect(folds.size).toBe(0);
  });

  it('give up everything after a failed chunk or refold, whether or not it committed', async () => {
    const { feed } = await district(6);
    const folds = new PulledFolds();
    const half = Math.floor(feed.length / 2);
    for (const e of feed.slice(0, half)) folds.stage(e);
    folds.chunkCommitted();
    for (const e of feed.slice(half)) folds.stage(e);
    folds.abandon();
    // The next chunks of the pull (if it goes on) are not folded either: every dossier is read back.
    for (const e of feed.slice(half)) folds.stage(e);
    folds.chunkCommitted();
    for (const id of byDossier(feed).keys()) expect(folds.take(id)).toBeUndefined();
  });

  it('are used only by a desk whose log was empty when the pull began', async () => {
    const { server, writer } = await district(2);
    const fresh = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2 });
    cleanups.push(() => fresh.close());
    expect(PulledFolds.logIsEmpty(fresh.desk.db)).toBe(true);
    expect(PulledFolds.logIsEmpty(writer.desk.db)).toBe(false);
  });

  it("keep a clerk's command on a pulled dossier during the pull in its row", async () => {
    const { server, writer, feed } = await district(12);
    // The first dossier was received and nothing else; its row does not exist until the pull's refold.
    const first = feed[0]!.dossierId;
    expect(feed.filter((e) => e.dossierId === first)).toHaveLength(1);
    let command: Promise<unknown> | null = null;
    const puller: SyncDesk = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: {
        pullPageSize: 50,
        pageWriter: {
          chunkEvents: 4,
          // Between the page's chunks the event loop turns, and the clerk sends the dossier on.
          afterChunk: () => {
            command ??= puller.must('dossiers.transfer', { dossierId: first, note: 'Chuyển phòng chuyên môn' });
          },
        },
      },
    });
    cleanups.push(() => puller.close());
    expect((await puller.client.syncNow()).state).toBe('online');
    await command;
    const row = puller.desk.db
      .prepare<[string], { status: number; version: number }>('SELECT status, version FROM dossiers WHERE id = ?')
      .get(first);
    expect(row).toEqual({ status: 4, version: 2 });
    expect(rows(puller)).toHaveLength(12);
    const pulled = rows(puller);
    puller.desk.projector.rebuildAll();
    expect(rows(puller)).toEqual(pulled);
    expect(writer.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 12 });
  });
});
