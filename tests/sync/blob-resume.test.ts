/**
 * A scan download cut off on a bad line resumes instead of starting over: a real server, a real district desk behind
 * the link proxy, its own HTTP client. The bytes that came before the cut wait in the scan's partial file (never shown
 * as the scan), survive a restart of the desk, and the next attempt asks only for the rest. A partial holding wrong
 * bytes ends with the right scan after one download from zero; one longer than the scan, or a server that sends the
 * whole file anyway, starts over cleanly.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/desk/sync';
import { LinkProxy } from '../support/link-proxy';
import { COMMUNE_A, DESK_ADMIN, DISTRICT, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();
let proxy: LinkProxy;
beforeEach(async () => {
  proxy = await LinkProxy.start({ target: { host: '127.0.0.1', port: bed.server.port } });
});
afterEach(() => proxy.close());

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes)]);

/** A commune desk attaches the scan and transfers the dossier to the district desk, which reaches the server by the proxy. */
async function transferredToDistrict(scan: Buffer, fetchLike?: FetchLike) {
  const commune = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const district = await bed.desk({
    unitCode: DISTRICT,
    deskNumber: 1,
    serverUrl: proxy.url,
    ...(fetchLike ? { sync: { fetch: fetchLike } } : {}),
  });
  const { dossierId } = await receive(commune, 1);
  const stored = await commune.must('attachments.import', {
    source: 'data',
    fileName: 'CCCD.pdf',
    dataBase64: scan.toString('base64'),
  });
  const componentId = commune.desk.queries.get({ dossierId }).state.components[0]!.componentId;
  await commune.must('attachments.link', { dossierId, sha256: stored.sha256, target: { componentId } });
  await commune.must('dossiers.transfer', { dossierId, toAgency: DISTRICT });
  expect((await commune.client.syncNow()).state).toBe('online');
  expect((await district.client.syncNow()).state).toBe('online');
  return { district, dossierId, sha256: stored.sha256 };
}

const tmpOf = (d: SyncDesk) => path.join(d.dir, 'blobs', 'tmp');
const partialOf = (d: SyncDesk, sha256: string) => path.join(tmpOf(d), `${sha256}.partial`);

function plantPartial(d: SyncDesk, sha256: string, bytes: Buffer): void {
  mkdirSync(tmpOf(d), { recursive: true });
  writeFileSync(partialOf(d, sha256), bytes);
}

/** The scan under its name with exactly its bytes, its row, and nothing left aside. */
function expectStoredRight(d: SyncDesk, sha256: string, scan: Buffer): void {
  expect(readFileSync(d.desk.attachments.blobs.pathOf(sha256)).equals(scan)).toBe(true);
  expect(d.desk.db.prepare('SELECT size FROM attachments WHERE sha256 = ?').get(sha256)).toEqual({
    size: scan.length,
  });
  expect(readdirSync(tmpOf(d))).toEqual([]);
}

/** What the proxy carried while `work` ran: requests (one per connection) and response body bytes. */
async function carried<T>(
  work: () => Promise<T>,
): Promise<{ value: T; requests: number; bodyBytes: number }> {
  const before = { ...proxy.counters };
  const value = await work();
  return {
    value,
    requests: proxy.counters.connections - before.connections,
    bodyBytes: proxy.counters.bodyBytesDown - before.bodyBytesDown,
  };
}

