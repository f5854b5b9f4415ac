/**
 * The pull endpoint's compact pages: asked for with `format: 'compact-1'`, brotli-compressed when the desk accepts
 * it, the same events as the plain page (which older desks still get), and bigger pages allowed.
 */
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactPullResponseSchema, decodeCompactEvents } from '../../shared/sync/compact-pull';
import type { PullResponse } from '../../shared/sync/messages';
import { DISTRICT, seedUnits, sha256, SimDesk, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
});
afterEach(() => server.close());

async function districtFeed() {
  const writer = await SimDesk.enrol(server.app, DISTRICT, 1);
  const events = [];
  for (let i = 0; i < 30; i++) {
    const received = writer.receive();
    events.push(
      received,
      writer.event('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, received.dossierId, 1),
    );
  }
  await writer.push(events);
  return SimDesk.enrol(server.app, DISTRICT, 2);
}

describe('compact pull pages', () => {
  it('carry the same events as the plain page, brotli-compressed when accepted', async () => {
    const reader = await districtFeed();
    const plain = (await reader.pullPage(100)).json() as PullResponse;
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { ...reader.headers, 'accept-encoding': 'br, gzip' },
      payload: { cursor: 0, epoch: reader.epoch, limit: 100, format: 'compact-1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const page = compactPullResponseSchema.parse(
      JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8')),
    );
    expect(page.nextCursor).toBe(plain.nextCursor);
    expect(page.hasMore).toBe(plain.hasMore);
    expect(decodeCompactEvents(page, sha256).map((d) => d.event)).toEqual(plain.events);
    expect(res.rawPayload.length).toBeLessThan(JSON.stringify(plain).length / 4);
  });

  it('are sent uncompressed to a desk that accepts no encoding, and gzip to one that only knows gzip', async () => {
    const reader = await districtFeed();
    const ask = (encoding: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/pull',
        headers: { ...reader.headers, 'accept-encoding': encoding },
        payload: { cursor: 0, epoch: reader.epoch, format: 'compact-1' },
      });
    const identity = await ask('identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(compactPullResponseSchema.safeParse(identity.json()).success).toBe(true);
    expect((await ask('gzip, br;q=0')).headers['content-encoding']).toBe('gzip');
  });

  it('may be larger than a plain page; a limit above the compact maximum is refused', async () => {
    const reader = await districtFeed();
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: reader.headers,
      payload: { cursor: 0, epoch: reader.epoch, limit: 5000 },
    });
    expect(res.statusCode).toBe(200);
    expect((res.json() as PullResponse).events).toHaveLength(60);
    const tooMany = await server.app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: reader.headers,
      payload: { cursor: 0, epoch: reader.epoch, limit: 5001, format: 'compact-1' },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
