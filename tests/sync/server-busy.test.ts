/**
 * A server that answers "wait" (429 over its request budget, or a fault of its own) is not a lost link: the clerk
 * is told the server is busy, not "no connection" (which sends them to check the cables), the work goes on and waits
 * to be sent, and it goes up once the server takes requests again. Run against a real server with a small budget.
 */
import { expect, it } from 'vitest';
import type { DeskEventPayloads } from '../../shared/api/bridge';
import { DISTRICT, makeSyncDesk, ownPending, receive, startSyncServer } from './support/harness';

it('over its request budget the desk says "server busy" with the server’s words, keeps working, and sends once let in', async () => {
  // A budget of 6 requests, refilled at 2 a second: a few quick rounds spend it.
  const server = await startSyncServer({ rateLimit: { capacity: 6, refillPerSecond: 2 } });
  const d = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1 });
  const shown: DeskEventPayloads['sync.status'][] = [];
  d.desk.notifications.subscribe((event) => {
    if (event.type === 'sync.status') shown.push(event.data);
  });

  let status = await d.client.syncNow();
  for (let round = 0; round < 10 && status.state !== 'waiting'; round++) {
    await receive(d);
    status = await d.client.syncNow();
  }
  expect(status.state).toBe('waiting');
  expect(status.online).toBe(false);
  expect(status.errors[0]?.vi).toContain('Máy gửi quá nhiều yêu cầu');
  expect(status.errors[0]?.en).toContain('Too many requests');
  expect(shown.at(-1)).toMatchObject({ state: 'waiting', enrolled: true });

  // The clerk goes on receiving: recorded here, waiting to be sent.
  const { code } = await receive(d);
  expect(code).toMatch(/\S/);
  expect(ownPending(d)).toBeGreaterThan(0);

  // Once the budget has refilled, everything goes up and the desk is online again.
  await new Promise((r) => setTimeout(r, 3_500));
  status = await d.client.syncNow();
  expect(status.state).toBe('online');
  expect(ownPending(d)).toBe(0);
  expect(await server.storage.countEvents()).toBeGreaterThan(0);

  await d.close();
  await server.close();
}, 60_000);
