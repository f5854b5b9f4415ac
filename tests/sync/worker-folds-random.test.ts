/**
 * A new desk's first pull folded in the page worker, under random page sizes, fold capacities and interruptions:
 * another desk's deeds pushed while the pull runs (their events come in later pages, for dossiers the worker may
 * already have handed over), the clerk's own deed on a pulled dossier, the worker going away, a new procedure
 * catalog published on the server (it reaches the desk after the pull, and renames every procedure). Whatever the
 * mix, every dossier's row must be the one a fold of its stored events gives, and the desk must hold what the
 * server holds for its unit. The targeted cases are in worker-folds.test.ts; this one looks for the mixes nobody
 * thought of. A failing seed is named in the test's title; `SEED=n` runs that one alone, `SEEDS=n` the first n.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { PageDecoder } from '../../electron/desk/sync/page-decoder';
import { seededRandom } from '../support/link-proxy';
import { admin } from '../server/support';
import { DISTRICT, districtWithWork, expectConverged, makeSyncDesk, type SyncDesk } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SEEDS = process.env.SEED
  ? [Number(process.env.SEED)]
  : Array.from({ length: Number(process.env.SEEDS ?? 8) }, (_, i) => i + 1);

type Interruption = 'colleague' | 'clerk' | 'worker' | 'catalog';
const INTERRUPTIONS: Interruption[] = ['colleague', 'clerk', 'worker', 'catalog'];

/** Ids of the desk's dossiers in a status, in a fixed order. */
const dossiersIn = (d: SyncDesk, status: number) =>
  d.desk.db.prepare('SELECT id FROM dossiers WHERE status = ? ORDER BY id').pluck().all(status) as string[];

describe('a first pull folded in the page worker, under random pages and interruptions', () => {
  it.each(SEEDS)('seed %i: every row is the fold of its stored events, and the desk holds what the server holds', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
    const dossiers = 16 + Math.floor(random() * 16);
    const { server, writer } = await districtWithWork(dossiers, cleanups);
    // Some dossiers sent on after all the receptions: their last events come pages after their first.
    for (let i = Math.floor(random() * 5); i > 0; i--) {
      const dossierId = pick(dossiersIn(writer, 2));
      if (dossierId) await writer.must('dossiers.transfer', { dossierId, note: 'Chuyển phòng chuyên môn' });
    }
    await writer.client.syncNow();

    const decoder = new PageDecoder();
    cleanups.push(() => decoder.close());
    const fresh = await makeSyncDesk(server, {
      unitCode: DISTRICT,
      deskNumber: 2,
      sync: { pullPageSize: 2 + Math.floor(random() * 6), foldCapacity: 2 + Math.floor(random() * 10), pageDecoder: decoder },
    });
    cleanups.push(() => fresh.close());

    // Each interruption strikes once the pull has written its chosen page.
    const plan = new Map<number, Interruption>();
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) plan.set(1 + Math.floor(random() * 8), pick(INTERRUPTIONS)!);
    const deeds: Promise<unknown>[] = [];
    const struck: Interruption[] = [];
    let pages = 0;
    let pulling = true;
    fresh.desk.notifications.subscribe((e) => {
      // Only the first pull's pages: later rounds tell progress too.
      if (!pulling || e.type !== 'sync.status' || !e.data.progress) return;
      const what = plan.get(++pages);
      if (!what) return;
      plan.delete(pages);
      struck.push(what);
      if (what === 'colleague') {
        const dossierId = pick(dossiersIn(writer, 2));
        if (dossierId)
          deeds.push(
            writer
              .must('dossiers.transfer', { dossierId, note: 'Chuyển phòng chuyên môn' })
              .then(() => writer.client.syncNow()),
          );
      } else if (what === 'clerk') {
        const dossierId = pick(dossiersIn(fresh, 2));
        if (dossierId)
          deeds.push(
            fresh.must('dossiers.requestSupplement', { dossierId, items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' }),
          );
      } else if (what === 'worker') void decoder.close();
      else
        deeds.push(
          admin(server.app, 'PUT', '/v1/admin/catalog', {
            procedures: seedProcedures.map((p) => ({ ...p, name: `${p.name} (sửa đổi ${pages})` })),
          }),
        );
    });

    expect((await fresh.client.syncNow()).state).toBe('online');
    pulling = false;
    await Promise.all(deeds);
    // Both desks once more: the colleague's late deeds reach this desk, the clerk's reach the server.
    for (const d of [writer, fresh, writer, fresh]) expect((await d.client.syncNow()).state).toBe('online');

    const rows = () => fresh.desk.db.prepare('SELECT * FROM dossiers ORDER BY id').all();
    const pulled = rows();
    expect(pulled, `seed ${seed}, struck: ${struck.join(', ') || 'nothing'}`).toHaveLength(dossiers);
    fresh.desk.projector.rebuildAll();
    expect(rows(), `seed ${seed}, struck: ${struck.join(', ') || 'nothing'}`).toEqual(pulled);
    await expectConverged(server.storage, [writer, fresh]);
  });
});
