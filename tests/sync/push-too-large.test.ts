/**
 * A push refused as too large (413: a reverse proxy in front of the server with a small body limit, or the server's
 * own limit) is sent again in smaller batches, and the outbox empties. It used to be sent again the same size for
 * ever, the clerk told to "send it in smaller batches", which a clerk cannot do.
 */
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import type { FetchLike } from '../../electron/desk/sync';
import { DISTRICT, ownPending, receive, syncTestBed } from './support/harness';

const bed = syncTestBed();

/** In front of the server: a push of more than `most` events is refused 413, as a proxy's HTML page or in our shape. */
function limitPushes(most: number, seen: number[], asProxy: boolean): FetchLike {
  return async (url, init) => {
    if (url.endsWith('/v1/push') && init.body) {
      const events = (JSON.parse(gunzipSync(init.body as unknown as Buffer).toString('utf8')) as { events: unknown[] }).events;
      seen.push(events.length);
      if (events.length > most) {
        return asProxy
          ? new Response('<html><body><h1>413 Request Entity Too Large</h1></body></html>', { status: 413, headers: { 'content-type': 'text/html' } })
          : new Response(
              JSON.stringify({ error: { code: 'body_too_large', message: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' } } }),
              { status: 413, headers: { 'content-type': 'application/json' } },
            );
      }
    }
    return fetch(url, init);
  };
}

for (const asProxy of [true, false]) {
  it(`sends a batch refused as too large again smaller, and the outbox empties (${asProxy ? "a proxy's page" : 'the server’s refusal'})`, async () => {
    const seen: number[] = [];
    const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, sync: { fetch: limitPushes(4, seen, asProxy) } });
    await d.client.syncNow();
    for (let i = 0; i < 12; i++) await receive(d, i + 1);
    await d.client.syncNow();
    expect(ownPending(d)).toBe(0);
    expect(await bed.server.storage.countEvents()).toBe(12);
    // The first try was the whole outbox; the batches that went through held at most what the link lets pass.
    expect(seen[0]).toBe(12);
    expect(Math.max(...seen.slice(seen.findIndex((n) => n <= 4)))).toBeLessThanOrEqual(4);
    // The next round starts from the size that passed, not from a full batch refused again.
    seen.length = 0;
    for (let i = 0; i < 6; i++) await receive(d, 20 + i);
    await d.client.syncNow();
    expect(ownPending(d)).toBe(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(4);
  }, 30_000);
}
