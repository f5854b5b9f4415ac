/**
 * A desk on a 2G-like link: 256 kbit/s each way, 300 ms added delay, 1 % of connections stalled or reset
 * mid-transfer (plus one of each for certain). The desk pulls a district's recent dossiers and pushes its own;
 * sync completes and nothing is lost or doubled.
 */
import { afterEach, expect, it } from 'vitest';
import { LinkProxy, seededRandom } from '../support/link-proxy';
import {
  DISTRICT,
  expectConverged,
  expectStoredExactlyOnce,
  makeSyncDesk,
  someWork,
  startSyncServer,
  syncUntilSettled,
  type SyncDesk,
} from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('syncs completely over 256 kbit/s with 300 ms delay and stalled or reset connections', async () => {
  const server = await startSyncServer();
  cleanups.push(() => server.close());
  const link = {
    bandwidthBytesPerSecond: 32_000,
    delayMs: 300,
    stallProbability: 0.005,
    resetProbability: 0.005,
    random: seededRandom(7),
  };
  const proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: server.port } });
  cleanups.push(() => proxy.close());
  const office = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1 });
  const field = await makeSyncDesk(server, {
    unitCode: DISTRICT,
    deskNumber: 2,
    serverUrl: proxy.url,
    sync: { requestTimeoutMs: 6_000, maxBatchBytes: 16 * 1024 },
  });
  const desks: SyncDesk[] = [office, field];
  cleanups.push(async () => {
    for (const d of desks) await d.close();
  });
  await someWork(office, 60);
  await office.client.syncNow();
  await someWork(field, 25, 1000);

  proxy.setProfile(link);
  // For certain, not only by chance: the 2nd connection of the run stalls for good, the 4th is reset mid-response
  // (counted from here: enrolment's requests came before).
  const before = proxy.counters.connections;
  proxy.plan = (n) =>
    n - before === 2
      ? { kind: 'stall', direction: 'down', afterBytes: 600 }
      : n - before === 4
        ? { kind: 'cut', direction: 'down', afterBytes: 900 }
        : null;
  const started = performance.now();
  await syncUntilSettled([field, office]);
  const seconds = (performance.now() - started) / 1000;

  expect(proxy.counters.stalls).toBeGreaterThanOrEqual(1);
  expect(proxy.counters.cuts).toBeGreaterThanOrEqual(1);
  // The link really was slow: no more bytes got through than 256 kbit/s allows.
  expect(proxy.counters.bytesDown).toBeLessThanOrEqual(32_000 * seconds + 4096);
  await expectStoredExactlyOnce(server.storage, desks);
  await expectConverged(server.storage, desks);
}, 90_000);
