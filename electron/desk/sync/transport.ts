/**
 * HTTP to the district server: the protocol header, the device credentials, gzip request bodies, a time limit on
 * every request, and the server's error body turned into a typed error. The fetch function is injected so tests
 * and the link emulator can sit between the desk and the server.
 */
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import type { LocalizedText } from '../../../shared/result';
import { errorBodySchema } from '../../../shared/sync/messages';
import { DEVICE_AUTH_SCHEME, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/sync/protocol';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface DeviceCredentials {
  deviceId: string;
  secret: string;
}

/** The server answered with an error status: its code and its own words for the clerk. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly details: unknown,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status} ${code}`);
    this.name = 'SyncHttpError';
  }
}

/** No answer at all: no route, refused, reset, timed out, or a body that broke off. */
export class SyncNetworkError extends Error {
  constructor(readonly kind: 'timeout' | 'network' | 'bad_response') {
    super(`sync ${kind}`);
    this.name = 'SyncNetworkError';
  }
}

export interface TransportOptions {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Aborts every request in flight when the client stops. */
  signal?: AbortSignal;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'HEAD' | 'PATCH';
  path: string;
  credentials: DeviceCredentials | null;
  /** A JSON body, sent gzip-compressed when it is worth it. */
  json?: unknown;
  /** A raw body (a blob chunk). */
  bytes?: Buffer;
  headers?: Record<string, string>;
  /** How the 2xx body must look; omitted for bodiless answers (HEAD). */
  schema?: S;
  /** Statuses that are answers, not failures (a HEAD that finds nothing is 404). */
  acceptStatus?: number[];
  /** A shorter limit than the transport's, for a request whose answer is tiny (the link probe). */
  timeoutMs?: number;
}

export interface TransportStream {
  status: number;
  headers: Headers;
  /** The body's bytes as they arrive. */
  body: AsyncIterable<Uint8Array>;
  /** Lets the connection go without reading the body (an answer the caller cannot use). */
  cancel(): Promise<void>;
}

export interface TransportResponse<T> {
  status: number;
  body: T;
  headers: Headers;
  /** Bytes of the request body as they went on the wire (compressed). */
  sentBytes: number;
  /** Round-trip time of the request, ms. */
  elapsedMs: number;
}

/** Below this a gzip header costs more than it saves. */
const GZIP_THRESHOLD = 512;

