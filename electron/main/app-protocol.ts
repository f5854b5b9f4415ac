/**
 * `app://desk/…` serves the built renderer from one folder and nothing outside it. The scheme is registered as
 * standard and secure before the app is ready (Chromium reads scheme privileges once, at start-up).
 */
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { uiSecurityHeaders } from '../host/content-security-policy';
import { uiNotBuiltPage } from '../host/pages';

export type SchemeRegistrar = Pick<Protocol, 'registerSchemesAsPrivileged'>;
export type ProtocolHandlerHost = Pick<Protocol, 'handle' | 'unhandle'>;

/** Standard (real origin, relative URLs) and secure (like https); not CSP-bypassing, not CORS-enabled. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

/** What Vite emits, and nothing else: an unknown type is served as bytes the page cannot execute. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type RendererFile = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file inside `rendererDir`. Refused: another host, undecodable or NUL-carrying paths,
 * and anything that resolves outside the folder (`..`, encoded `%2e%2e%2f`, backslashes on Windows).
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): RendererFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.hostname !== APP_HOST ||
    url.username !== '' ||
    url.password !== '' ||
    url.port !== ''
  ) {
    return { ok: false, status: 403 };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400 };
  const root = path.resolve(rendererDir);
  const relative = pathname.replace(/^[/\\]+/, '');
  const candidate = path.resolve(root, relative === '' ? 'index.html' : relative);
  const inside = path.relative(root, candidate);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return { ok: false, status: 403 };
  return { ok: true, file: candidate };
}

const mimeTypeOf = (file: string): string =>
  MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * A missing file that is not an asset type is one of the renderer's client-side screens, so it gets index.html.
 * Judged by the asset types we serve, not by "has a dot": dossier codes in addresses contain dots.
 */
const isScreenAddress = (file: string): boolean => MIME_TYPES[path.extname(file).toLowerCase()] === undefined;

async function readServable(file: string): Promise<Buffer | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? await readFile(file) : null;
  } catch {
    return null;
  }
}

export async function serveRendererRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const resolved = resolveRendererFile(rendererDir, requestUrl);
  const headers = { ...uiSecurityHeaders, 'Cache-Control': 'no-cache' };
  if (!resolved.ok) return new Response(null, { status: resolved.status, headers });
  let file = resolved.file;
  let body = await readServable(file);
  if (body === null && isScreenAddress(file)) {
    file = path.join(path.resolve(rendererDir), 'index.html');
    body = await readServable(file);
  }
  if (body === null && path.basename(file) === 'index.html') {
    return new Response(uiNotBuiltPage(rendererDir), {
      status: 200,
      headers: { ...headers, 'Content-Type': MIME_TYPES['.html']! },
    });
  }
  if (body === null) return new Response(null, { status: 404, headers });
  // readFile buffers are backed by a plain ArrayBuffer (never shared), which is what Response wants.
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...headers, 'Content-Type': mimeTypeOf(file) },
  });
}

export function handleAppProtocol(protocol: ProtocolHandlerHost, rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, (request) => serveRendererRequest(rendererDir, request.url));
  return () => protocol.unhandle(APP_SCHEME);
}
