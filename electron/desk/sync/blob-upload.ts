/**
 * Scans go up by content hash in chunks that resume where they stopped (our tus-like protocol: HEAD gives the
 * offset the server holds, PATCH appends at it, the server checks the SHA-256 when the last byte arrives).
 * Only attachments this device's events refer to are sent. The server lets a unit download a scan once the unit sent
 * its bytes, or when a unit that did attached it to a dossier the unit sees (a dossier transferred to it): knowing a
 * hash is not holding the file, so a unit that does not hold it is told 404 and uploads the bytes itself.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import {
  BLOB_CHUNK_CONTENT_TYPE,
  BLOB_LENGTH_HEADER,
  BLOB_OFFSET_HEADER,
  blobStatusSchema,
  type BlobStatus,
} from '../../../shared/sync/messages';
import type { SyncContext } from './sync-context';
import { SyncHttpError } from './transport';

export interface BlobUploadReport {
  uploaded: number;
  bytes: number;
  /** Codes of the dossiers whose scans this desk should send but no longer has (left out; the rest goes on). */
  missingScansOf: string[];
  /** Codes of the dossiers whose scans' files here no longer hold what was attached (cut short, overwritten). */
  damagedScansOf: string[];
}

/**
 * The scan's file on this PC is not the scan that was attached: shorter or longer than recorded (a damaged disk, a
 * copy cut short), or not matching its hash. Sending it could never succeed; it used to end every round at it (an
 * empty chunk past the file's end, which the server failed on), and the scans queued after it never went up (QA).
 */
class DamagedScan extends Error {}

/** Whether the file still hashes to the name it is stored under (a scan is a few MB: milliseconds). */
function fileMatches(file: string, sha256: string): boolean {
  return createHash('sha256').update(readFileSync(file)).digest('hex') === sha256;
}

/** Attachments referred to by an event of this device and not yet known to be on the server. */
function blobsToUpload(ctx: SyncContext): { sha256: string; size: number }[] {
  const rows = ctx.desk.db
    .prepare<[], { sha256: string; size: number }>(
      'SELECT sha256, size FROM attachments ORDER BY imported_at',
    )
    .all();
  const referenced = ctx.desk.db.prepare<[string, string], { one: number }>(
    "SELECT 1 AS one FROM events WHERE device_id = ? AND instr(payload, ?) > 0 AND sync_state != 'quarantined' LIMIT 1",
  );
  return rows.filter(
    (r) =>
      !ctx.meta.isBlobUploaded(r.sha256) && referenced.get(ctx.credentials.deviceId, r.sha256) !== undefined,
  );
}

/** Where the server's upload of the scan stands; undefined when it has none. */
async function serverOffset(ctx: SyncContext, sha256: string, size: number): Promise<BlobStatus | undefined> {
  const head = await ctx.transport.request({
    method: 'HEAD',
    path: `v1/blobs/${sha256}`,
    credentials: ctx.credentials,
    acceptStatus: [404],
  });
  if (head.status !== 200) return undefined;
  const offset = Number(head.headers.get(BLOB_OFFSET_HEADER));
  const length = Number(head.headers.get(BLOB_LENGTH_HEADER));
  return { sha256, size: length, offset, complete: offset === length && length === size };
}

async function startUpload(ctx: SyncContext, sha256: string, size: number): Promise<BlobStatus> {
  const created = await ctx.transport.request({
    method: 'POST',
    path: 'v1/blobs',
    credentials: ctx.credentials,
    json: { sha256, size },
    schema: blobStatusSchema,
  });
  return created.body;
}

