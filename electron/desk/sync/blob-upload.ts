/**
 * Scans go up by content hash in chunks that resume where they stopped (our tus-like protocol: HEAD gives the
 * offset the server holds, PATCH appends at it, the server checks the SHA-256 when the last byte arrives).
 * Only attachments this device's events refer to are sent. The server lets a unit download a scan once the unit sent
 * its bytes, or when a unit that did attached it to a dossier the unit sees (a dossier transferred to it): knowing a
 * hash is not holding the file, so a unit that does not hold it is told 404 and uploads the bytes itself.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
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

async function serverOffset(ctx: SyncContext, sha256: string, size: number): Promise<BlobStatus> {
  const head = await ctx.transport.request({
    method: 'HEAD',
    path: `v1/blobs/${sha256}`,
    credentials: ctx.credentials,
    acceptStatus: [404],
  });
  if (head.status === 200) {
    const offset = Number(head.headers.get(BLOB_OFFSET_HEADER));
    const length = Number(head.headers.get(BLOB_LENGTH_HEADER));
    return { sha256, size: length, offset, complete: offset === length && length === size };
  }
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
  let status = await serverOffset(ctx, blob.sha256, blob.size);
  let sent = 0;
  while (!status.complete) {
    const chunk = readChunk(file, status.offset, Math.min(chunkBytes, blob.size - status.offset));
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
      // A hash mismatch means the server threw the upload away: the next attempt starts again from byte 0.
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

export async function uploadBlobs(ctx: SyncContext, chunkBytes: number): Promise<BlobUploadReport> {
  const report: BlobUploadReport = { uploaded: 0, bytes: 0, missingScansOf: [] };
  for (const blob of blobsToUpload(ctx)) {
    // A scan whose file is gone (data moved to a new PC without its scans) cannot be sent: it is named to the clerk
    // and left out, and the other scans, the events and a restored desk's catch-up go on without it.
    if (!existsSync(ctx.desk.attachments.blobs.pathOf(blob.sha256))) {
      for (const code of dossiersNaming(ctx, blob.sha256)) if (!report.missingScansOf.includes(code)) report.missingScansOf.push(code);
      continue;
    }
    report.bytes += await uploadOne(ctx, blob, chunkBytes);
    report.uploaded += 1;
  }
  return report;
}
