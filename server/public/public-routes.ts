/**
 * The public status page on the server: GET /tra-cuu (the form; `?ma=CODE` fills the code, for a QR code on the
 * receipt that carries the address) and POST /tra-cuu (the answer). No login, no script, no personal data; rate
 * limited per address, and wrong PINs lock a code for the address that made them, or for everyone after many, counted
 * apart while the server does not hold the code yet (guess-guard.ts). Registered in its own Fastify scope so its form
 * parser touches nothing else.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Procedure } from '../../shared/domain/procedure';
import type { SqlDriver } from '../storage/sql-driver';
import { GuessGuard } from './guess-guard';
import { lookupStatus } from './lookup';
import { lookupForm, statusView } from './status-page';

export interface PublicRoutesOptions {
  driver: SqlDriver;
  procedures: () => Promise<readonly Procedure[]>;
  guard?: GuessGuard;
  /** Brings the report projection up to date before a lookup (a dossier received a minute ago must be found). */
  catchUp?: () => Promise<unknown>;
}

/**
 * One answer for a wrong PIN and for a code the server does not hold, which may be a dossier received at a desk that
 * was offline and has not sent it yet: the citizen is told so, not only that the slip may be wrong.
 */
const NOT_FOUND_MESSAGE =
  'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại mã hồ sơ và mã tra cứu trên phiếu hẹn. Hồ sơ vừa nộp có thể chưa tra cứu được ngay vì nơi tiếp nhận gửi hồ sơ lên khi có kết nối mạng; vui lòng thử lại sau.';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export async function registerPublicRoutes(app: FastifyInstance, options: PublicRoutesOptions): Promise<void> {
  const guard = options.guard ?? new GuessGuard();
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2048 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get('/tra-cuu', async (request, reply) => {
      const ma = (request.query as { ma?: unknown }).ma;
      return html(reply, 200, lookupForm(typeof ma === 'string' ? ma.slice(0, 64) : ''));
    });

    scope.post('/tra-cuu', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      // Codes are printed in upper case; phone keyboards often type lower case. One spelling, also for the lock.
      const code = typeof body.ma === 'string' ? body.ma.trim().toUpperCase().slice(0, 64) : '';
      const pin = typeof body.pin === 'string' ? body.pin : '';
      const wait = guard.takeAddress(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return html(reply, 429, lookupForm(code, `Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ${wait} giây.`));
      }
      await options.catchUp?.();
      const outcome = await lookupStatus(options.driver, code, pin, await options.procedures());
      if (outcome.kind === 'bad_input') {
        const message = outcome.field === 'code' ? 'Mã hồ sơ không đúng định dạng (ví dụ: 000.00.06.H56-231027-1001).' : 'Mã tra cứu gồm 6 chữ số in trên phiếu hẹn.';
        return html(reply, 400, lookupForm(code, message));
      }
      // After the lookup, on the count its answer names (a code held, or not yet: guess-guard.ts), and for a right
      // PIN too: a lock that let it through would tell a guesser when they had it.
      const held = outcome.kind === 'found' || outcome.codeHeld;
      const lock = guard.codeLock(request.ip, code, held);
      if (lock) {
        reply.header('retry-after', String(lock.seconds));
        const message = lock.forEveryone
          ? `Mã tra cứu của hồ sơ này đã bị nhập sai nhiều lần nên tạm thời bị khóa. Vui lòng thử lại sau ${waitInWords(lock.seconds)} hoặc liên hệ bộ phận một cửa nơi nộp hồ sơ.`
          : `Mã tra cứu của hồ sơ này đã bị nhập sai nhiều lần từ mạng này. Vui lòng thử lại sau ${waitInWords(lock.seconds)}.`;
        return html(reply, 429, lookupForm(code, message));
      }
      if (outcome.kind === 'not_found') {
        guard.recordWrongPin(request.ip, code, held);
        // Logged without the code's PIN or anything personal; the code itself is not personal data.
        request.log.info({ event: 'public_lookup_miss' }, 'public lookup: no match');
        return html(reply, 404, lookupForm(code, NOT_FOUND_MESSAGE));
      }
      return html(reply, 200, statusView(outcome.status));
    });
  });
}

/** "45 phút", "3 giờ": a lock lasts up to a day, and a citizen does not count in thousands of minutes. */
function waitInWords(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 90 ? `${minutes} phút` : `${Math.ceil(minutes / 60)} giờ`;
}
