/**
 * The upstream ("district") server as a Fastify app. `createServer` returns the app without listening, so
 * tests drive it with `app.inject` and the command line calls `listen` on it.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { toVnIso } from '../shared/calendar/vn-time';
import { PROTOCOL_HEADER, SUPPORTED_PROTOCOL_VERSIONS } from '../shared/sync/protocol';
import type { ServerContext } from './context';
import { HttpProblem } from './http-problem';
import { redactPaths } from './log-redaction';
import { AuthFailureLimiter, DEFAULT_AUTH_FAILURES, DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit';
import { DOCUMENT_BODY_LIMIT, registerAdminRoutes } from './routes/admin-routes';
import { MAX_CATALOG_PROCEDURES } from './admin/schemas';
import { registerBlobRoutes } from './routes/blob-routes';
import { registerPortalRoutes } from './routes/portal-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import type { FeedSegmenter } from './sync/feed-segments';
import type { ServerStorage } from './storage/contract';
import type { SqlDriver } from './storage/sql-driver';
import { registerReporting } from './reports/register';

export interface ServerLogOptions {
  level?: string;
  /** Where JSON log lines go (stdout when absent). */
  stream?: { write(line: string): void };
}

export interface CreateServerOptions {
  storage: ServerStorage;
  /** The administrator token (`Authorization: Bearer …` on /v1/admin/*). */
  adminToken: string;
  /** The national portal's token for online submissions; the endpoint is closed without one. */
  portalToken?: string | null;
  /** false for silence (tests that do not look at logs). */
  logger?: ServerLogOptions | false;
  /**
   * The addresses of a reverse proxy in front of the server (TLS ends there: docs/operator.md), comma-separated, as
   * IPs or CIDR ranges. Requests from them are taken to come from the client their X-Forwarded-For names, so the
   * public lookup's and the anonymous endpoints' limits are per citizen, not one budget for the whole district.
   */
  trustProxy?: string;
  now?: () => Date;
  rateLimit?: RateLimitOptions;
  /** Failed authentications an address may make in a burst, and how fast they are forgiven (rate-limit.ts). */
  authFailureLimit?: RateLimitOptions;
  /** Largest request body for ordinary endpoints (bytes, after decompression). */
  bodyLimit?: number;
  /**
   * The SQL driver under `storage` (server/reports/open-reporting.ts): with it the server also serves reports,
   * the publication feed and the public status page.
   */
  reportingDriver?: SqlDriver;
  /** Deliveries per stored feed segment (server/sync/feed-segments.ts); tests use fewer. */
  feedSegmentEvents?: number;
  /** The protocol versions answered; tests give an earlier release's to play it. */
  protocolVersions?: readonly number[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Builds the units' settled pull pages (server/sync/feed-segments.ts); `nudge()` resolves once they are built. */
    feedSegmenter: FeedSegmenter;
  }
}

/** Requests after which new events may be stored: the report projection and the feed segments are nudged. */
const EVENT_WRITING_ROUTES = new Set(['/v1/push', '/v1/portal/dossiers']);

/** Routes the national portal calls: an outside party that does not speak our protocol header. */
const PROTOCOL_EXEMPT = new Set(['/v1/portal/dossiers']);

function checkProtocol(url: string, header: string | string[] | undefined, supported: readonly number[]): void {
  const path = url.split('?')[0]!;
  if (!path.startsWith('/v1/') || PROTOCOL_EXEMPT.has(path)) return;
  if (header === undefined) {
    throw new HttpProblem(
      400,
      'protocol_missing',
      `Yêu cầu thiếu phiên bản giao thức (${PROTOCOL_HEADER}); hãy cập nhật phần mềm MotCua Desk.`,
      `The request does not state its protocol version (${PROTOCOL_HEADER}); update MotCua Desk.`,
    );
  }
  const version = Number(Array.isArray(header) ? header[0] : header);
  if (!supported.includes(version)) {
    throw new HttpProblem(
      426,
      'protocol_unsupported',
      `Máy chủ không hỗ trợ phiên bản giao thức "${String(header).slice(0, 20)}" (hỗ trợ: ${supported.join(', ')}). Hãy cập nhật phần mềm.`,
      `The server does not support protocol version "${String(header).slice(0, 20)}" (supported: ${supported.join(', ')}). Update the software.`,
      { supported },
    );
  }
}

