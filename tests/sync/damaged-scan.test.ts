/**
 * A scan whose file on the desk no longer is what was attached (cut short by a damaged disk or a copy, or other bytes
 * of the same size): it is named to the clerk as damaged and left out, and the other scans still go up. It used to end
 * every round at it: an empty chunk past the file's end, which the server failed on (503), the desk saying "server
 * busy" for ever and the scans queued after it never sent.
 */
import { randomBytes } from 'node:crypto';
import { openSync, writeSync, writeFileSync, closeSync, statSync, truncateSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../electron/desk/sync';
import { DISTRICT, receive, syncTestBed } from './support/harness';

const bed = syncTestBed();

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes)]);

/** A desk with two scans on one dossier, the first of which is then damaged by `damage(file)`. */
async function twoScans(damage: (file: string) => void) {
  const failures: number[] = [];
  const patched: string[] = [];
  const asked: string[] = [];
  const watching: FetchLike = async (url, init) => {
    const r = await fetch(url, init);
    if (r.status >= 500) failures.push(r.status);
    if (init.method === 'PATCH') patched.push(url.split('/').at(-1)!);
    if (url.includes('/v1/blobs')) asked.push(`${init.method} ${url.split('/').at(-1)}`);
    return r;
  };
  const d = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, sync: { fetch: watching } });
  const { dossierId } = await receive(d, 1);
  const componentId = d.desk.queries.get({ dossierId }).state.components[0]!.componentId;
  const original = pdf(20_000);
  const damaged = await d.must('attachments.import', { source: 'data', fileName: 'CCCD.pdf', dataBase64: original.toString('base64') });
  await d.must('attachments.link', { dossierId, sha256: damaged.sha256, target: { componentId } });
  const good = await d.must('attachments.import', { source: 'data', fileName: 'Don.pdf', dataBase64: pdf(5_000).toString('base64') });
  await d.must('attachments.link', { dossierId, sha256: good.sha256, target: { componentId } });
  damage(d.desk.attachments.blobs.pathOf(damaged.sha256));
  const code = d.desk.queries.get({ dossierId }).state.code!;
  return { d, good, damaged, failures, patched, asked, code, original };
}

describe('a damaged scan file on the desk', () => {
  it('cut short: named to the clerk, and the other scan goes up without the server failing', async () => {
    const { d, good, damaged, failures, code } = await twoScans((file) => truncateSync(file, 10_000));
    let status = await d.client.syncNow();
    status = await d.client.syncNow();
    expect(failures).toEqual([]);
    expect(await bed.server.storage.blobSize(good.sha256)).toBe(5_009);
    expect(await bed.server.storage.blobSize(damaged.sha256)).toBeUndefined();
    expect(status.errors.map((e) => e.vi)).toContainEqual(expect.stringContaining(`Không gửi được bản quét của hồ sơ ${code}: tệp trên máy này đã bị hỏng`));
    expect(status.state).not.toBe('waiting');
  });

  it('is not read or asked about again while its file stays as it is, and goes up once the file is put back', async () => {
    const { d, damaged, asked, code, original } = await twoScans((file) => truncateSync(file, 10_000));
    await d.client.syncNow();
    asked.length = 0;
    let status = await d.client.syncNow();
    expect(asked.filter((a) => a.endsWith(damaged.sha256))).toEqual([]);
    expect(status.errors.map((e) => e.en)).toContainEqual(expect.stringContaining(`${code} cannot be sent: their files on this PC are damaged`));
    // The technician copies the scan back from the backup's blobs folder, as a copy does: the old modification time.
    const file = d.desk.attachments.blobs.pathOf(damaged.sha256);
    const { atime, mtime } = statSync(file);
    writeFileSync(file, original);
    utimesSync(file, atime, mtime);
    status = await d.client.syncNow();
    expect(await bed.server.storage.blobSize(damaged.sha256)).toBe(original.length);
    expect(status.errors.map((e) => e.en).join(' ')).not.toContain('damaged');
  });

  it('other bytes of the same size: found before a byte is sent, named, and never sent', async () => {
    const { d, good, damaged, patched, code } = await twoScans((file) => {
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 1_000);
      closeSync(fd);
    });
    await d.client.syncNow();
    const status = await d.client.syncNow();
    expect(patched).not.toContain(damaged.sha256);
    expect(await bed.server.storage.blobSize(good.sha256)).toBe(5_009);
    expect(await bed.server.storage.blobSize(damaged.sha256)).toBeUndefined();
    expect(status.errors.map((e) => e.en)).toContainEqual(expect.stringContaining(`${code} cannot be sent: their files on this PC are damaged`));
  });
});
