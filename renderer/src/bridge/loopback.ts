/**
 * The loopback host's transport (electron/host): the same API map as JSON `POST /api/<method>`, and desk events
 * as server-sent events at `GET /api/events`. The clerk opens the host's launch link once; it sets an HttpOnly,
 * SameSite=Strict session cookie carrying the per-launch secret, so this page never sees or stores the secret —
 * the browser attaches it to our same-origin requests.
 */
import type { DeskApiMethod, DeskCall } from '../../../shared/api/desk-api';
import type { Result } from '../../../shared/result';
import type { DeskEvent, DeskEventListener } from '../../../shared/api/bridge';
import { deskAnsweredNonsense, deskUnreachable } from './errors';
import type { DeskTransport } from './transport';

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

export interface LoopbackOptions {
  /** The page's own origin: the host serves both the UI and the API. */
  baseUrl: string;
  fetchImpl?: typeof fetch;
  eventSourceImpl?: typeof EventSource;
  /** The host says this page's session is not its own (electron/host/transport-errors.ts): the desk restarted. */
  onSessionEnded?: () => void;
}

/** The host's refusals of a page whose launch is gone: no session secret it knows, or a page name of another launch. */
const SESSION_GONE = new Set(['unauthorized', 'forbidden_host']);

export function loopbackTransport({ baseUrl, fetchImpl, eventSourceImpl, onSessionEnded }: LoopbackOptions): DeskTransport {
  const doFetch = fetchImpl ?? fetch.bind(globalThis);
  const call = (async (method: DeskApiMethod, input: unknown) => {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      return deskUnreachable(String(error));
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return deskAnsweredNonsense(response.status);
    }
    // Transport refusals (no secret, unknown method, body too large) come as Result-shaped bodies too.
    if (!isResult(body)) return deskAnsweredNonsense(response.status);
    // The host's own refusal (401/403), not a desk answer that happens to carry such a code (a server's, passed on).
    if (!body.ok && (response.status === 401 || response.status === 403) && SESSION_GONE.has(body.error.code)) onSessionEnded?.();
    return body;
  }) as DeskCall;

  const listeners = new Set<DeskEventListener>();
  let source: EventSource | null = null;

  const open = () => {
    const Impl = eventSourceImpl ?? globalThis.EventSource;
    if (!Impl) return;
    // EventSource reconnects by itself (the host sends `retry:`) and resumes from Last-Event-ID.
    source = new Impl(`${baseUrl}/api/events`, { withCredentials: true });
    source.addEventListener('desk', (message) => {
      const event = parseDeskEvent((message as MessageEvent<string>).data);
      if (event) for (const listener of listeners) listener(event);
    });
  };

  return {
    kind: 'loopback',
    call,
    onDeskEvent(listener) {
      listeners.add(listener);
      if (!source) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}

export function parseDeskEvent(data: string): DeskEvent | null {
  try {
    const parsed = JSON.parse(data) as unknown;
    return parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string'
      ? (parsed as DeskEvent)
      : null;
  } catch {
    return null;
  }
}
