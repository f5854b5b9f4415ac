/**
 * A scan is given only to a desk whose scope legitimately holds it. Knowing a file's SHA-256 (another commune's
 * scan) is not possession: linking the hash to a dossier of one's own gets neither the file nor the news that it
 * exists. Uploading the bytes is possession, and costs no second copy on the server.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CITIZEN,
  COMMUNE_A,
  COMMUNE_B,
  DISTRICT,
  seedUnits,
  sha256,
  SimDesk,
  startTestServer,
  type TestServer,
} from './support';

let server: TestServer;
let lines: string[];
let commune: SimDesk;
let neighbour: SimDesk;
beforeEach(async () => {
  lines = [];
  server = await startTestServer({ logger: { level: 'info', stream: { write: (l) => void lines.push(l) } } });
  await seedUnits(server.app);
  commune = await SimDesk.enrol(server.app, COMMUNE_A, 1);
  neighbour = await SimDesk.enrol(server.app, COMMUNE_B, 1);
});
afterEach(() => server.close());

const start = (d: SimDesk, hash: string, size: number) =>
  server.app.inject({ method: 'POST', url: '/v1/blobs', headers: d.headers, payload: { sha256: hash, size } });
const send = (d: SimDesk, hash: string, offset: number, chunk: Buffer) =>
  server.app.inject({
    method: 'PATCH',
    url: `/v1/blobs/${hash}`,
    headers: { ...d.headers, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    payload: chunk,
  });
const head = (d: SimDesk, hash: string) =>
  server.app.inject({ method: 'HEAD', url: `/v1/blobs/${hash}`, headers: d.headers });
const download = (d: SimDesk, hash: string) =>
  server.app.inject({ method: 'GET', url: `/v1/blobs/${hash}`, headers: d.headers });

async function upload(d: SimDesk, scan: Buffer): Promise<void> {
  const hash = sha256(scan);
  expect((await start(d, hash, scan.length)).json()).toMatchObject({ offset: 0, complete: false });
  expect((await send(d, hash, 0, scan)).json()).toMatchObject({ complete: true });
}

/** A dossier received at the desk with the scan linked to its first component; returns its id. */
async function receiveWithScan(d: SimDesk, scan: Buffer): Promise<string> {
  const received = d.receive();
  const linked = d.event(
    'dossier.attachment_linked',
    { target: { componentId: 'c1' }, sha256: sha256(scan), fileName: 'cccd.pdf', mime: 'application/pdf', size: scan.length },
    received.dossierId,
    1,
  );
  const result = await d.push([received, linked]);
  expect(result.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
  return received.dossierId;
}

/** How many copies of the file the server keeps, and upload bytes left lying about (read from its database file). */
function storedCopies(hash: string): { blobs: number; chunks: number } {
  const db = new Database(path.join(server.dir, 'server.db'), { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get(hash) as { n: number }).n;
    return {
      blobs: count('SELECT count(*) AS n FROM blobs WHERE sha256 = ?'),
      chunks: count('SELECT count(*) AS n FROM blob_chunks WHERE sha256 = ?'),
    };
  } finally {
    db.close();
  }
}

/** The commune uploads the scan and attaches it; the neighbouring commune attaches the same hash, without the bytes. */
async function linkedByBoth(scan: Buffer): Promise<string> {
  await upload(commune, scan);
  await receiveWithScan(commune, scan);
  await receiveWithScan(neighbour, scan);
  return sha256(scan);
}

describe('a scan is given only to the units that hold it', () => {
  it("a commune desk that links another commune's scan by its hash is told 404, as for a file that does not exist", async () => {
    const scan = randomBytes(2000);
    const hash = await linkedByBoth(scan);
    const refused = await download(neighbour, hash);
    const missing = await download(neighbour, sha256('no such scan'));
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(missing.json());
    expect(refused.rawPayload.includes(scan)).toBe(false);
    // Nor does the upload status tell it that the file is there: it must send the bytes.
    expect((await head(neighbour, hash)).statusCode).toBe(404);
    expect((await start(neighbour, hash, scan.length)).json()).toEqual({
      sha256: hash,
      size: scan.length,
      offset: 0,
      complete: false,
    });

    // The refusal is logged as an out-of-scope attempt, with no personal data.
    const refusal = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.reasonCode === 'out_of_scope');
    expect(refusal).toMatchObject({ deviceId: neighbour.deviceId, unitCode: COMMUNE_B, sha256: hash });
    const log = lines.join('\n');
    for (const personal of [CITIZEN.name, CITIZEN.idNumber, CITIZEN.phone]) expect(log).not.toContain(personal);
  });

  it('the rightful commune and the district the dossier was transferred to still download it', async () => {
    const scan = randomBytes(2000);
    const hash = sha256(scan);
    await upload(commune, scan);
    const dossierId = await receiveWithScan(commune, scan);
    const colleague = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    const district = await SimDesk.enrol(server.app, DISTRICT, 1);
    expect((await download(district, hash)).statusCode).toBe(404);

    await commune.push([commune.event('dossier.transferred', { toAgency: DISTRICT }, dossierId, 2)]);
    for (const d of [commune, colleague, district]) {
      const got = await download(d, hash);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(scan)).toBe(true);
    }
    // The district's access comes from the commune's dossier, not from the file: it holds nothing of its own.
    expect((await head(district, hash)).statusCode).toBe(404);
  });

  it('a second unit that really has the same file uploads it, can then download it, and nothing is stored twice', async () => {
    const scan = randomBytes(300_000);
    const hash = await linkedByBoth(scan);
    expect((await start(neighbour, hash, scan.length)).json()).toMatchObject({ offset: 0, complete: false });
    expect((await send(neighbour, hash, 0, scan.subarray(0, 100_000))).json()).toMatchObject({ offset: 100_000 });
    // Its link dropped: it resumes its own upload where it stood.
    const resumed = await head(neighbour, hash);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.headers['upload-offset']).toBe('100000');
    expect((await send(neighbour, hash, 100_000, scan.subarray(100_000))).json()).toMatchObject({ complete: true });

    const got = await download(neighbour, hash);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(scan)).toBe(true);
    expect((await head(neighbour, hash)).headers['upload-offset']).toBe(String(scan.length));
    expect((await download(commune, hash)).rawPayload.equals(scan)).toBe(true);
    expect(storedCopies(hash)).toEqual({ blobs: 1, chunks: 0 });
  });

  it("another unit's upload in progress is neither shown nor touched by a desk that does not hold the file", async () => {
    const scan = randomBytes(3000);
    const hash = sha256(scan);
    expect((await start(commune, hash, scan.length)).statusCode).toBe(201);
    expect((await send(commune, hash, 0, scan.subarray(0, 1000))).json()).toMatchObject({ offset: 1000 });

    expect((await head(neighbour, hash)).statusCode).toBe(404);
    // Bytes that do not match, sent by the neighbour, throw away its own upload only.
    expect((await start(neighbour, hash, scan.length)).json()).toMatchObject({ offset: 0 });
    expect((await send(neighbour, hash, 0, randomBytes(scan.length))).statusCode).toBe(422);
    expect((await head(commune, hash)).headers['upload-offset']).toBe('1000');
    expect((await send(commune, hash, 1000, scan.subarray(1000))).json()).toMatchObject({ complete: true });
    expect((await download(neighbour, hash)).statusCode).toBe(404);
  });
});
