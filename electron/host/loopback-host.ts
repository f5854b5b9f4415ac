/**
 * The desk API over HTTP on the loopback interface, so the real renderer runs in a browser (and the end-to-end
 * tests drive it there). It is the third transport over the one handler map, beside the preload bridge and the IPC
 * router: `POST /api/<method>` with the raw JSON input answers with the desk's Result, unchanged.
 *
 * Who may use it: only requests addressed to 127.0.0.1/localhost or to this launch's page host on our port (DNS
 * rebinding is refused), from no other origin, carrying the per-launch secret in the `X-Motcua-Secret` header or in
 * the session cookie that `GET /launch/<secret>` sets under the page host. See docs/decisions.md, "Electron shell and
 * transports" and "The desk's page host is unique to each launch (session 32)".
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { DeskEventSource } from '../../shared/api/bridge';
import type { DeskDispatch } from './dispatch';
import { dispatchSafely, isDeskApiMethod, unknownMethod } from './dispatch';
import { newLaunchSecret, secretMatches } from './secret';
import { isAllowedFetchSite, isAllowedHost, isAllowedOrigin, isPageHost, readCookie } from './request-guards';
import { uiSecurityHeaders } from './content-security-policy';
import type { TransportFailure } from './transport-errors';
import { failureForFastifyError, transportFailures } from './transport-errors';
import { createEventStreamHub } from './event-stream';
import { needsLaunchLinkPage, uiNotBuiltPage } from './pages';

export const LOOPBACK_ADDRESS = '127.0.0.1';
export const SECRET_HEADER = 'x-motcua-secret';
/**
 * The largest input the desk API takes is a scan sent as base64 (`attachments.import`, up to 25 MB of bytes, about
 * 35 MB of text). Bodies are read only after the secret check (Fastify parses after onRequest), so the limit is
 * open to the clerk's own page, never to an unauthenticated caller.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 40 * 1024 * 1024;
/** A caller-provided secret must be at least as strong as one we would make (32 bytes in base64url). */
const MIN_SECRET_LENGTH = 43;

/**
 * The name the clerk's browser uses for the desk, new at each launch. Cookies ignore ports, so a cookie set under
 * 127.0.0.1 went with every request to any other server on 127.0.0.1, another local account's included; a name
 * nobody else knows keeps the session cookie to this desk. Browsers resolve every `*.localhost` to loopback
 * themselves (the OS resolver may not, so programs keep using 127.0.0.1 with the secret header).
 */
const newPageHost = (): string => `m${randomBytes(12).toString('hex')}.localhost`;

export interface LoopbackHostOptions {
  dispatch: DeskDispatch;
  /** Desk events to stream at `GET /api/events`; without it the stream stays open and silent. */
  events?: DeskEventSource;
  /** 0 or absent: any free port. */
  port?: number;
  /** Absent: a fresh random one, which is what production wants. Tests pass their own. */
  secret?: string;
  /** The built renderer (Vite's output). Absent or without index.html: a plain page says the UI is not built. */
  staticDir?: string | null;
  bodyLimitBytes?: number;
}

export interface LoopbackHost {
  /** `http://127.0.0.1:PORT`: for programs that send the secret header (tests, tools), never for a browser. */
  origin: string;
  /** `http://m<24 hex>.localhost:PORT`, new at each launch: where the browser loads the UI and keeps the cookie. */
  pageOrigin: string;
  /** The address to open in a browser, under the page origin: it carries the secret once, then the cookie does. */
  url: string;
  port: number;
  secret: string;
  /** The name of the session cookie, which carries the port so two desks on one PC do not clobber each other. */
  cookieName: string;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes reachable without the secret: only the launch link, which checks the secret itself. */
    publicRoute?: boolean;
  }
}

const isApiPath = (url: string): boolean =>
  url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

function sendFailure(reply: FastifyReply, failure: TransportFailure): FastifyReply {
  return reply.code(failure.status).type('application/json; charset=utf-8').send(failure.body);
}

