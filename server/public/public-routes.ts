/**
 * The public status page on the server: GET /tra-cuu (the form; `?ma=CODE` fills the code, for a QR code on the
 * receipt that carries the address) and POST /tra-cuu (the answer). No login, no script, no personal data; rate
 * limited per address and per code. Registered in its own Fastify scope so its form parser touches nothing else.
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
      const locked = guard.codeLockedFor(code);
      if (locked > 0) {
        reply.header('retry-after', String(locked));
        return html(reply, 429, lookupForm(code, `Mã tra cứu của hồ sơ này đã bị nhập sai nhiều lần. Vui lòng thử lại sau ${Math.ceil(locked / 60)} phút.`));
      }
      await options.catchUp?.();
      const outcome = await lookupStatus(options.driver, code, pin, await options.procedures());
      if (outcome.kind === 'bad_input') {
        const message = outcome.field === 'code' ? 'Mã hồ sơ không đúng định dạng (ví dụ: 000.00.06.H56-231027-1001).' : 'Mã tra cứu gồm 6 chữ số in trên phiếu hẹn.';
        return html(reply, 400, lookupForm(code, message));
      }
      if (outcome.kind === 'not_found') {
        guard.recordWrongPin(code);
        // Logged without the code's PIN or anything personal; the code itself is not personal data.
        request.log.info({ event: 'public_lookup_miss' }, 'public lookup: no match');
        return html(reply, 404, lookupForm(code, 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại phiếu hẹn.'));
      }
      return html(reply, 200, statusView(outcome.status));
    });
  });
}
