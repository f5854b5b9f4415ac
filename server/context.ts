/**
 * What every route module gets: the storage, the clock, the secrets to check against and the rate limiters. Failed
 * authentications are counted per address (rate-limit.ts AuthFailureLimiter): an address that keeps failing is
 * answered 429 and logged once a window instead of once a request.
 */
import type { FastifyRequest } from 'fastify';
import { toVnIso } from '../shared/calendar/vn-time';
import { DEVICE_AUTH_SCHEME } from '../shared/sync/protocol';
import type { DeviceRecord, ServerStorage } from './storage/contract';
import { HttpProblem } from './http-problem';
import type { AuthFailureLimiter, RateLimiter } from './rate-limit';
import { sameSecret, sha256Hex } from './secrets';

export interface ServerContext {
  storage: ServerStorage;
  now: () => Date;
  adminToken: string;
  portalToken: string | null;
  limiter: RateLimiter;
  authFailures: AuthFailureLimiter;
}

export const vnNow = (ctx: ServerContext): string => toVnIso(ctx.now());

const unauthorised = () =>
  new HttpProblem(
    401,
    'unauthorized',
    'Máy chưa được xác thực: thiếu hoặc sai thông tin đăng nhập của máy. Hãy đăng ký lại máy với quản trị viên.',
    'This device is not authenticated: its credentials are missing or wrong. Enrol the device again with the administrator.',
  );

function bearer(request: FastifyRequest, scheme: string): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return null;
  return header.slice(space + 1).trim();
}

function throttle(ctx: ServerContext, key: string): void {
  const wait = ctx.limiter.take(key);
  if (wait > 0) {
    throw new HttpProblem(
      429,
      'rate_limited',
      `Máy gửi quá nhiều yêu cầu; hãy thử lại sau ${wait} giây.`,
      `Too many requests from this client; try again in ${wait} seconds.`,
      { retryAfterSeconds: wait },
    );
  }
}

/**
 * A failed authentication, counted against the address it came from (`request.ip`, also behind a proxy named in
 * `trustProxy`; an IPv6 client's whole /64 counts as one, as for the public lookup). Within the address's budget it
 * is refused 401 with its own log line; past it, 429 with Retry-After, and one line for the address a window instead
 * of one a request. Credentials are always checked first, so a desk with a good secret behind the same office NAT as
 * a client that keeps failing (a visitor's laptop, a stale script) is never refused for it.
 */
function failed(ctx: ServerContext, request: FastifyRequest, problem: HttpProblem, line?: string, bindings: object = {}): HttpProblem {
  const wait = ctx.authFailures.recordFailure(request.ip);
  if (wait === 0) {
    if (line) request.log.warn(bindings, line);
    return problem;
  }
  if (ctx.authFailures.firstRefusalInWindow(request.ip)) {
    // The request id ties this line to the access line naming the address; no credential, nothing personal.
    request.log.warn({ retryAfterSeconds: wait }, 'auth: too many failed authentications from one address; answering 429');
  }
  // Every further failure in the window says nothing more: neither "request refused" nor "request completed".
  request.log = request.log.child({}, { level: 'silent' });
  return new HttpProblem(
    429,
    'too_many_failed_authentications',
    `Máy chủ đã nhận quá nhiều lần đăng nhập sai từ địa chỉ mạng này; hãy thử lại sau ${wait} giây. Nếu máy vẫn bị từ chối, hãy kiểm tra mã truy cập hoặc đăng ký lại máy với quản trị viên.`,
    `Too many failed authentications from this address; try again in ${wait} seconds. If the device is still refused, check its token or enrol it again with the administrator.`,
    { retryAfterSeconds: wait },
  );
}

/** The enrolled, not revoked desk named by `Authorization: Device <id>:<secret>`. */
export async function authenticateDevice(ctx: ServerContext, request: FastifyRequest): Promise<DeviceRecord> {
  const credentials = bearer(request, DEVICE_AUTH_SCHEME);
  const colon = credentials?.indexOf(':') ?? -1;
  if (!credentials || colon <= 0) throw failed(ctx, request, unauthorised());
  const id = credentials.slice(0, colon);
  const secret = credentials.slice(colon + 1);
  const device = id.length <= 100 ? await ctx.storage.device(id) : undefined;
  if (
    !device ||
    device.kind !== 'desk' ||
    !device.secretHash ||
    !sameSecret(sha256Hex(secret), device.secretHash)
  ) {
    throw failed(ctx, request, unauthorised(), 'auth: device credentials refused', { deviceId: id.slice(0, 100) });
  }
  // Every later line about this request (refusals, "request completed") names the desk it came from.
  request.log = request.log.child({ deviceId: device.id, unitCode: device.unitCode, deskNumber: device.deskNumber });
  if (device.revokedAt) {
    request.log.warn('auth: revoked device refused');
    throw new HttpProblem(
      401,
      'device_revoked',
      // Its unsent work cannot go up under another device (its events carry this one's id): a mistaken revocation is
      // undone on the server (reinstate-desk), not by a new enrolment.
      'Máy này đã bị quản trị viên thu hồi quyền đồng bộ; hồ sơ chưa gửi vẫn được giữ trên máy. Nếu thu hồi nhầm, quản trị viên huyện khôi phục quầy trên máy chủ, rồi quản trị viên quầy vào Đồng bộ › Đổi địa chỉ máy chủ… và lưu lại địa chỉ đang dùng.',
      'This device was revoked by the administrator and may no longer sync; its unsent dossiers stay on this PC. If that was a mistake, the district administrator reinstates the desk on the server, then the desk administrator opens Sync › Change server address… and saves the address in use.',
    );
  }
  throttle(ctx, `device:${device.id}`);
  return device;
}

export function authenticateAdmin(ctx: ServerContext, request: FastifyRequest): void {
  const token = bearer(request, 'Bearer');
  if (!token || !sameSecret(token, ctx.adminToken)) {
    throw failed(
      ctx,
      request,
      new HttpProblem(401, 'unauthorized', 'Cần mã quản trị hợp lệ.', 'A valid administrator token is required.'),
      'auth: administrator token refused',
    );
  }
  throttle(ctx, 'admin');
}

export function authenticatePortal(ctx: ServerContext, request: FastifyRequest): void {
  const token = bearer(request, 'Bearer');
  if (!ctx.portalToken || !token || !sameSecret(token, ctx.portalToken)) {
    throw failed(
      ctx,
      request,
      new HttpProblem(
        401,
        'unauthorized',
        'Cần mã truy cập hợp lệ của cổng dịch vụ công.',
        'A valid public service portal token is required.',
      ),
      'auth: portal token refused',
    );
  }
  throttle(ctx, 'portal');
}

/** Callers without credentials (enrolment, server time) are limited by address: enrolment codes must not be guessable by brute force. */
export const throttleAnonymous = (ctx: ServerContext, request: FastifyRequest): void =>
  throttle(ctx, `ip:${request.ip}`);
