/**
 * Attachments, uploaded by content hash in chunks that resume where they stopped (tus-like headers:
 * `Upload-Offset`, `Upload-Length`). The server verifies the SHA-256 when the last byte arrives and throws the
 * upload away if it does not match, so a desk never believes a corrupt scan was saved.
 *
 * Possession, not knowledge of a hash, gives a scan: the desk's unit holds a blob once one of its desks sent bytes
 * that matched the hash. To a unit that does not hold it, the status says "not here" (it sends the bytes, which are
 * then kept once for all holders), and a download is refused as if the blob did not exist, unless a dossier the
 * unit sees was given the scan by a holder (a transfer brings the commune's scans to the district).
 *
 * A download honours one byte range (`Range` with `If-Range` on the hash as entity tag, byte-range.ts): a desk whose
 * download was cut off on a slow line asks for the rest instead of starting over.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  BLOB_CHUNK_CONTENT_TYPE,
  BLOB_LENGTH_HEADER,
  BLOB_OFFSET_HEADER,
  blobCreateRequestSchema,
  blobEntityTag,
  type BlobStatus,
} from '../../shared/sync/messages';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { toVnIso } from '../../shared/calendar/vn-time';
import { authenticateDevice, vnNow, type ServerContext } from '../context';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import type { BlobUploadState, DeviceRecord } from '../storage/contract';
import { sha256Hex } from '../secrets';
import { requestedRange } from './byte-range';

/** An unfinished upload nobody resumed for this long is abandoned: a desk offline for weeks sends that scan again. */
export const UPLOAD_ABANDONED_DAYS = 30;
/** What one device's unfinished uploads may declare at once: eight of the largest scans. */
export const MAX_OPEN_UPLOAD_BYTES = 8 * SYNC_LIMITS.maxBlobBytes;

const paramsSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const offsetSchema = z.coerce.number().int().min(0).max(SYNC_LIMITS.maxBlobBytes);

const statusOf = (s: BlobUploadState): BlobStatus => ({
  sha256: s.sha256,
  size: s.size,
  offset: s.received,
  complete: s.complete,
});

const notFound = () =>
  new HttpProblem(
    404,
    'blob_not_found',
    'Máy chủ không có tệp đính kèm này.',
    'The server does not have this attachment.',
  );

function withOffsetHeaders(reply: FastifyReply, s: BlobUploadState): FastifyReply {
  return reply
    .header(BLOB_OFFSET_HEADER, String(s.received))
    .header(BLOB_LENGTH_HEADER, String(s.size))
    .header('cache-control', 'no-store');
}

