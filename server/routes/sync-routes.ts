/** The desk-facing sync endpoints: enrolment, push, pull, server time, catalog, calendar and units. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  enrolRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  type EnrolResponse,
  type PullRequest,
  type PullResponse,
  type PushResponse,
  type ServerTimeResponse,
  type UnitsResponse,
  type VersionedDocumentResponse,
} from '../../shared/sync/messages';
import { PROTOCOL_VERSION, SYNC_LIMITS } from '../../shared/sync/protocol';
import { authenticateDevice, throttleAnonymous, vnNow, type ServerContext } from '../context';
import { HttpProblem, parseOrRefuse } from '../http-problem';
import { enrolmentCodeHash, newSecret, sha256Hex } from '../secrets';
import { refuseDeepNesting } from '../sync/nesting';
import { processPush } from '../sync/push';
import { acceptedEncoding, sendCompressed } from '../sync/compress-response';
import { FeedSegmenter, SEGMENT_FORMAT } from '../sync/feed-segments';
import { encodedPage, PullPrefetch } from '../sync/pull-prefetch';
import type { DeviceRecord } from '../storage/contract';
import { COMPACT_PULL_FORMAT, PAGE_ENVELOPE_HEADER, type CompactPullResponse } from '../../shared/sync/compact-pull';
import { retiredProcedures } from '../catalog/known-procedures';
import { catalogOf } from '../catalog/current-catalog';

const sinceQuerySchema = z.object({ since: z.coerce.number().int().min(0).optional() }).strict();

export interface SyncRoutesOptions {
  /** Deliveries per stored segment (server/sync/feed-segments.ts); tests use fewer. */
  feedSegmentEvents?: number;
}

