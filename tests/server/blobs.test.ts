/** Attachments: chunked upload that resumes after an interruption, hash verified at the end, scoped download. */
import { randomBytes } from 'node:crypto';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMUNE_A,
  COMMUNE_B,
  seedUnits,
  sha256,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

let server: TestServer;
let desk: SimDesk;
beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
  desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
});
afterEach(() => server.close());

const chunkHeaders = (d: SimDesk, offset: number) => ({
  ...d.headers,
  'content-type': 'application/offset+octet-stream',
  'upload-offset': String(offset),
});

async function start(d: SimDesk, hash: string, size: number) {
  return server.app.inject({
    method: 'POST',
    url: '/v1/blobs',
    headers: d.headers,
    payload: { sha256: hash, size },
  });
}
async function send(d: SimDesk, hash: string, offset: number, chunk: Buffer) {
  return server.app.inject({
    method: 'PATCH',
    url: `/v1/blobs/${hash}`,
    headers: chunkHeaders(d, offset),
    payload: chunk,
  });
}

describe('blob upload', () => {
  it('resumes where it stopped and verifies the whole file', async () => {
    const scan = randomBytes(300_000);
    const hash = sha256(scan);
    expect((await start(desk, hash, scan.length)).json()).toEqual({
      sha256: hash,
      size: scan.length,
      offset: 0,
      complete: false,
    });
    expect((await send(desk, hash, 0, scan.subarray(0, 100_000))).json().offset).toBe(100_000);

    // The link dropped; the desk asks where the upload stands.
    const head = await server.app.inject({ method: 'HEAD', url: `/v1/blobs/${hash}`, headers: desk.headers });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe('100000');
    expect(head.headers['upload-length']).toBe(String(scan.length));

    // A chunk resent from the wrong place is refused with the right offset.
    const wrong = await send(desk, hash, 0, scan.subarray(0, 100_000));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toMatchObject({ code: 'blob_offset_mismatch', details: { offset: 100_000 } });

    expect((await send(desk, hash, 100_000, scan.subarray(100_000, 200_000))).json().offset).toBe(200_000);
    const done = await send(desk, hash, 200_000, scan.subarray(200_000));
    expect(done.json()).toEqual({ sha256: hash, size: scan.length, offset: scan.length, complete: true });

    const download = await server.app.inject({
      method: 'GET',
      url: `/v1/blobs/${hash}`,
      headers: desk.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(scan)).toBe(true);
    // Declaring it again says it is already there: nothing to send.
    expect((await start(desk, hash, scan.length)).json()).toMatchObject({
      complete: true,
      offset: scan.length,
    });
  });

  it('refuses and discards an upload whose bytes do not match the declared hash', async () => {
    const claimed = sha256('the real scan');
    const bytes = Buffer.from('something else!');
    await start(desk, claimed, bytes.length);
    const res = await send(desk, claimed, 0, bytes);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('blob_hash_mismatch');
    expect(res.json().error.message.vi).toContain('không khớp');
    expect(await server.storage.blob(claimed)).toBeUndefined();
    // The upload is gone, so the desk starts over cleanly.
    expect(
      (await server.app.inject({ method: 'HEAD', url: `/v1/blobs/${claimed}`, headers: desk.headers }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a chunk that runs past the declared size', async () => {
    const data = Buffer.from('0123456789');
    const hash = sha256(data);
    await start(desk, hash, data.length);
    expect((await send(desk, hash, 0, Buffer.concat([data, data]))).statusCode).toBe(409);
  });

  it('refuses an empty chunk in plain words, again and again, and the upload goes on from where it stood', async () => {
    const scan = randomBytes(20_000);
    const hash = sha256(scan);
    await start(desk, hash, scan.length);
    await send(desk, hash, 0, scan.subarray(0, 10_000));
    for (let i = 0; i < 2; i++) {
      const empty = await send(desk, hash, 10_000, Buffer.alloc(0));
      expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'blob_chunk_empty']);
    }
    const done = await send(desk, hash, 10_000, scan.subarray(10_000));
    expect(done.json()).toEqual({ sha256: hash, size: scan.length, offset: scan.length, complete: true });
  });

  it('accepts an empty file when its hash is right', async () => {
    const res = await start(desk, sha256(''), 0);
    expect(res.json()).toMatchObject({ complete: true, size: 0 });
  });

  it('lets the desks of the unit that sent a file download it, and answers another unit as for no file', async () => {
    const scan = randomBytes(1000);
    const hash = sha256(scan);
    await start(desk, hash, scan.length);
    await send(desk, hash, 0, scan);
    const neighbour = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const colleague = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const get = (d: SimDesk) =>
      server.app.inject({ method: 'GET', url: `/v1/blobs/${hash}`, headers: d.headers });
    // The unit holds the file (one of its desks sent the bytes): every desk of the unit may read it.
    expect((await get(colleague)).statusCode).toBe(200);

    const received = desk.receive();
    const linked = desk.event(
      'dossier.attachment_linked',
      {
        target: { componentId: 'c1' },
        sha256: hash,
        fileName: 'to-khai.pdf',
        mime: 'application/pdf',
        size: scan.length,
      },
      received.dossierId,
      1,
    );
    await desk.push([received, linked]);
    expect((await get(colleague)).statusCode).toBe(200);
    const refused = await get(neighbour);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('blob_not_found');
  });
});

describe('unfinished uploads (security review: made-up files declared and never finished filled the disk)', () => {
  it('refuses a device whose unfinished uploads would declare more than eight of the largest scans, until it finishes some', async () => {
    const made = (i: number) => sha256(Buffer.from(`made-up ${i}`));
    for (let i = 0; i < 8; i++) expect((await start(desk, made(i), SYNC_LIMITS.maxBlobBytes)).statusCode).toBe(201);
    const ninth = await start(desk, made(8), 10);
    expect(ninth.statusCode, ninth.body).toBe(429);
    expect(ninth.json().error).toMatchObject({ code: 'blob_uploads_open' });
    expect(ninth.json().error.message.vi).toContain('tải lên dở');
    // Its own uploads are still resumed, and another desk is not held by this one's.
    const resumed = await start(desk, made(0), SYNC_LIMITS.maxBlobBytes);
    expect(resumed.statusCode, resumed.body).not.toBe(429);
    expect(resumed.json()).toMatchObject({ offset: 0, complete: false });
    const other = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const scan = randomBytes(1000);
    expect((await start(other, sha256(scan), scan.length)).statusCode).toBe(201);
  });

  it('discards unfinished uploads nobody resumed for 30 days, chunks and all, when a new one starts', async () => {
    let now = new Date('2026-11-01T09:00:00+07:00');
    await server.close();
    server = await startTestServer({ now: () => now });
    await seedUnits(server.app);
    desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
    const scan = randomBytes(200_000);
    const hash = sha256(scan);
    await start(desk, hash, scan.length);
    expect((await send(desk, hash, 0, scan.subarray(0, 100_000))).json().offset).toBe(100_000);
    now = new Date('2026-12-02T09:00:00+07:00');
    const fresh = randomBytes(10);
    expect((await start(desk, sha256(fresh), fresh.length)).statusCode).toBe(201);
    // The old one starts again from nothing: its half is gone from the server.
    expect((await start(desk, hash, scan.length)).json()).toMatchObject({ offset: 0, complete: false });
  });
});
