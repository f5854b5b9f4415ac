/**
 * Pushes the publication feed to a portal's HTTPS endpoint: pages of items as JSON, retried with exponential
 * back-off and jitter on network errors, 5xx, 408 and 429; the endpoint's cursor moves only after the portal
 * acknowledged a page (2xx), so a failed run resends from where it stopped. Portals must treat an item as an
 * upsert keyed on the dossier code (the same dossier comes again whenever its public fields change).
 */
import type { Procedure } from '../../shared/domain/procedure';
import { toVnIso } from '../../shared/calendar/vn-time';
import type { SqlDriver } from '../storage/sql-driver';
import { publicationFeed } from './feed';

export interface PortalEndpoint {
  /** Names the cursor kept for this endpoint. */
  name: string;
  url: string;
  token?: string;
  /** Plain http is refused except to this machine (tests, a local relay). */
  allowLoopbackHttp?: boolean;
}

export interface PushOptions {
  procedures: readonly Procedure[];
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pageSize?: number;
  timeoutMs?: number;
}

export interface PushResult {
  sent: number;
  pages: number;
  cursor: number;
}

export class PublicationPushError extends Error {
  override name = 'PublicationPushError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly cursor: number,
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function checkEndpointUrl(endpoint: PortalEndpoint): URL {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    throw new PublicationPushError(`The portal address "${endpoint.url}" is not a valid URL.`, null, 0);
  }
  const loopbackHttp = url.protocol === 'http:' && endpoint.allowLoopbackHttp === true && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new PublicationPushError(`The portal address must use HTTPS (got ${url.protocol}//${url.host}).`, null, 0);
  }
  return url;
}

async function readCursor(driver: SqlDriver, name: string): Promise<number> {
  const row = await driver.get<{ cursor: number }>('SELECT cursor FROM publication_cursors WHERE endpoint = ?', [name]);
  return Number(row?.cursor ?? 0);
}

async function saveCursor(driver: SqlDriver, name: string, cursor: number, at: string): Promise<void> {
  await driver.run(
    'INSERT INTO publication_cursors (endpoint, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
    [name, cursor, at],
  );
}

const retriable = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** Sends everything after the endpoint's cursor; returns what was acknowledged. Throws after the last retry. */
export async function pushPublication(driver: SqlDriver, endpoint: PortalEndpoint, options: PushOptions): Promise<PushResult> {
  const url = checkEndpointUrl(endpoint);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 6;
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 60_000;
  let cursor = await readCursor(driver, endpoint.name);
  const result: PushResult = { sent: 0, pages: 0, cursor };

  for (;;) {
    const page = await publicationFeed(driver, cursor, options.pageSize ?? 500, options.procedures);
    if (page.items.length === 0) return result;
    const body = JSON.stringify({ items: page.items, cursor: page.nextCursor, sentAt: toVnIso(now()) });
    for (let attempt = 1; ; attempt++) {
      let status: number | null = null;
      let problem: string;
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        status = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) break;
        problem = `the portal answered ${status}`;
        if (!retriable(status)) throw new PublicationPushError(`Publication to ${endpoint.name} refused: ${problem}.`, status, cursor);
      } catch (e) {
        if (e instanceof PublicationPushError) throw e;
        problem = `network error (${(e as Error).name})`;
      }
      if (attempt >= maxAttempts) {
        throw new PublicationPushError(`Publication to ${endpoint.name} failed after ${attempt} attempts: ${problem}. It resumes from item ${cursor} next time.`, status, cursor);
      }
      // Full jitter: a random wait up to the exponential bound, so many servers do not retry in step.
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1))));
    }
    cursor = page.nextCursor;
    await saveCursor(driver, endpoint.name, cursor, toVnIso(now()));
    result.sent += page.items.length;
    result.pages += 1;
    result.cursor = cursor;
    if (!page.hasMore) return result;
  }
}
