/**
 * Attachments, uploaded by content hash in chunks that resume where they stopped (tus-like headers:
 * `Upload-Offset`, `Upload-Length`). The server verifies the SHA-256 when the last byte arrives and throws the
 * upload away if it does not match, so a desk never believes a corrupt scan was saved.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  BLOB_CHUNK_CONTENT_TYPE,
  BLOB_LENGTH_HEADER,
  BLOB_OFFSET_HEADER,
  blobCreateRequestSchema,
  type BlobStatus,
} from '../../shared/sync/messages';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { authenticateDevice, vnNow, type ServerContext } from '../context';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import type { BlobUploadState } from '../storage/contract';
import { sha256Hex } from '../secrets';

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

  /** Verifies a fully received upload against its hash and moves it into the blob store. */
  async function finish(deviceId: string, sha256: string, log: FastifyBaseLogger): Promise<BlobUploadState> {
    const data = await storage.uploadedBytes(sha256);
    if (sha256Hex(data) !== sha256) {
      await storage.discardBlobUpload(sha256);
      log.warn({ deviceId, sha256 }, 'blob: upload did not match its hash; discarded');
      throw new HttpProblem(
        422,
        'blob_hash_mismatch',
        'Tệp tải lên không khớp với mã băm đã khai báo nên đã bị hủy; hãy tải lên lại từ đầu.',
        'The uploaded file does not match its declared hash and was discarded; upload it again from the start.',
      );
    }
    await storage.commitBlob(sha256, data, deviceId, vnNow(ctx));
    return { sha256, size: data.length, received: data.length, complete: true };
  }

  app.post('/v1/blobs', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const body = parseOrRefuse(blobCreateRequestSchema, request.body, 'tệp đính kèm / blob');
    const state = await storage.startBlobUpload(body.sha256, body.size, device.id, vnNow(ctx));
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
      return withOffsetHeaders(reply, await finish(device.id, body.sha256, request.log))
        .code(201)
        .send(statusOf({ ...state, complete: true }));
    }
    return withOffsetHeaders(reply, state)
      .code(state.received === 0 && !state.complete ? 201 : 200)
      .send(statusOf(state));
  });

  app.head('/v1/blobs/:sha256', async (request, reply) => {
    await authenticateDevice(ctx, request);
    const { sha256 } = parseOrRefuse(paramsSchema, request.params, 'tệp đính kèm / blob');
    const state = await storage.blobUpload(sha256);
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
    const state = await storage.blobUpload(sha256);
    if (!state) throw notFound();
    if (state.complete) return withOffsetHeaders(reply, state).code(200).send(statusOf(state));
    const next = await storage.appendBlobChunk(sha256, offset, request.body);
    if (!next) {
      const current = (await storage.blobUpload(sha256)) ?? state;
      throw new HttpProblem(
        409,
        'blob_offset_mismatch',
        `Phần tệp gửi sai vị trí; hãy gửi tiếp từ byte ${current.received}.`,
        `The chunk does not start where the upload stands; continue from byte ${current.received}.`,
        statusOf(current),
      );
    }
    if (next.received < next.size) return withOffsetHeaders(reply, next).code(200).send(statusOf(next));

    const done = await finish(device.id, sha256, request.log);
    return withOffsetHeaders(reply, done).code(200).send(statusOf(done));
  });

  app.get('/v1/blobs/:sha256', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const { sha256 } = parseOrRefuse(paramsSchema, request.params, 'tệp đính kèm / blob');
    const blob = await storage.blob(sha256);
    if (!blob) throw notFound();
    if (blob.uploadedBy !== device.id && !(await storage.blobReferencedInUnit(sha256, device.unitCode))) {
      request.log.warn(
        { deviceId: device.id, unitCode: device.unitCode, sha256 },
        'blob: download outside the device scope refused',
      );
      throw new HttpProblem(
        403,
        'out_of_scope',
        'Tệp này không thuộc hồ sơ của đơn vị máy này.',
        "This file does not belong to a dossier of this device's unit.",
      );
    }
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(blob.size))
      .send(blob.data);
  });
}