function readChunk(file: string, offset: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const n = readSync(fd, buffer, 0, length, offset);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

async function uploadOne(
  ctx: SyncContext,
  blob: { sha256: string; size: number },
  chunkBytes: number,
): Promise<number> {
  const file = ctx.desk.attachments.blobs.pathOf(blob.sha256);
  const held = await serverOffset(ctx, blob.sha256, blob.size);
  if (held?.complete) {
    ctx.meta.markBlobUploaded(blob.sha256);
    return 0;
  }
  // Checked before a byte goes (and before the server is asked to expect it): a file of other bytes would be sent
  // whole at every round, to be refused at its end.
  if (statSync(file).size !== blob.size || !fileMatches(file, blob.sha256)) throw new DamagedScan();
  let status = held ?? (await startUpload(ctx, blob.sha256, blob.size));
  let sent = 0;
  while (!status.complete) {
    const wanted = Math.min(chunkBytes, blob.size - status.offset);
    const chunk = readChunk(file, status.offset, wanted);
    // Cut short while it was being sent.
    if (chunk.length !== wanted) throw new DamagedScan();
    try {
      const response = await ctx.transport.request({
        method: 'PATCH',
        path: `v1/blobs/${blob.sha256}`,
        credentials: ctx.credentials,
        bytes: chunk,
        headers: { 'content-type': BLOB_CHUNK_CONTENT_TYPE, [BLOB_OFFSET_HEADER]: String(status.offset) },
        schema: blobStatusSchema,
      });
      status = response.body;
      sent += chunk.length;
    } catch (e) {
      // Another attempt (or a duplicated request) moved the offset: carry on from where the server stands.
      if (e instanceof SyncHttpError && e.code === 'blob_offset_mismatch') {
        const parsed = blobStatusSchema.safeParse(e.details);
        if (parsed.success) {
          status = parsed.data;
          continue;
        }
      }
      // A hash mismatch means the server threw the upload away: the next attempt starts again from byte 0, unless the
      // file here changed while it was sent: then no attempt ever would.
      if (e instanceof SyncHttpError && e.code === 'blob_hash_mismatch' && !fileMatches(file, blob.sha256)) throw new DamagedScan();
      throw e;
    }
  }
  ctx.meta.markBlobUploaded(blob.sha256);
  return sent;
}

/** The codes of the dossiers whose events name a scan (for the clerk: which dossiers lack it). */
function dossiersNaming(ctx: SyncContext, sha256: string): string[] {
  return ctx.desk.db
    .prepare<[string, string], string>(
      `SELECT DISTINCT coalesce(d.code, e.dossier_id) FROM events e LEFT JOIN dossiers d ON d.id = e.dossier_id
        WHERE e.device_id = ? AND instr(e.payload, ?) > 0`,
    )
    .pluck()
    .all(ctx.credentials.deviceId, sha256);
}

/**
 * Scans found damaged, with their file's state then (size, modification and change times): not read again while the
 * file stays as it was (a damaged scan used to be hashed at every round for ever), read again once it changes (put
 * back from a backup: a copy keeps the modification time, but not the change time).
 */
export type DamagedScans = Map<string, string>;

function fileState(file: string): string {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

export async function uploadBlobs(ctx: SyncContext, chunkBytes: number, damaged: DamagedScans = new Map()): Promise<BlobUploadReport> {
  const report: BlobUploadReport = { uploaded: 0, bytes: 0, missingScansOf: [], damagedScansOf: [] };
  const name = (list: string[], sha256: string) => {
    for (const code of dossiersNaming(ctx, sha256)) if (!list.includes(code)) list.push(code);
  };
  for (const blob of blobsToUpload(ctx)) {
    // A scan whose file is gone (data moved to a new PC without its scans) cannot be sent: it is named to the clerk
    // and left out, and the other scans, the events and a restored desk's catch-up go on without it.
    if (!existsSync(ctx.desk.attachments.blobs.pathOf(blob.sha256))) {
      name(report.missingScansOf, blob.sha256);
      continue;
    }
    const file = ctx.desk.attachments.blobs.pathOf(blob.sha256);
    if (damaged.get(blob.sha256) === fileState(file)) {
      name(report.damagedScansOf, blob.sha256);
      continue;
    }
    try {
      report.bytes += await uploadOne(ctx, blob, chunkBytes);
      report.uploaded += 1;
      damaged.delete(blob.sha256);
    } catch (e) {
      if (!(e instanceof DamagedScan)) throw e;
      damaged.set(blob.sha256, fileState(file));
      name(report.damagedScansOf, blob.sha256);
    }
  }
  return report;
}
