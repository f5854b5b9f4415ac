/**
 * Who may talk to the loopback host. Every decision parses the header as a URL and compares its parts; a string
 * test such as `startsWith('http://127.0.0.1')` would let `http://127.0.0.1.evil.example` through.
 */

/**
 * Names a program may use for this host (the tests, tools sending the secret header). The clerk's browser uses the
 * launch's own page host instead (see loopback-host.ts); a DNS-rebinding page arrives with its own name and is refused.
 */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost']);

/** URL parsing drops a scheme's default port, so port 80 reads back as ''. */
const portText = (port: number): string => (port === 80 ? '' : String(port));

/**
 * The name a `Host` header gives when it names our own port and nothing else (no user info, no path); otherwise
 * null. URL parsing lowercases the name, as DNS and browsers treat it.
 */
function hostNameOnOurPort(hostHeader: string | undefined, port: number): string | null {
  if (!hostHeader) return null;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return null;
  }
  const bare =
    url.username === '' && url.password === '' && url.pathname === '/' && url.search === '' && url.hash === '';
  return bare && url.port === portText(port) ? url.hostname : null;
}

/** The `Host` header must name the loopback host or this launch's page host, on our own port. */
export function isAllowedHost(hostHeader: string | undefined, port: number, pageHost: string): boolean {
  const name = hostNameOnOurPort(hostHeader, port);
  return name !== null && (LOOPBACK_NAMES.has(name) || name === pageHost);
}

/** Whether the request was addressed to this launch's page host: the only name the session cookie lives under. */
export function isPageHost(hostHeader: string | undefined, port: number, pageHost: string): boolean {
  return hostNameOnOurPort(hostHeader, port) === pageHost;
}

/**
 * A request may come without an Origin (a top-level navigation, curl, the tests); when a browser sends one it must
 * be our own page. `null` (sandboxed frames, file://, data:) is refused.
 */
export function isAllowedOrigin(originHeader: string | undefined, port: number, pageHost: string): boolean {
  if (originHeader === undefined) return true;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    url.username === '' &&
    url.password === '' &&
    (LOOPBACK_NAMES.has(url.hostname) || url.hostname === pageHost) &&
    url.port === portText(port) &&
    url.origin === originHeader.toLowerCase()
  );
}

/**
 * Fetch metadata, when the browser sends it: only our own pages (`same-origin`) or the user typing the address
 * (`none`) are served; a request made by another site is refused before it reaches the desk.
 */
export function isAllowedFetchSite(secFetchSite: string | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}

/** Reads one cookie from a Cookie header. Only our own cookie matters, so a full parser would be overkill. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
