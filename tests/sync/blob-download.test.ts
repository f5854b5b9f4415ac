/**
 * Scans come down to the desks that need them: a real server and real desks. A commune desk attaches a scan and
 * transfers the dossier to the district; the district desk opens it and gets the very bytes, stored as if imported
 * there (so it opens again with the server gone). A second desk of the commune gets the first desk's scan. Offline,
 * before the scanning desk has sent it, or with bytes that do not match the hash, the clerk is told what to do and
 * nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/desk/sync';
import { COMMUNE_A, DISTRICT, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();

/** A scan's file name often carries the citizen's name: it must never reach a log. */
const SCAN_NAME = 'CCCD Nguyễn Thị Hoa.pdf';

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes)]);

/** Receives a dossier at the desk with the scan linked to its first paper; returns the dossier and the hash. */
async function receiveWithScan(d: SyncDesk, n: number, scan: Buffer): Promise<{ dossierId: string; sha256: string }> {
  const { dossierId } = await receive(d, n);
  const stored = await d.must('attachments.import', { source: 'data', fileName: SCAN_NAME, dataBase64: scan.toString('base64') });
  const componentId = d.desk.queries.get({ dossierId }).state.components[0]!.componentId;
  await d.must('attachments.link', { dossierId, sha256: stored.sha256, target: { componentId } });
  return { dossierId, sha256: stored.sha256 };
}

/** The desk's fetch, with a switch for the link and a hook on scan downloads; counts the downloads asked for. */
function switchableFetch(tamper?: (bytes: Buffer) => Buffer) {
  const state = { online: true, downloads: 0 };
  const fetchLike: FetchLike = async (url, init) => {
    if (!state.online) throw new TypeError('fetch failed');
    const isDownload = init.method === 'GET' && new URL(url).pathname.startsWith('/v1/blobs/');
    if (isDownload) state.downloads += 1;
    const response = await fetch(url, init);
    if (!isDownload || !tamper || !response.ok) return response;
    const bytes = tamper(Buffer.from(await response.arrayBuffer()));
    return new Response(new Uint8Array(bytes), { status: response.status, headers: response.headers });
  };
  return { fetch: fetchLike, state };
}

/** What a failed download must not leave: no row, no file, no temporary file. */
function expectNothingStored(d: SyncDesk, sha256: string): void {
  expect(d.desk.db.prepare('SELECT count(*) AS n FROM attachments WHERE sha256 = ?').get(sha256)).toEqual({ n: 0 });
  expect(existsSync(d.desk.attachments.blobs.pathOf(sha256))).toBe(false);
  const tmp = path.join(path.dirname(path.dirname(d.desk.attachments.blobs.pathOf(sha256))), 'tmp');
  expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
}

/** A commune desk receives a dossier with the scan and transfers it to the district; both have synced. */
async function transferredToDistrict(scan: Buffer, fetchLike: FetchLike) {
  const commune = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const district = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, sync: { fetch: fetchLike } });
  const { dossierId, sha256 } = await receiveWithScan(commune, 1, scan);
  await commune.must('dossiers.transfer', { dossierId, toAgency: DISTRICT });
  await commune.client.syncNow();
  await district.client.syncNow();
  return { district, dossierId, sha256 };
}

