/**
 * Real desks, unchanged, against a server that gives scans by possession: a second commune that scanned the same
 * paper (same bytes, same hash) is told the server lacks it, sends it, and ends holding it; the server keeps one copy.
 * A desk that only names a hash it does not have never gets the file.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/desk/sync';
import { COMMUNE_A, COMMUNE_B, expectConverged, ownPending, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();

/** Imports the scan at the desk and links it to a new dossier's first component; returns its hash. */
async function attachScan(d: SyncDesk, n: number, scan: Buffer): Promise<string> {
  const { dossierId } = await receive(d, n);
  const stored = await d.must('attachments.import', {
    source: 'data',
    fileName: 'cccd.pdf',
    dataBase64: scan.toString('base64'),
  });
  const componentId = d.desk.queries.get({ dossierId }).state.components[0]!.componentId;
  await d.must('attachments.link', { dossierId, sha256: stored.sha256, target: { componentId } });
  return stored.sha256;
}

/** A fetch that counts the scan bytes the desk sends. */
function countingFetch(): { fetch: FetchLike; sent: () => number } {
  let bytes = 0;
  return {
    fetch: async (url, init) => {
      if (init.method === 'PATCH') bytes += (init.body as Uint8Array).length;
      return fetch(url, init);
    },
    sent: () => bytes,
  };
}

describe('scans between units', () => {
  it('a second commune with the same scan uploads it and holds it; the server stores it once', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200 * 1024)]);
    const first = countingFetch();
    const second = countingFetch();
    const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1, sync: { fetch: first.fetch, blobChunkBytes: 64 * 1024 } });
    const b = await bed.desk({ unitCode: COMMUNE_B, deskNumber: 1, sync: { fetch: second.fetch, blobChunkBytes: 64 * 1024 } });
    const hash = await attachScan(a, 1, scan);
    expect((await a.client.syncNow()).state).toBe('online');
    expect(first.sent()).toBe(scan.length);

    expect(await attachScan(b, 1, scan)).toBe(hash);
    expect((await b.client.syncNow()).state).toBe('online');
    // Told the server lacks it (for its unit), the desk sent every byte; on the next round, nothing more.
    expect(second.sent()).toBe(scan.length);
    await b.client.syncNow();
    expect(second.sent()).toBe(scan.length);
    expect(ownPending(b)).toBe(0);

    const { storage } = bed.server;
    for (const unit of [COMMUNE_A, COMMUNE_B]) {
      expect(await storage.blobUpload(hash, unit)).toMatchObject({ complete: true, received: scan.length });
      expect(await storage.blobReadableBy(hash, unit)).toBe(true);
    }
    expect((await storage.blob(hash))?.data.equals(scan)).toBe(true);
    await expectConverged(storage, [a, b]);
  });
});
