/**
 * A local change goes up at once even after the PC's clock was set forward (Windows' time sync correcting a slow
 * clock, a clerk heeding the skew warning). The client's timer bookkeeping read the wall clock, so every "soon" read as
 * later than the idle poll already set, and a reception waited for that poll (a minute, or a back-off's five).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { DISTRICT, makeSyncDesk, ownPending, receive, startSyncServer } from './support/harness';

afterEach(() => vi.restoreAllMocks());

it('a reception made after the PC clock was set a day forward still goes up within seconds', async () => {
  const server = await startSyncServer();
  const d = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1, sync: { pollIntervalMs: 60_000 } });
  try {
    d.client.start();
    await d.client.syncNow();
    await receive(d, 1);
    await vi.waitFor(() => expect(ownPending(d)).toBe(0), { timeout: 3_000 });
    // Settled: no round running, the idle poll a minute ahead.
    await d.client.syncNow();
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 24 * 3600_000);
    await receive(d, 2);
    await vi.waitFor(() => expect(ownPending(d)).toBe(0), { timeout: 3_000 });
  } finally {
    vi.restoreAllMocks();
    await d.close();
    await server.close();
  }
}, 30_000);