function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export class SyncTransport {
  constructor(private readonly options: TransportOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<TransportResponse<z.infer<S>>> {
    const { raw, ...answer } = await this.exchange(spec);
    let value: unknown = undefined;
    if (spec.schema) {
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(raw).toString('utf8'));
      } catch {
        throw new SyncNetworkError('bad_response');
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) throw new SyncNetworkError('bad_response');
      value = parsed.data;
    }
    return { ...answer, body: value as z.infer<S> };
  }

  /**
   * The 2xx body as bytes, unread: for a pull page, which is read and checked off the main thread
   * (sync/page-decoder.ts). Errors are handled as by `request`.
   */
  async requestBytes(spec: Omit<RequestSpec<z.ZodType>, 'schema'>): Promise<TransportResponse<ArrayBuffer>> {
    const { raw, ...answer } = await this.exchange(spec);
    return { ...answer, body: raw };
  }

  /**
   * The 2xx (or accepted) answer with its body as the bytes arrive, for a scan download: what came before the line
   * broke off is the caller's to keep (sync/blob-download.ts). A cut or the time limit ends the body with a
   * SyncNetworkError; errors before the body are handled as by `request`.
   */
  async requestStream(spec: Omit<RequestSpec<z.ZodType>, 'schema'>): Promise<TransportStream> {
    const { response, timeout } = await this.open(spec);
    return {
      status: response.status,
      headers: response.headers,
      body: bodyPieces(response, timeout),
      cancel: async () => void (await response.body?.cancel().catch(() => undefined)),
    };
  }

  /** Sends the request; a 2xx (or accepted) answer comes back with its body's bytes, an error status throws. */
  private async exchange(
    spec: Omit<RequestSpec<z.ZodType>, 'schema'>,
  ): Promise<Omit<TransportResponse<unknown>, 'body'> & { raw: ArrayBuffer }> {
    const { response, timeout, started, sentBytes } = await this.open(spec);
    let raw: ArrayBuffer;
    try {
      raw = await response.arrayBuffer();
    } catch {
      throw new SyncNetworkError(timeout.aborted ? 'timeout' : 'network');
    }
    return {
      status: response.status,
      raw,
      headers: response.headers,
      sentBytes,
      elapsedMs: performance.now() - started,
    };
  }

  /** Sends the request and waits for the answer's head; an error status (its body read) throws. */
  private async open(
    spec: Omit<RequestSpec<z.ZodType>, 'schema'>,
  ): Promise<{ response: Response; timeout: AbortSignal; started: number; sentBytes: number }> {
    const headers: Record<string, string> = {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      'accept-encoding': 'br, gzip',
      ...spec.headers,
    };
    if (spec.credentials) {
      headers.authorization = `${DEVICE_AUTH_SCHEME} ${spec.credentials.deviceId}:${spec.credentials.secret}`;
    }
    let body: Buffer | undefined;
    if (spec.json !== undefined) {
      const text = Buffer.from(JSON.stringify(spec.json), 'utf8');
      headers['content-type'] = 'application/json';
      if (text.length >= GZIP_THRESHOLD) {
        body = gzipSync(text);
        headers['content-encoding'] = 'gzip';
      } else {
        body = text;
      }
    } else if (spec.bytes) {
      body = spec.bytes;
    }

    const timeout = AbortSignal.timeout(spec.timeoutMs ?? this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
    const started = performance.now();
    let response: Response;
    try {
      response = await this.options.fetch(new URL(spec.path, this.options.baseUrl).toString(), {
        method: spec.method,
        headers,
        // A Buffer is a Uint8Array, which fetch sends as is; the DOM typings only want an ArrayBuffer-backed one.
        ...(body ? { body: body as unknown as BodyInit } : {}),
        signal,
      });
    } catch {
      // The cause (a socket error, an abort) says nothing a clerk can act on beyond "no answer".
      throw new SyncNetworkError(timeout.aborted ? 'timeout' : 'network');
    }
    const accepted = response.ok || (spec.acceptStatus ?? []).includes(response.status);
    if (!accepted) {
      let raw: ArrayBuffer;
      try {
        raw = await response.arrayBuffer();
      } catch {
        throw new SyncNetworkError(timeout.aborted ? 'timeout' : 'network');
      }
      let parsedError: z.infer<typeof errorBodySchema> | null = null;
      try {
        const candidate = errorBodySchema.safeParse(JSON.parse(Buffer.from(raw).toString('utf8')));
        if (candidate.success) parsedError = candidate.data;
      } catch {
        parsedError = null;
      }
      if (!parsedError) {
        // Not our server's error shape: a proxy's or a captive portal's page. Treat it as no answer.
        if (response.status >= 500 || response.status === 404 || response.status === 407) {
          throw new SyncNetworkError('bad_response');
        }
        throw new SyncHttpError(
          response.status,
          `http_${response.status}`,
          {
            vi: `Máy chủ trả lời lỗi ${response.status}.`,
            en: `The server answered with error ${response.status}.`,
          },
          undefined,
          retryAfterMs(response.headers),
        );
      }
      throw new SyncHttpError(
        response.status,
        parsedError.error.code,
        parsedError.error.message,
        parsedError.error.details,
        retryAfterMs(response.headers),
      );
    }
    return { response, timeout, started, sentBytes: body?.length ?? 0 };
  }
}

/** The body's pieces as they arrive; a reader that stops early (bytes it cannot use) lets the connection go. */
async function* bodyPieces(response: Response, timeout: AbortSignal): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let ended = false;
  try {
    for (;;) {
      let piece: ReadableStreamReadResult<Uint8Array>;
      try {
        piece = await reader.read();
      } catch {
        throw new SyncNetworkError(timeout.aborted ? 'timeout' : 'network');
      }
      if (piece.done) {
        ended = true;
        return;
      }
      yield piece.value;
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
  }
}
