/**
 * The desk's default HTTP client: Node's fetch, run in a worker thread (sync/fetch-worker.mjs). A response's
 * bytes are read from the socket and decompressed by the worker's own event loop, so they arrive while the main
 * thread is busy. Measured on a first pull (52,772 dossiers): with fetch on the main thread, each page's bytes
 * were read only in the turns between the previous page's write chunks, and the desk spent about a third of the
 * pull waiting for pages the server had already sent. The main thread gets the whole body as one transferred
 * buffer (no copy) in a standard Response, so the transport reads it as before.
 *
 * One worker per process, started on first use, kept referenced only while a request is in flight (an idle
 * desk's process may exit). A worker that dies fails its requests as "no answer" and is replaced on the next one.
 * A worker that cannot start at all (it ended before it was ready: its file missing or refused where the app
 * is installed) is not retried for ever: the requests it held and every later one use fetch on the main thread,
 * as before the worker, and the reason is logged once. Slower on a first pull, but the desk still syncs.
 */
import type { Worker } from 'node:worker_threads';
import { startRequestWorker } from './request-worker';
import type { FetchLike } from './transport';

interface Answer {
  id: number;
  status?: number;
  statusText?: string;
  headers?: [string, string][];
  body?: ArrayBuffer;
  error?: string;
}

/** Statuses whose Response may not carry a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

interface Pending {
  resolve(response: Response): void;
  reject(error: Error): void;
  /** Sends the request again with fetch on the main thread (the worker never started). */
  retryHere(): void;
}

export interface WorkerFetchOptions {
  /** The worker's file (tests give a missing one). */
  workerUrl?: URL;
  /** Told once, when the worker cannot start and requests run on the main thread instead. */
  log?: (line: string) => void;
}

export class WorkerFetch {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The worker could not start: requests use fetch on the main thread. */
  private mainThreadOnly = false;

  constructor(private readonly options: WorkerFetchOptions = {}) {}

  readonly fetch: FetchLike = (url, init) => (this.mainThreadOnly ? fetch(url, init) : this.request(url, init));

  /** Ends the worker; requests in flight fail as "no answer". */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll('closed');
    await worker?.terminate();
  }

  private request(url: string, init: RequestInit): Promise<Response> {
    const signal = init.signal ?? null;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const worker = this.running();
    const id = this.nextId++;
    const body = requestBody(init.body);
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        worker.postMessage({ abort: id });
        this.idle();
        reject(abortError(signal!));
      };
      this.pending.set(id, {
        resolve: (response) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(response);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        retryHere: () => {
          signal?.removeEventListener('abort', onAbort);
          fetch(url, init).then(resolve, reject);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage(
        { id, url, method: init.method ?? 'GET', headers: headerRecord(init.headers), body },
        body ? [body] : [],
      );
    });
  }

  /** The worker, started if none runs. */
  private running(): Worker {
    if (this.worker) return this.worker;
    const url = this.options.workerUrl ?? new URL('./fetch-worker.mjs', import.meta.url);
    const worker = startRequestWorker<Answer>(url, undefined, {
      answer: (answer) => this.answered(answer),
      // A worker that failed or ended: its requests get no answer; the next request starts a new one. One that never
      // got ready could not start here: its requests, and all later ones, go by the main thread.
      gone: (started, error) => {
        if (this.worker !== worker) return;
        this.worker = null;
        if (started) {
          this.failAll('worker ended');
          return;
        }
        this.mainThreadOnly = true;
        this.options.log?.(
          `sync: the HTTP worker could not start (${error?.name ?? 'it ended'}); requests run on the main thread`,
        );
        const waiting = [...this.pending.values()];
        this.pending.clear();
        for (const p of waiting) p.retryHere();
      },
    });
    this.worker = worker;
    return worker;
  }

  private answered(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    this.idle();
    if (answer.error !== undefined || answer.status === undefined) {
      waiting.reject(new TypeError(`fetch failed (${answer.error ?? 'no status'})`));
      return;
    }
    try {
      waiting.resolve(
        new Response(NULL_BODY.has(answer.status) ? null : answer.body ?? null, {
          status: answer.status,
          statusText: answer.statusText ?? '',
          headers: answer.headers ?? [],
        }),
      );
    } catch (e) {
      // A status the Response constructor refuses (outside 200–599): not an answer the desk can read.
      waiting.reject(e instanceof Error ? e : new TypeError(String(e)));
    }
  }

  /** No request in flight: the worker no longer keeps the process alive. */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(reason: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new TypeError(`fetch failed (${reason})`));
  }
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

/** The request body as its own ArrayBuffer, transferred to the worker (the transport sends Buffers or nothing). */
function requestBody(body: RequestInit['body']): ArrayBuffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body).buffer;
  if (ArrayBuffer.isView(body)) {
    const copy = new Uint8Array(body.byteLength);
    copy.set(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    return copy.buffer;
  }
  if (body instanceof ArrayBuffer) return body.slice(0);
  throw new TypeError('worker fetch sends only bytes or text bodies');
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

/** The process's shared instance: the sync client's default HTTP client (the first client's log is told). */
let shared: WorkerFetch | null = null;

export function workerFetch(log?: (line: string) => void): FetchLike {
  shared ??= new WorkerFetch({ log });
  return shared.fetch;
}
