/**
 * The desk's side of a scan brought from the server (attachments/attachment-service.ts readOrDownload), with the
 * download injected: a desk that has the dossier's events but not the file (here: restored without its scans). One
 * download for two clicks, the row under the event's name, bytes that are no scan or not the scan refused with
 * nothing written, and a desk that does not sync told it cannot download.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import type { ScanDownloadSink } from '../../electron/desk/attachments/partial-scan';
import { allPresent, applicant, makeTestDesk, ordinaryProcedure, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const SCAN_NAME = 'Giấy khai sinh Lê Văn An.pdf';

/** A desk whose dossier names a scan it no longer has (neither its file nor its row). */
async function deskMissingItsScan(scan: Buffer): Promise<{ t: TestDesk; dossierId: string; sha256: string }> {
  const desk = await makeTestDesk();
  const p = ordinaryProcedure();
  const { dossier } = await desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
  const stored = await desk.must('attachments.import', { source: 'data', fileName: SCAN_NAME, dataBase64: scan.toString('base64') });
  const componentId = p.components[0]!.id;
  await desk.must('attachments.link', { dossierId: dossier.id, sha256: stored.sha256, target: { componentId } });
  rmSync(desk.desk.attachments.blobs.pathOf(stored.sha256));
  desk.desk.db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(stored.sha256);
  return { t: desk, dossierId: dossier.id, sha256: stored.sha256 };
}

const failureCode = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AppFailure ? e.error.code : String(e);
  }
};

function expectNothingStored(desk: TestDesk, sha256: string): void {
  expect(desk.desk.attachments.isStored(sha256)).toBe(false);
  expect(existsSync(desk.desk.attachments.blobs.pathOf(sha256))).toBe(false);
  const tmp = path.join(desk.dir, 'blobs', 'tmp');
  expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
}

describe('a scan named by the desk\'s events but not on this PC', () => {
  it('is downloaded once for two clicks and stored under the name its event gives', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
    const setup = await deskMissingItsScan(scan);
    t = setup.t;
    const asked: [string, number][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const download = async (sha256: string, into: ScanDownloadSink) => {
      asked.push([sha256, into.size]);
      await gate;
      await into.append(scan);
    };
    const first = t.desk.attachments.readOrDownload(setup.sha256, setup.dossierId, download);
    const second = t.desk.attachments.readOrDownload(setup.sha256, undefined, download);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(asked).toEqual([[setup.sha256, scan.length]]);
    for (const got of [a, b]) {
      expect(Buffer.from(got.dataBase64, 'base64').equals(scan)).toBe(true);
      expect(got).toMatchObject({ fileName: SCAN_NAME, mime: 'application/pdf', size: scan.length });
    }
    expect(createHash('sha256').update(scan).digest('hex')).toBe(setup.sha256);
  });

  it('refuses bytes that are not the scan, or no scan at all, and writes nothing', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
    const setup = await deskMissingItsScan(scan);
    t = setup.t;
    const other = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
    expect(await failureCode(t.desk.attachments.readOrDownload(setup.sha256, setup.dossierId, async (_: string, into: ScanDownloadSink) => into.append(other)))).toBe('attachment_download_mismatch');
    expectNothingStored(t, setup.sha256);
    const notScan = Buffer.from(scan);
    notScan.write('MZ', 0);
    expect(await failureCode(t.desk.attachments.readOrDownload(setup.sha256, setup.dossierId, async (_: string, into: ScanDownloadSink) => into.append(notScan)))).toBe('attachment_download_mismatch');
    expectNothingStored(t, setup.sha256);
  });

  it('drops a month-old unfinished download of another scan and a crash’s day-old temporary file, keeping the rest', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
    const setup = await deskMissingItsScan(scan);
    t = setup.t;
    const tmp = path.join(t.dir, 'blobs', 'tmp');
    mkdirSync(tmp, { recursive: true });
    const day = 24 * 3_600_000;
    const plant = (name: string, ageMs: number) => {
      writeFileSync(path.join(tmp, name), randomBytes(1000));
      const at = new Date(Date.now() - ageMs);
      utimesSync(path.join(tmp, name), at, at);
    };
    plant(`${'a'.repeat(64)}.partial`, 31 * day); // a scan nobody opened again for a month
    plant(`${'b'.repeat(64)}.partial`, 20 * day); // one opened three weeks ago: may still be resumed
    plant('3f0c6a9e-crash-left-this', 2 * day); // an import's temporary file a crash left
    plant('5d1e7b2a-import-writing-now', 60_000); // an import writing now
    await t.desk.attachments.readOrDownload(setup.sha256, setup.dossierId, async (_: string, into: ScanDownloadSink) => into.append(scan));
    expect(readdirSync(tmp).sort()).toEqual(['5d1e7b2a-import-writing-now', `${'b'.repeat(64)}.partial`]);
  });

  it('on a desk that does not sync, says it cannot be downloaded and what to do', async () => {
    const setup = await deskMissingItsScan(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100)]));
    t = setup.t;
    const r = await t.call('attachments.get', { sha256: setup.sha256, dossierId: setup.dossierId });
    expect(r.ok ? null : r.error.code).toBe('attachment_not_connected');
    expect(r.ok ? '' : r.error.message.vi).toContain('chưa kết nối với máy chủ');
    expectNothingStored(t, setup.sha256);
  });
});