/** Fastify's own refusals (bad JSON, body too large, wrong media type, bad gzip) in the protocol's error shape. */
function frameworkProblem(error: FastifyError, method: string, url: string): HttpProblem {
  const status = error.statusCode ?? 500;
  if (status === 413 && method === 'PUT' && /^\/v1\/admin\/(catalog|calendar)(\?|$)/.test(url)) {
    // Published whole: "smaller batches" cannot be followed (QA). Said with the limits, and what usually swells a file.
    const mb = DOCUMENT_BODY_LIMIT / (1024 * 1024);
    return new HttpProblem(
      413,
      'document_too_large',
      `Tài liệu gửi lên lớn hơn ${mb} MB, mức tối đa của một danh mục hoặc lịch (một danh mục có tối đa ${MAX_CATALOG_PROCEDURES.toLocaleString('vi-VN')} thủ tục). Hãy kiểm tra tệp có bị chép lặp hay kèm dữ liệu khác không. Không có gì được lưu.`,
      `The document sent is larger than ${mb} MB, the most a catalog or calendar may be (a catalog holds at most ${MAX_CATALOG_PROCEDURES.toLocaleString('en-GB')} procedures). Check that the file is not repeated or carrying other data. Nothing was stored.`,
    );
  }
  if (status === 413) {
    return new HttpProblem(
      413,
      'body_too_large',
      'Dữ liệu gửi lên quá lớn; hãy gửi thành các lô nhỏ hơn.',
      'The request body is too large; send it in smaller batches.',
    );
  }
  if (status === 415) {
    return new HttpProblem(
      415,
      'unsupported_media_type',
      'Kiểu dữ liệu hoặc kiểu nén không được hỗ trợ (dùng JSON, nén gzip).',
      'Unsupported content type or encoding (send JSON, gzip-compressed).',
    );
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    // A document PUT with nothing in it is a file emptied by mistake (`jq … cal.json > cal.json`): sending {} as the
    // advice below says would publish the standard calendar over the district's (QA).
    if (method === 'PUT' && /^\/v1\/admin\/(catalog|calendar)(\?|$)/.test(url)) {
      return new HttpProblem(
        400,
        'empty_json_body',
        'Nội dung gửi lên trống: tệp danh mục hoặc lịch có thể đã bị ghi đè rỗng khi sửa. Hãy lấy lại tài liệu (GET), sửa rồi gửi lại. Không có gì được lưu.',
        'The body sent is empty: the catalog or calendar file may have been emptied while editing. Fetch the document again (GET), edit it and send it again. Nothing was stored.',
      );
    }
    // A script that sends its usual JSON header on a command without a body (revoke, disable): say that, not "broken".
    return new HttpProblem(
      400,
      'empty_json_body',
      'Yêu cầu khai báo nội dung JSON nhưng không gửi gì: hãy gửi {} hoặc bỏ tiêu đề Content-Type. Không có gì được lưu.',
      'The request declares a JSON body but sends none: send {} or leave out the Content-Type header. Nothing was stored.',
    );
  }
  if (status >= 400 && status < 500) {
    return new HttpProblem(
      status,
      'bad_request',
      'Yêu cầu không đọc được (JSON hoặc dữ liệu nén bị hỏng). Không có gì được lưu.',
      'The request could not be read (broken JSON or compressed data). Nothing was stored.',
    );
  }
  return new HttpProblem(
    503,
    'server_unavailable',
    'Máy chủ tạm thời không xử lý được yêu cầu; máy sẽ tự thử lại sau.',
    'The server could not handle the request just now; the desk will retry later.',
  );
}

export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const logger =
    options.logger === false
      ? false
      : {
          level: options.logger?.level ?? 'info',
          redact: { paths: redactPaths, censor: '[redacted]' },
          // An administrator reads these when a commune says "it does not sync": Vietnam time, not epoch milliseconds.
          timestamp: () => `,"time":"${toVnIso(now())}"`,
          ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
        };
  const app = Fastify({
    logger,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // The JSON parser refuses __proto__ and constructor.prototype keys outright (prototype poisoning).
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });

  const ctx: ServerContext = {
    storage: options.storage,
    now,
    adminToken: options.adminToken,
    portalToken: options.portalToken ?? null,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, () => now().getTime()),
    authFailures: new AuthFailureLimiter(options.authFailureLimit ?? DEFAULT_AUTH_FAILURES, () => now().getTime()),
  };

  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    const problem = error instanceof HttpProblem ? error : frameworkProblem(error, request.method, request.url);
    if (problem.statusCode >= 500) {
      request.log.error(
        { err: { type: error.name, message: error.message, code: (error as FastifyError).code } },
        'request failed',
      );
    } else {
      // Why a desk was turned away (new epoch, old protocol, rate limit, bad body), by its reason code: the status
      // alone does not tell a stale epoch from a wrong enrolment code. ("code" is a redacted key: see log-redaction.)
      request.log.info({ problem: problem.code }, `request refused: ${problem.code}`);
    }
    if (problem.statusCode === 429)
      reply.header(
        'retry-after',
        String((problem.details as { retryAfterSeconds: number }).retryAfterSeconds),
      );
    return reply.code(problem.statusCode).send(problem.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new HttpProblem(
      404,
      'not_found',
      'Không có địa chỉ này trên máy chủ.',
      'There is no such address on this server.',
    );
    return reply.code(404).send(problem.body());
  });

  const protocolVersions = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
  app.addHook('onRequest', async (request) => checkProtocol(request.url, request.headers[PROTOCOL_HEADER], protocolVersions));
  // "request completed" is written through reply.log: it carries the desk that authenticateDevice bound to the
  // request's logger, so every line about a desk's request can be found by its device id.
  app.addHook('onSend', async (request, reply) => {
    reply.log = request.log;
  });

  await app.register(compress, {
    global: true,
    encodings: ['gzip'],
    requestEncodings: ['gzip'],
    threshold: 1024,
  });

  const segmenter = registerSyncRoutes(app, ctx, {
    ...(options.feedSegmentEvents !== undefined ? { feedSegmentEvents: options.feedSegmentEvents } : {}),
  });
  app.decorate('feedSegmenter', segmenter);
  // What filled while the server was down (or was imported) is built once it listens; then after each write.
  app.addHook('onReady', async () => void segmenter.nudge());
  app.addHook('onClose', async () => segmenter.close());
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 300 && EVENT_WRITING_ROUTES.has(request.routeOptions.url ?? '')) void segmenter.nudge();
  });
  registerBlobRoutes(app, ctx);
  registerPortalRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  if (options.reportingDriver) {
    const reporting = await registerReporting(app, ctx, { driver: options.reportingDriver });
    // After the response, so a push never waits for the report projection; a report catches up before reading.
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode < 300 && EVENT_WRITING_ROUTES.has(request.routeOptions.url ?? '')) void reporting.nudge();
    });
  }
  return app;
}