export function registerBlobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { storage } = ctx;

  app.addContentTypeParser(
    BLOB_CHUNK_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: SYNC_LIMITS.maxBlobChunkBytes },
    (_req, body, done) => done(null, body),
  );

  /**
   * Before a new upload: the unfinished ones nobody resumed for UPLOAD_ABANDONED_DAYS go (their chunks are a unit's
   * personal data, and nothing else removed them), and a device whose unfinished uploads would declare more than
   * MAX_OPEN_UPLOAD_BYTES is refused. A desk sends its scans one after the other, each resumed where it stopped, so
   * it never comes near; a stolen or broken one declaring made-up files filled the server's disk at 80 MB a second
   * (security review).
   */
  async function refuseBeyondOpenUploads(device: DeviceRecord, size: number, log: FastifyBaseLogger): Promise<void> {
    const cutoff = toVnIso(new Date(ctx.now().getTime() - UPLOAD_ABANDONED_DAYS * 86_400_000));
    const discarded = await storage.discardUploadsStartedBefore(cutoff);
    if (discarded > 0) log.info({ discarded }, 'blob: unfinished uploads abandoned for days discarded');
    if ((await storage.openUploadBytes(device.id)) + size <= MAX_OPEN_UPLOAD_BYTES) return;
    log.warn({ deviceId: device.id }, 'blob: too many unfinished uploads; refused');
    throw new HttpProblem(
      429,
      'blob_uploads_open',
      'Quầy này còn quá nhiều tệp đính kèm tải lên dở trên máy chủ; hãy để quầy gửi xong các tệp đó trước.',
      'This desk has too many unfinished uploads on the server; let it finish sending those first.',
      // A desk backs off and tries again; the uploads it resumes meanwhile are not held by this.
      { retryAfterSeconds: 600 },
    );
  }

  /** Verifies a fully received upload against its hash and moves it into the blob store. */
  async function finish(device: DeviceRecord, sha256: string, log: FastifyBaseLogger): Promise<BlobUploadState> {
    const data = await storage.uploadedBytes(sha256, device.unitCode);
    if (sha256Hex(data) !== sha256) {
      await storage.discardBlobUpload(sha256, device.unitCode);
      log.warn({ deviceId: device.id, sha256 }, 'blob: upload did not match its hash; discarded');
      throw new HttpProblem(
        422,
        'blob_hash_mismatch',
        'Tệp tải lên không khớp với mã băm đã khai báo nên đã bị hủy; hãy tải lên lại từ đầu.',
        'The uploaded file does not match its declared hash and was discarded; upload it again from the start.',
      );
    }
    await storage.commitBlob(sha256, device.unitCode, data, device.id, vnNow(ctx));
    return { sha256, size: data.length, received: data.length, complete: true };
  }

  app.post('/v1/blobs', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const body = parseOrRefuse(blobCreateRequestSchema, request.body, 'tệp đính kèm / blob');
    if ((await storage.blobUpload(body.sha256, device.unitCode)) === undefined) await refuseBeyondOpenUploads(device, body.size, request.log);
    const state = await storage.startBlobUpload(body.sha256, body.size, device.unitCode, device.id, vnNow(ctx));
    if (state.size !== body.size) {
      throw new HttpProblem(
        409,
        'blob_size_mismatch',
        'Đã có một lượt tải lên cùng mã băm nhưng khác kích thước.',
        'An upload with the same hash but a different size already exists.',
        statusOf(state),
      );
    }
    if (!state.complete && state.size === 0) {
      // An empty file has no chunk to send: it is complete (or wrong) as soon as it is declared.
      return withOffsetHeaders(reply, await finish(device, body.sha256, request.log))
        .code(201)
        .send(statusOf({ ...state, complete: true }));
    }
    return withOffsetHeaders(reply, state)
      .code(state.received === 0 && !state.complete ? 201 : 200)
      .send(statusOf(state));
  });

  app.head('/v1/blobs/:sha256', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOrRefuse(paramsSchema, request.params, 'tệp đính kèm / blob');
    const state = await storage.blobUpload(sha256, device.unitCode);
    if (!state) return reply.code(404).send();
    return withOffsetHeaders(reply, state).code(200).send();
  });

  app.patch('/v1/blobs/:sha256', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOrRefuse(paramsSchema, request.params, 'tệp đính kèm / blob');
    if (request.headers['content-type'] !== BLOB_CHUNK_CONTENT_TYPE || !Buffer.isBuffer(request.body)) {
      throw new HttpProblem(
        415,
        'unsupported_media_type',
        `Phần tệp phải gửi với Content-Type ${BLOB_CHUNK_CONTENT_TYPE}.`,
        `A chunk must be sent as ${BLOB_CHUNK_CONTENT_TYPE}.`,
      );
    }
    const offset = parseOrRefuse(offsetSchema, request.headers[BLOB_OFFSET_HEADER], 'tệp đính kèm / blob');
    const state = await storage.blobUpload(sha256, device.unitCode);
    if (!state) throw notFound();
    if (state.complete) return withOffsetHeaders(reply, state).code(200).send(statusOf(state));
    // An empty chunk moves nothing: stored, a second one at the same offset failed on the chunk's key as a 503, and
    // the desk read "server busy" for ever (QA: a desk whose scan file was cut short sent one at its end).
    if (request.body.length === 0) {
      throw new HttpProblem(
        400,
        'blob_chunk_empty',
        'Phần tệp gửi lên không có dữ liệu.',
        'The chunk holds no bytes.',
      );
    }
    const next = await storage.appendBlobChunk(sha256, device.unitCode, offset, request.body);
    if (!next) {
      const current = (await storage.blobUpload(sha256, device.unitCode)) ?? state;
      throw new HttpProblem(
        409,
        'blob_offset_mismatch',
        `Phần tệp gửi sai vị trí; hãy gửi tiếp từ byte ${current.received}.`,
        `The chunk does not start where the upload stands; continue from byte ${current.received}.`,
        statusOf(current),
      );
    }
    if (next.received < next.size) return withOffsetHeaders(reply, next).code(200).send(statusOf(next));

    const done = await finish(device, sha256, request.log);
    return withOffsetHeaders(reply, done).code(200).send(statusOf(done));
  });

  // Never compressed: a range counts the file's own bytes, and scans (PDF, JPEG) do not shrink anyway.
  app.get('/v1/blobs/:sha256', { compress: false }, async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOrRefuse(paramsSchema, request.params, 'tệp đính kèm / blob');
    // Scope first, and the same answer as for a blob that does not exist: a 403 (or reading the file before
    // refusing, which takes longer for a stored scan) would confirm that another unit has it. A desk has no business
    // asking for a scan outside its scope, so any refusal is logged as an out-of-scope attempt (a hash names no one).
    const size = (await storage.blobReadableBy(sha256, device.unitCode)) ? await storage.blobSize(sha256) : undefined;
    if (size === undefined) {
      // The desk and its unit are on every line of this request already (authenticateDevice's child logger).
      request.log.warn(
        { sha256, reasonCode: 'out_of_scope' },
        'blob: download outside the device scope refused',
      );
      throw notFound();
    }
    const etag = blobEntityTag(sha256);
    reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'no-store');
    const ifRange = request.headers['if-range'];
    const range = requestedRange(request.headers.range, Array.isArray(ifRange) ? ifRange.join(', ') : ifRange, size, etag);
    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', `bytes */${size}`);
      throw new HttpProblem(
        416,
        'range_not_satisfiable',
        `Phần tệp yêu cầu nằm ngoài tệp (tệp có ${size} byte); hãy tải lại từ đầu.`,
        `The requested part lies outside the file (${size} bytes); download it again from the start.`,
        { size },
      );
    }
    const [start, end] = range.kind === 'part' ? [range.start, range.end + 1] : [0, size];
    const data = await storage.blobBytes(sha256, start, end);
    if (!data) throw notFound();
    if (range.kind === 'part') reply.code(206).header('content-range', `bytes ${start}-${end - 1}/${size}`);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(data.length))
      .send(data);
  });
}