describe('a scan download cut off on a bad line', () => {
  it('keeps what came, never as the scan; opened again after a restart, only the rest comes and the scan is right', async () => {
    const scan = pdf(400 * 1024);
    const { district, dossierId, sha256 } = await transferredToDistrict(scan);

    // The line breaks halfway through the download's answer, and stays down (the desk's resume gets nothing); it
    // trickles (1 MB/s) so the desk reads as it comes.
    proxy.setProfile({ bandwidthBytesPerSecond: 1_000_000 });
    const next = proxy.counters.connections + 1;
    proxy.plan = (n) => (n === next ? { kind: 'cut', direction: 'down', afterBytes: 200_000 } : n > next ? { kind: 'refuse' } : null);
    const cut = await district.call('attachments.get', { sha256, dossierId });
    expect(proxy.counters.cuts).toBe(1);
    expect(cut.ok).toBe(false);
    if (!cut.ok) {
      expect(cut.error.code).toBe('attachment_download_interrupted');
      expect(cut.error.message.vi).toContain('Phần đã nhận được giữ lại');
      expect(cut.error.message.en).toContain('download the rest');
    }
    // Nothing shows as the scan: no file under its name, no row; the first part waits aside, byte for byte.
    expect(district.desk.attachments.isStored(sha256)).toBe(false);
    expect(existsSync(district.desk.attachments.blobs.pathOf(sha256))).toBe(false);
    expect(
      district.desk.db.prepare('SELECT count(*) AS n FROM attachments WHERE sha256 = ?').get(sha256),
    ).toEqual({ n: 0 });
    const kept = statSync(partialOf(district, sha256)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(scan.length);
    expect(readFileSync(partialOf(district, sha256)).equals(scan.subarray(0, kept))).toBe(true);

    // The desk is closed and opened again (lunch); the clerk opens the scan again on a line that holds.
    proxy.plan = undefined;
    await district.client.stop();
    district.reopen();
    await district.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
    const resumed = await carried(() => district.must('attachments.get', { sha256, dossierId }));
    expect(Buffer.from(resumed.value.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(resumed.requests).toBe(1);
    expect(resumed.bodyBytes).toBeLessThan(scan.length);
    expect(resumed.bodyBytes).toBe(scan.length - kept);
    expectStoredRight(district, sha256, scan);
  });

  it('resumes at once, in the same opening, while a flaky line keeps bringing bytes: no byte comes twice', async () => {
    const scan = pdf(400 * 1024);
    const { district, dossierId, sha256 } = await transferredToDistrict(scan);
    // Two cuts in a row, each after some of the answer; the third connection holds.
    proxy.setProfile({ bandwidthBytesPerSecond: 1_000_000 });
    const first = proxy.counters.connections + 1;
    proxy.plan = (n) => (n === first || n === first + 1 ? { kind: 'cut', direction: 'down', afterBytes: 150_000 } : null);
    const opened = await carried(() => district.must('attachments.get', { sha256, dossierId }));
    expect(proxy.counters.cuts).toBe(2);
    expect(Buffer.from(opened.value.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(opened.requests).toBe(3);
    // Each cut's bytes were kept and not asked for again. The proxy counts what it forwarded, and a reset can drop
    // some of that in the desk's socket before it was read, so the three bodies together are a little over the scan;
    // starting over after any one cut would have cost its 150,000 bytes again.
    expect(opened.bodyBytes).toBeGreaterThanOrEqual(scan.length);
    expect(opened.bodyBytes).toBeLessThan(scan.length + 150_000);
    expectStoredRight(district, sha256, scan);
  });

  it('a partial holding wrong bytes ends with the right scan after one download from zero, never a wrong scan', async () => {
    const scan = pdf(200 * 1024);
    const { district, dossierId, sha256 } = await transferredToDistrict(scan);
    // What a power cut in the middle of a write can leave: a first part of the right length with zeros in it.
    const damaged = Buffer.from(scan.subarray(0, 120_000));
    damaged.fill(0, 60_000, 64_000);
    plantPartial(district, sha256, damaged);

    const opened = await carried(() => district.must('attachments.get', { sha256, dossierId }));
    expect(Buffer.from(opened.value.dataBase64, 'base64').equals(scan)).toBe(true);
    // The rest first (the whole is then wrong), then the whole file from zero.
    expect(opened.requests).toBe(2);
    expect(opened.bodyBytes).toBe(scan.length - damaged.length + scan.length);
    expectStoredRight(district, sha256, scan);
  });

  it('a partial longer than the scan, or a server that sends the whole file anyway, starts over cleanly', async () => {
    const scan = pdf(100 * 1024);
    // The desk's HTTP client drops its range headers on the way out when told: a server that ignores Range.
    let dropRange = false;
    const fetchLike: FetchLike = (url, init) => {
      if (!dropRange) return fetch(url, init);
      const headers = new Headers(init.headers);
      headers.delete('range');
      headers.delete('if-range');
      return fetch(url, { ...init, headers });
    };
    const { district, dossierId, sha256 } = await transferredToDistrict(scan, fetchLike);

    plantPartial(district, sha256, Buffer.concat([scan, Buffer.from('more than the scan')]));
    const tooLong = await carried(() => district.must('attachments.get', { sha256, dossierId }));
    expect(Buffer.from(tooLong.value.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(tooLong.requests).toBe(1);
    expect(tooLong.bodyBytes).toBe(scan.length);
    expectStoredRight(district, sha256, scan);

    // The same scan again on a desk that lost it, with a right first part kept: the whole file comes and replaces it.
    rmSync(district.desk.attachments.blobs.pathOf(sha256));
    district.desk.db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(sha256);
    plantPartial(district, sha256, scan.subarray(0, 50_000));
    dropRange = true;
    const whole = await carried(() => district.must('attachments.get', { sha256, dossierId }));
    expect(Buffer.from(whole.value.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(whole.requests).toBe(1);
    expect(whole.bodyBytes).toBe(scan.length);
    expectStoredRight(district, sha256, scan);
  });
});
