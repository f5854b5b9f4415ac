/**
 * The CSP and its companion headers on every response the window receives, whatever served it: the app://
 * handler sets them itself, and this hook adds them to anything else (a devtools page, an error page), so no
 * response reaches the renderer without a policy.
 */
import type { Session } from 'electron';
import { uiSecurityHeaders } from '../host/content-security-policy';

export type HeaderSession = Pick<Session, 'webRequest'>;

export function withSecurityHeaders(
  headers: Record<string, string[] | string> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // Drop any policy already there (names are case-insensitive) so ours is the only one.
    if (Object.keys(uiSecurityHeaders).some((ours) => ours.toLowerCase() === name.toLowerCase())) continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  for (const [name, value] of Object.entries(uiSecurityHeaders)) out[name] = [value];
  return out;
}

export function enforceSecurityHeaders(session: HeaderSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