export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const secret = options.secret ?? newLaunchSecret();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The loopback host secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;
  // Looked at on each page load, not once at start-up: the not-built page tells the clerk to build the UI and open
  // the address again, and that must then work without restarting the desk.
  const uiBuilt = (): boolean => staticDir !== null && existsSync(path.join(staticDir, 'index.html'));

  // No logger: request lines would carry the launch secret, and bodies carry citizens' personal data.
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    forceCloseConnections: true,
  });
  // Only JSON reaches the desk; refusing text/plain also rules out "simple" cross-site form posts.
  app.removeContentTypeParser('text/plain');

  // Known once listening; no request can arrive before.
  let port = 0;
  let cookieName = '';
  let pageOrigin = '';
  const pageHost = newPageHost();
  const hub = createEventStreamHub(options.events, { ...uiSecurityHeaders });

  const onPageHost = (req: FastifyRequest): boolean => isPageHost(req.headers.host, port, pageHost);
  // The cookie counts only under the page host, where the launch sets it: one sent to 127.0.0.1 or localhost is a
  // copy that may have been caught by any other server on loopback, so it opens nothing.
  const presentedSecret = (req: FastifyRequest): string | undefined =>
    headerValue(req.headers[SECRET_HEADER]) ?? (onPageHost(req) ? readCookie(req.headers.cookie, cookieName) : undefined);

  app.addHook('onRequest', async (req, reply) => {
    if (!isAllowedHost(req.headers.host, port, pageHost)) return sendFailure(reply, transportFailures.wrongHost);
    if (
      !isAllowedOrigin(headerValue(req.headers.origin), port, pageHost) ||
      !isAllowedFetchSite(headerValue(req.headers['sec-fetch-site']))
    ) {
      return sendFailure(reply, transportFailures.wrongOrigin);
    }
    if (req.routeOptions.config.publicRoute === true) return;
    if (!secretMatches(secret, presentedSecret(req))) {
      if (isApiPath(req.url)) return sendFailure(reply, transportFailures.noSecret);
      return reply.code(401).type('text/html; charset=utf-8').send(needsLaunchLinkPage());
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.headers(uiSecurityHeaders);
    if (isApiPath(req.url) || reply.statusCode >= 400) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: { code?: string; statusCode?: number }, _req, reply) => {
    sendFailure(reply, failureForFastifyError(error.code, error.statusCode));
  });

  app.get('/launch/:secret', { config: { publicRoute: true } }, async (req, reply) => {
    const { secret: offered } = req.params as { secret: string };
    if (!secretMatches(secret, offered))
      return reply.code(401).type('text/html; charset=utf-8').send(needsLaunchLinkPage());
    // Never a cookie under 127.0.0.1 or localhost: the browser would send it to every other port there.
    if (!onPageHost(req)) return reply.code(303).header('Location', `${pageOrigin}/launch/${secret}`).send();
    // No Domain: a host-only cookie, sent back only to this launch's page host. HttpOnly: page scripts never read
    // it; SameSite=Strict: other sites' requests never carry it. No Max-Age: it ends with the browser session, and a
    // new launch has a new page host and secret anyway.
    reply.header('Set-Cookie', `${cookieName}=${secret}; Path=/; HttpOnly; SameSite=Strict`);
    return reply.code(303).header('Location', '/').send();
  });

  app.get('/api/events', (req, reply) => {
    reply.hijack();
    hub.attach(reply.raw, headerValue(req.headers['last-event-id']));
  });

  app.post('/api/:method', async (req, reply) => {
    const { method } = req.params as { method: string };
    if (!isDeskApiMethod(method)) return sendFailure(reply, { status: 404, body: unknownMethod(method) });
    // A bodiless POST means "no input"; anything sent is passed on raw and validated by the desk.
    const input = req.body === undefined ? {} : req.body;
    return reply.code(200).send(await dispatchSafely(options.dispatch, method, input));
  });

  app.route({
    method: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/:method',
    handler: async (_req, reply) => sendFailure(reply, transportFailures.methodNotAllowed),
  });

  // Registered even while the folder is missing or empty: a file not (yet) there falls through to the handler below.
  if (staticDir) await app.register(fastifyStatic, { root: staticDir, index: 'index.html', serveDotFiles: false });
  app.setNotFoundHandler((req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.url)) {
      return sendFailure(reply, transportFailures.notFound);
    }
    if (!uiBuilt()) {
      // Never kept by the browser: once the UI is built, opening the address again must show it.
      return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(uiNotBuiltPage(staticDir));
    }
    // The renderer routes on the client, so a page load of any other address is one of its screens. Judged by
    // what the browser asks for, not by the address: dossier codes contain dots and look like file names.
    const isPageLoad =
      headerValue(req.headers['sec-fetch-mode']) === 'navigate' || (headerValue(req.headers.accept) ?? '').includes('text/html');
    if (isPageLoad) return reply.sendFile('index.html');
    return sendFailure(reply, transportFailures.notFound);
  });

  await app.listen({ host: LOOPBACK_ADDRESS, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The loopback host did not get a TCP port.');
  port = address.port;
  cookieName = `motcua_session_${port}`;
  pageOrigin = `http://${pageHost}:${port}`;
  const origin = `http://${LOOPBACK_ADDRESS}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    origin,
    pageOrigin,
    url: `${pageOrigin}/launch/${secret}`,
    port,
    secret,
    cookieName,
    close() {
      closed ??= (async () => {
        hub.close();
        await app.close();
      })();
      return closed;
    },
  };
}
