/**
 * A desk with nothing to send still has a clerk reading its indicator: when the district server stops, the idle
 * desk says "offline" within seconds, not at its next minute's poll, and "online" again as soon once the server is
 * back. Run with the product's own link timings (not the harness's shortened ones) against a real server that is
 * stopped and started again on its address.
 */
import { expect, it } from 'vitest';
import type { DeskEventPayloads } from '../../shared/api/bridge';
import { syncClientDefaults, type FetchLike } from '../../electron/desk/sync';
import { DISTRICT, makeSyncDesk, startSyncServer } from './support/harness';

/** What the clerk is promised: the indicator follows the server's going and coming back within this long. */
const NOTICE_WITHIN_MS = 15_000;

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('an idle desk says "offline" soon after the server stops and "online" soon after it returns, asking only the time meanwhile', async () => {
  const server = await startSyncServer();
  const requests: { path: string; at: number }[] = [];
  const counted: FetchLike = (url, init) => {
    requests.push({ path: new URL(url).pathname, at: Date.now() });
    return fetch(url, init);
  };
  const { linkWatchMs, linkProbeMaxMs, backoffBaseMs, backoffMaxMs } = syncClientDefaults;
  const d = await makeSyncDesk(server, {
    unitCode: DISTRICT,
    deskNumber: 1,
    sync: { fetch: counted, linkWatchMs, linkProbeMaxMs, backoffBaseMs, backoffMaxMs },
  });
  let shown: DeskEventPayloads['sync.status'] | null = null;
  d.desk.notifications.subscribe((event) => {
    if (event.type === 'sync.status') shown = event.data;
  });
  d.client.start();
  await waitFor(() => d.client.status().state === 'online', NOTICE_WITHIN_MS);
  expect(d.client.status().pending).toBe(0);

  await server.stop();
  const stoppedAt = Date.now();
  await waitFor(() => d.client.status().state === 'offline', NOTICE_WITHIN_MS);
  // What the header is told: offline, on a desk that has a server to send to (so it says the work will be sent).
  expect(shown).toMatchObject({ state: 'offline', enrolled: true, pending: 0 });
  const offline = await d.must('sync.status', {});
  expect(offline.online).toBe(false);
  expect(offline.errors[0]?.vi).toContain('Không kết nối được máy chủ');

  // Down a while, so the desk goes through a few of its back-off waits.
  await new Promise((r) => setTimeout(r, 8_000));
  const again = await startSyncServer({ file: server.file, port: server.port });
  const returnedAt = Date.now();
  await waitFor(() => d.client.status().state === 'online', NOTICE_WITHIN_MS);
  expect((await d.must('sync.status', {})).errors).toEqual([]);
  expect(shown).toMatchObject({ state: 'online', enrolled: true });

  // While the server was gone the desk only asked the time, a tiny request, with its back-off: no batch, no pull,
  // and never more than one attempt a second (the back-off's shortest wait is half its 2 s base).
  const whileDown = requests.filter((r) => r.at >= stoppedAt && r.at < returnedAt);
  expect(whileDown.length).toBeGreaterThan(0);
  expect(new Set(whileDown.map((r) => r.path))).toEqual(new Set(['/v1/time']));
  expect(whileDown.length).toBeLessThanOrEqual(1 + Math.ceil((returnedAt - stoppedAt) / 1_000));

  await d.close();
  await again.stop();
}, 60_000);