describe('scans a desk lacks come from the server when opened', () => {
  it('the district desk opens the scan of a dossier a commune transferred to it, and gets the exact bytes', async () => {
    const scan = pdf(300 * 1024);
    const lines: string[] = [];
    const commune = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
    const district = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, sync: { log: (l) => void lines.push(l) } });
    const { dossierId, sha256 } = await receiveWithScan(commune, 1, scan);
    await commune.must('dossiers.transfer', { dossierId, toAgency: DISTRICT, note: 'Chuyển phòng Tư pháp huyện' });
    expect((await commune.client.syncNow()).state).toBe('online');
    expect((await district.client.syncNow()).state).toBe('online');
    expect(district.desk.attachments.isStored(sha256)).toBe(false);

    const opened = await district.must('attachments.get', { sha256, dossierId });
    expect(Buffer.from(opened.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(opened).toMatchObject({ sha256, size: scan.length, mime: 'application/pdf', fileName: SCAN_NAME });
    // Stored as if imported here: the row under the event's name, the file under its hash.
    expect(district.desk.attachments.isStored(sha256)).toBe(true);
    expect(district.desk.db.prepare('SELECT original_name, size FROM attachments WHERE sha256 = ?').get(sha256)).toEqual({
      original_name: SCAN_NAME,
      size: scan.length,
    });
    // Durably: it opens again after the desk is reopened with the server gone.
    await bed.server.stop();
    await district.client.stop();
    district.reopen();
    await district.must('auth.login', { username: 'admin', password: 'mat-khau-123' });
    const again = await district.must('attachments.get', { sha256, dossierId });
    expect(Buffer.from(again.dataBase64, 'base64').equals(scan)).toBe(true);
    // The download is in the audit trail by hash; no log line names the file.
    const trail = district.desk.db
      .prepare<[string], { action: string; detail: string | null }>('SELECT action, detail FROM audit_log WHERE target_id = ?')
      .all(sha256);
    expect(trail.map((e) => e.action)).toContain('attachment.import');
    expect(lines.some((l) => l.includes('downloaded'))).toBe(true);
    for (const l of lines) expect(l).not.toContain('Nguyễn');
  });

  it('a second desk of the commune gets the scan taken at the first desk; before the first desk sent it, it is told so', async () => {
    const scan = pdf(100 * 1024);
    // The first desk's scan uploads fail until `blobsUp` (its events go up all the same).
    let blobsUp = false;
    const first = await bed.desk({
      unitCode: COMMUNE_A,
      deskNumber: 1,
      sync: {
        fetch: async (url, init) => {
          if (!blobsUp && new URL(url).pathname.startsWith('/v1/blobs')) throw new TypeError('fetch failed');
          return fetch(url, init);
        },
      },
    });
    const second = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 2 });
    const { dossierId, sha256 } = await receiveWithScan(first, 1, scan);
    await first.client.syncNow();
    expect(first.desk.events.pendingCount(first.deviceId)).toBe(0);
    await second.client.syncNow();

    const early = await second.call('attachments.get', { sha256, dossierId });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('attachment_not_on_server');
      expect(early.error.message.vi).toContain('hãy nhờ quầy đó đồng bộ');
    }
    expectNothingStored(second, sha256);

    blobsUp = true;
    expect((await first.client.syncNow()).state).toBe('online');
    const opened = await second.must('attachments.get', { sha256, dossierId });
    expect(Buffer.from(opened.dataBase64, 'base64').equals(scan)).toBe(true);
    expect(opened.fileName).toBe(SCAN_NAME);
  });

  it('offline, opening the scan says to connect and try again, writes nothing, and the desk goes on', async () => {
    const scan = pdf(50 * 1024);
    const link = switchableFetch();
    const { district, dossierId, sha256 } = await transferredToDistrict(scan, link.fetch);

    link.state.online = false;
    const failed = await district.call('attachments.get', { sha256, dossierId });
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe('attachment_offline');
      expect(failed.error.message.vi).toBe('Tệp đính kèm này chưa có trên máy; cần kết nối với máy chủ để tải về — thử lại khi có mạng.');
      expect(failed.error.message.en).toContain('try again when the network is back');
    }
    expectNothingStored(district, sha256);
    // The desk keeps working: the dossier still opens.
    expect((await district.must('dossiers.get', { dossierId })).state.id).toBe(dossierId);

    link.state.online = true;
    const opened = await district.must('attachments.get', { sha256, dossierId });
    expect(Buffer.from(opened.dataBase64, 'base64').equals(scan)).toBe(true);
  });

  it('bytes that do not match the hash are refused and nothing is stored; a hash no event names is not asked for', async () => {
    const scan = pdf(80 * 1024);
    // Same length, same PDF header: only the hash tells them apart.
    const link = switchableFetch((bytes) => {
      const changed = Buffer.from(bytes);
      changed[changed.length - 1] = changed[changed.length - 1]! ^ 0xff;
      return changed;
    });
    const { district, dossierId, sha256 } = await transferredToDistrict(scan, link.fetch);

    const failed = await district.call('attachments.get', { sha256, dossierId });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('attachment_download_mismatch');
    expect(link.state.downloads).toBe(1);
    expectNothingStored(district, sha256);

    // A hash no event of the desk names: refused as before, without a request.
    const unknown = await district.call('attachments.get', { sha256: 'e'.repeat(64) });
    expect(unknown.ok ? null : unknown.error.code).toBe('attachment_not_found');
    expect(link.state.downloads).toBe(1);
  });
});
