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
import { processPush } from '../sync/push';
import { sendCompressed } from '../sync/compress-response';
import { encodedPage, PullPrefetch } from '../sync/pull-prefetch';
import type { DeviceRecord } from '../storage/contract';
import { COMPACT_PULL_FORMAT, type CompactPullResponse } from '../../shared/sync/compact-pull';

const sinceQuerySchema = z.object({ since: z.coerce.number().int().min(0).optional() }).strict();

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { storage } = ctx;
  const versions = async () => ({
    catalogVersion: (await storage.document('catalog'))?.version ?? 0,
    calendarVersion: (await storage.document('calendar'))?.version ?? 0,
    unitsVersion: await storage.unitsVersion(),
  });
  const prefetch = new PullPrefetch(storage);
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
    // A desk restored from its backup (includeOwn) and a pull's first page (countRemaining) are read when asked.
    const readsAhead = !body.includeOwn && !body.countRemaining;
    const page =
      (readsAhead ? await prefetch.take(device.id, device.unitCode, epoch, body.cursor, limit) : null) ??
      (await encodedPage(storage, device.unitCode, exclude, body.cursor, limit));
    const envelope: Omit<CompactPullResponse, 'devices' | 'types' | 'actors' | 'events'> = {
      format: COMPACT_PULL_FORMAT,
      ...(await pageEnvelope(device, body, epoch, page)),
    };
    // The events' bytes are kept as they were encoded (perhaps ahead of the request): the envelope is joined to them.
    const head = Buffer.from(`${JSON.stringify(envelope).slice(0, -1)},`, 'utf8');
    await sendCompressed(request, reply, Buffer.concat([head, page.eventsJson.subarray(1)]));
    if (page.hasMore && !body.includeOwn) prefetch.readAhead(device.id, device.unitCode, epoch, page.nextCursor, limit);
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
      const response: VersionedDocumentResponse = {
        kind,
        version,
        ...(doc && since !== version ? { body: doc.body } : {}),
        updatedAt: doc?.updatedAt ?? null,
      };
      return response;
    });
  }

  app.get('/v1/units', async (request) => {
    await authenticateDevice(ctx, request);
    // The version first: a unit changed between the two reads is fetched again at the next round, never missed.
    const version = await storage.unitsVersion();
    const response: UnitsResponse = { units: await storage.listUnits(), version };
    return response;
  });
}
