/**
 * A scan download cut off on a bad line resumes: the server honours one byte range (`Range: bytes=N-` or `N-M`) with
 * 206 and Content-Range, tags the file with its hash so the desk can ask "the rest, if it is still this file"
 * (If-Range), answers 416 for a range past the end, and keeps the possession rule: a unit that may not read the scan
 * gets the same 404 with a range as without.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMUNE_A,
  COMMUNE_B,
  seedUnits,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

let server: TestServer;
let desk: SimDesk;
let scan: Buffer;
let hash: string;

beforeEach(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
  desk = await SimDesk.enrol(server.app, COMMUNE_A, 1);
  scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]);
  hash = await desk.uploadScan(scan);
});
afterEach(() => server.close());

const get = (headers: Record<string, string> = {}, d: SimDesk = desk) =>
  server.app.inject({ method: 'GET', url: `/v1/blobs/${hash}`, headers: { ...d.headers, ...headers } });

describe('a scan download asked for in part', () => {
  it('sends the whole file with its hash as a strong tag, and says it takes byte ranges', async () => {
    const whole = await get();
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(scan)).toBe(true);
    expect(whole.headers).toMatchObject({
      'accept-ranges': 'bytes',
      etag: `"${hash}"`,
      'content-length': String(scan.length),
      'content-type': 'application/octet-stream',
    });
    expect(whole.headers['content-range']).toBeUndefined();
  });

  it('sends the rest from a byte, or a span, with 206 and where the part lies', async () => {
    const rest = await get({ range: 'bytes=150000-', 'if-range': `"${hash}"` });
    expect(rest.statusCode).toBe(206);
    expect(rest.rawPayload.equals(scan.subarray(150_000))).toBe(true);
    expect(rest.headers['content-range']).toBe(`bytes 150000-${scan.length - 1}/${scan.length}`);
    expect(rest.headers['content-length']).toBe(String(scan.length - 150_000));
    expect(rest.headers.etag).toBe(`"${hash}"`);

    const span = await get({ range: 'bytes=10-19' });
    expect(span.statusCode).toBe(206);
    expect(span.rawPayload.equals(scan.subarray(10, 20))).toBe(true);
    expect(span.headers['content-range']).toBe(`bytes 10-19/${scan.length}`);

    // A span running past the end stops at the end.
    const past = await get({ range: `bytes=${scan.length - 5}-${scan.length + 1000}` });
    expect(past.statusCode).toBe(206);
    expect(past.rawPayload.equals(scan.subarray(-5))).toBe(true);
    expect(past.headers['content-range']).toBe(`bytes ${scan.length - 5}-${scan.length - 1}/${scan.length}`);
  });

  it('sends the whole file when If-Range names other bytes, or the range is one it does not serve', async () => {
    const asked: Record<string, string>[] = [
      { range: 'bytes=100-', 'if-range': `"${'0'.repeat(64)}"` },
      { range: 'bytes=100-', 'if-range': `W/"${hash}"` },
      { range: 'bytes=100-', 'if-range': 'Tue, 03 Mar 2026 08:00:00 GMT' },
      { range: 'bytes=0-9, 20-29' },
      { range: 'bytes=-500' },
      { range: 'bytes=30-20' },
      { range: 'pages=1-2' },
    ];
    for (const headers of asked) {
      const answer = await get(headers);
      expect(answer.statusCode, JSON.stringify(headers)).toBe(200);
      expect(answer.rawPayload.equals(scan)).toBe(true);
      expect(answer.headers['content-range']).toBeUndefined();
    }
  });

  it('answers 416 with the size for a range that starts at or after the end', async () => {
    for (const range of [`bytes=${scan.length}-`, `bytes=${scan.length + 10}-${scan.length + 20}`]) {
      const answer = await get({ range, 'if-range': `"${hash}"` });
      expect(answer.statusCode).toBe(416);
      expect(answer.headers['content-range']).toBe(`bytes */${scan.length}`);
      expect(answer.json().error.code).toBe('range_not_satisfiable');
      expect(answer.json().error.message.vi).toContain('tải lại từ đầu');
    }
  });

  it('answers a unit that may not read the scan as for no file, range or not', async () => {
    const neighbour = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const asked: Record<string, string>[] = [
      {},
      { range: 'bytes=100-', 'if-range': `"${hash}"` },
      { range: `bytes=${scan.length}-` },
    ];
    for (const headers of asked) {
      const refused = await get(headers, neighbour);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('blob_not_found');
      expect(refused.headers['content-range']).toBeUndefined();
      expect(refused.headers.etag).toBeUndefined();
    }
  });
});