/** Registers the routes; returns the feed segmenter, which the server nudges after each write of events. */
export function registerSyncRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: SyncRoutesOptions = {},
): FeedSegmenter {
  const { storage } = ctx;
  const versions = async () => ({
    catalogVersion: (await storage.document('catalog'))?.version ?? 0,
    calendarVersion: (await storage.document('calendar'))?.version ?? 0,
    unitsVersion: await storage.unitsVersion(),
  });
  const prefetch = new PullPrefetch(storage);
  const segmenter = new FeedSegmenter(storage, {
    now: () => vnNow(ctx),
    ...(options.feedSegmentEvents !== undefined ? { segmentEvents: options.feedSegmentEvents } : {}),
    onError: (e) => app.log.error({ err: { type: (e as Error).name, message: (e as Error).message } }, 'feed segments'),
  });
  /**
   * The unit's segment starting at the cursor, when this pull may be sent it: written in the current format, no
   * more events than asked for, and none of the device's own unless it asked for those too (a pull leaves them out).
   */
  const servableSegment = async (device: DeviceRecord, cursor: number, limit: number, includeOwn: boolean) => {
    const info = await storage.feedSegmentInfo(device.unitCode, cursor);
    const servable =
      info !== undefined &&
      info.format === SEGMENT_FORMAT &&
      info.events <= limit &&
      (includeOwn || !info.devices.includes(device.id));
    return servable ? info : undefined;
  };
  /**
   * Where a page read for this pull ends at the latest: at the next segment's start when the pull may be sent that
   * segment (its next page is then sent as stored); otherwise wherever its limit takes it.
   */
  const alignedEnd = async (device: DeviceRecord, cursor: number, limit: number, includeOwn: boolean) => {
    const next = await storage.nextFeedSegmentStart(device.unitCode, cursor);
    return next !== undefined && (await servableSegment(device, next, limit, includeOwn)) ? next : undefined;
  };
  /** Reads the device's next page ahead, unless that page is a segment it will be sent as stored. */
  const readAheadAfter = (device: DeviceRecord, epoch: string, cursor: number, limit: number, segments: boolean) => {
    void (async () => {
      let upTo: number | undefined;
      if (segments) {
        try {
          if (await servableSegment(device, cursor, limit, false)) return;
          upTo = await alignedEnd(device, cursor, limit, false);
        } catch {
          return; // the request reads its page when it comes, and meets the failure there
        }
      }
      prefetch.readAhead(device.id, device.unitCode, epoch, cursor, limit, upTo);
    })();
  };
  /** Everything of a pull answer but its events: the feed position, the epoch, the time and the versions. */
  const pageEnvelope = async (
    device: DeviceRecord,
    body: PullRequest,
    epoch: string,
    page: { nextCursor: number; hasMore: boolean },
  ) => {
    // A desk restored from its backup asks for its own events; its quarantined ones come with the last page.
    const ownQuarantined =
      body.includeOwn && !page.hasMore ? await storage.ownQuarantined(device.id, SYNC_LIMITS.maxOwnQuarantined) : [];
    // Once per pull, on its first page (the desk asks): the count reads the unit's feed index from the cursor on.
    const remaining =
      body.countRemaining && page.hasMore ? await storage.countDeliveries(device.unitCode, page.nextCursor) : undefined;
    return {
      ...(ownQuarantined.length > 0 ? { ownQuarantined } : {}),
      ...(remaining !== undefined ? { remaining } : {}),
      nextCursor: page.nextCursor,
      hasMore: page.hasMore,
      epoch,
      serverTime: vnNow(ctx),
      ...(await versions()),
    };
  };

  app.post('/v1/enrol', async (request, reply) => {
    throttleAnonymous(ctx, request);
    const body = parseOrRefuse(enrolRequestSchema, request.body, 'đăng ký máy / enrolment');
    const codeHash = enrolmentCodeHash(body.code);
    const device = await storage.deviceByEnrolCode(codeHash);
    const expired = device?.enrolExpiresAt ? Date.parse(device.enrolExpiresAt) < ctx.now().getTime() : false;
    const invalid = () =>
      new HttpProblem(
        400,
        'enrolment_code_invalid',
        'Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin quản trị viên một mã mới.',
        'The enrolment code is wrong, already used or expired. Ask the administrator for a new one.',
      );
    if (!device || expired) {
      request.log.warn('enrol: unknown or expired code');
      throw invalid();
    }
    const secret = newSecret();
    const name = body.deviceName?.trim() || device.name;
    if (!(await storage.completeEnrolment(device.id, codeHash, sha256Hex(secret), name, vnNow(ctx))))
      throw invalid();
    request.log.info(
      { deviceId: device.id, unitCode: device.unitCode, deskNumber: device.deskNumber },
      'enrol: device enrolled',
    );
    const response: EnrolResponse = {
      deviceId: device.id,
      secret,
      unitCode: device.unitCode,
      deskNumber: device.deskNumber,
      epoch: await storage.epoch(),
      serverTime: vnNow(ctx),
    };
    return reply.code(201).send(response);
  });

  app.post('/v1/push', { bodyLimit: SYNC_LIMITS.maxPushBodyBytes }, async (request) => {
    const device = await authenticateDevice(ctx, request);
    refuseDeepNesting(request.body, 'đẩy dữ liệu / push');
    const body = parseOrRefuse(pushRequestSchema, request.body, 'đẩy dữ liệu / push');
    const foreign = body.deviceId !== device.id || body.events.some((e) => e.deviceId !== device.id);
    if (foreign) {
      request.log.warn({ deviceId: device.id }, 'push: events of another device refused');
      throw new HttpProblem(
        403,
        'device_mismatch',
        'Máy chỉ được gửi sự kiện do chính nó tạo ra. Không có gì được lưu.',
        'A device may only push events it created itself. Nothing was stored.',
      );
    }
    const serverTime = vnNow(ctx);
    const settled = await processPush(storage, device.id, body.events, serverTime, request.log);
    const response: PushResponse = { epoch: await storage.epoch(), serverTime, ...settled };
    return response;
  });

  app.post('/v1/pull', async (request, reply) => {
    const device = await authenticateDevice(ctx, request);
    const body = parseOrRefuse(pullRequestSchema, request.body, 'tải dữ liệu / pull');
    const epoch = await storage.epoch();
    if (body.epoch !== null && body.epoch !== epoch) {
      throw new HttpProblem(
        409,
        'epoch_changed',
        'Máy chủ đã được khôi phục từ bản sao lưu; máy sẽ gửi lại và tải lại toàn bộ dữ liệu.',
        'The server was restored from a backup; this desk will resend and reload all its data.',
        { epoch },
      );
    }
    const compact = body.format === COMPACT_PULL_FORMAT;
    const limit = Math.min(
      body.limit ?? SYNC_LIMITS.defaultPullLimit,
      compact ? SYNC_LIMITS.maxCompactPullLimit : SYNC_LIMITS.maxPullLimit,
    );
    const exclude = body.includeOwn ? null : device.id;
    if (!compact) {
      const page = await storage.pull(device.unitCode, exclude, body.cursor, limit);
      const response: PullResponse = { ...page, ...(await pageEnvelope(device, body, epoch, page)) };
      return response;
    }
    const brotliAccepted = acceptedEncoding(request.headers['accept-encoding']) === 'br';
    const includeOwn = body.includeOwn === true;
    const segments = body.envelopeHeader === true && brotliAccepted;
    const info = segments ? await servableSegment(device, body.cursor, limit, includeOwn) : undefined;
    const segment = info && (await storage.feedSegment(device.unitCode, info.fromSeq));
    if (segment) {
      // The stored bytes as they are, the envelope in a header: a brotli stream cannot be joined to another.
      const envelope = {
        format: COMPACT_PULL_FORMAT,
        ...(await pageEnvelope(device, body, epoch, { nextCursor: segment.toSeq, hasMore: true })),
      };
      reply.header(PAGE_ENVELOPE_HEADER, JSON.stringify(envelope));
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('vary', 'accept-encoding');
      reply.header('content-encoding', 'br');
      await reply.send(segment.body);
      // As after a page read for it: nothing is read ahead for a desk that asks for its own events too.
      if (!includeOwn) readAheadAfter(device, epoch, segment.toSeq, limit, segments);
      return reply;
    }
    // A desk restored from its backup (includeOwn) and a pull's first page (countRemaining) are read when asked.
    const readsAhead = !body.includeOwn && !body.countRemaining;
    // A page that would run into a stored segment this pull can take ends where it starts: the next page is that one.
    const upTo = segments ? await alignedEnd(device, body.cursor, limit, includeOwn) : undefined;
    const page =
      (readsAhead ? await prefetch.take(device.id, device.unitCode, epoch, body.cursor, limit) : null) ??
      (await encodedPage(storage, device.unitCode, exclude, body.cursor, limit, upTo));
    const envelope: Omit<CompactPullResponse, 'devices' | 'types' | 'actors' | 'events'> = {
      format: COMPACT_PULL_FORMAT,
      ...(await pageEnvelope(device, body, epoch, page)),
    };
    // The events' bytes are kept as they were encoded (perhaps ahead of the request): the envelope is joined to them.
    const head = Buffer.from(`${JSON.stringify(envelope).slice(0, -1)},`, 'utf8');
    await sendCompressed(request, reply, Buffer.concat([head, page.eventsJson.subarray(1)]));
    if (page.hasMore && !body.includeOwn) readAheadAfter(device, epoch, page.nextCursor, limit, segments);
    return reply;
  });

  app.get('/v1/time', async (request) => {
    throttleAnonymous(ctx, request);
    const response: ServerTimeResponse = {
      serverTime: vnNow(ctx),
      epoch: await storage.epoch(),
      protocol: PROTOCOL_VERSION,
      ...(await versions()),
    };
    return response;
  });

  for (const kind of ['catalog', 'calendar'] as const) {
    app.get(`/v1/${kind}`, async (request) => {
      await authenticateDevice(ctx, request);
      const { since } = parseOrRefuse(sinceQuerySchema, request.query, kind);
      const doc = await storage.document(kind);
      const version = doc?.version ?? 0;
      const sent = doc && since !== version;
      const response: VersionedDocumentResponse = {
        kind,
        version,
        ...(sent ? { body: doc.body } : {}),
        ...(sent && kind === 'catalog' ? { retired: await retiredProcedures(storage, version, catalogOf(doc).procedures) } : {}),
        updatedAt: doc?.updatedAt ?? null,
      };
      return response;
    });
  }

  app.get('/v1/units', async (request) => {
    await authenticateDevice(ctx, request);
    // The version first: a unit changed between the two reads is fetched again at the next round, never missed.
    const version = await storage.unitsVersion();
    const response: UnitsResponse = { units: await storage.listUnits(), version, lookupAddress: await storage.lookupAddress() };
    return response;
  });
  return segmenter;
}
